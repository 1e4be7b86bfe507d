using YamlDotNet.RepresentationModel;

namespace Dure.Homes;

/// <summary>
/// Edits the text of a home file — sets its id, adds or removes a device — keeping everything else the partner wrote.
/// Each edit returns the new text, validated by <see cref="HomeFile.Parse"/>; a broken result throws
/// <see cref="HomeFileException"/> and the original stays as it was.
/// </summary>
public static class HomeFileEditor
{
    private static readonly YamlScalarNode IdKey = new("id");
    private static readonly YamlScalarNode DevicesKey = new("devices");
    private static readonly YamlScalarNode AreasKey = new("areas");

    /// <summary>Makes the file's <c>id:</c> <paramref name="homeId"/>: a home created for a space takes the space's id.</summary>
    public static string WithId(string text, string homeId)
    {
        var (stream, root) = Load(text);
        root.Children[IdKey] = new YamlScalarNode(homeId);
        return Save(stream, homeId);
    }

    /// <summary>Adds a device, given as a mapping of home-file fields (<c>id</c>, <c>domain</c>, <c>area</c>, <c>names</c> ...).</summary>
    public static string AddDevice(string text, string homeId, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return AddDevices(text, homeId, [fields]);
    }

    /// <summary>
    /// Adds several devices in one edit: the file is read, validated and written once however many devices come, which is
    /// what makes a bulk import of thousands of devices fast. Any device that cannot be added fails the whole edit.
    /// </summary>
    public static string AddDevices(string text, string homeId, IEnumerable<IReadOnlyDictionary<string, object?>> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var edit = Open(text, homeId);
        foreach (var fields in devices)
        {
            edit.AddDevice(fields);
        }

        return edit.ToText();
    }

    /// <summary>Reads a home file for several edits, which are checked against it and written with <see cref="HomeFileEdit.ToText"/>.</summary>
    public static HomeFileEdit Open(string text, string homeId)
    {
        var (stream, root) = Load(text);
        var devices = Devices(root);
        var areas = root.Children.TryGetValue(AreasKey, out var node) && node is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>().Select(IdOf).OfType<string>()
            : [];
        return new HomeFileEdit(stream, devices, homeId, devices.Children.OfType<YamlMappingNode>().Select(IdOf).OfType<string>(), areas);
    }

    /// <summary>Removes the device <paramref name="deviceId"/>; false when the file has no such device.</summary>
    public static bool TryRemoveDevice(string text, string homeId, string deviceId, out string result)
    {
        var (stream, root) = Load(text);
        var devices = Devices(root);
        var device = devices.Children.OfType<YamlMappingNode>().FirstOrDefault(d => IdOf(d) == deviceId);
        if (device is null)
        {
            result = text;
            return false;
        }

        devices.Children.Remove(device);
        result = Save(stream, homeId);
        return true;
    }

    /// <summary>
    /// Puts several devices into the file and removes others in one edit: a device whose id is there already is replaced
    /// in place, a new one is appended (or put first with <see cref="DeviceUpsert.First"/>). <paramref name="changed"/> is
    /// false, and the text returned as given, when the file already says exactly that.
    /// </summary>
    public static string EditDevices(string text, string homeId, IEnumerable<DeviceUpsert> upserts, IEnumerable<string> removals, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        var (stream, root) = Load(text);
        var devices = Devices(root);
        changed = false;
        foreach (var id in removals)
        {
            if (devices.Children.OfType<YamlMappingNode>().FirstOrDefault(d => IdOf(d) == id) is { } gone)
            {
                devices.Children.Remove(gone);
                changed = true;
            }
        }

        foreach (var upsert in upserts)
        {
            var id = upsert.Fields.TryGetValue("id", out var value) ? value as string : null;
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new HomeFileException("a device needs an id");
            }

            var node = ToNode(upsert.Fields);
            var existing = devices.Children.OfType<YamlMappingNode>().FirstOrDefault(d => IdOf(d) == id);
            var index = existing is null ? -1 : devices.Children.IndexOf(existing);
            if (existing is not null && Same(existing, node) && (!upsert.First || index == 0))
            {
                continue;
            }

            if (index >= 0)
            {
                devices.Children.RemoveAt(index);
            }

            devices.Children.Insert(upsert.First ? 0 : index >= 0 ? index : devices.Children.Count, node);
            changed = true;
        }

        return changed ? Save(stream, homeId) : text;
    }

    /// <summary>Whether two YAML trees say the same, whatever their scalar styles.</summary>
    private static bool Same(YamlNode a, YamlNode b) => (a, b) switch
    {
        (YamlScalarNode x, YamlScalarNode y) => (x.Value ?? "") == (y.Value ?? ""),
        (YamlSequenceNode x, YamlSequenceNode y) => x.Children.Count == y.Children.Count && x.Children.Zip(y.Children).All(p => Same(p.First, p.Second)),
        (YamlMappingNode x, YamlMappingNode y) => x.Children.Count == y.Children.Count &&
            x.Children.All(kv => y.Children.TryGetValue(kv.Key, out var other) && Same(kv.Value, other)),
        _ => false,
    };

    private static (YamlStream Stream, YamlMappingNode Root) Load(string text)
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

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? (stream, root)
            : throw new HomeFileException("a home file must be a mapping with areas and devices");
    }

    private static YamlSequenceNode Devices(YamlMappingNode root)
    {
        if (root.Children.ContainsKey(new YamlScalarNode("entities")))
        {
            throw new HomeFileException("a Home Assistant fixture cannot be edited; convert it to a Dure home file");
        }

        if (root.Children.TryGetValue(DevicesKey, out var node) && node is YamlSequenceNode devices)
        {
            return devices;
        }

        var created = new YamlSequenceNode();
        root.Children[DevicesKey] = created;
        return created;
    }

    internal static string? IdOf(YamlMappingNode device) =>
        device.Children.TryGetValue(IdKey, out var id) && id is YamlScalarNode scalar ? scalar.Value : null;

    internal static YamlNode ToNode(object? value) => value switch
    {
        null => new YamlScalarNode(""),
        string text => new YamlScalarNode(text) { Style = NeedsQuotes(text) ? YamlDotNet.Core.ScalarStyle.DoubleQuoted : YamlDotNet.Core.ScalarStyle.Any },
        bool flag => new YamlScalarNode(flag ? "true" : "false"),
        IFormattable number => new YamlScalarNode(number.ToString(null, System.Globalization.CultureInfo.InvariantCulture)),
        IReadOnlyDictionary<string, object?> map => new YamlMappingNode(map.Where(kv => kv.Value is not null)
            .Select(kv => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(kv.Key), ToNode(kv.Value)))),
        IEnumerable<object?> items => new YamlSequenceNode(items.Select(ToNode)),
        _ => throw new HomeFileException($"cannot write a {value.GetType().Name} into a home file"),
    };

    // "on", "off", "yes", "no" and numbers-as-text must stay strings, as the partner gave them.
    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || text is "on" or "off" or "yes" or "no" or "true" or "false" or "null" || double.TryParse(text, out _) ||
        text.IndexOfAny([':', '#', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`']) >= 0;

    internal static string Save(YamlStream stream, string homeId)
    {
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        HomeFile.Parse(text, homeId); // throws when the edit made the home invalid (unknown area, duplicate id ...)
        return text;
    }
}

/// <summary>A device for <see cref="HomeFileEditor.EditDevices"/>: its home-file fields; <c>First</c> puts it at the top of the list.</summary>
public sealed record DeviceUpsert(IReadOnlyDictionary<string, object?> Fields, bool First = false);

/// <summary>
/// A home file read once for several changes: its device and area ids to check against, devices added in memory, and
/// the text written (and validated) once at the end.
/// </summary>
public sealed class HomeFileEdit
{
    private readonly YamlStream _stream;
    private readonly YamlSequenceNode _devices;
    private readonly string _homeId;
    private readonly HashSet<string> _deviceIds;

    internal HomeFileEdit(YamlStream stream, YamlSequenceNode devices, string homeId, IEnumerable<string> deviceIds, IEnumerable<string> areaIds)
    {
        _stream = stream;
        _devices = devices;
        _homeId = homeId;
        _deviceIds = new HashSet<string>(deviceIds, StringComparer.Ordinal);
        AreaIds = new HashSet<string>(areaIds, StringComparer.Ordinal);
    }

    /// <summary>The devices' ids, those added here included.</summary>
    public IReadOnlySet<string> DeviceIds => _deviceIds;

    public IReadOnlySet<string> AreaIds { get; }

    /// <summary>Adds a device, given as home-file fields; throws when it has no id or the id is taken.</summary>
    public void AddDevice(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var id = fields.TryGetValue("id", out var value) ? value as string : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new HomeFileException("a device needs an id");
        }

        if (!_deviceIds.Add(id))
        {
            throw new HomeFileException($"the home already has a device '{id}'");
        }

        _devices.Add(HomeFileEditor.ToNode(fields));
    }

    /// <summary>The edited file; throws <see cref="HomeFileException"/> when the edits made the home invalid.</summary>
    public string ToText() => HomeFileEditor.Save(_stream, _homeId);
}
