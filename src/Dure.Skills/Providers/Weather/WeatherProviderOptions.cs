namespace Dure.Skills.Providers;

/// <summary>Configuration section <c>Dure:Providers:Weather</c>.</summary>
public sealed class WeatherProviderOptions
{
    public const string Section = "Dure:Providers:Weather";
    public const string Embedded = "embedded";
    public const string OpenMeteo = "open-meteo";

    /// <summary><c>embedded</c> (the shipped sample, or <see cref="File"/>) or <c>open-meteo</c>.</summary>
    public string Provider { get; set; } = Embedded;

    /// <summary>A weather file in the embedded sample's format that replaces the sample (docs/providers.md).</summary>
    public string? File { get; set; }

    /// <summary>The place asked about when the user names none and gives no coordinates: the home's city.</summary>
    public string DefaultPlace { get; set; } = "서울";

    /// <summary>The IANA zone whose calendar day is "day 0" of a weather file.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    /// <summary>Coordinates without a place name use the nearest place of the file within this distance.</summary>
    public double NearestPlaceWithinKm { get; set; } = 50;

    /// <summary>Open-Meteo's geocoding search endpoint.</summary>
    public string GeocodingUrl { get; set; } = "https://geocoding-api.open-meteo.com/v1/search";

    /// <summary>Open-Meteo's forecast endpoint.</summary>
    public string ForecastUrl { get; set; } = "https://api.open-meteo.com/v1/forecast";

    /// <summary>Open-Meteo's air-quality endpoint (e.g. https://air-quality-api.open-meteo.com/v1/air-quality); unset, reports carry no fine dust.</summary>
    public string? AirQualityUrl { get; set; }

    /// <summary>The language of names Open-Meteo's geocoding returns (it matches names in any language).</summary>
    public string Language { get; set; } = "ko";

    /// <summary>How long one call to the weather service may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
