using Dure.Testing;
using Dure.Understanding.Evaluation;

namespace Dure.Understanding.Tests;

/// <summary>
/// Home Assistant's public intent suites (../shared/corpora/ha-intents, CC BY 4.0) as a regression floor.
/// The figures per file are in docs/BENCHMARKS.md; here the core home intents must stay above the bar.
/// </summary>
public class HomeAssistantSuiteTests
{
    private static readonly string[] CoreIntents =
    [
        "HassTurnOn", "HassTurnOff", "HassLightSet", "HassGetState", "HassClimateGetTemperature", "HassClimateSetTemperature",
    ];

    [Theory]
    [InlineData("ko", 0.97)]
    [InlineData("en", 0.97)]
    public void Core_home_intents_pass(string language, double floor)
    {
        var suite = HomeAssistantSuite.Load(Corpora.Path($"ha-intents/tests/{language}"), language);
        var outcomes = suite.Run(new IntentParser()).Where(o => CoreIntents.Contains(o.Case.Intent)).ToList();
        var rate = (double)outcomes.Count(o => o.Passed) / outcomes.Count;

        var failures = string.Join("\n", outcomes.Where(o => !o.Passed).Take(20).Select(o => $"{o.Case.Sentence} -> {o.Intent}"));
        Assert.True(rate >= floor, $"{language}: {rate:P1} of {outcomes.Count} core sentences pass; first failures:\n{failures}");
    }

    [Fact]
    public void The_runner_judges_intent_and_every_expected_slot()
    {
        var suite = HomeAssistantSuite.Load(Corpora.Path("ha-intents/tests/ko"), "ko");
        var parse = new IntentParser().Parse("거실 불 켜줘", new ParseContext(suite.Home, null, "ko"));

        var slots = suite.ToHomeAssistantSlots(parse);

        // The fixture names the living-room lamp "(거실 조명|거실 전등|거실 등|거실 불)": HA's form is the alias said.
        Assert.Equal("거실 불", slots["name"]);
    }
}
