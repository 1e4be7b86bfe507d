using static Dure.Understanding.Tests.Parsing;

namespace Dure.Understanding.Tests;

public class KoreanQuestionTests
{
    [Theory]
    [InlineData("현관문 잠겼어?")]
    [InlineData("현관문 잠겨 있어?")]
    [InlineData("현관문 잠겨있니")]
    [InlineData("도어락 잠겨 있나요?")]
    public void Lock_questions_ask_for_the_locked_state(string text)
    {
        var result = Parse(text);

        Assert.Equal(Intents.GetState, result.Intent);
        Assert.Equal(["name=lock.front_door", "domain=lock", "state=locked"], SlotsOf(result));
    }

    [Theory]
    [InlineData("거실 불 켜져 있어?", "state=on")]
    [InlineData("거실 조명 꺼져있어?", "state=off")]
    [InlineData("블라인드 열려 있어?", "state=open")]
    [InlineData("가스 밸브 잠겨 있어?", "state=closed")]
    public void State_words_become_the_state_of_the_devices_domain(string text, string state)
    {
        var result = Parse(text);

        Assert.Equal(Intents.GetState, result.Intent);
        Assert.Contains(state, SlotsOf(result));
    }

    [Theory]
    [InlineData("어떤 불이 켜져 있어?", "which")]
    [InlineData("불 켜진 데 있어?", null)]
    [InlineData("몇 개의 조명이 켜져 있어?", "count")]
    [InlineData("모든 불이 꺼져 있어?", "all")]
    public void Questions_about_several_devices_keep_their_quantifier(string text, string? quantifier)
    {
        var result = Parse(text);

        Assert.Equal(Intents.GetState, result.Intent);
        Assert.Contains("domain=light", SlotsOf(result));
        Assert.Equal(quantifier, result.Quantifier);
    }

    [Theory]
    [InlineData("거실 온도 몇 도야?", "area=living_room")]
    [InlineData("침실 온도 알려줘", "area=bedroom")]
    [InlineData("많이 더워?", "area=living_room")]
    [InlineData("지금 몇 도야", "area=living_room")]
    public void Temperature_questions_read_the_rooms_climate(string text, string area)
    {
        var result = Parse(text);

        Assert.Equal(Intents.ClimateGetTemperature, result.Intent);
        Assert.Contains(area, SlotsOf(result));
    }

    [Fact]
    public void A_question_ending_in_a_request_verb_is_still_a_command()
    {
        Assert.Equal(Intents.TurnOn, Parse("거실 불 좀 켜줄 수 있어?").Intent);
    }
}
