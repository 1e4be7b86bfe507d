using Dure.Skills.CustomSkills;

namespace Dure.Skills.Tests.CustomSkills;

public sealed class InteractionModelTests
{
    [Theory]
    [InlineData("오늘 운세 좀 봐줘", "fortune.today")]
    [InlineData("내 운세 어떤지 알려 줘", "fortune.today")]
    [InlineData("lucky number for today", "fortune.lucky_number")]
    [InlineData("오늘의 행운의 숫자", "fortune.lucky_number")]
    [InlineData("tell me today's horoscope", "fortune.today")]
    public void A_trained_skill_model_knows_its_intents_in_words_it_was_not_given(string said, string intent) =>
        Assert.Equal(intent, SkillTurns.Classify(FortuneSkill.Skill(), said)?.Name);

    [Theory]
    [InlineData("양자리 운세 어때", "양자리")]
    [InlineData("물병 자리 운세 알려줘", "물병자리")]
    [InlineData("horoscope for leo", "leo")]
    public void Slots_come_back_as_the_declared_value_they_match(string said, string sign)
    {
        var match = SkillTurns.Classify(FortuneSkill.Skill(), said);
        Assert.Equal("fortune.sign", match?.Name);
        Assert.Equal(sign, match!.Slots["sign"]);
    }

    [Theory]
    [InlineData("거실 불 꺼줘")]
    [InlineData("지금 몇 시예요")]
    [InlineData("엘리베이터 좀 불러 줄래")]
    [InlineData("turn off the kitchen lights")]
    [InlineData("what's the weather like tomorrow")]
    public void What_is_not_the_skills_is_left_alone(string said) =>
        Assert.Null(SkillTurns.BestByModel(new SiteSkills("acme", "site", [FortuneSkill.Skill()]), said));

    [Fact]
    public void Placeholders_are_filled_with_the_slots_values_and_annotated()
    {
        var examples = FortuneSkill.Model.TrainingExamples().Where(e => e.Intent == "fortune.sign").ToList();
        Assert.Contains(examples, e => e.Text == "물병자리 운세 알려줘" && e.Slots is [{ Name: "sign", Start: 0, Length: 4 }]);
        Assert.Contains(examples, e => e.Text == "양자리 운세 알려줘");
        Assert.Contains(examples, e => e.Text == "사자자리는 오늘 어때" && e.Slots is [{ Name: "sign", Length: 4 }]);
        Assert.Contains(FortuneSkill.Model.TrainingExamples(), e => e.Intent == "none");
    }

    [Theory]
    [InlineData("""{"intents":[]}""", "1 to 100 intents")]
    [InlineData("""{"intents":[{"name":"none","samples":{"ko":["안녕"]}}]}""", "not valid")]
    [InlineData("""{"intents":[{"name":"a.b","samples":{"ko":[]}}]}""", "has no samples")]
    [InlineData("""{"intents":[{"name":"a","samples":{"ko":["x"]}},{"name":"a","samples":{"ko":["y"]}}]}""", "listed twice")]
    [InlineData("""{"intents":[{"name":"a","samples":{"ko":["{city} 날씨"]}}]}""", "placeholder {city}")]
    [InlineData("""{"intents":[{"name":"a","slots":[{"name":"city"}],"samples":{"ko":["[town : 부산] 날씨"]}}]}""", "slot 'town' is not among")]
    [InlineData("""{"intents":[{"name":"a","slots":[{"name":"city"}],"samples":{"ko":["[city 부산 날씨"]}}]}""", "marked badly")]
    [InlineData("""{"intents":[{"name":"a","slots":[{"name":"9city"}],"samples":{"ko":["날씨"]}}]}""", "slot name '9city'")]
    public void A_model_that_cannot_be_trained_says_why(string json, string expected)
    {
        var model = System.Text.Json.JsonSerializer.Deserialize<InteractionModel>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Contains(expected, model.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_fortune_model_is_valid() => Assert.Null(FortuneSkill.Model.Problem());
}
