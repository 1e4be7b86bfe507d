namespace Dure.Skills.Providers;

/// <summary>A place on the map.</summary>
/// <param name="Kind">"city", "port", "logistics_hub", "station", "rest_area", "gas_station", "ev_charger", "parking", ...</param>
public sealed record Place(string Name, string Kind, double Latitude, double Longitude)
{
    /// <summary>The name in the other language, when known ("Busan Port" for 부산항).</summary>
    public string? AlternateName { get; init; }
}

/// <summary>A drive from one point to a place.</summary>
public sealed record Route(Place Destination, double DistanceKm, TimeSpan Duration);

/// <summary>
/// Places, routes and nearby points of interest. Embedded default: a gazetteer of Korean cities, ports and
/// logistics hubs and a small dataset of rest areas, gas stations and EV chargers, with straight-line distance
/// and an average road speed; real adapter: a map API by URL and key.
/// </summary>
public interface IMapProvider
{
    /// <summary>The best match for a destination as said ("부산항", "Incheon Port"); null when unknown.</summary>
    Task<Place?> FindAsync(string query, double? nearLatitude, double? nearLongitude, CancellationToken cancellationToken);

    Task<Route> RouteAsync(double fromLatitude, double fromLongitude, Place destination, CancellationToken cancellationToken);

    /// <summary>The nearest points of interest of a kind ("rest_area", "gas_station", "ev_charger", "parking"), nearest first.</summary>
    Task<IReadOnlyList<(Place Place, double DistanceKm)>> NearbyAsync(string kind, double latitude, double longitude, int count, CancellationToken cancellationToken);
}
