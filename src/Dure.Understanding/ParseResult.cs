using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Dure.Understanding;

/// <summary>
/// One slot of a parse. <see cref="Value"/> is the canonical value (PRODUCT.md §5: area and device ids, numbers,
/// "HH:MM" times, ISO dates); <see cref="Spoken"/> is the name as the home file spells the thing that was said
/// (e.g. the alias "거실 불"), which Home Assistant's test suites compare against.
/// </summary>
public sealed record Slot(string Name, JsonNode Value, string? Spoken = null);

/// <summary>The understanding of one utterance.</summary>
public sealed record ParseResult
{
    public static readonly ParseResult NotUnderstood = new() { Intent = null, Confidence = 0 };

    /// <summary>The intent name (see <see cref="Intents"/>), or null when nothing matched.</summary>
    public required string? Intent { get; init; }

    public ImmutableArray<Slot> Slots { get; init; } = [];

    /// <summary>How much of the utterance the parse explains, 0 to 1.</summary>
    public double Confidence { get; init; }

    /// <summary>"ko" or "en": the language the utterance was understood in.</summary>
    public string Language { get; init; } = "ko";

    /// <summary>True when every device or area the user named was found in the home.</summary>
    public bool TargetsKnown { get; init; } = true;

    /// <summary>Words that named a device or place the home does not have (for a helpful answer).</summary>
    public string? UnknownName { get; init; }

    /// <summary>
    /// When the user meant "all of them" rather than one named device (area- or domain-wide commands).
    /// Home Assistant expresses this as the name "all".
    /// </summary>
    public bool AllTargets { get; init; }

    /// <summary>For questions: "which" (어떤), "count" (몇 개), "all" (모두 ...?), "any" (... 있어?) or null.</summary>
    public string? Quantifier { get; init; }

    /// <summary>True when the user said "all" or "everywhere" (모든, 다, 전부, all, every): act on every match.</summary>
    public bool SaidAll { get; init; }

    public Slot? this[string name] => Slots.FirstOrDefault(s => s.Name == name);

    public string? Text(string name) => this[name]?.Value is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public double? Number(string name) =>
        this[name]?.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>Device ids of the name slot: one id, or several when the name was ambiguous.</summary>
    public ImmutableArray<string> DeviceIds => this["name"]?.Value switch
    {
        JsonArray ids => [.. ids.Select(i => i!.GetValue<string>())],
        JsonValue id => [id.GetValue<string>()],
        _ => [],
    };
}
