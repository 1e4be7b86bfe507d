using System.Text.Json;
using Dure.Homes;
using Dure.Protocol;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>
/// A device from zigbee2mqtt's retained device list (<c>&lt;base&gt;/bridge/devices</c>): its state is the JSON object at
/// <c>&lt;base&gt;/&lt;friendly_name&gt;</c>, commands go to <c>.../set</c>, availability comes on <c>.../availability</c>.
/// A device's "exposes" say what it is: one Dure device per light, switch, fan, cover, lock or climate expose (per
/// endpoint of a multi-gang switch), or for a plain sensor one per temperature, humidity, contact, occupancy, leak or
/// smoke reading.
/// </summary>
internal sealed class ZigbeeEntity : MqttEntity
{
    private static readonly Dictionary<string, string> SpecificTypes = new(StringComparer.Ordinal)
    {
        ["light"] = DeviceDomains.Light,
        ["switch"] = DeviceDomains.Switch,
        ["fan"] = DeviceDomains.Fan,
        ["cover"] = DeviceDomains.Cover,
        ["lock"] = DeviceDomains.Lock,
        ["climate"] = DeviceDomains.Climate,
    };

    // Readings of plain sensors: property → (domain, device class).
    private static readonly Dictionary<string, (string Domain, string DeviceClass)> SensorProperties = new(StringComparer.Ordinal)
    {
        ["temperature"] = (DeviceDomains.Sensor, "temperature"),
        ["humidity"] = (DeviceDomains.Sensor, "humidity"),
        ["contact"] = (DeviceDomains.BinarySensor, "door"),
        ["occupancy"] = (DeviceDomains.BinarySensor, "occupancy"),
        ["water_leak"] = (DeviceDomains.BinarySensor, "moisture"),
        ["smoke"] = (DeviceDomains.BinarySensor, "smoke"),
        ["gas"] = (DeviceDomains.BinarySensor, "gas"),
    };

    private readonly string _deviceTopic;
    private readonly Dictionary<string, JsonElement> _features; // feature name → its expose object
    private readonly string _fingerprint;

    private ZigbeeEntity(string deviceTopic, Dictionary<string, JsonElement> features, string fingerprint)
    {
        _deviceTopic = deviceTopic;
        _features = features;
        _fingerprint = fingerprint;
    }

    public string FriendlyName { get; private init; } = "";

    public string IeeeAddress { get; private init; } = "";

    public override string Fingerprint => _fingerprint;

    public override IReadOnlyCollection<string> Topics => [_deviceTopic, _deviceTopic + "/availability"];

    /// <summary>The Dure devices of zigbee2mqtt's device list; the coordinator, disabled and unsupported devices are left out.</summary>
    public static List<ZigbeeEntity> ParseDevices(string baseTopic, string payload)
    {
        List<ZigbeeEntity> entities = [];
        using var document = JsonDocument.Parse(payload);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return entities;
        }

        foreach (var device in document.RootElement.EnumerateArray())
        {
            if (device.ValueKind != JsonValueKind.Object || Str(device, "type") == "Coordinator" ||
                device.TryGetProperty("disabled", out var disabled) && disabled.ValueKind == JsonValueKind.True ||
                Str(device, "ieee_address") is not { Length: > 0 } ieee || Str(device, "friendly_name") is not { Length: > 0 } friendly ||
                !device.TryGetProperty("definition", out var definition) || definition.ValueKind != JsonValueKind.Object ||
                !definition.TryGetProperty("exposes", out var exposes) || exposes.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var name = HomeAssistantEntity.Clean(friendly.Replace('_', ' ').Replace('/', ' '));
            var topic = $"{baseTopic}/{friendly}";
            var specific = exposes.EnumerateArray().Where(e => Str(e, "type") is { } t && SpecificTypes.ContainsKey(t)).ToList();
            var multi = specific.Select(e => Str(e, "endpoint")).Distinct().Count() > 1;
            foreach (var expose in specific)
            {
                var endpoint = Str(expose, "endpoint");
                var features = expose.TryGetProperty("features", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(f => Str(f, "name") is not null).GroupBy(f => Str(f, "name")!).ToDictionary(g => g.Key, g => g.First().Clone(), StringComparer.Ordinal)
                    : [];
                var domain = SpecificTypes[Str(expose, "type")!];
                entities.Add(new ZigbeeEntity(topic, features, expose.GetRawText() + friendly)
                {
                    SourceKey = $"z2m:{ieee}:{endpoint}",
                    DeviceId = $"{domain}.z2m_{HomeAssistantEntity.Slug(ieee)}{(endpoint is null ? "" : "_" + HomeAssistantEntity.Slug(endpoint))}",
                    Domain = domain,
                    DeviceClass = domain == DeviceDomains.Cover ? "blind" : null,
                    Name = multi && endpoint is not null ? $"{name} {EndpointLabel(endpoint)}" : name,
                    FriendlyName = friendly,
                    IeeeAddress = ieee,
                });
            }

            if (specific.Count > 0)
            {
                continue;
            }

            foreach (var expose in exposes.EnumerateArray())
            {
                if (Str(expose, "property") is not { } property || !SensorProperties.TryGetValue(property, out var kind))
                {
                    continue;
                }

                var unit = Str(expose, "unit");
                entities.Add(new ZigbeeEntity(topic, new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["value"] = expose.Clone() },
                    expose.GetRawText() + friendly)
                {
                    SourceKey = $"z2m:{ieee}:{property}",
                    DeviceId = $"{kind.Domain}.z2m_{HomeAssistantEntity.Slug(ieee)}_{property}",
                    Domain = kind.Domain,
                    DeviceClass = kind.DeviceClass,
                    Name = name,
                    FriendlyName = friendly,
                    IeeeAddress = ieee,
                    FixedAttributes = unit is null ? Reading.Empty
                        : new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["unit_of_measurement"] = Text(unit) },
                });
            }
        }

        return entities;
    }

    /// <summary>zigbee2mqtt's groups as group name → members' IEEE addresses, from <c>&lt;base&gt;/bridge/groups</c>.</summary>
    public static Dictionary<string, HashSet<string>> ParseGroups(string payload)
    {
        var groups = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(payload);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return groups;
        }

        foreach (var group in document.RootElement.EnumerateArray())
        {
            if (Str(group, "friendly_name") is { } name && group.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array)
            {
                groups[name] = [.. members.EnumerateArray().Select(m => Str(m, "ieee_address")).OfType<string>()];
            }
        }

        return groups;
    }

    /// <summary>"online"/"offline", plain or as <c>{"state": "online"}</c>: zigbee2mqtt's availability and bridge state payloads.</summary>
    public static bool? ParseAvailability(string payload)
    {
        var text = payload.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                text = Str(document.RootElement, "state") ?? "";
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return text switch { "online" => true, "offline" => false, _ => null };
    }

    /// <summary>The same device with its area hints (the groups it belongs to).</summary>
    public ZigbeeEntity WithGroups(IReadOnlyList<string> groups) => new(_deviceTopic, _features, _fingerprint + string.Join(',', groups))
    {
        SourceKey = SourceKey,
        DeviceId = DeviceId,
        Domain = Domain,
        DeviceClass = DeviceClass,
        Name = Name,
        FriendlyName = FriendlyName,
        IeeeAddress = IeeeAddress,
        FixedAttributes = FixedAttributes,
        AreaHints = groups,
    };

    public override Reading? Read(string topic, string payload)
    {
        if (topic == _deviceTopic + "/availability")
        {
            return ParseAvailability(payload) is { } available ? Reading.Availability(available) : null;
        }

        if (topic != _deviceTopic)
        {
            return null;
        }

        JsonElement state;
        try
        {
            using var document = JsonDocument.Parse(payload);
            state = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }

        if (state.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? value = null;
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (_features.TryGetValue("value", out var sensor))
        {
            if (state.TryGetProperty(Str(sensor, "property")!, out var reading))
            {
                value = Domain == DeviceDomains.BinarySensor
                    ? reading.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? Same(reading, sensor, "value_on") ? "on" : "off"
                        : null
                    : reading.ValueKind == JsonValueKind.Number ? Invariant(reading.GetDouble()) : null;
            }

            return value is null ? null : new Reading(value, attributes, null);
        }

        if (Feature("state", out var stateFeature, out var stateProperty) && state.TryGetProperty(stateProperty, out var onOff))
        {
            value = Domain switch
            {
                DeviceDomains.Lock => onOff.ToString() switch { "LOCK" or "LOCKED" => "locked", "UNLOCK" or "UNLOCKED" => "unlocked", _ => null },
                DeviceDomains.Cover => onOff.ToString() switch { "OPEN" => "open", "CLOSE" or "CLOSED" => "closed", "STOP" => null, _ => null },
                _ => Same(onOff, stateFeature, "value_on") ? "on" : Same(onOff, stateFeature, "value_off") ? "off" : null,
            };
        }

        if (Feature("brightness", out var brightness, out var brightnessProperty) && state.TryGetProperty(brightnessProperty, out var level) &&
            level.ValueKind == JsonValueKind.Number)
        {
            attributes["brightness"] = Number(Math.Round(level.GetDouble() * 100 / Max(brightness, 254)));
        }

        if (Feature("position", out _, out var positionProperty) && state.TryGetProperty(positionProperty, out var position) &&
            position.ValueKind == JsonValueKind.Number)
        {
            attributes["position"] = Number(position.GetDouble());
            value ??= position.GetDouble() > 0 ? "open" : "closed";
        }

        if (Domain == DeviceDomains.Climate)
        {
            if (Setpoint() is { } setpoint && state.TryGetProperty(setpoint, out var target) && target.ValueKind == JsonValueKind.Number)
            {
                attributes["temperature"] = Number(target.GetDouble());
            }

            if (Feature("local_temperature", out _, out var local) && state.TryGetProperty(local, out var current) && current.ValueKind == JsonValueKind.Number)
            {
                attributes["current_temperature"] = Number(current.GetDouble());
            }

            if (Feature("system_mode", out _, out var modeProperty) && state.TryGetProperty(modeProperty, out var mode) && mode.ValueKind == JsonValueKind.String)
            {
                value = mode.GetString();
                attributes["hvac_mode"] = Text(value!);
            }
        }

        return value is null && attributes.Count == 0 ? null : new Reading(value, attributes, null);
    }

    public override IReadOnlyList<MqttOutgoing>? Command(DeviceControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var command = new Dictionary<string, object>(StringComparer.Ordinal);
        var stateProperty = Feature("state", out var stateFeature, out var property) ? property : "state";
        switch (Domain, control.Action)
        {
            case (DeviceDomains.Light or DeviceDomains.Switch or DeviceDomains.Fan, "turn_on" or "turn_off"):
                command[stateProperty] = Raw(stateFeature, control.Action == "turn_on" ? "value_on" : "value_off",
                    control.Action == "turn_on" ? "ON" : "OFF");
                if (control.Action == "turn_on" && Param(control, "brightness") is { } level &&
                    Feature("brightness", out var brightness, out var brightnessProperty))
                {
                    command[brightnessProperty] = Math.Round(level * Max(brightness, 254) / 100);
                }

                if (control.Action == "turn_on" && ColorValues.Rgb(TextParam(control, "color")) is { } rgb && _features.ContainsKey("color_xy"))
                {
                    command["color"] = new Dictionary<string, int> { ["r"] = rgb.R, ["g"] = rgb.G, ["b"] = rgb.B };
                }

                break;
            case (DeviceDomains.Lock, "lock" or "unlock"):
                command[stateProperty] = control.Action == "lock" ? "LOCK" : "UNLOCK";
                break;
            case (DeviceDomains.Cover, "open_cover" or "close_cover"):
                command[stateProperty] = control.Action == "open_cover" ? "OPEN" : "CLOSE";
                break;
            case (DeviceDomains.Cover, "set_cover_position"):
                if (Feature("position", out _, out var positionProperty))
                {
                    command[positionProperty] = Math.Round(Param(control, "position") ?? 0);
                }
                else
                {
                    command[stateProperty] = (Param(control, "position") ?? 0) > 0 ? "OPEN" : "CLOSE";
                }

                break;
            case (DeviceDomains.Climate, "turn_on" or "turn_off" or "set_temperature"):
                if (Feature("system_mode", out _, out var modeProperty) &&
                    (control.Action != "set_temperature" || TextParam(control, "hvac_mode") is not null))
                {
                    command[modeProperty] = control.Action == "turn_off" ? "off" : TextParam(control, "hvac_mode") ?? "heat";
                }

                if (control.Action == "set_temperature" && Param(control, "temperature") is { } temperature && Setpoint() is { } setpoint)
                {
                    command[setpoint] = temperature;
                }

                break;
        }

        return command.Count == 0 ? null : [new MqttOutgoing(_deviceTopic + "/set", JsonSerializer.Serialize(command))];
    }

    private bool Feature(string name, out JsonElement feature, out string property)
    {
        if (_features.TryGetValue(name, out feature) && Str(feature, "property") is { } given)
        {
            property = given;
            return true;
        }

        property = name;
        return false;
    }

    private string? Setpoint() =>
        new[] { "occupied_heating_setpoint", "current_heating_setpoint", "occupied_cooling_setpoint" }
            .Select(n => Feature(n, out _, out var p) ? p : null).FirstOrDefault(p => p is not null);

    private static double Max(JsonElement feature, double fallback) =>
        feature.TryGetProperty("value_max", out var max) && max.ValueKind == JsonValueKind.Number && max.GetDouble() > 0 ? max.GetDouble() : fallback;

    /// <summary>A binary feature's on or off value as zigbee2mqtt wants it back (a string like "ON", or a boolean).</summary>
    private static object Raw(JsonElement feature, string key, string fallback) =>
        feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty(key, out var value)
            ? value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => value.ToString() }
            : fallback;

    private static bool Same(JsonElement reading, JsonElement feature, string key) =>
        feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty(key, out var expected)
            ? reading.GetRawText() == expected.GetRawText()
            : key == "value_on" ? reading.ValueKind == JsonValueKind.True || reading.ToString() == "ON" : reading.ValueKind == JsonValueKind.False || reading.ToString() == "OFF";

    private static string EndpointLabel(string endpoint) =>
        endpoint.TrimStart('l', 'L') is { Length: > 0 } number && number.All(char.IsAsciiDigit) ? number : endpoint;

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
