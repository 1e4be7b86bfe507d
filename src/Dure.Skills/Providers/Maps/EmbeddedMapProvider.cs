using Microsoft.Extensions.Options;

namespace Dure.Skills.Providers;

/// <summary>
/// Maps without a map service: the shipped gazetteer (<c>gazetteer.json</c>: cities, ports, logistics hubs, stations,
/// airports) and points of interest (<c>points-of-interest.json</c>: rest areas, gas stations, EV chargers, parking),
/// plus <see cref="MapProviderOptions.ExtraPlacesFile"/>. Names match exactly, then by alias, then by a small typo.
/// Routes are an estimate: straight-line distance × <see cref="MapProviderOptions.RoadFactor"/> driven at
/// <see cref="MapProviderOptions.AverageSpeedKmh"/>.
/// </summary>
public sealed class EmbeddedMapProvider : IMapProvider
{
    internal const string GazetteerResource = "gazetteer.json";
    internal const string PointsOfInterestResource = "points-of-interest.json";

    private readonly MapProviderOptions options;
    private readonly IReadOnlyList<MapEntry> entries;
    private readonly NameIndex<MapEntry> names = new();

    public EmbeddedMapProvider(IOptions<MapProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        if (this.options.RoadFactor < 1 || this.options.AverageSpeedKmh <= 0)
        {
            throw new ArgumentException("Maps: RoadFactor must be at least 1 and AverageSpeedKmh positive.", nameof(options));
        }

        var extra = string.IsNullOrWhiteSpace(this.options.ExtraPlacesFile)
            ? []
            : EmbeddedData.Load<MapFile>(this.options.ExtraPlacesFile, "").Validate(this.options.ExtraPlacesFile);
        entries =
        [
            .. extra,
            .. EmbeddedData.Load<MapFile>(null, GazetteerResource).Validate(GazetteerResource),
            .. EmbeddedData.Load<MapFile>(null, PointsOfInterestResource).Validate(PointsOfInterestResource),
        ];
        foreach (var entry in entries)
        {
            names.Add(entry, entry.Name, NameMatchKind.Name);
            names.Add(entry, entry.EnglishName, NameMatchKind.Name);
            foreach (var alias in entry.Aliases ?? [])
            {
                names.Add(entry, alias, NameMatchKind.Alias);
            }
        }
    }

    public Task<Place?> FindAsync(string query, double? nearLatitude, double? nearLongitude, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var matches = names.Find(query);
        if (matches.Count == 0)
        {
            return Task.FromResult<Place?>(null);
        }

        // Ties (two 광주, a rest area and its gas station's alias): the one nearer the asker, else the first listed.
        var best = nearLatitude is { } lat && nearLongitude is { } lon
            ? matches.MinBy(m => GeoMath.HaversineKm(lat, lon, m.Item.Latitude, m.Item.Longitude)).Item
            : matches[0].Item;
        return Task.FromResult<Place?>(best.ToPlace(english: !NameKey.HasHangul(query)));
    }

    public Task<Route> RouteAsync(double fromLatitude, double fromLongitude, Place destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Estimate(fromLatitude, fromLongitude, destination, options));
    }

    public Task<IReadOnlyList<(Place Place, double DistanceKm)>> NearbyAsync(string kind, double latitude, double longitude, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<(Place, double)> nearest = entries
            .Where(e => string.Equals(e.Kind, kind, StringComparison.OrdinalIgnoreCase))
            .Select(e => (Entry: e, DistanceKm: GeoMath.HaversineKm(latitude, longitude, e.Latitude, e.Longitude)))
            .OrderBy(e => e.DistanceKm)
            .Take(Math.Max(0, count))
            .Select(e => (e.Entry.ToPlace(english: false), e.DistanceKm))
            .ToList();
        return Task.FromResult(nearest);
    }

    /// <summary>The estimate: straight-line distance × road factor, at the average speed. Also the Kakao adapter's fallback.</summary>
    internal static Route Estimate(double fromLatitude, double fromLongitude, Place destination, MapProviderOptions options)
    {
        var distanceKm = GeoMath.HaversineKm(fromLatitude, fromLongitude, destination.Latitude, destination.Longitude) * options.RoadFactor;
        return new Route(destination, distanceKm, TimeSpan.FromSeconds(Math.Round(distanceKm / options.AverageSpeedKmh * 3600)));
    }
}

internal sealed record MapFile(List<MapEntry>? Places)
{
    public IReadOnlyList<MapEntry> Validate(string source)
    {
        if (Places is not { Count: > 0 })
        {
            throw new InvalidDataException($"{source}: no places.");
        }

        foreach (var place in Places)
        {
            if (string.IsNullOrWhiteSpace(place.Name) || string.IsNullOrWhiteSpace(place.Kind) ||
                place.Latitude is < -90 or > 90 || place.Longitude is < -180 or > 180)
            {
                throw new InvalidDataException($"{source}: every place needs a name, a kind and coordinates ({place.Name}).");
            }
        }

        return Places;
    }
}

/// <param name="Road">The expressway of a rest area, for people reading the file.</param>
internal sealed record MapEntry(string Kind, string Name, string? EnglishName, List<string>? Aliases, double Latitude, double Longitude, string? Road)
{
    /// <summary>The place named in the asker's language, with the other language's name beside it.</summary>
    public Place ToPlace(bool english) => english && EnglishName is not null
        ? new Place(EnglishName, Kind, Latitude, Longitude) { AlternateName = Name }
        : new Place(Name, Kind, Latitude, Longitude) { AlternateName = EnglishName };
}
