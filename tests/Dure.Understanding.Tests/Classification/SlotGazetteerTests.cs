using Dure.Understanding.Classification;

namespace Dure.Understanding.Tests.Classification;

public class SlotGazetteerTests
{
    private static SlotGazetteer Build(params string[] annotated) =>
        SlotGazetteer.Build([.. annotated.Select(a => LabelledUtterance.FromAnnotated(a, "x")).Select(u => (u, Tokenizer.Tokenize(u.Text)))]);

    [Fact]
    public void Replaces_known_values_by_their_slot_type_longest_first()
    {
        var gazetteer = Build("wake me up at [time : five am]", "[time : five] minutes left", "[item : 생수] 세 병 주세요");

        Assert.Equal(["alarm", "at", "<time>"], gazetteer.Delexicalize(Tokenizer.Tokenize("alarm at five am")));
        Assert.Equal(["<item>", "좀", "주세요"], gazetteer.Delexicalize(Tokenizer.Tokenize("생수 좀 주세요")));
    }

    [Fact]
    public void Ignores_words_that_are_mostly_not_a_slot()
    {
        var gazetteer = Build("remind [person : me] at noon", "tell me a joke", "wake me up", "give me the news");

        Assert.Equal(["tell", "me", "more"], gazetteer.Delexicalize(Tokenizer.Tokenize("tell me more")));
    }
}
