namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// The weather through the real server, answered by the embedded provider from the weather file the scenario server
/// was configured with (<c>Dure:Providers:Weather:File</c>, see <see cref="ScenarioHomes.WriteWeatherFile"/>): the
/// home's own place (<c>services.location</c> 두레시) or the city said, today or another day, the chance of rain and
/// the fine dust. Speakers <c>w1</c>....
/// </summary>
public sealed class WeatherScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private const string Home = ScenarioHomes.Weather;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Korean_weather_questions_are_answered_from_the_configured_file()
    {
        await using var speaker = await Lab.ConnectAsync(Home, "w1", Ct);
        (string Said, string Answer)[] turns =
        [
            ("오늘 날씨 어때?", "오늘 두레시는 맑고, 최저 3도 최고 11도예요."),
            ("내일 날씨 알려줘", "내일 두레시는 비가 오고, 최저 5도 최고 9도예요."),
            ("내일 비 와?", "내일 두레시에 비 올 확률은 80%예요. 우산을 챙기세요."),
            ("오늘 비 와?", "오늘 두레시에는 비 소식이 없어요."),
            ("미세먼지 어때?", "오늘 두레시 미세먼지는 25µg/m³로 좋음이에요."),
            ("부산 날씨 어때?", "오늘 부산은 흐리고, 최저 8도 최고 15도예요."),
            ("부산 미세먼지 어때?", "오늘 부산 미세먼지는 95µg/m³로 나쁨이에요."),
            ("모레 날씨 어때?", "그날 날씨는 아직 알 수 없어요."),
            ("제주 날씨 어때?", "제주 날씨는 찾지 못했어요."),
        ];

        foreach (var (said, answer) in turns)
        {
            Assert.Equal(answer, (await speaker.SayAsync(said)).Text);
        }
    }

    [Fact]
    public async Task English_weather_questions_are_answered_from_the_configured_file()
    {
        await using var speaker = await Lab.ConnectAsync(Home, "w2", Ct);
        (string Said, string Answer)[] turns =
        [
            // The home's place is named only in Korean (services.location), so the English answer names no place.
            ("what's the weather like today?", "Today: clear, low 3°, high 11°."),
            ("will it rain tomorrow?", "There's an 80% chance of rain tomorrow. Take an umbrella."),
            ("what's the weather in Busan?", "Today in Busan: cloudy, low 8°, high 15°."),
            ("how's the fine dust in Busan?", "Fine dust in Busan today is 95 µg/m³, bad."),
            ("what's the weather in Dure City tomorrow?", "Tomorrow in Dure City: rain, low 5°, high 9°."),
        ];

        foreach (var (said, answer) in turns)
        {
            Assert.Equal(answer, (await speaker.SayAsync(said)).Text);
        }
    }
}
