using Dure.Homes;
using Dure.Language;
using Dure.Speech.Recognition;
using Dure.Understanding;

namespace Dure.Speech.Tests;

public sealed class GrammarTests
{
    private static readonly PronouncingDictionary Dictionary = PronouncingDictionary.Load(new PocketsphinxOptions().Dictionary);

    [Fact]
    public void The_grammar_holds_the_homes_names_and_leaves_out_words_the_recognizer_cannot_say()
    {
        var grammar = CommandGrammar.Build(Voice.Home, Dictionary.Contains);

        Assert.StartsWith("#JSGF V1.0;", grammar, StringComparison.Ordinal);
        Assert.Contains("kitchen light", grammar, StringComparison.Ordinal);
        Assert.Contains("living room curtains", grammar, StringComparison.Ordinal);
        Assert.Contains("| living room |", grammar.Replace(";", " |", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("qwzx", grammar, StringComparison.Ordinal); // not in the pronouncing dictionary
        Assert.DoesNotContain("a/c", grammar, StringComparison.Ordinal); // the vocabulary's symbols are not spoken words
    }

    [Fact]
    public void Only_the_intents_of_the_homes_device_kinds_are_active()
    {
        var lightsOnly = new Home("h", "h", [], [], [new Device { Id = "light.a", Domain = DeviceDomains.Light, Names = Names.Of("en", "Desk Lamp") }]);

        Assert.Contains(Intents.ClimateSetTemperature, CommandGrammar.ActiveIntents(Voice.Home));
        Assert.DoesNotContain(Intents.ClimateSetTemperature, CommandGrammar.ActiveIntents(lightsOnly));
        Assert.DoesNotContain(Intents.SetPosition, CommandGrammar.ActiveIntents(lightsOnly));
        var grammar = CommandGrammar.Build(lightsOnly, Dictionary.Contains);
        Assert.DoesNotContain("<temperature>", grammar, StringComparison.Ordinal);
        Assert.DoesNotContain("thermostat", grammar, StringComparison.Ordinal);
        Assert.Contains("desk lamp", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sentence_the_grammar_accepts_is_one_the_parser_understands()
    {
        var jsgf = new Jsgf(CommandGrammar.Build(Voice.Home, Dictionary.Contains));
        var parser = new IntentParser();
        var random = new Random(20261125);
        List<string> failures = [];
        const int samples = 400;
        for (var i = 0; i < samples; i++)
        {
            var sentence = jsgf.Sample("utterance", random);
            var result = parser.Parse(sentence, new ParseContext(Voice.Home, "living_room", "en"));
            if (result.Intent is null)
            {
                failures.Add(sentence);
            }
        }

        Assert.True(failures.Count <= samples / 100, $"{failures.Count} of {samples} not understood:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void Spelled_numbers_read_back_as_themselves()
    {
        foreach (var n in Enumerable.Range(0, 1001).Append(123_456))
        {
            Assert.True(EnglishNumber.TryParse(EnglishNumber.Spell(n), out var value), EnglishNumber.Spell(n));
            Assert.Equal(n, value);
        }

        Assert.Equal("twenty two", EnglishNumber.Spell(22));
        Assert.Equal("one hundred five", EnglishNumber.Spell(105));
    }
}
