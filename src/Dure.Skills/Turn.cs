using System.Collections.Immutable;
using System.Text.Json;
using Dure.Homes;

namespace Dure.Skills;

/// <summary>One utterance from a device, with everything the assistant needs to understand and act on it.</summary>
/// <param name="Home">The speaking device's home.</param>
/// <param name="States">Live state of the home's devices, by device id.</param>
/// <param name="DeviceId">The speaking device; its area is the default area.</param>
/// <param name="Text">What was said or typed.</param>
/// <param name="Language">"ko" or "en"; null means detect from the text.</param>
/// <param name="Now">The current instant; dates and times resolve against it in the home's time zone.</param>
public sealed record Turn(
    Home Home,
    IReadOnlyDictionary<string, DeviceState> States,
    string DeviceId,
    string Text,
    string? Language,
    DateTimeOffset Now)
{
    /// <summary>The speaking device's conversation so far (an open question, the last command).</summary>
    public DialogState Dialog { get; init; } = DialogState.Empty;

    /// <summary>The home's tenant, whose alliance routes and agents apply; null outside the platform.</summary>
    public string? TenantId { get; init; }

    /// <summary>The home's site, when the home is placed in one.</summary>
    public string? SiteId { get; init; }

    /// <summary>
    /// True when an alliance partner handed this turn to Dure (A2A, Open Floor): it is answered here and never
    /// delegated on, so two assistants cannot pass a request back and forth.
    /// </summary>
    public bool FromAlliance { get; init; }

    /// <summary>
    /// Where a reply that is written while it is spoken (the LLM agent's) sends each part — whole sentences — as soon as
    /// it is complete, with its index from 0; null when only the whole reply is wanted.
    /// </summary>
    public Func<Speech, int, CancellationToken, ValueTask>? SpeakPart { get; init; }
}

/// <summary>What the assistant decided: what to say, which devices to command, which states change.</summary>
public sealed record TurnOutcome(
    Speech Speech,
    ImmutableArray<DeviceCommand> Commands,
    ImmutableDictionary<string, DeviceState> StateChanges,
    string? Intent)
{
    /// <summary>The conversation after this turn; the platform keeps it per device and passes it to the next turn.</summary>
    public DialogState Dialog { get; init; } = DialogState.Empty;

    /// <summary>True when the answer asks something: the device should listen again (<c>Speech.ExpectSpeech</c>).</summary>
    public bool ExpectSpeech { get; init; }

    /// <summary>Other directives to send (navigation, calls ...), after the commands and before the speech.</summary>
    public ImmutableArray<DeviceDirective> Directives { get; init; } = [];

    /// <summary>
    /// Why the turn could not do what was asked although it was answered (an apology), as a stable code from
    /// <see cref="TurnErrors"/>; null when it went as asked. Counted as an error in the analytics.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>How many parts of <see cref="Speech"/> went out through <see cref="Turn.SpeakPart"/> (they join to it); 0 when none did.</summary>
    public int SpokenParts { get; init; }

    public static TurnOutcome Say(Speech speech, string? intent = null) =>
        new(speech, [], ImmutableDictionary<string, DeviceState>.Empty, intent);
}

/// <summary>Stable codes of turns that went wrong (<see cref="TurnOutcome.Error"/>, the conversation log's <c>error</c>).</summary>
public static class TurnErrors
{
    /// <summary>A weather, map or music service did not answer; the user heard an apology.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>The turn failed in the platform; the device got <c>System.Error</c> <c>internal_error</c>.</summary>
    public const string InternalError = "internal_error";
}

/// <summary>A reply to speak, in the language it is written in.</summary>
public sealed record Speech(string Text, string Language);

/// <summary>
/// A command for one device, named like a Home Assistant service: domain "light", action "turn_on",
/// params such as brightness (0-100) or color.
/// </summary>
public sealed record DeviceCommand(string DeviceId, string Domain, string Action, ImmutableDictionary<string, JsonElement> Params);

/// <summary>A protocol directive for a device: a message name (<c>Dure.Protocol.MessageNames</c>) and its payload.</summary>
public sealed record DeviceDirective(string DeviceId, string Name, JsonElement Payload);
