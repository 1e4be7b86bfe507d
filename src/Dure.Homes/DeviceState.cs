using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Dure.Homes;

/// <summary>
/// A device's live state in Home Assistant's shape: a state string ("on", "off", "open", "locked", "21.5")
/// and attributes (brightness 0-100, color, temperature, current_temperature, position, ...).
/// </summary>
public sealed record DeviceState
{
    public static readonly DeviceState Unknown = new("unknown");

    public DeviceState(string value, ImmutableDictionary<string, JsonElement>? attributes = null)
    {
        Value = value;
        Attributes = attributes ?? ImmutableDictionary<string, JsonElement>.Empty;
    }

    public string Value { get; init; }
    public ImmutableDictionary<string, JsonElement> Attributes { get; init; }

    public DeviceState WithValue(string value) => this with { Value = value };

    public DeviceState With(string attribute, double number) =>
        this with { Attributes = Attributes.SetItem(attribute, JsonSerializer.SerializeToElement(number)) };

    public DeviceState With(string attribute, string text) =>
        this with { Attributes = Attributes.SetItem(attribute, JsonSerializer.SerializeToElement(text)) };

    public double? Number(string attribute) =>
        Attributes.TryGetValue(attribute, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        } : null;

    public string? Text(string attribute) =>
        Attributes.TryGetValue(attribute, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    /// <summary>The state as a number, for sensors.</summary>
    public double? NumericValue =>
        double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool Equals(DeviceState? other) =>
        other is not null && Value == other.Value && Attributes.Count == other.Attributes.Count &&
        Attributes.All(kv => other.Attributes.TryGetValue(kv.Key, out var v) && v.GetRawText() == kv.Value.GetRawText());

    public override int GetHashCode() => HashCode.Combine(Value, Attributes.Count);
}
