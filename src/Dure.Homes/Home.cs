using System.Collections.Frozen;
using System.Text.Json;

namespace Dure.Homes;

/// <summary>
/// A site's static layout: floors, areas (rooms) and devices with their names in every language.
/// Immutable; live device state is kept separately in <see cref="DeviceState"/>.
/// </summary>
public sealed class Home
{
    private readonly FrozenDictionary<string, Area> _areas;
    private readonly FrozenDictionary<string, Floor> _floors;
    private readonly FrozenDictionary<string, Device> _devices;

    public Home(string id, string name, IEnumerable<Floor> floors, IEnumerable<Area> areas, IEnumerable<Device> devices,
        string timeZone = DefaultTimeZone, IReadOnlyDictionary<string, JsonElement>? services = null)
    {
        Services = services ?? new Dictionary<string, JsonElement>();
        Id = id;
        Name = name;
        TimeZone = timeZone;
        Floors = [.. floors];
        Areas = [.. areas];
        Devices = [.. devices];
        _floors = Floors.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        _areas = Areas.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        _devices = Devices.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public string Id { get; }
    public string Name { get; }

    /// <summary>The language of names the file gives without one (<c>language:</c>, default <c>ko</c>).</summary>
    public string Language { get; init; } = "ko";

    /// <summary>
    /// Per-domain service profiles from the home file's <c>services:</c> section (hotel, apartment, tv, vehicle,
    /// location ...), each read by its skill.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Services { get; }

    /// <summary>IANA time zone of the site; clock answers and alarms use it.</summary>
    public string TimeZone { get; }

    public const string DefaultTimeZone = "Asia/Seoul";

    /// <summary>The site's time zone, or UTC when the id is unknown to this machine.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    public IReadOnlyList<Floor> Floors { get; }
    public IReadOnlyList<Area> Areas { get; }
    public IReadOnlyList<Device> Devices { get; }

    public Area? FindArea(string? id) => id is not null && _areas.TryGetValue(id, out var area) ? area : null;
    public Floor? FindFloor(string? id) => id is not null && _floors.TryGetValue(id, out var floor) ? floor : null;
    public Device? FindDevice(string? id) => id is not null && _devices.TryGetValue(id, out var device) ? device : null;

    /// <summary>The device that relays control to home-network devices (a wall pad or home-network server).</summary>
    public Device? Gateway => Devices.FirstOrDefault(d => d.IsGateway);

    /// <summary>Devices that the assistant may act on (everything but the connected endpoints themselves).</summary>
    public IEnumerable<Device> Controllable => Devices.Where(d => d.Domain != DeviceDomains.AssistSatellite);

    /// <summary>The exposed devices in an area or on a floor (either null means anywhere).</summary>
    public IEnumerable<Device> DevicesIn(string? areaId, string? floorId) =>
        Controllable.Where(d => d.Exposed &&
            (areaId is null || d.AreaId == areaId) &&
            (floorId is null || FindArea(d.AreaId)?.FloorId == floorId));
}

/// <summary>A floor of a building; areas may belong to one.</summary>
public sealed record Floor(string Id, Names Names, int? Level = null);

/// <summary>An area (room) of a home.</summary>
public sealed record Area(string Id, Names Names, string? FloorId = null);

/// <summary>
/// A device as Home Assistant models an entity: a domain (light, lock, ...), an optional device class,
/// the area it sits in and names in every language.
/// </summary>
public sealed record Device
{
    public required string Id { get; init; }
    public required string Domain { get; init; }
    public required Names Names { get; init; }
    public string? AreaId { get; init; }
    public string? DeviceClass { get; init; }

    /// <summary>True for the device that relays control to the home network (wall pad, home-network server).</summary>
    public bool IsGateway { get; init; }

    /// <summary>The device that relays control to this one, when it is not the home's gateway.</summary>
    public string? ControlledBy { get; init; }

    /// <summary>False hides the device from the assistant (it still reports state).</summary>
    public bool Exposed { get; init; } = true;

    /// <summary>State the device starts with before it reports any.</summary>
    public DeviceState InitialState { get; init; } = DeviceState.Unknown;
}
