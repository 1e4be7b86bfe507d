using Dure.Understanding.Classification;

namespace Dure.Understanding.Tests.Classification;

/// <summary>
/// Grammar first, classifier second: the model speaks when the grammar understands nothing, or names a device
/// the home does not have.
/// </summary>
public class ParserHookTests
{
    private static readonly IntentParser Parser = new(Fixtures.HotelIntents);

    private static ParseResult Parse(string text) => Parser.Parse(text, new ParseContext(Parsing.Demo, "living_room"));

    [Fact]
    public void The_grammar_wins_when_it_understands()
    {
        // A model that would call every light command a spa booking must not override the grammar.
        var greedy = IntentModel.Train(
        [
            new LabelledUtterance("거실 불 켜줘", "hotel.book_spa", []),
            new LabelledUtterance("불 켜줘", "hotel.book_spa", []),
            new LabelledUtterance("와이파이 알려줘", "hotel.wifi_info", []),
        ], cancellationToken: TestContext.Current.CancellationToken);

        var result = new IntentParser(greedy).Parse("거실 불 켜줘", new ParseContext(Parsing.Demo, "living_room"));

        Assert.Equal(Intents.TurnOn, result.Intent);
    }

    [Fact]
    public void The_classifier_fills_in_when_the_grammar_does_not()
    {
        Assert.Null(Parsing.Parse("저녁 8시에 마사지 받고 싶어요").Intent);

        var result = Parse("저녁 8시에 마사지 받고 싶어요");

        Assert.Equal("hotel.book_spa", result.Intent);
        Assert.Equal("20:00", result.Text("time"));
        Assert.Equal("저녁 8시", result["time"]!.Spoken);
        Assert.Equal("ko", result.Language);
        Assert.InRange(result.Confidence, Fixtures.HotelIntents.Threshold, 1);
    }

    [Theory]
    [InlineData("재미있는 얘기 해 줘")]
    [InlineData("tell me a funny joke")]
    public void Out_of_scope_stays_not_understood(string text)
    {
        Assert.Null(Parsing.Parse(text).Intent); // the grammar leaves it alone, so the model decides

        Assert.Null(Parse(text).Intent);
    }

    [Fact]
    public void A_device_the_home_lacks_is_left_to_the_partners_model()
    {
        // The grammar reads "트렁크 열어 줘" as opening an unknown device; a car partner's model knows the trunk.
        Assert.False(Parsing.Parse("트렁크 열어 줘").TargetsKnown);

        var result = new IntentParser(Fixtures.CarIntents).Parse("트렁크 열어 줘", new ParseContext(Parsing.Demo, "living_room"));

        Assert.Equal("car.open_trunk", result.Intent);
    }

    [Fact]
    public void Without_a_model_nothing_changes()
    {
        Assert.Null(new IntentParser().Parse("마사지 받고 싶은데요", new ParseContext(Parsing.Demo)).Intent);
    }
}
