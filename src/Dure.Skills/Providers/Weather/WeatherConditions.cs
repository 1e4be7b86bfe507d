namespace Dure.Skills.Providers;

/// <summary>The six conditions of <see cref="WeatherReport.Condition"/> and the WMO codes Open-Meteo reports.</summary>
public static class WeatherConditions
{
    public const string Clear = "clear";
    public const string Cloudy = "cloudy";
    public const string Rain = "rain";
    public const string Snow = "snow";
    public const string Fog = "fog";
    public const string Thunderstorm = "thunderstorm";

    public static IReadOnlyList<string> All { get; } = [Clear, Cloudy, Rain, Snow, Fog, Thunderstorm];

    /// <summary>
    /// WMO 4677 present-weather codes as Open-Meteo uses them: 0–1 clear or mainly clear, 2–3 partly cloudy or
    /// overcast, 45/48 fog, 51–67 drizzle and rain (freezing too), 71–77 snow, 80–82 rain showers, 85–86 snow
    /// showers, 95–99 thunderstorm. A code outside the table (newer or malformed) reads as cloudy, the mildest
    /// claim that is not "clear".
    /// </summary>
    public static string FromWmoCode(int code) => code switch
    {
        0 or 1 => Clear,
        2 or 3 => Cloudy,
        45 or 48 => Fog,
        >= 51 and <= 67 => Rain,
        >= 71 and <= 77 => Snow,
        >= 80 and <= 82 => Rain,
        85 or 86 => Snow,
        >= 95 and <= 99 => Thunderstorm,
        _ => Cloudy,
    };
}
