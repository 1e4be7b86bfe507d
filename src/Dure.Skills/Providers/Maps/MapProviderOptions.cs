namespace Dure.Skills.Providers;

/// <summary>Configuration section <c>Dure:Providers:Maps</c>.</summary>
public sealed class MapProviderOptions
{
    public const string Section = "Dure:Providers:Maps";
    public const string Embedded = "embedded";
    public const string Kakao = "kakao";

    /// <summary><c>embedded</c> (the shipped gazetteer and points of interest) or <c>kakao</c>.</summary>
    public string Provider { get; set; } = Embedded;

    /// <summary>A places file in the gazetteer's format whose places are added to the embedded ones (and win ties): a fleet's own depots.</summary>
    public string? ExtraPlacesFile { get; set; }

    /// <summary>Road distance over straight-line distance for the embedded route estimate (roads wind: about 1.3 in Korea).</summary>
    public double RoadFactor { get; set; } = 1.3;

    /// <summary>The average speed of the embedded route estimate, km/h (expressway and town driving together).</summary>
    public double AverageSpeedKmh { get; set; } = 70;

    /// <summary>Kakao Local API base (keyword and category search).</summary>
    public string SearchUrl { get; set; } = "https://dapi.kakao.com";

    /// <summary>Kakao Mobility navigation API base (car directions).</summary>
    public string DirectionsUrl { get; set; } = "https://apis-navi.kakaomobility.com";

    /// <summary>The Kakao REST API key, sent as <c>Authorization: KakaoAK {key}</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Kakao Mobility's car_type (1 passenger car … 4 large truck, 5 special truck, 6 compact, 7 motorcycle); unset, the service's default.</summary>
    public int? CarType { get; set; }

    /// <summary>How far around the vehicle Kakao searches for points of interest, metres (Kakao allows at most 20,000).</summary>
    public int NearbyRadiusMeters { get; set; } = 20_000;

    /// <summary>How long one call to the map service may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
