using System.Globalization;
using Dure.Skills.Providers;
using Dure.Understanding;
using static Dure.Skills.Phrases;

namespace Dure.Skills.Weather;

/// <summary>
/// The weather for a day and a place ("내일 서울 날씨 어때?", "비 와?", "미세먼지 어때?"), answered with what was
/// asked: the day's conditions and temperatures, the chance of rain or snow, or the fine dust.
/// </summary>
internal sealed class WeatherSkill : ISkill
{
    public bool Handles(string intent) => intent == Intents.GetWeather;

    public async ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        if (request.Services.Weather is not { } weather)
        {
            return request.Say("지금은 날씨를 알 수 없어요.", "Weather isn't available right now.");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.Turn.Now, request.Home.Zone).DateTime);
        var date = request.Parse.Text("date") is { } said ? DateOnly.ParseExact(said, "yyyy-MM-dd", CultureInfo.InvariantCulture) : today;
        var asked = request.Parse.Text("location");
        var (latitude, longitude) = Location.Of(request);
        var report = await weather.ForecastAsync(asked ?? Location.PlaceName(request), asked is null ? latitude : null, asked is null ? longitude : null, date, cancellationToken);
        if (report is null)
        {
            return asked is null
                ? request.Say("그날 날씨는 아직 알 수 없어요.", "I don't have a forecast for that day yet.")
                : request.Say($"{asked} 날씨는 찾지 못했어요.", $"I couldn't find the weather for {asked}.");
        }

        var place = asked ?? report.Place;
        // The home's own place may be named only in Korean (services.location "서울"); an English answer then names none.
        var placeEn = asked is null && place.Any(Dure.Language.Hangul.IsSyllable) ? null : place;
        var (dayKo, dayEn) = Day(date, today);
        return request.Parse.Text("aspect") switch
        {
            "rain" or "snow" => Precipitation(request, report, place, placeEn, dayKo, dayEn, request.Parse.Text("aspect") == "snow"),
            "dust" => Dust(request, report, place, placeEn, dayKo, dayEn),
            _ => request.Say(
                $"{dayKo} {Eun(place)} {ConditionKo(report.Condition)}, 최저 {Number(report.TemperatureLow)}도 최고 {Ieyo($"{Number(report.TemperatureHigh)}도")}.",
                $"{Capitalize(dayEn)}{(placeEn is null ? "" : $" in {placeEn}")}: {ConditionEn(report.Condition)}, low {Number(report.TemperatureLow)}°, high {Number(report.TemperatureHigh)}°."),
        };
    }

    private static TurnOutcome Precipitation(SkillRequest request, WeatherReport report, string place, string? placeEn, string dayKo, string dayEn,
        bool snow)
    {
        var inPlace = placeEn is null ? "" : $" in {placeEn}";
        var (what, whatEn) = snow ? ("눈", "snow") : ("비", "rain");
        var chance = report.RainChance;
        var advice = chance >= 50 ? snow ? " 따뜻하게 입으세요." : " 우산을 챙기세요." : "";
        var adviceEn = chance >= 50 ? snow ? " Dress warmly." : " Take an umbrella." : "";
        return chance < 20
            ? request.Say($"{dayKo} {place}에는 {what} 소식이 없어요.", $"No {whatEn} expected{inPlace} {dayEn}.")
            : request.Say($"{dayKo} {place}에 {what} 올 확률은 {Ieyo($"{chance}%")}.{advice}", $"There's {Article(chance)} {chance}% chance of {whatEn}{inPlace} {dayEn}.{adviceEn}");
    }

    private static TurnOutcome Dust(SkillRequest request, WeatherReport report, string place, string? placeEn, string dayKo, string dayEn)
    {
        var inPlace = placeEn is null ? "" : $" in {placeEn}";
        if (report.FineDust is not { } dust)
        {
            return request.Say($"{dayKo} {place} 미세먼지 정보는 없어요.", $"I don't have fine dust figures{(placeEn is null ? "" : $" for {placeEn}")} {dayEn}.");
        }

        var (gradeKo, gradeEn) = dust switch
        {
            <= 30 => ("좋음", "good"),
            <= 80 => ("보통", "moderate"),
            <= 150 => ("나쁨", "bad"),
            _ => ("매우 나쁨", "very bad"),
        };
        return request.Say($"{dayKo} {place} 미세먼지는 {Number(dust)}µg/m³로 {Ieyo(gradeKo)}.", $"Fine dust{inPlace} {dayEn} is {Number(dust)} µg/m³, {gradeEn}.");
    }

    /// <summary>"an 80% chance", "an 11% chance", "a 30% chance": the article follows how the number is said.</summary>
    private static string Article(int number) => number is 8 or 11 or 18 or (>= 80 and <= 89) ? "an" : "a";

    private static (string Korean, string English) Day(DateOnly date, DateOnly today) => (date.DayNumber - today.DayNumber) switch
    {
        0 => ("오늘", "today"),
        1 => ("내일", "tomorrow"),
        2 => ("모레", "the day after tomorrow"),
        _ => ($"{date.Month}월 {date.Day}일", $"on {date.ToString("MMMM d", CultureInfo.InvariantCulture)}"),
    };

    private static string ConditionKo(string condition) => condition switch
    {
        "clear" => "맑고",
        "cloudy" => "흐리고",
        "rain" => "비가 오고",
        "snow" => "눈이 오고",
        "fog" => "안개가 끼고",
        "thunderstorm" => "천둥번개가 치고",
        _ => "구름이 조금 있고",
    };

    private static string ConditionEn(string condition) => condition switch
    {
        "thunderstorm" => "thunderstorms",
        "fog" => "foggy",
        _ => condition,
    };
}
