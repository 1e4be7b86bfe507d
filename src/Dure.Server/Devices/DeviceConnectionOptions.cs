namespace Dure.Server.Devices;

/// <summary>
/// How much a device's connection may hold back (<c>Dure:Devices</c>). A device that stops reading its socket is closed
/// instead of growing the server's memory; its directives stay in the outbox for its next connection.
/// </summary>
public sealed class DeviceConnectionOptions
{
    public const string Section = "Dure:Devices";

    /// <summary>Messages waiting to be written to one device; one more closes the connection.</summary>
    public int MaxQueuedMessages { get; set; } = 256;

    /// <summary>How long writing one message may wait for the device to read before the connection is closed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
