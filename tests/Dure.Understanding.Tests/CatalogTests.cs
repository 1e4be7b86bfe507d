using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;
using static Dure.Understanding.Tests.Parsing;

namespace Dure.Understanding.Tests;

/// <summary>
/// Dure's own sentences for every intent of the catalog, in Korean and English (catalog-ko.yaml, catalog-en.yaml):
/// the intent and exactly the listed slots, parsed from the living-room wall pad at 2026-11-25 15:20 in Seoul.
/// </summary>
public class CatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 20, 0, TimeSpan.FromHours(9));
    private static readonly IntentParser Parser = new();

    public static TheoryData<string, string> Korean => Cases("ko");

    public static TheoryData<string, string> English => Cases("en");

    [Theory]
    [MemberData(nameof(Korean))]
    public void Korean_sentences_parse_to_their_intent_and_slots(string text, string expected) => Check(text, expected, "ko");

    [Theory]
    [MemberData(nameof(English))]
    public void English_sentences_parse_to_their_intent_and_slots(string text, string expected) => Check(text, expected, "en");

    [Fact]
    public void Every_intent_of_the_catalog_is_covered_in_both_languages()
    {
        foreach (var language in new[] { "ko", "en" })
        {
            var covered = Load(language).Select(c => JsonNode.Parse(c.Expected)!["intent"]?.GetValue<string>()).ToHashSet();
            var missing = typeof(Intents).GetFields().Select(f => (string)f.GetValue(null)!)
                .Where(i => i is not (Intents.Broadcast or Intents.SmallTalk or Intents.VacuumStart or Intents.VacuumReturnToBase))
                .Where(i => !covered.Contains(i)).ToList();
            Assert.True(missing.Count == 0, $"{language}: no sentence for {string.Join(", ", missing)}");
        }
    }

    private static void Check(string text, string expected, string language)
    {
        var result = Parser.Parse(text, new ParseContext(Demo, "living_room", language, Now));
        var want = JsonNode.Parse(expected)!;
        var got = new JsonObject { ["intent"] = result.Intent, ["slots"] = new JsonObject(result.Slots.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Value.DeepClone()))) };
        Assert.Equal(want.ToJsonString(), got.ToJsonString());
    }

    private static TheoryData<string, string> Cases(string language)
    {
        var data = new TheoryData<string, string>();
        foreach (var (text, expected) in Load(language))
        {
            data.Add(text, expected);
        }

        return data;
    }

    /// <summary>Each case as its text and the expected {"intent":…, "slots":{…}} in canonical JSON.</summary>
    private static IEnumerable<(string Text, string Expected)> Load(string language)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, $"catalog-{language}.yaml"))));
        foreach (var item in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.OfType<YamlMappingNode>())
        {
            var text = ((YamlScalarNode)item.Children[new YamlScalarNode("text")]).Value!;
            var intent = ((YamlScalarNode)item.Children[new YamlScalarNode("intent")]).Value;
            var slots = new JsonObject();
            if (item.Children.TryGetValue(new YamlScalarNode("slots"), out var node))
            {
                foreach (var (key, value) in ((YamlMappingNode)node).Children)
                {
                    var scalar = (YamlScalarNode)value;
                    slots[((YamlScalarNode)key).Value!] = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && double.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out var number)
                        ? (number == Math.Floor(number) ? JsonValue.Create((long)number) : JsonValue.Create(number))
                        : JsonValue.Create(scalar.Value);
                }
            }

            yield return (text, new JsonObject { ["intent"] = intent == "null" ? null : intent, ["slots"] = slots }.ToJsonString());
        }
    }
}
