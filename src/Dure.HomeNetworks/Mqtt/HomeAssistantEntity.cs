using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dure.Homes;
using Dure.Protocol;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>
/// A device announced by Home Assistant MQTT discovery: a retained JSON config at
/// <c>&lt;prefix&gt;/&lt;component&gt;/[&lt;node_id&gt;/]&lt;object_id&gt;/config</c>, with abbreviated keys and the <c>~</c> base
/// topic expanded. Supports the components light (default and json schemas), switch, fan, cover, lock, climate, valve,
/// sensor and binary_sensor, with their command, state, availability, brightness, color, position and temperature topics.
/// </summary>
internal sealed class HomeAssistantEntity : MqttEntity
{
    public static readonly IReadOnlySet<string> Components = new HashSet<string>(StringComparer.Ordinal)
    {
        DeviceDomains.Light, DeviceDomains.Switch, DeviceDomains.Fan, DeviceDomains.Cover, DeviceDomains.Lock, DeviceDomains.Climate,
        DeviceDomains.Valve, DeviceDomains.Sensor, DeviceDomains.BinarySensor,
    };

    // The abbreviations of the keys Dure reads (Home Assistant accepts both forms).
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["avty"] = "availability",
        ["avty_mode"] = "availability_mode",
        ["avty_t"] = "availability_topic",
        ["avty_tpl"] = "availability_template",
        ["bri_cmd_t"] = "brightness_command_topic",
        ["bri_cmd_tpl"] = "brightness_command_template",
        ["bri_scl"] = "brightness_scale",
        ["bri_stat_t"] = "brightness_state_topic",
        ["bri_val_tpl"] = "brightness_value_template",
        ["cmd_t"] = "command_topic",
        ["cmd_tpl"] = "command_template",
        ["curr_temp_t"] = "current_temperature_topic",
        ["curr_temp_tpl"] = "current_temperature_template",
        ["dev"] = "device",
        ["dev_cla"] = "device_class",
        ["max_temp"] = "max_temp",
        ["min_temp"] = "min_temp",
        ["mode_cmd_t"] = "mode_command_topic",
        ["mode_cmd_tpl"] = "mode_command_template",
        ["mode_stat_t"] = "mode_state_topic",
        ["mode_stat_tpl"] = "mode_state_template",
        ["modes"] = "modes",
        ["obj_id"] = "object_id",
        ["on_cmd_type"] = "on_command_type",
        ["pl_avail"] = "payload_available",
        ["pl_cls"] = "payload_close",
        ["pl_lock"] = "payload_lock",
        ["pl_not_avail"] = "payload_not_available",
        ["pl_off"] = "payload_off",
        ["pl_on"] = "payload_on",
        ["pl_open"] = "payload_open",
        ["pl_stop"] = "payload_stop",
        ["pl_unlk"] = "payload_unlock",
        ["pos_clsd"] = "position_closed",
        ["pos_open"] = "position_open",
        ["pos_t"] = "position_topic",
        ["pos_tpl"] = "position_template",
        ["pow_cmd_t"] = "power_command_topic",
        ["ret"] = "retain",
        ["rgb_cmd_t"] = "rgb_command_topic",
        ["rgb_cmd_tpl"] = "rgb_command_template",
        ["set_pos_t"] = "set_position_topic",
        ["set_pos_tpl"] = "set_position_template",
        ["stat_clsd"] = "state_closed",
        ["stat_closing"] = "state_closing",
        ["stat_locked"] = "state_locked",
        ["stat_off"] = "state_off",
        ["stat_on"] = "state_on",
        ["stat_open"] = "state_open",
        ["stat_opening"] = "state_opening",
        ["stat_t"] = "state_topic",
        ["stat_unlocked"] = "state_unlocked",
        ["stat_val_tpl"] = "state_value_template",
        ["t"] = "topic",
        ["temp_cmd_t"] = "temperature_command_topic",
        ["temp_cmd_tpl"] = "temperature_command_template",
        ["temp_stat_t"] = "temperature_state_topic",
        ["temp_stat_tpl"] = "temperature_state_template",
        ["uniq_id"] = "unique_id",
        ["unit_of_meas"] = "unit_of_measurement",
        ["val_tpl"] = "value_template",
    };

    private static readonly Dictionary<string, string> DeviceAbbreviations = new(StringComparer.Ordinal)
    {
        ["ids"] = "identifiers",
        ["mf"] = "manufacturer",
        ["mdl"] = "model",
        ["sa"] = "suggested_area",
        ["name"] = "name",
    };

    private readonly Dictionary<string, JsonElement> _config;
    private readonly List<(string Topic, Func<string, Reading?> Read)> _roles = [];
    private readonly List<(string Topic, string Available, string NotAvailable, string? Template)> _availability = [];
    private readonly Dictionary<string, bool> _availabilityByTopic = new(StringComparer.Ordinal);
    private readonly string _fingerprint;

    private HomeAssistantEntity(Dictionary<string, JsonElement> config, string fingerprint)
    {
        _config = config;
        _fingerprint = fingerprint;
    }

    public override string Fingerprint => _fingerprint;

    public override IReadOnlyCollection<string> Topics =>
        [.. _roles.Select(r => r.Topic).Concat(_availability.Select(a => a.Topic)).Distinct(StringComparer.Ordinal)];

    /// <summary>True for a config topic under <paramref name="prefix"/>; gives its component and the path that identifies it.</summary>
    public static bool IsConfigTopic(string prefix, string topic, out string component, out string node, out string objectId)
    {
        component = node = objectId = "";
        if (!topic.StartsWith(prefix + "/", StringComparison.Ordinal) || !topic.EndsWith("/config", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = topic[(prefix.Length + 1)..^"/config".Length].Split('/');
        if (parts.Length is not (2 or 3) || parts.Any(p => p.Length == 0))
        {
            return false;
        }

        component = parts[0];
        node = parts.Length == 3 ? parts[1] : "";
        objectId = parts[^1];
        return true;
    }

    /// <summary>The entity a config describes, or why Dure leaves it out.</summary>
    public static (HomeAssistantEntity? Entity, string? Skipped) Parse(string topic, string component, string node, string objectId, string payload,
        bool zigbee2MqttToo)
    {
        if (!Components.Contains(component))
        {
            return (null, $"component '{component}' is not one Dure controls");
        }

        Dictionary<string, JsonElement> config;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "the config is not a JSON object");
            }

            config = Expand(document.RootElement);
        }
        catch (JsonException e)
        {
            return (null, $"the config is not JSON: {e.Message}");
        }

        var device = config.TryGetValue("device", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
        if (zigbee2MqttToo && device is { } dev && dev.TryGetProperty("identifiers", out var ids) &&
            (ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray().Select(i => i.ToString()) : [ids.ToString()])
                .Any(i => i.StartsWith("zigbee2mqtt_", StringComparison.Ordinal)))
        {
            return (null, "zigbee2mqtt publishes this device, and Dure reads zigbee2mqtt's own device list");
        }

        var uniqueId = Text(config, "unique_id") ?? (node.Length > 0 ? $"{node}_{objectId}" : objectId);
        var entityName = config.TryGetValue("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } en ? en : null;
        var deviceName = device is { } dn && dn.TryGetProperty("name", out var dname) && dname.ValueKind == JsonValueKind.String ? dname.GetString() : null;
        var name = (entityName, deviceName) switch
        {
            (null, { Length: > 0 } only) => only,
            ({ } e, { Length: > 0 } dv) when !e.StartsWith(dv, StringComparison.Ordinal) => $"{dv} {e}",
            ({ } e, _) => e,
            _ => objectId.Replace('_', ' '),
        };
        var area = device is { } da && da.TryGetProperty("suggested_area", out var sa) && sa.ValueKind == JsonValueKind.String ? sa.GetString() : null;
        var fixedAttributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var key in new[] { "unit_of_measurement", "min_temp", "max_temp" })
        {
            if (config.TryGetValue(key, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                fixedAttributes[key] = value.Clone();
            }
        }

        var entity = new HomeAssistantEntity(config, payload)
        {
            SourceKey = "ha:" + topic,
            DeviceId = $"{component}.mqtt_{Slug(uniqueId)}",
            Domain = component,
            DeviceClass = Text(config, "device_class"),
            Name = Clean(name),
            AreaHints = area is { Length: > 0 } ? [area] : [],
            FixedAttributes = fixedAttributes,
        };
        return entity.Build() is { } problem ? (null, problem) : (entity, null);
    }

    /// <summary>A stable Dure id part from a unique id: lower-case letters, digits and underscores, hashed when long.</summary>
    public static string Slug(string uniqueId)
    {
        var builder = new StringBuilder(uniqueId.Length);
        foreach (var c in uniqueId.ToLowerInvariant())
        {
            var keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep || (builder.Length > 0 && builder[^1] != '_'))
            {
                builder.Append(keep ? c : '_');
            }
        }

        var slug = builder.ToString().Trim('_');
        if (slug.Length is 0 or > 40)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uniqueId)))[..10];
            slug = (slug.Length > 0 ? slug[..Math.Min(slug.Length, 28)] + "_" : "") + hash;
        }

        return slug;
    }

    /// <summary>Home-file names treat ( | ) [ ] as template syntax: a discovered name keeps none of them.</summary>
    public static string Clean(string name) =>
        string.Join(' ', name.Split(['(', ')', '[', ']', '|', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Trim() is { Length: > 0 } cleaned ? cleaned : "?";

    private static Dictionary<string, JsonElement> Expand(JsonElement root)
    {
        var config = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            config[Abbreviations.GetValueOrDefault(property.Name, property.Name)] = property.Value.Clone();
        }

        var baseTopic = Text(config, "~");
        foreach (var key in config.Keys.Where(k => k.EndsWith("_topic", StringComparison.Ordinal)).ToList())
        {
            if (Text(config, key) is { } value)
            {
                config[key] = JsonSerializer.SerializeToElement(WithBase(value, baseTopic));
            }
        }

        if (config.TryGetValue("device", out var device) && device.ValueKind == JsonValueKind.Object)
        {
            config["device"] = JsonSerializer.SerializeToElement(device.EnumerateObject()
                .ToDictionary(p => DeviceAbbreviations.GetValueOrDefault(p.Name, p.Name), p => p.Value, StringComparer.Ordinal));
        }

        if (config.TryGetValue("availability", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            config["availability"] = JsonSerializer.SerializeToElement(list.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object)
                .Select(a => a.EnumerateObject().ToDictionary(p => Abbreviations.GetValueOrDefault(p.Name, p.Name),
                    p => p.Name is "t" or "topic" && p.Value.ValueKind == JsonValueKind.String
                        ? JsonSerializer.SerializeToElement(WithBase(p.Value.GetString()!, baseTopic))
                        : p.Value, StringComparer.Ordinal))
                .ToList());
        }

        return config;
    }

    private static string WithBase(string topic, string? baseTopic) => baseTopic is null ? topic
        : topic.StartsWith('~') ? baseTopic + topic[1..]
        : topic.EndsWith('~') ? topic[..^1] + baseTopic
        : topic;

    private static string? Text(Dictionary<string, JsonElement> config, string key) =>
        config.TryGetValue(key, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;

    private string? S(string key) => Text(_config, key);

    private string S(string key, string fallback) => Text(_config, key) ?? fallback;

    private double N(string key, double fallback) => Parse(S(key)) ?? fallback;

    private bool IsJsonSchema => S("schema") == "json";

    /// <summary>Sets up the topics each role reads; returns why the config is unusable, or null.</summary>
    private string? Build()
    {
        if (Domain == DeviceDomains.Light && S("schema") is { } schema && schema is not ("json" or "default" or "basic"))
        {
            return $"light schema '{schema}' is not supported (use default or json)";
        }

        if (Domain is DeviceDomains.Light or DeviceDomains.Switch or DeviceDomains.Fan or DeviceDomains.Lock && S("command_topic") is null)
        {
            return $"a {Domain} needs a command_topic";
        }

        if (Domain is DeviceDomains.Sensor or DeviceDomains.BinarySensor && S("state_topic") is null)
        {
            return $"a {Domain} needs a state_topic";
        }

        ReadAvailability();
        switch (Domain)
        {
            case DeviceDomains.Light when IsJsonSchema:
                Role("state_topic", ReadJsonLight);
                break;
            case DeviceDomains.Light:
                Role("state_topic", payload => OnOff(ValueTemplate.Render(S("state_value_template"), payload), S("payload_on", "ON"), S("payload_off", "OFF")));
                Role("brightness_state_topic", payload => Parse(ValueTemplate.Render(S("brightness_value_template"), payload)) is { } level
                    ? Attribute("brightness", Math.Round(level * 100 / N("brightness_scale", 255))) : null);
                break;
            case DeviceDomains.Switch or DeviceDomains.Fan or DeviceDomains.BinarySensor:
                var template = Domain == DeviceDomains.Fan ? S("state_value_template") : S("value_template");
                Role("state_topic", payload => OnOff(ValueTemplate.Render(template, payload),
                    S("state_on", S("payload_on", "ON")), S("state_off", S("payload_off", "OFF"))));
                break;
            case DeviceDomains.Sensor:
                Role("state_topic", payload => ValueTemplate.Render(S("value_template"), payload) is { Length: > 0 } value
                    ? new Reading(value, Reading.Empty, null) : null);
                break;
            case DeviceDomains.Lock:
                Role("state_topic", payload => Map(ValueTemplate.Render(S("value_template"), payload),
                    (S("state_locked", "LOCKED"), "locked"), (S("state_unlocked", "UNLOCKED"), "unlocked"), (S("state_jammed", "JAMMED"), "jammed"),
                    (S("state_locking", "LOCKING"), "locking"), (S("state_unlocking", "UNLOCKING"), "unlocking")));
                break;
            case DeviceDomains.Cover:
                Role("state_topic", payload => Map(ValueTemplate.Render(S("value_template"), payload),
                    (S("state_open", "open"), "open"), (S("state_closed", "closed"), "closed"), (S("state_opening", "opening"), "opening"),
                    (S("state_closing", "closing"), "closing"), (S("state_stopped", "stopped"), "open")));
                Role("position_topic", payload => Position(ValueTemplate.Render(S("position_template"), payload)));
                break;
            case DeviceDomains.Valve:
                Role("state_topic", payload => S("reports_position") == "true"
                    ? Position(ValueTemplate.Render(S("value_template"), payload))
                    : Map(ValueTemplate.Render(S("value_template"), payload), (S("state_open", "open"), "open"), (S("state_closed", "closed"), "closed"),
                        (S("state_opening", "opening"), "opening"), (S("state_closing", "closing"), "closing")));
                break;
            case DeviceDomains.Climate:
                Role("mode_state_topic", payload => ValueTemplate.Render(S("mode_state_template"), payload) is { Length: > 0 } mode
                    ? new Reading(mode, new Dictionary<string, JsonElement> { ["hvac_mode"] = Text(mode) }, null) : null);
                Role("temperature_state_topic", payload => Parse(ValueTemplate.Render(S("temperature_state_template"), payload)) is { } target
                    ? Attribute("temperature", target) : null);
                Role("current_temperature_topic", payload => Parse(ValueTemplate.Render(S("current_temperature_template"), payload)) is { } current
                    ? Attribute("current_temperature", current) : null);
                break;
        }

        return null;
    }

    private void Role(string key, Func<string, Reading?> read)
    {
        if (S(key) is { Length: > 0 } topic)
        {
            _roles.Add((topic, read));
        }
    }

    private void ReadAvailability()
    {
        if (_config.TryGetValue("availability", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                var entry = item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                if (Text(entry, "topic") is { } topic)
                {
                    _availability.Add((topic, Text(entry, "payload_available") ?? "online", Text(entry, "payload_not_available") ?? "offline",
                        Text(entry, "value_template")));
                }
            }
        }
        else if (S("availability_topic") is { } topic)
        {
            _availability.Add((topic, S("payload_available", "online"), S("payload_not_available", "offline"), S("availability_template")));
        }
    }

    public override Reading? Read(string topic, string payload)
    {
        Reading? merged = null;
        foreach (var (roleTopic, read) in _roles)
        {
            if (roleTopic == topic && read(payload) is { } reading)
            {
                merged = merged is null ? reading : new Reading(reading.State ?? merged.State,
                    merged.Attributes.Concat(reading.Attributes).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal), null);
            }
        }

        foreach (var (availabilityTopic, available, notAvailable, template) in _availability)
        {
            if (availabilityTopic != topic)
            {
                continue;
            }

            var value = ValueTemplate.Render(template, payload);
            if (value == available || value == notAvailable)
            {
                _availabilityByTopic[topic] = value == available;
                var mode = S("availability_mode", "latest");
                var now = mode switch
                {
                    "all" => _availability.All(a => _availabilityByTopic.GetValueOrDefault(a.Topic, false)),
                    "any" => _availabilityByTopic.Values.Any(v => v),
                    _ => value == available,
                };
                merged = (merged ?? new Reading(null, Reading.Empty, null)) with { Available = now };
            }
        }

        return merged;
    }

    public override IReadOnlyList<MqttOutgoing>? Command(DeviceControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        var retain = S("retain") == "true";
        List<MqttOutgoing> messages = [];
        void Send(string? topic, string? payload)
        {
            if (topic is not null && payload is not null)
            {
                messages.Add(new MqttOutgoing(topic, payload, retain));
            }
        }

        switch (Domain, control.Action)
        {
            case (DeviceDomains.Light, "turn_on") when IsJsonSchema:
                Send(S("command_topic"), JsonLightCommand(control, on: true));
                break;
            case (DeviceDomains.Light, "turn_off") when IsJsonSchema:
                Send(S("command_topic"), JsonLightCommand(control, on: false));
                break;
            case (DeviceDomains.Light, "turn_on"):
                var brightness = Param(control, "brightness");
                var onFirst = S("on_command_type") == "first" || S("brightness_command_topic") is null;
                var onPayload = ValueTemplate.Command(S("command_template"), S("payload_on", "ON"));
                if (onFirst || brightness is null)
                {
                    Send(S("command_topic"), onPayload);
                }

                if (brightness is { } level && S("brightness_command_topic") is { } brightnessTopic)
                {
                    Send(brightnessTopic, ValueTemplate.Command(S("brightness_command_template"), Invariant(Math.Round(level * N("brightness_scale", 255) / 100))));
                }

                if (ColorValues.Rgb(TextParam(control, "color")) is { } rgb && S("rgb_command_topic") is { } rgbTopic)
                {
                    Send(rgbTopic, ValueTemplate.Command(S("rgb_command_template"), $"{rgb.R},{rgb.G},{rgb.B}"));
                }

                if (!onFirst && brightness is not null && S("on_command_type") != "brightness")
                {
                    Send(S("command_topic"), onPayload); // "last", Home Assistant's default: the level first, then on
                }

                break;
            case (DeviceDomains.Light or DeviceDomains.Switch or DeviceDomains.Fan, "turn_on" or "turn_off"):
                Send(S("command_topic"), ValueTemplate.Command(S("command_template"),
                    control.Action == "turn_on" ? S("payload_on", "ON") : S("payload_off", "OFF")));
                break;
            case (DeviceDomains.Lock, "lock" or "unlock"):
                Send(S("command_topic"), ValueTemplate.Command(S("command_template"),
                    control.Action == "lock" ? S("payload_lock", "LOCK") : S("payload_unlock", "UNLOCK")));
                break;
            case (DeviceDomains.Cover, "open_cover" or "close_cover"):
                Send(S("command_topic"), control.Action == "open_cover" ? S("payload_open", "OPEN") : S("payload_close", "CLOSE"));
                break;
            case (DeviceDomains.Cover, "set_cover_position"):
                var position = Param(control, "position") ?? 0;
                if (S("set_position_topic") is { } setPosition)
                {
                    var closed = N("position_closed", 0);
                    var scaled = closed + (N("position_open", 100) - closed) * position / 100;
                    Send(setPosition, ValueTemplate.Command(S("set_position_template"), Invariant(Math.Round(scaled))));
                }
                else
                {
                    Send(S("command_topic"), position > 0 ? S("payload_open", "OPEN") : S("payload_close", "CLOSE"));
                }

                break;
            case (DeviceDomains.Valve, "open_valve" or "close_valve" or "set_valve_position"):
                var target = control.Action switch { "open_valve" => 100, "close_valve" => 0, _ => Param(control, "position") ?? 0 };
                Send(S("command_topic"), ValueTemplate.Command(S("command_template"), S("reports_position") == "true"
                    ? Invariant(N("position_closed", 0) + (N("position_open", 100) - N("position_closed", 0)) * target / 100)
                    : target > 0 ? S("payload_open", "OPEN") : S("payload_close", "CLOSE")));
                break;
            case (DeviceDomains.Climate, "turn_on" or "turn_off"):
                if (S("power_command_topic") is { } power)
                {
                    Send(power, control.Action == "turn_on" ? S("payload_on", "ON") : S("payload_off", "OFF"));
                }
                else
                {
                    Send(S("mode_command_topic"), ValueTemplate.Command(S("mode_command_template"),
                        control.Action == "turn_off" ? "off" : TextParam(control, "hvac_mode") ?? DefaultMode()));
                }

                break;
            case (DeviceDomains.Climate, "set_temperature"):
                if (Param(control, "temperature") is { } temperature)
                {
                    Send(S("temperature_command_topic"), ValueTemplate.Command(S("temperature_command_template"), Invariant(temperature)));
                }

                if (TextParam(control, "hvac_mode") is { } mode)
                {
                    Send(S("mode_command_topic"), ValueTemplate.Command(S("mode_command_template"), mode));
                }

                break;
        }

        return messages.Count > 0 ? messages : null;
    }

    private string DefaultMode()
    {
        var modes = _config.TryGetValue("modes", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(m => m.ToString()).ToList()
            : ["auto", "off", "cool", "heat", "dry", "fan_only"];
        return modes.Contains("heat") ? "heat" : modes.FirstOrDefault(m => m != "off") ?? "heat";
    }

    private string JsonLightCommand(DeviceControl control, bool on)
    {
        var command = new Dictionary<string, object> { ["state"] = on ? "ON" : "OFF" };
        if (on && Param(control, "brightness") is { } level)
        {
            command["brightness"] = Math.Round(level * N("brightness_scale", 255) / 100);
        }

        if (on && ColorValues.Rgb(TextParam(control, "color")) is { } rgb)
        {
            command["color"] = new Dictionary<string, int> { ["r"] = rgb.R, ["g"] = rgb.G, ["b"] = rgb.B };
        }

        return JsonSerializer.Serialize(command);
    }

    private Reading? ReadJsonLight(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var state = root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String
                ? OnOff(s.GetString(), "ON", "OFF")?.State : null;
            var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (root.TryGetProperty("brightness", out var b) && b.ValueKind == JsonValueKind.Number)
            {
                attributes["brightness"] = Number(Math.Round(b.GetDouble() * 100 / N("brightness_scale", 255)));
            }

            return state is null && attributes.Count == 0 ? null : new Reading(state, attributes, null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Reading? OnOff(string? value, string on, string off) =>
        value == on ? new Reading("on", Reading.Empty, null) : value == off ? new Reading("off", Reading.Empty, null) : null;

    private static Reading? Map(string? value, params (string From, string To)[] table) =>
        table.FirstOrDefault(t => t.From == value) is { From: not null } hit ? new Reading(hit.To, Reading.Empty, null) : null;

    private Reading? Position(string? text)
    {
        if (Parse(text) is not { } raw)
        {
            return null;
        }

        var closed = N("position_closed", 0);
        var open = N("position_open", 100);
        var percent = open == closed ? 0 : Math.Clamp((raw - closed) * 100 / (open - closed), 0, 100);
        return new Reading(percent > 0 ? "open" : "closed", new Dictionary<string, JsonElement> { ["position"] = Number(Math.Round(percent)) }, null);
    }

    private static Reading Attribute(string name, double value) =>
        new(null, new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [name] = Number(value) }, null);
}
