using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Dure.Homes;

/// <summary>
/// Reads a home from a Dure home file (YAML or JSON, see docs/home-file.md) or from a Home Assistant
/// intents test <c>_fixtures.yaml</c>. Both shapes are recognised by their keys.
/// </summary>
public static class HomeFile
{
    public static Home Load(string path) =>
        Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path).TrimStart('_'));

    public static Home Parse(string text, string fallbackId = "home")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new HomeFileException($"not valid YAML or JSON: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new HomeFileException("a home file must be a mapping with areas and devices");
        }

        var language = Scalar(root, "language") ?? "ko";
        var isHaFixture = root.Children.ContainsKey(new YamlScalarNode("entities"));
        var floors = Sequence(root, "floors").Select(n => ReadFloor(n, language)).ToList();
        var areas = Sequence(root, "areas").Select(n => ReadArea(n, language)).ToList();
        var devices = Sequence(root, isHaFixture ? "entities" : "devices")
            .Select(n => isHaFixture ? ReadHaEntity(n, language) : ReadDevice(n, language))
            .ToList();

        Validate(areas, floors, devices);
        var services = root.Children.TryGetValue(new YamlScalarNode("services"), out var section) && section is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => ToJson(kv.Value).Deserialize<JsonElement>(), StringComparer.Ordinal)
            : null;
        return new Home(Scalar(root, "id") ?? fallbackId, Scalar(root, "name") ?? fallbackId, floors, areas, devices,
            Scalar(root, "time_zone") ?? Home.DefaultTimeZone, services)
        {
            Language = language,
        };
    }

    private static Floor ReadFloor(YamlMappingNode node, string language) =>
        new(Required(node, "id"), ReadNames(node, language),
            Scalar(node, "level") is { } level ? int.Parse(level, CultureInfo.InvariantCulture) : null);

    private static Area ReadArea(YamlMappingNode node, string language) =>
        new(Required(node, "id"), ReadNames(node, language), Scalar(node, "floor"));

    private static Device ReadDevice(YamlMappingNode node, string language)
    {
        var id = Required(node, "id");
        var attributes = ReadAttributes(node);
        return new Device
        {
            Id = id,
            Domain = Scalar(node, "domain") ?? DeviceDomains.OfEntityId(id),
            Names = ReadNames(node, language),
            AreaId = Scalar(node, "area"),
            DeviceClass = Scalar(node, "device_class") ?? TextAttribute(attributes, "device_class"),
            IsGateway = Scalar(node, "gateway") is "true" or "yes",
            ControlledBy = Scalar(node, "controlled_by"),
            Exposed = Scalar(node, "exposed") is not ("false" or "no"),
            InitialState = new DeviceState(Scalar(node, "state") ?? "unknown", attributes.Remove("device_class")),
        };
    }

    private static Device ReadHaEntity(YamlMappingNode node, string language)
    {
        var id = Required(node, "id");
        var attributes = ReadAttributes(node);
        var state = node.Children.TryGetValue(new YamlScalarNode("state"), out var stateNode) ? stateNode switch
        {
            YamlScalarNode scalar => scalar.Value ?? "",
            YamlMappingNode inOut => Scalar(inOut, "out") ?? "",
            _ => "",
        } : "unknown";
        return new Device
        {
            Id = id,
            Domain = DeviceDomains.OfEntityId(id),
            Names = ReadNames(node, language),
            AreaId = Scalar(node, "area"),
            DeviceClass = TextAttribute(attributes, "device_class"),
            InitialState = new DeviceState(state, attributes.Remove("device_class")),
        };
    }

    /// <summary>
    /// Names come as <c>name: "(a|b)"</c> (a template in the file's language), <c>names: [..]</c>, or
    /// <c>names: {ko: [..], en: [..]}</c>, plus optional <c>aliases</c>.
    /// </summary>
    private static Names ReadNames(YamlMappingNode node, string language)
    {
        List<Name> names = [];
        if (Scalar(node, "name") is { } template)
        {
            names.AddRange(NameTemplate.Expand(template).Select(t => new Name(t, language)));
        }

        foreach (var key in new[] { "names", "aliases" })
        {
            if (!node.Children.TryGetValue(new YamlScalarNode(key), out var value))
            {
                continue;
            }

            switch (value)
            {
                case YamlSequenceNode list:
                    names.AddRange(Templates(list, language));
                    break;
                case YamlMappingNode byLanguage:
                    foreach (var (lang, texts) in byLanguage.Children)
                    {
                        var code = ((YamlScalarNode)lang).Value ?? language;
                        names.AddRange(texts is YamlSequenceNode seq ? Templates(seq, code)
                            : NameTemplate.Expand(((YamlScalarNode)texts).Value ?? "").Select(t => new Name(t, code)));
                    }

                    break;
                case YamlScalarNode single:
                    names.AddRange(NameTemplate.Expand(single.Value ?? "").Select(t => new Name(t, language)));
                    break;
            }
        }

        return new Names(names);
    }

    private static IEnumerable<Name> Templates(YamlSequenceNode list, string language) =>
        list.Children.OfType<YamlScalarNode>().SelectMany(s => NameTemplate.Expand(s.Value ?? "")).Select(t => new Name(t, language));

    private static ImmutableDictionary<string, JsonElement> ReadAttributes(YamlMappingNode node)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        if (node.Children.TryGetValue(new YamlScalarNode("attributes"), out var value) && value is YamlMappingNode map)
        {
            foreach (var (key, item) in map.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && item is YamlScalarNode { Value: { } text })
                {
                    builder[name] = ToJson(text, item is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain });
                }
            }
        }

        return builder.ToImmutable();
    }

    private static JsonElement ToJson(string text, bool plain) =>
        plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonSerializer.SerializeToElement(number)
            : JsonSerializer.SerializeToElement(text);

    /// <summary>A YAML subtree as JSON: plain scalars that read as numbers or booleans become those.</summary>
    private static System.Text.Json.Nodes.JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new System.Text.Json.Nodes.JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode list => new System.Text.Json.Nodes.JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Value: var text, Style: YamlDotNet.Core.ScalarStyle.Plain } when text is "true" or "false" =>
            System.Text.Json.Nodes.JsonValue.Create(text == "true"),
        YamlScalarNode { Value: var text, Style: YamlDotNet.Core.ScalarStyle.Plain } when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
            System.Text.Json.Nodes.JsonValue.Create(number),
        YamlScalarNode scalar => scalar.Value is null ? null : System.Text.Json.Nodes.JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static string? TextAttribute(ImmutableDictionary<string, JsonElement> attributes, string name) =>
        attributes.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Validate(List<Area> areas, List<Floor> floors, List<Device> devices)
    {
        var areaIds = areas.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var floorIds = floors.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        if (areaIds.Count != areas.Count)
        {
            throw new HomeFileException("two areas share an id");
        }

        if (devices.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count() != devices.Count)
        {
            throw new HomeFileException("two devices share an id");
        }

        foreach (var area in areas.Where(a => a.FloorId is not null && !floorIds.Contains(a.FloorId)))
        {
            throw new HomeFileException($"area '{area.Id}' names unknown floor '{area.FloorId}'");
        }

        foreach (var device in devices.Where(d => d.AreaId is not null && !areaIds.Contains(d.AreaId)))
        {
            throw new HomeFileException($"device '{device.Id}' names unknown area '{device.AreaId}'");
        }
    }

    private static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode seq
            ? seq.Children.OfType<YamlMappingNode>()
            : [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static string Required(YamlMappingNode node, string key) =>
        Scalar(node, key) is { Length: > 0 } value ? value : throw new HomeFileException($"an entry at line {node.Start.Line} has no '{key}'");
}

public sealed class HomeFileException : Exception
{
    public HomeFileException(string message) : base(message) { }

    public HomeFileException(string message, Exception inner) : base(message, inner) { }

    public HomeFileException() { }
}
