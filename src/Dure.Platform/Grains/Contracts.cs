namespace Dure.Platform.Grains;

/// <summary>A directive on its way to a device; the payload is the protocol payload as JSON text.</summary>
[GenerateSerializer, Immutable, Alias("Dure.Directive")]
public sealed record Directive(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? ReplyTo,
    [property: Id(3)] string PayloadJson);

/// <summary>A device state reported by a device or a gateway; attributes as a JSON object text.</summary>
[GenerateSerializer, Immutable, Alias("Dure.StateReport")]
public sealed record StateReport(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string State,
    [property: Id(2)] string? AttributesJson);

/// <summary>A problem to tell the device about, with a stable code from <c>Dure.Protocol.ErrorCodes</c>.</summary>
[GenerateSerializer, Immutable, Alias("Dure.ProtocolProblem")]
public sealed record ProtocolProblem(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message);

/// <summary>The live connection of a device, implemented by its WebSocket session and reached through Orleans.</summary>
[Alias("Dure.IDeviceConnection")]
public interface IDeviceConnection : IGrainObserver
{
    /// <summary>Queues directives for writing to the socket, in the given order. Must not block.</summary>
    [Alias("Deliver")]
    Task Deliver(Directive[] directives);

    /// <summary>Closes the socket because another connection of the same device replaced it. Must not block.</summary>
    [Alias("Replace")]
    Task Replace();
}

/// <summary>One device (key <c>{homeId}/{deviceId}</c>): its connection and its durable directive outbox.</summary>
[Alias("Dure.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Stores the directive until acknowledged or expired, and pushes it when the device is connected.</summary>
    [Alias("Send")]
    Task Send(Directive directive);

    [Alias("Acknowledge")]
    Task Acknowledge(string directiveId);

    /// <summary>Makes <paramref name="connection"/> the device's connection (closing any older one) and pushes what is pending.</summary>
    [Alias("Connect")]
    Task Connect(string connectionId, IDeviceConnection connection);

    [Alias("Disconnect")]
    Task Disconnect(string connectionId);
}

/// <summary>One home (key: home id): its layout and device states, and the turns spoken in it.</summary>
[Alias("Dure.IHomeGrain")]
public interface IHomeGrain : IGrainWithStringKey
{
    /// <summary>Runs one turn; directives go out through the devices' grains. Returns a problem instead of throwing for bad input.</summary>
    [Alias("Recognize")]
    Task<ProtocolProblem?> Recognize(string deviceId, string text, string? language, string eventId);

    [Alias("ReportState")]
    Task<ProtocolProblem?> ReportState(string reporterId, StateReport report);
}

public static class DeviceKey
{
    public static string Of(string homeId, string deviceId) => $"{homeId}/{deviceId}";

    public static (string HomeId, string DeviceId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"not a device key: {key}", nameof(key));
    }
}
