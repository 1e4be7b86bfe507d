namespace Dure.Platform.Storage;

/// <summary>The database does not answer (down, restarting, unreachable); the call may succeed when tried again.</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
