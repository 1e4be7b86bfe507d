using Dure.Skills.Services;

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

/// <summary>A <c>Home.Event</c> as validated by the gateway session; <c>DataJson</c> is the event's data object.</summary>
[GenerateSerializer, Immutable, Alias("Dure.HomeEventData")]
public sealed record HomeEventData(
    [property: Id(0)] string Type,
    [property: Id(1)] string DataJson,
    [property: Id(2)] DateTimeOffset? At);

/// <summary>
/// Something to say on devices without being asked: to <c>DeviceId</c>, or when null to every talking device of the home.
/// <c>Language</c> fixes the language; when null each device hears it in the language it last spoke.
/// </summary>
[GenerateSerializer, Immutable, Alias("Dure.Announcement")]
public sealed record Announcement(
    [property: Id(0)] string Korean,
    [property: Id(1)] string English,
    [property: Id(2)] string? DeviceId = null,
    [property: Id(3)] string? Language = null);

/// <summary>
/// The assistant's answer to an agent (MCP, A2A, Open Floor) rather than to a device: what it says, the intent, whether
/// it awaits an answer (a question, a confirmation), and <c>Problem</c> when the request could not be taken at all.
/// </summary>
[GenerateSerializer, Immutable, Alias("Dure.AgentReply")]
public sealed record AgentReply(
    [property: Id(0)] string Text,
    [property: Id(1)] string Language,
    [property: Id(2)] string? Intent,
    [property: Id(3)] bool ExpectsAnswer,
    [property: Id(4)] bool NeedsConfirmation,
    [property: Id(5)] string? Problem = null,
    [property: Id(6)] string? Error = null)
{
    public static AgentReply Refused(string problem) => new("", "en", null, false, false, problem);
}

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

    /// <summary>Closes the socket because the device's token was rotated or revoked. Must not block.</summary>
    [Alias("Revoke")]
    Task Revoke();
}

/// <summary>One device (key <c>{homeId}/{deviceId}</c>): its connection and its durable directive outbox.</summary>
[Alias("Dure.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Stores the directive until acknowledged or expired, and pushes it when the device is connected.</summary>
    [Alias("Send")]
    Task Send(Directive directive);

    /// <summary>Pushes an ephemeral directive (<c>MessageNames.Ephemeral</c>) to the live connection, if any; never stored or redelivered.</summary>
    [Alias("SendNow")]
    Task SendNow(Directive directive);

    [Alias("Acknowledge")]
    Task Acknowledge(string directiveId);

    /// <summary>Makes <paramref name="connection"/> the device's connection (closing any older one) and pushes what is pending.</summary>
    [Alias("Connect")]
    Task Connect(string connectionId, IDeviceConnection connection);

    [Alias("Disconnect")]
    Task Disconnect(string connectionId);

    /// <summary>Closes the live connection, if any, because the token it connected with no longer holds.</summary>
    [Alias("Revoke")]
    Task Revoke();
}

/// <summary>One home (key: home id): its layout and device states, and the turns spoken in it.</summary>
[Alias("Dure.IHomeGrain")]
public interface IHomeGrain : IGrainWithStringKey
{
    /// <summary>Runs one turn; directives go out through the devices' grains. Returns a problem instead of throwing for bad input.</summary>
    /// <remarks>
    /// <paramref name="receivedAt"/> is when the session read the event: arbitration compares devices' utterances by it,
    /// not by when the home gets to them.
    /// </remarks>
    [Alias("Recognize")]
    Task<ProtocolProblem?> Recognize(string deviceId, string text, string? language, string eventId, DateTimeOffset receivedAt);

    [Alias("ReportState")]
    Task<ProtocolProblem?> ReportState(string reporterId, StateReport report);

    /// <summary>The home's layout as home-file text, for what needs the whole home outside the grain (a speech grammar).</summary>
    [Alias("Layout")]
    Task<string> Layout();

    /// <summary>Stores a <c>Home.Event</c> and acts on it (announces the elevator, tracks driving).</summary>
    [Alias("ReportEvent")]
    Task<ProtocolProblem?> ReportEvent(string reporterId, HomeEventData homeEvent);

    [Alias("Announce")]
    Task Announce(Announcement announcement);

    /// <summary>Reads the layout and the devices' credentials again after the partner changed them; deactivates when the home is gone.</summary>
    [Alias("Reload")]
    Task Reload();

    /// <summary>
    /// Runs words a scheduled item carries ("10분 뒤에 거실 불 꺼줘") as a turn of <paramref name="deviceId"/>, answered
    /// without <c>replyTo</c>. One-way, so the schedule grain never waits on a home that may be scheduling.
    /// </summary>
    [Alias("RunScheduled"), Orleans.Concurrency.OneWay]
    Task RunScheduled(string deviceId, string text, string language);

    /// <summary>
    /// Runs words an agent sends as a turn of <paramref name="deviceId"/> (its room is the context), in the agent's own
    /// conversation <paramref name="conversationId"/>: commands go to the devices, the answer comes back here and is not
    /// spoken on the device. <paramref name="fromAlliance"/> keeps a request handed over by another assistant from being
    /// handed on.
    /// </summary>
    [Alias("Ask")]
    Task<AgentReply> Ask(string deviceId, string text, string? language, string conversationId, bool fromAlliance);

    /// <summary>
    /// Carries out one device action (<c>Dure.Skills.SmartHome.DeviceActions</c>); a risky one without
    /// <paramref name="confirmed"/> is refused with <see cref="AgentReply.NeedsConfirmation"/>.
    /// </summary>
    [Alias("Act")]
    Task<AgentReply> Act(string targetId, string action, double? value, bool confirmed, string? language);
}

/// <summary>One home's timers, alarms, reminders and wake-up calls (key: home id); fires them on their devices.</summary>
[Alias("Dure.IScheduleGrain")]
public interface IScheduleGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task<Scheduled> Add(Scheduled item);

    [Alias("Update")]
    Task<bool> Update(Scheduled item);

    [Alias("Remove")]
    Task<bool> Remove(string id);

    [Alias("List")]
    Task<Scheduled[]> List();

    /// <summary>Activates the grain, which fires what is overdue and arms its timer and reminder.</summary>
    [Alias("Wake")]
    Task Wake();
}

/// <summary>How a <see cref="Scheduled"/> (a Skills record without Orleans attributes) crosses grain calls.</summary>
[GenerateSerializer, Alias("Dure.ScheduledSurrogate")]
public struct ScheduledSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public int Kind;
    [Id(2)] public string DeviceId;
    [Id(3)] public DateTimeOffset Due;
    [Id(4)] public string Announcement;
    [Id(5)] public string Language;
    [Id(6)] public string? Label;
    [Id(7)] public string? Message;
    [Id(8)] public TimeSpan? Length;
    [Id(9)] public TimeSpan? PausedRemaining;
    [Id(10)] public string? AreaId;
    [Id(11)] public string? Command;
}

[RegisterConverter]
public sealed class ScheduledConverter : IConverter<Scheduled, ScheduledSurrogate>
{
    public Scheduled ConvertFromSurrogate(in ScheduledSurrogate surrogate) =>
        new(surrogate.Id, (ScheduleKind)surrogate.Kind, surrogate.DeviceId, surrogate.Due, surrogate.Announcement, surrogate.Language)
        {
            Label = surrogate.Label,
            Message = surrogate.Message,
            Length = surrogate.Length,
            PausedRemaining = surrogate.PausedRemaining,
            AreaId = surrogate.AreaId,
            Command = surrogate.Command,
        };

    public ScheduledSurrogate ConvertToSurrogate(in Scheduled value) => new()
    {
        Id = value.Id,
        Kind = (int)value.Kind,
        DeviceId = value.DeviceId,
        Due = value.Due,
        Announcement = value.Announcement,
        Language = value.Language,
        Label = value.Label,
        Message = value.Message,
        Length = value.Length,
        PausedRemaining = value.PausedRemaining,
        AreaId = value.AreaId,
        Command = value.Command,
    };
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
