using Dure.Skills.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Dure.Skills.Tests.Providers.ProviderTestHost;

namespace Dure.Skills.Tests.Providers;

public class EmbeddedWeatherProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IWeatherProvider weather = Get<IWeatherProvider>();

    [Fact]
    public async Task Seoul_today_is_the_sample_day_zero_with_the_temperature_now()
    {
        var report = await weather.ForecastAsync("서울", null, null, Today, None);

        Assert.Equal(new WeatherReport("서울", Today, "clear", 9, 20, 17, 0, 54), report);
    }

    [Fact]
    public async Task Tomorrow_has_no_temperature_now_and_yesterday_is_in_the_sample_too()
    {
        var tomorrow = await weather.ForecastAsync("서울", null, null, Today.AddDays(1), None);
        var yesterday = await weather.ForecastAsync("서울", null, null, Today.AddDays(-1), None);

        Assert.Equal(("cloudy", 30, (double?)null), (tomorrow!.Condition, tomorrow.RainChance, tomorrow.TemperatureNow));
        Assert.Equal(Today.AddDays(-1), yesterday!.Date);
    }

    [Theory]
    [InlineData("Busan", "Busan")]
    [InlineData("BUSAN", "Busan")]
    [InlineData("pusan", "Busan")]
    [InlineData("부산광역시", "부산")]
    [InlineData("부산 시", "부산")]
    [InlineData("Seuol", "Seoul")]     // swapped letters
    [InlineData("대젼", "대전")]        // one jamo off
    [InlineData("new york", "New York")]
    [InlineData("도쿄", "도쿄")]
    public async Task Places_match_in_Korean_and_English_ignoring_case_spacing_and_a_small_typo(string said, string place)
    {
        var report = await weather.ForecastAsync(said, null, null, Today, None);

        Assert.Equal(place, report?.Place);
    }

    [Fact]
    public async Task Unknown_places_and_days_beyond_the_sample_are_unknown()
    {
        Assert.Null(await weather.ForecastAsync("아틀란티스", null, null, Today, None));
        Assert.Null(await weather.ForecastAsync("서울", null, null, Today.AddDays(7), None));
    }

    [Fact]
    public async Task No_place_is_the_configured_home_place()
    {
        var busanHome = Get<IWeatherProvider>(("Dure:Providers:Weather:DefaultPlace", "부산"));

        var report = await busanHome.ForecastAsync(null, null, null, Today, None);

        Assert.Equal(("부산", "clear", 21.0), (report!.Place, report.Condition, report.TemperatureHigh));
    }

    [Fact]
    public async Task Coordinates_without_a_name_use_the_nearest_sample_city_within_reach()
    {
        var nearDaegu = await weather.ForecastAsync(null, 35.88, 128.62, Today, None);
        var midPacific = await weather.ForecastAsync(null, 20.0, 170.0, Today, None);

        Assert.Equal("대구", nearDaegu?.Place);
        Assert.Null(midPacific);
    }

    [Fact]
    public async Task A_partners_file_replaces_the_sample_with_absolute_and_relative_days()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dure-weather-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              // a partner's own feed
              "places": [
                { "name": "의왕", "englishName": "Uiwang", "latitude": 37.34, "longitude": 126.97, "days": [
                  { "date": "2026-05-05", "condition": "snow", "low": -3, "high": 1, "rainChance": 90 },
                  { "day": 0, "condition": "fog", "low": 5, "high": 11, "now": 6, "rainChance": 20, "fineDust": 81 }
                ] }
              ]
            }
            """, TestContext.Current.CancellationToken);
        try
        {
            var partner = Get<IWeatherProvider>(("Dure:Providers:Weather:File", file), ("Dure:Providers:Weather:DefaultPlace", "의왕"));

            var childrensDay = await partner.ForecastAsync("Uiwang", null, null, new DateOnly(2026, 5, 5), None);
            var today = await partner.ForecastAsync(null, null, null, Today, None);

            Assert.Equal(new WeatherReport("Uiwang", new DateOnly(2026, 5, 5), "snow", -3, 1, null, 90, null), childrensDay);
            Assert.Equal(("fog", 6.0, 81.0), (today!.Condition, today.TemperatureNow!.Value, today.FineDust!.Value));
            Assert.Null(await partner.ForecastAsync("서울", null, null, Today, None));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_file_with_a_condition_outside_the_six_is_refused_with_the_reason()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dure-weather-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "places": [ { "name": "X", "latitude": 1, "longitude": 2, "days": [ { "day": 0, "condition": "sunny", "low": 1, "high": 2, "rainChance": 0 } ] } ] }""", TestContext.Current.CancellationToken);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => Get<IWeatherProvider>(("Dure:Providers:Weather:File", file)));
            Assert.Contains("sunny", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public class OpenMeteoWeatherProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData(0, "clear")]
    [InlineData(1, "clear")]
    [InlineData(2, "cloudy")]
    [InlineData(3, "cloudy")]
    [InlineData(45, "fog")]
    [InlineData(48, "fog")]
    [InlineData(51, "rain")]
    [InlineData(63, "rain")]
    [InlineData(67, "rain")]
    [InlineData(71, "snow")]
    [InlineData(77, "snow")]
    [InlineData(81, "rain")]
    [InlineData(86, "snow")]
    [InlineData(95, "thunderstorm")]
    [InlineData(99, "thunderstorm")]
    [InlineData(42, "cloudy")]
    public void Wmo_codes_map_to_the_six_conditions(int code, string condition)
    {
        Assert.Equal(condition, WeatherConditions.FromWmoCode(code));
    }

    [Fact]
    public async Task Busan_tomorrow_is_geocoded_forecast_and_fine_dust_averaged_against_a_local_stand_in_for_open_meteo()
    {
        await using var openMeteo = new LocalStandIn(request => request.Path switch
        {
            "/v1/search" => (200, """{"results":[{"id":1838524,"name":"부산","latitude":35.10168,"longitude":129.03004,"country":"대한민국"}],"generationtime_ms":0.5}"""),
            "/v1/forecast" => (200, """
                {"latitude":35.1,"longitude":129.0,"timezone":"Asia/Seoul",
                 "current":{"time":"2026-05-04T10:00","temperature_2m":18.4},
                 "daily":{"time":["2026-05-05"],"weather_code":[63],"temperature_2m_max":[19.5],"temperature_2m_min":[14.1],"precipitation_probability_max":[85]}}
                """),
            "/v1/air-quality" => (200, """{"hourly":{"time":["2026-05-05T00:00","2026-05-05T01:00","2026-05-05T02:00"],"pm10":[30.0,null,50.0]}}"""),
            _ => (404, "{}"),
        });
        var weather = Get<IWeatherProvider>(
            ("Dure:Providers:Weather:Provider", "open-meteo"),
            ("Dure:Providers:Weather:GeocodingUrl", openMeteo.BaseUrl + "/v1/search"),
            ("Dure:Providers:Weather:ForecastUrl", openMeteo.BaseUrl + "/v1/forecast"),
            ("Dure:Providers:Weather:AirQualityUrl", openMeteo.BaseUrl + "/v1/air-quality"));

        var report = await weather.ForecastAsync("부산", null, null, Today.AddDays(1), None);

        Assert.Equal(new WeatherReport("부산", Today.AddDays(1), "rain", 14.1, 19.5, null, 85, 40), report);
        var geocoding = openMeteo.Single("/v1/search");
        Assert.Equal(("부산", "1", "ko"), (geocoding.Query["name"], geocoding.Query["count"], geocoding.Query["language"]));
        var forecast = openMeteo.Single("/v1/forecast");
        Assert.Equal(("35.10168", "129.03004", "2026-05-05", "2026-05-05"),
            (forecast.Query["latitude"], forecast.Query["longitude"], forecast.Query["start_date"], forecast.Query["end_date"]));
        Assert.Equal("weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max", forecast.Query["daily"]);
        Assert.Equal("pm10", openMeteo.Single("/v1/air-quality").Query["hourly"]);
    }

    [Fact]
    public async Task Home_coordinates_today_skip_geocoding_and_report_the_current_temperature_against_a_local_stand_in_for_open_meteo()
    {
        await using var openMeteo = new LocalStandIn(request => (200, """
            {"current":{"time":"2026-05-04T10:00","temperature_2m":21.3},
             "daily":{"time":["2026-05-04"],"weather_code":[2],"temperature_2m_max":[24.0],"temperature_2m_min":[12.0],"precipitation_probability_max":[null]}}
            """));
        var weather = Get<IWeatherProvider>(
            ("Dure:Providers:Weather:Provider", "open-meteo"),
            ("Dure:Providers:Weather:GeocodingUrl", openMeteo.BaseUrl + "/geocode"),
            ("Dure:Providers:Weather:ForecastUrl", openMeteo.BaseUrl + "/forecast"));

        var report = await weather.ForecastAsync(null, 37.39, 126.95, Today, None);

        Assert.Equal(new WeatherReport("서울", Today, "cloudy", 12, 24, 21.3, 0, null), report);
        var request = Assert.Single(openMeteo.Requests);
        Assert.Equal(("/forecast", "37.39", "126.95"), (request.Path, request.Query["latitude"], request.Query["longitude"]));
    }

    [Fact]
    public async Task A_place_the_geocoder_does_not_know_is_unknown_and_a_failing_service_is_unavailable_against_a_local_stand_in_for_open_meteo()
    {
        await using var openMeteo = new LocalStandIn(request => request.Path == "/v1/search"
            ? (200, """{"generationtime_ms":0.3}""")
            : (502, """{"error":true,"reason":"upstream"}"""));
        var services = Compose(
            ("Dure:Providers:Weather:Provider", "open-meteo"),
            ("Dure:Providers:Weather:GeocodingUrl", openMeteo.BaseUrl + "/v1/search"),
            ("Dure:Providers:Weather:ForecastUrl", openMeteo.BaseUrl + "/v1/forecast"));
        var weather = services.GetRequiredService<IWeatherProvider>();

        Assert.Null(await weather.ForecastAsync("Nowhereville", null, null, Today, None));
        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => weather.ForecastAsync(null, 37.5, 127.0, Today, None));
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Days_outside_open_meteos_range_are_unknown_without_a_call()
    {
        var weather = Get<IWeatherProvider>(("Dure:Providers:Weather:Provider", "open-meteo"), ("Dure:Providers:Weather:ForecastUrl", "http://127.0.0.1:9/unused"));

        Assert.Null(await weather.ForecastAsync(null, 37.5, 127.0, Today.AddDays(30), None));
    }
}
