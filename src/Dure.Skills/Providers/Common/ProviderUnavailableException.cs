namespace Dure.Skills.Providers;

/// <summary>
/// A real adapter's service did not answer usefully: unreachable, timed out, refused the key, or replied with
/// something that is not its documented shape. The skill says the service is unavailable; the caller's own
/// cancellation is never wrapped (it stays an <see cref="OperationCanceledException"/>).
/// </summary>
public sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException()
    {
    }

    public ProviderUnavailableException(string message) : base(message)
    {
    }

    public ProviderUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
