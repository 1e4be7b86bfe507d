using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dure.Skills.Providers;

/// <summary>
/// Maps from Kakao: places and points of interest from the Kakao Local API (<c>/v2/local/search/keyword.json</c>,
/// <c>/v2/local/search/category.json</c>), drives from the Kakao Mobility navigation API (<c>/v1/directions</c>),
/// both with <c>Authorization: KakaoAK {ApiKey}</c>. Coordinates are WGS84; Kakao writes them x = longitude, y = latitude.
/// </summary>
public sealed class KakaoMapProvider : IMapProvider
{
    public const string HttpClientName = "Dure.Providers.Kakao";

    private const string Service = "Kakao";
    private const int MaxPageSize = 15; // Kakao Local's largest page

    private readonly IHttpClientFactory clients;
    private readonly MapProviderOptions options;
    private readonly ILogger logger;

    public KakaoMapProvider(IHttpClientFactory clients, IOptions<MapProviderOptions> options, ILogger<KakaoMapProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        this.clients = clients;
        this.options = options.Value;
        this.logger = logger ?? NullLogger<KakaoMapProvider>.Instance;
        if (string.IsNullOrWhiteSpace(this.options.ApiKey))
        {
            throw new ArgumentException($"{MapProviderOptions.Section}:ApiKey is required for the kakao provider.", nameof(options));
        }
    }

    public async Task<Place?> FindAsync(string query, double? nearLatitude, double? nearLongitude, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        // With the asker's position Kakao still ranks by accuracy, but among equals a nearer branch comes first.
        var reply = await GetAsync<LocalReply>(ProviderHttp.Url(ProviderHttp.Combine(options.SearchUrl, "v2/local/search/keyword.json"),
            ("query", query.Trim()), ("x", nearLongitude), ("y", nearLatitude), ("size", 1)), cancellationToken).ConfigureAwait(false);
        return reply.Documents is [var first, ..] ? first.ToPlace(kind: null) : null;
    }

    public async Task<Route> RouteAsync(double fromLatitude, double fromLongitude, Place destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var reply = await GetAsync<DirectionsReply>(ProviderHttp.Url(ProviderHttp.Combine(options.DirectionsUrl, "v1/directions"),
            ("origin", Point(fromLongitude, fromLatitude)), ("destination", Point(destination.Longitude, destination.Latitude)),
            ("priority", "RECOMMEND"), ("car_type", options.CarType), ("summary", "true")), cancellationToken).ConfigureAwait(false);
        if (reply.Routes is [{ ResultCode: 0, Summary: { } summary }, ..])
        {
            return new Route(destination, summary.Distance / 1000.0, TimeSpan.FromSeconds(summary.Duration));
        }

        // Kakao found no drive (origin off any road, a ferry-only island, origin and destination within 5 m):
        // the straight-line estimate still lets the assistant answer "about N km".
        var route = reply.Routes is [var failed, ..] ? failed : null;
        logger.LogInformation("Kakao directions to {Destination}: {Code} {Message}; answering with the estimate.",
            destination.Name, route?.ResultCode, route?.ResultMessage);
        return EmbeddedMapProvider.Estimate(fromLatitude, fromLongitude, destination, options);
    }

    public async Task<IReadOnlyList<(Place Place, double DistanceKm)>> NearbyAsync(string kind, double latitude, double longitude, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        // Gas stations and parking are Kakao categories; rest areas and EV chargers are not, so they are searched by keyword.
        (string Path, string Name, string Value)? search = kind switch
        {
            "gas_station" => ("v2/local/search/category.json", "category_group_code", "OL7"),
            "parking" => ("v2/local/search/category.json", "category_group_code", "PK6"),
            "rest_area" => ("v2/local/search/keyword.json", "query", "휴게소"),
            "ev_charger" => ("v2/local/search/keyword.json", "query", "전기차충전소"),
            _ => null,
        };
        if (search is not { } s || count <= 0)
        {
            return [];
        }

        var reply = await GetAsync<LocalReply>(ProviderHttp.Url(ProviderHttp.Combine(options.SearchUrl, s.Path),
            (s.Name, s.Value), ("x", longitude), ("y", latitude), ("radius", Math.Clamp(options.NearbyRadiusMeters, 0, 20_000)),
            ("sort", "distance"), ("size", Math.Min(count, MaxPageSize))), cancellationToken).ConfigureAwait(false);
        return (reply.Documents ?? [])
            .Select(d => d.ToPlace(kind) is { } place
                ? (Place: place, DistanceKm: double.TryParse(d.Distance, NumberStyles.Float, CultureInfo.InvariantCulture, out var metres)
                    ? metres / 1000
                    : GeoMath.HaversineKm(latitude, longitude, place.Latitude, place.Longitude))
                : default)
            .Where(p => p.Place is not null)
            .OrderBy(p => p.DistanceKm)
            .Take(count)
            .ToList();
    }

    private async Task<T> GetAsync<T>(string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", "KakaoAK " + options.ApiKey);
        return await ProviderHttp.SendAsync<T>(clients.CreateClient(HttpClientName), Service, request, cancellationToken).ConfigureAwait(false);
    }

    private static string Point(double longitude, double latitude) =>
        string.Create(CultureInfo.InvariantCulture, $"{longitude},{latitude}");

    private sealed record LocalReply(List<LocalDocument>? Documents);

    private sealed record LocalDocument(
        [property: JsonPropertyName("place_name")] string? PlaceName,
        [property: JsonPropertyName("category_group_code")] string? CategoryGroupCode,
        [property: JsonPropertyName("category_name")] string? CategoryName,
        string? X,
        string? Y,
        string? Distance)
    {
        /// <summary>The place, of the kind asked for or the kind its Kakao category says; null when malformed.</summary>
        public Place? ToPlace(string? kind) =>
            string.IsNullOrWhiteSpace(PlaceName) ||
            !double.TryParse(X, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) ||
            !double.TryParse(Y, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                ? null
                : new Place(PlaceName, kind ?? KindOf(CategoryGroupCode, CategoryName), latitude, longitude);

        // Kakao's category path ("교통,수송 > 교통시설 > 고속도로휴게소") in Dure's kinds.
        private static string KindOf(string? group, string? category) => (group, category ?? "") switch
        {
            ("OL7", _) => "gas_station",
            ("PK6", _) => "parking",
            (_, var c) when c.Contains("휴게소", StringComparison.Ordinal) => "rest_area",
            (_, var c) when c.Contains("공항", StringComparison.Ordinal) => "airport",
            (_, var c) when c.Contains("충전소", StringComparison.Ordinal) => "ev_charger",
            (_, var c) when c.Contains("항구", StringComparison.Ordinal) || c.Contains("항만", StringComparison.Ordinal) => "port",
            (_, var c) when c.Contains("물류", StringComparison.Ordinal) => "logistics_hub",
            ("SW8", _) => "station",
            (_, var c) when c.Contains("기차역", StringComparison.Ordinal) || c.Contains("철도", StringComparison.Ordinal) => "station",
            _ => "place",
        };
    }

    private sealed record DirectionsReply(List<DirectionsRoute>? Routes);

    private sealed record DirectionsRoute(
        [property: JsonPropertyName("result_code")] int ResultCode,
        [property: JsonPropertyName("result_msg")] string? ResultMessage,
        DirectionsSummary? Summary);

    /// <param name="Distance">Metres.</param>
    /// <param name="Duration">Seconds.</param>
    private sealed record DirectionsSummary(double Distance, double Duration);
}
