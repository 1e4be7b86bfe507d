using System.Globalization;
using System.Text.Json;
using Dure.Protocol;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>A message the bridge publishes for a command.</summary>
internal readonly record struct MqttOutgoing(string Topic, string Payload, bool Retain = false);

/// <summary>
/// What one message on an entity's topics says: a state (Dure's words: on, off, open, locked ...), attributes
/// (brightness 0-100, position, temperature ...), and/or whether the device is available.
/// </summary>
internal sealed record Reading(string? State, IReadOnlyDictionary<string, JsonElement> Attributes, bool? Available)
{
    public static Reading Availability(bool available) => new(null, Empty, available);

    public static readonly IReadOnlyDictionary<string, JsonElement> Empty = new Dictionary<string, JsonElement>();
}

/// <summary>
/// One device found on a broker, from a Home Assistant discovery config or zigbee2mqtt's device list: how Dure names
/// it, which topics tell its state, and how a <c>Device.Control</c> becomes messages on its command topics.
/// </summary>
internal abstract class MqttEntity
{
    /// <summary>What identifies the entity at its source (a discovery topic, an IEEE address and endpoint): the same source replaces it.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The Dure device id, derived from the entity's unique id so that rediscovery finds the same device.</summary>
    public required string DeviceId { get; init; }

    public required string Domain { get; init; }

    public string? DeviceClass { get; init; }

    /// <summary>The name as the source gives it (templates characters removed).</summary>
    public required string Name { get; init; }

    /// <summary>Where the source says the device is: Home Assistant's suggested area, zigbee2mqtt's groups.</summary>
    public IReadOnlyList<string> AreaHints { get; init; } = [];

    /// <summary>Attributes the config fixes (unit of measurement, temperature range), reported with every state.</summary>
    public IReadOnlyDictionary<string, JsonElement> FixedAttributes { get; init; } = Reading.Empty;

    /// <summary>Topics to subscribe to for this entity's state and availability.</summary>
    public abstract IReadOnlyCollection<string> Topics { get; }

    /// <summary>The messages that carry out a control; null when the entity cannot do it.</summary>
    public abstract IReadOnlyList<MqttOutgoing>? Command(DeviceControl control);

    /// <summary>What a message on one of <see cref="Topics"/> says; null when it says nothing Dure uses.</summary>
    public abstract Reading? Read(string topic, string payload);

    /// <summary>Whether two discoveries describe the entity identically (a rediscovery after a reconnect changes nothing).</summary>
    public abstract string Fingerprint { get; }

    protected static JsonElement Number(double value) => JsonSerializer.SerializeToElement(Math.Round(value, 2));

    protected static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value);

    protected static string Invariant(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    protected static double? Parse(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    protected static double? Param(DeviceControl control, string name) =>
        control.Params.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    protected static string? TextParam(DeviceControl control, string name) =>
        control.Params.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Dure's color names (the understanding's canonical ids) as RGB, for lights that take a color.</summary>
internal static class ColorValues
{
    public static (int R, int G, int B)? Rgb(string? color) => color switch
    {
        "red" => (255, 0, 0),
        "orange" => (255, 127, 0),
        "yellow" => (255, 255, 0),
        "green" => (0, 255, 0),
        "blue" => (0, 0, 255),
        "purple" => (128, 0, 255),
        "pink" => (255, 105, 180),
        "white" => (255, 255, 255),
        "warm_white" => (255, 180, 107),
        "cyan" => (0, 255, 255),
        _ => null,
    };
}
