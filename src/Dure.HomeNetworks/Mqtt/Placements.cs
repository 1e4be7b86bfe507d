using Dure.Homes;
using Dure.HomeNetworks.Gateways;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>
/// Where a discovered device goes and what the home file says about it. The home is the bridge's, unless one of the
/// device's area hints (Home Assistant's suggested area, a zigbee2mqtt group, the start of its name) is a key of the
/// settings' <c>areas</c> map. The area is the one the map names, else the home's area whose id or name matches a hint,
/// else the area whose name begins the device's name ("거실 조명" is in 거실).
/// </summary>
internal static class Placements
{
    public static (string HomeId, string? AreaId)? Resolve(MqttEntity entity, MqttSettings settings, IReadOnlyDictionary<string, Home> homes)
    {
        var mapping = settings.Areas.ToDictionary(a => Key(a.Key), a => a.Value, StringComparer.Ordinal);
        var hints = entity.AreaHints.ToList();
        foreach (var hint in hints.Concat(Prefixes(entity.Name)))
        {
            if (mapping.TryGetValue(Key(hint), out var placement) && (placement.HomeId ?? settings.HomeId) is { } mappedHome &&
                homes.TryGetValue(mappedHome, out var mapped))
            {
                var areaId = placement.AreaId is { } given && mapped.FindArea(given) is not null ? given : MatchArea(entity, hints, mapped);
                return (mappedHome, areaId);
            }
        }

        return settings.HomeId is { } homeId && homes.TryGetValue(homeId, out var home) ? (homeId, MatchArea(entity, hints, home)) : null;
    }

    /// <summary>The device as home-file fields: names in the language they are written in, and one in the other language from area and kind.</summary>
    public static Dictionary<string, object?> Fields(MqttEntity entity, string? areaId, Home home)
    {
        var language = entity.Name.Any(IsHangul) ? "ko" : entity.Name.Any(char.IsAsciiLetter) ? "en" : home.Language;
        var names = new Dictionary<string, object?>(StringComparer.Ordinal) { [language] = new List<object?> { entity.Name } };
        var other = language == "ko" ? "en" : "ko";
        if (home.FindArea(areaId) is { } area && area.Names.In(other).FirstOrDefault() is { } areaName && Kind(entity, other) is { } kind)
        {
            names[other] = new List<object?> { $"{areaName} {kind}" };
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = entity.DeviceId,
            ["domain"] = entity.Domain,
            ["device_class"] = entity.DeviceClass,
            ["area"] = areaId,
            ["names"] = names,
            ["controlled_by"] = BridgeDevices.MqttBridge,
        };
    }

    private static string? MatchArea(MqttEntity entity, IReadOnlyList<string> hints, Home home)
    {
        foreach (var hint in hints)
        {
            var key = Key(hint);
            if (home.Areas.FirstOrDefault(a => Key(a.Id) == key || a.Names.All.Any(n => Key(n.Text) == key)) is { } area)
            {
                return area.Id;
            }
        }

        var name = Key(entity.Name);
        return home.Areas
            .SelectMany(a => a.Names.All.Select(n => (Area: a, Name: Key(n.Text))))
            .Where(a => a.Name.Length > 0 && name.StartsWith(a.Name, StringComparison.Ordinal) && name.Length > a.Name.Length)
            .OrderByDescending(a => a.Name.Length)
            .Select(a => a.Area.Id)
            .FirstOrDefault();
    }

    /// <summary>"거실 천장 조명" → "거실", "거실 천장": the leading words of a name, which may name an area in the mapping.</summary>
    private static IEnumerable<string> Prefixes(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var count = 1; count < words.Length; count++)
        {
            yield return string.Join(' ', words.Take(count));
        }
    }

    /// <summary>Names compare without case, spaces, underscores or hyphens ("Living Room" = "living_room").</summary>
    private static string Key(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-'))).ToLowerInvariant();

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';

    private static string? Kind(MqttEntity entity, string language)
    {
        (string Ko, string En)? kind = (entity.Domain, entity.DeviceClass) switch
        {
            (DeviceDomains.Light, _) => ("조명", "Light"),
            (DeviceDomains.Switch, _) => ("스위치", "Switch"),
            (DeviceDomains.Fan, _) => ("선풍기", "Fan"),
            (DeviceDomains.Cover, "curtain") => ("커튼", "Curtain"),
            (DeviceDomains.Cover, "window") => ("창문", "Window"),
            (DeviceDomains.Cover, "garage") => ("차고 문", "Garage Door"),
            (DeviceDomains.Cover, _) => ("블라인드", "Blind"),
            (DeviceDomains.Lock, _) => ("도어락", "Door Lock"),
            (DeviceDomains.Climate, _) => ("온도 조절기", "Thermostat"),
            (DeviceDomains.Valve, "gas") => ("가스 밸브", "Gas Valve"),
            (DeviceDomains.Valve, "water") => ("수도 밸브", "Water Valve"),
            (DeviceDomains.Valve, _) => ("밸브", "Valve"),
            (DeviceDomains.Sensor, "temperature") => ("온도 센서", "Temperature Sensor"),
            (DeviceDomains.Sensor, "humidity") => ("습도 센서", "Humidity Sensor"),
            (DeviceDomains.BinarySensor, "door" or "window" or "opening") => ("문 센서", "Door Sensor"),
            (DeviceDomains.BinarySensor, "motion" or "occupancy") => ("동작 감지 센서", "Motion Sensor"),
            (DeviceDomains.BinarySensor, "moisture") => ("누수 센서", "Leak Sensor"),
            (DeviceDomains.BinarySensor, "smoke") => ("연기 감지기", "Smoke Detector"),
            (DeviceDomains.BinarySensor, "gas") => ("가스 감지기", "Gas Detector"),
            (DeviceDomains.Sensor or DeviceDomains.BinarySensor, _) => ("센서", "Sensor"),
            _ => null,
        };
        return kind is { } k ? language == "ko" ? k.Ko : k.En : null;
    }
}
