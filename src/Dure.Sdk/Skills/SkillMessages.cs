using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dure.Sdk.Skills;

/// <summary>
/// What Dure POSTs to a skill's webhook (docs/custom-skills.md). <c>Intent</c> is null when the skill was only
/// opened ("별자리친구 열어줘") or the words match none of its intents; <c>Text</c> then carries them.
/// </summary>
public sealed record SkillRequest(
    string Version,
    string RequestId,
    DateTimeOffset Timestamp,
    string SkillId,
    string TenantId,
    string SiteId,
    string HomeId,
    string DeviceId,
    string Lang,
    string Text,
    SkillRequestIntent? Intent,
    SkillRequestSession Session);

/// <summary>The skill intent Dure's model of the skill recognised, its slots (declared values where they match) and its confidence (0-1).</summary>
public sealed record SkillRequestIntent(string Name, Dictionary<string, string> Slots, double Confidence);

/// <summary>The conversation: <c>New</c> on its first turn; <c>Attributes</c> are what the skill returned as <c>sessionAttributes</c> last.</summary>
public sealed record SkillRequestSession(string Id, bool New, Dictionary<string, JsonElement> Attributes);

/// <summary>
/// A skill's answer: what to say, optional directives, and whether the conversation ends. With <c>EndSession</c> false
/// the device listens again and its next utterance comes to the skill, with <c>SessionAttributes</c>.
/// </summary>
public sealed record SkillResponse(
    SkillSpeech Speech,
    IReadOnlyList<SkillDirective>? Directives = null,
    bool EndSession = true,
    Dictionary<string, JsonElement>? SessionAttributes = null)
{
    public static SkillResponse Say(string text, string? lang = null) => new(new SkillSpeech(text, lang));

    /// <summary>Says something, keeps listening, and remembers <paramref name="attributes"/> for the next turn.</summary>
    public static SkillResponse Ask(string text, Dictionary<string, JsonElement>? attributes = null, string? lang = null) =>
        new(new SkillSpeech(text, lang), EndSession: false, SessionAttributes: attributes);
}

/// <summary>What the device says; <c>Lang</c> ("ko" or "en") defaults to the request's.</summary>
public sealed record SkillSpeech(string Text, string? Lang = null);

/// <summary>
/// A protocol directive for a device of the home: <c>Device.Control</c>, <c>Speech.Speak</c>, <c>Alert.Start</c>,
/// <c>Navigation.Start</c> or <c>Navigation.Stop</c>, with the payload docs/protocol.md gives it. <c>Device</c> defaults
/// to the speaking device.
/// </summary>
public sealed record SkillDirective(string Name, JsonElement Payload, string? Device = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SkillRequest))]
[JsonSerializable(typeof(SkillResponse))]
public sealed partial class SkillJson : JsonSerializerContext;
