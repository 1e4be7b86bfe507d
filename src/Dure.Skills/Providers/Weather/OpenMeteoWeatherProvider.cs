using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Dure.Skills.Providers;

/// <summary>
/// Weather from Open-Meteo (no key): the geocoding API turns a place name into coordinates, the forecast API gives
/// the day's WMO weather code, temperatures and chance of precipitation, and — when
/// <see cref="WeatherProviderOptions.AirQualityUrl"/> is set — the air-quality API gives the day's mean PM10.
/// </summary>
public sealed class OpenMeteoWeatherProvider : IWeatherProvider
{
    public const string HttpClientName = "Dure.Providers.OpenMeteo";

    // Open-Meteo serves up to 92 past days and 16 forecast days; outside that it answers 400, which is "unknown", not "down".
    private const int PastDays = 92;
    private const int ForecastDays = 15;
    private const int GeocodeCacheLimit = 1024;

    private readonly IHttpClientFactory clients;
    private readonly WeatherProviderOptions options;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, Coordinates?> geocoded = new(StringComparer.Ordinal);

    public OpenMeteoWeatherProvider(IHttpClientFactory clients, IOptions<WeatherProviderOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.clients = clients;
        this.options = options.Value;
        this.time = time;
    }

    public async Task<WeatherReport?> ForecastAsync(string? place, double? latitude, double? longitude, DateOnly date, CancellationToken cancellationToken)
    {
        var todayUtc = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (date < todayUtc.AddDays(-PastDays) || date > todayUtc.AddDays(ForecastDays))
        {
            return null;
        }

        // The report names the place as the user said it (the answer repeats their words); the home's place otherwise.
        var name = string.IsNullOrWhiteSpace(place) ? options.DefaultPlace : place.Trim();
        Coordinates? at = string.IsNullOrWhiteSpace(place) && latitude is { } lat && longitude is { } lon
            ? new Coordinates(lat, lon)
            : await GeocodeAsync(name, cancellationToken).ConfigureAwait(false);
        if (at is not { } point)
        {
            return null;
        }

        var client = clients.CreateClient(HttpClientName);
        var dustTask = FineDustAsync(client, point, date, cancellationToken);
        var forecast = await GetAsync<ForecastReply>(client, ProviderHttp.Url(options.ForecastUrl,
            ("latitude", point.Latitude), ("longitude", point.Longitude),
            ("daily", "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max"),
            ("current", "temperature_2m"), ("timezone", "auto"),
            ("start_date", Iso(date)), ("end_date", Iso(date))), cancellationToken).ConfigureAwait(false);
        var fineDust = await dustTask.ConfigureAwait(false);

        var daily = forecast.Daily;
        var index = daily?.Time?.IndexOf(Iso(date)) ?? -1;
        if (daily is null || index < 0 || At(daily.WeatherCode, index) is not { } code ||
            At(daily.TemperatureMin, index) is not { } low || At(daily.TemperatureMax, index) is not { } high)
        {
            return null;
        }

        // "current" is now at the place, in the place's zone (timezone=auto): it belongs to the report only for that day.
        var now = forecast.Current?.Time is { Length: >= 10 } currentTime && currentTime[..10] == Iso(date) ? forecast.Current.Temperature : null;
        var rainChance = (int)Math.Round(At(daily.PrecipitationProbabilityMax, index) ?? 0);
        return new WeatherReport(name, date, WeatherConditions.FromWmoCode((int)code), low, high, now, Math.Clamp(rainChance, 0, 100), fineDust);
    }

    private async Task<Coordinates?> GeocodeAsync(string name, CancellationToken cancellationToken)
    {
        var key = NameKey.Normalize(name);
        if (geocoded.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var reply = await GetAsync<GeocodingReply>(clients.CreateClient(HttpClientName), ProviderHttp.Url(options.GeocodingUrl,
            ("name", name), ("count", 1), ("language", options.Language), ("format", "json")), cancellationToken).ConfigureAwait(false);
        Coordinates? found = reply.Results is [var first, ..] ? new Coordinates(first.Latitude, first.Longitude) : null;
        if (geocoded.Count >= GeocodeCacheLimit)
        {
            geocoded.Clear(); // place names asked about are few; a rare reset beats an eviction policy
        }

        geocoded[key] = found;
        return found;
    }

    // Korea forecasts fine dust as a daily mean of PM10; a day the air-quality model does not cover has none.
    private async Task<double?> FineDustAsync(HttpClient client, Coordinates point, DateOnly date, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.AirQualityUrl))
        {
            return null;
        }

        try
        {
            var reply = await GetAsync<AirQualityReply>(client, ProviderHttp.Url(options.AirQualityUrl,
                ("latitude", point.Latitude), ("longitude", point.Longitude), ("hourly", "pm10"), ("timezone", "auto"),
                ("start_date", Iso(date)), ("end_date", Iso(date))), cancellationToken).ConfigureAwait(false);
            var values = reply.Hourly?.Pm10?.OfType<double>().ToList();
            return values is { Count: > 0 } ? Math.Round(values.Average(), 1) : null;
        }
        catch (ProviderUnavailableException)
        {
            return null; // fine dust is a bonus: the weather still answers without it
        }
    }

    // The named client's timeout (WeatherProviderOptions.Timeout) bounds each call; ProviderHttp reports it as unavailable.
    private static async Task<T> GetAsync<T>(HttpClient client, string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await ProviderHttp.SendAsync<T>(client, "Open-Meteo", request, cancellationToken).ConfigureAwait(false);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TValue? At<TValue>(List<TValue?>? values, int index) where TValue : struct =>
        values is not null && index < values.Count ? values[index] : null;

    private readonly record struct Coordinates(double Latitude, double Longitude);

    private sealed record GeocodingReply(List<GeocodingResult>? Results);

    private sealed record GeocodingResult(string? Name, double Latitude, double Longitude);

    private sealed record ForecastReply(ForecastDaily? Daily, ForecastCurrent? Current);

    private sealed record ForecastDaily(
        List<string>? Time,
        [property: JsonPropertyName("weather_code")] List<double?>? WeatherCode,
        [property: JsonPropertyName("temperature_2m_max")] List<double?>? TemperatureMax,
        [property: JsonPropertyName("temperature_2m_min")] List<double?>? TemperatureMin,
        [property: JsonPropertyName("precipitation_probability_max")] List<double?>? PrecipitationProbabilityMax);

    private sealed record ForecastCurrent(string? Time, [property: JsonPropertyName("temperature_2m")] double? Temperature);

    private sealed record AirQualityReply(AirQualityHourly? Hourly);

    private sealed record AirQualityHourly(List<string>? Time, [property: JsonPropertyName("pm10")] List<double?>? Pm10);
}
