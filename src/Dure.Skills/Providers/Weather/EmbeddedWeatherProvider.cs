using Microsoft.Extensions.Options;

namespace Dure.Skills.Providers;

/// <summary>
/// Weather from a local JSON file: the shipped sample (<c>weather-sample.json</c>, several days for Korean and
/// world cities) or the file in <see cref="WeatherProviderOptions.File"/>. Days are offsets from today in
/// <see cref="WeatherProviderOptions.TimeZone"/> or absolute dates. Works offline; it is sample data, not a forecast.
/// </summary>
public sealed class EmbeddedWeatherProvider : IWeatherProvider
{
    internal const string ResourceName = "weather-sample.json";

    private readonly WeatherProviderOptions options;
    private readonly TimeProvider time;
    private readonly TimeZoneInfo zone;
    private readonly IReadOnlyList<WeatherPlace> places;
    private readonly NameIndex<WeatherPlace> names = new();

    public EmbeddedWeatherProvider(IOptions<WeatherProviderOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options.Value;
        this.time = time;
        zone = TimeZones.Find(this.options.TimeZone);
        var file = EmbeddedData.Load<WeatherFile>(this.options.File, ResourceName);
        places = file.Validate(this.options.File ?? ResourceName);
        foreach (var place in places)
        {
            names.Add(place, place.Name, NameMatchKind.Name);
            names.Add(place, place.EnglishName, NameMatchKind.Name);
            foreach (var alias in place.Aliases ?? [])
            {
                names.Add(place, alias, NameMatchKind.Alias);
            }
        }
    }

    public Task<WeatherReport?> ForecastAsync(string? place, double? latitude, double? longitude, DateOnly date, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (found, said) = Resolve(place, latitude, longitude);
        if (found is null)
        {
            return Task.FromResult<WeatherReport?>(null);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var day = found.Days.FirstOrDefault(d => (d.Date ?? today.AddDays(d.Day ?? 0)) == date);
        if (day is null)
        {
            return Task.FromResult<WeatherReport?>(null);
        }

        var name = NameKey.HasHangul(said) || found.EnglishName is null ? found.Name : found.EnglishName;
        return Task.FromResult<WeatherReport?>(new WeatherReport(name, date, day.Condition, day.Low, day.High,
            date == today ? day.Now : null, day.RainChance, day.FineDust));
    }

    // The place and the words that name it (their script picks the language of the report's place name).
    private (WeatherPlace? Place, string Said) Resolve(string? place, double? latitude, double? longitude)
    {
        if (!string.IsNullOrWhiteSpace(place))
        {
            return (Best(names.Find(place), latitude, longitude), place);
        }

        if (latitude is { } lat && longitude is { } lon)
        {
            var nearest = places.MinBy(p => GeoMath.HaversineKm(lat, lon, p.Latitude, p.Longitude));
            return nearest is not null && GeoMath.HaversineKm(lat, lon, nearest.Latitude, nearest.Longitude) <= options.NearestPlaceWithinKm
                ? (nearest, options.DefaultPlace)
                : (null, options.DefaultPlace);
        }

        return (Best(names.Find(options.DefaultPlace), null, null), options.DefaultPlace);
    }

    // Two places of one name (a 광주 in Gyeonggi and the city): the one nearer the asker, else the first in the file.
    private static WeatherPlace? Best(IReadOnlyList<NameMatch<WeatherPlace>> matches, double? latitude, double? longitude) =>
        matches.Count == 0 ? null
        : latitude is { } lat && longitude is { } lon ? matches.MinBy(m => GeoMath.HaversineKm(lat, lon, m.Item.Latitude, m.Item.Longitude)).Item
        : matches[0].Item;
}

internal sealed record WeatherFile(List<WeatherPlace>? Places)
{
    public IReadOnlyList<WeatherPlace> Validate(string source)
    {
        if (Places is not { Count: > 0 })
        {
            throw new InvalidDataException($"{source}: no places.");
        }

        foreach (var place in Places)
        {
            if (string.IsNullOrWhiteSpace(place.Name) || place.Days is null)
            {
                throw new InvalidDataException($"{source}: every place needs a name and days.");
            }

            foreach (var day in place.Days)
            {
                var problem =
                    day.Day is null == day.Date is null ? "needs exactly one of day (offset from today) and date" :
                    !WeatherConditions.All.Contains(day.Condition) ? $"has condition '{day.Condition}', not one of {string.Join(", ", WeatherConditions.All)}" :
                    day.Low > day.High ? "has low above high" :
                    day.RainChance is < 0 or > 100 ? "has rainChance outside 0-100" :
                    null;
                if (problem is not null)
                {
                    throw new InvalidDataException($"{source}: a day of {place.Name} {problem}.");
                }
            }
        }

        return Places;
    }
}

/// <param name="Aliases">Other names: "서울특별시", "Seoul City".</param>
internal sealed record WeatherPlace(string Name, string? EnglishName, List<string>? Aliases, double Latitude, double Longitude, List<WeatherDay> Days);

/// <param name="Day">Offset from today (0 today, 1 tomorrow, -1 yesterday); or</param>
/// <param name="Date">an absolute date.</param>
/// <param name="Now">The temperature now, reported only when the day is today.</param>
internal sealed record WeatherDay(int? Day, DateOnly? Date, string Condition, double Low, double High, double? Now, int RainChance, double? FineDust);

internal static class TimeZones
{
    /// <summary>The zone by IANA id; without a time-zone database, Korea's fixed UTC+9 (no daylight saving) or UTC.</summary>
    public static TimeZoneInfo Find(string id)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return id == "Asia/Seoul" ? TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(9), id, id) : TimeZoneInfo.Utc;
    }
}
