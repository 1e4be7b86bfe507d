namespace Dure.Skills.Providers;

/// <summary>The weather for one day at one place.</summary>
/// <param name="Condition">"clear", "cloudy", "rain", "snow", "fog", "thunderstorm" (the answer words them).</param>
/// <param name="RainChance">Chance of precipitation, 0-100.</param>
/// <param name="FineDust">PM10 in µg/m³ when known.</param>
public sealed record WeatherReport(string Place, DateOnly Date, string Condition, double TemperatureLow, double TemperatureHigh,
    double? TemperatureNow, int RainChance, double? FineDust);

/// <summary>Weather by place name or coordinates. Embedded default: a local file; real adapter: a public API by URL.</summary>
public interface IWeatherProvider
{
    /// <summary>The report for a place ("서울", "Busan"; null for the home's own location) and a date; null when unknown.</summary>
    Task<WeatherReport?> ForecastAsync(string? place, double? latitude, double? longitude, DateOnly date, CancellationToken cancellationToken);
}
