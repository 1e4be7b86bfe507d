using System.Globalization;
using System.Text.Json.Nodes;
using Dure.Homes;
using YamlDotNet.RepresentationModel;

namespace Dure.Understanding.Evaluation;

/// <summary>One sentence of a Home Assistant intents test file and what it must parse to.</summary>
public sealed record HomeAssistantCase(string File, string Sentence, string Intent, IReadOnlyDictionary<string, IReadOnlyList<string>> Slots, string? ContextArea);

/// <summary>The outcome of one case: what Dure understood, in Home Assistant's form.</summary>
public sealed record HomeAssistantOutcome(HomeAssistantCase Case, string? Intent, IReadOnlyDictionary<string, string> Slots, bool Passed);

/// <summary>
/// Runs Home Assistant's intent test suites (home-assistant/intents, tests/&lt;lang&gt;) against the parser and
/// judges each sentence as HA's runner does: the intent name and every expected slot must match, with Dure's
/// canonical slots mapped to HA's form (area and device names as the fixtures spell them, "all" for
/// area-wide commands).
/// </summary>
public sealed class HomeAssistantSuite
{
    private readonly Home _home;

    private HomeAssistantSuite(Home home, IReadOnlyList<HomeAssistantCase> cases, string language)
    {
        _home = home;
        Cases = cases;
        Language = language;
    }

    public IReadOnlyList<HomeAssistantCase> Cases { get; }

    public string Language { get; }

    public Home Home => _home;

    public static HomeAssistantSuite Load(string directory, string language)
    {
        var home = HomeFile.Load(Path.Combine(directory, "_fixtures.yaml"));
        var cases = Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('_'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => ReadCases(f, Path.GetRelativePath(directory, f)))
            .ToList();
        return new HomeAssistantSuite(home, cases, language);
    }

    public IEnumerable<HomeAssistantOutcome> Run(IntentParser parser)
    {
        foreach (var testCase in Cases)
        {
            var area = testCase.ContextArea is null ? null : FindAreaId(testCase.ContextArea);
            var result = parser.Parse(testCase.Sentence, new ParseContext(_home, area, Language));
            var slots = ToHomeAssistantSlots(result);
            var intent = HomeAssistantIntent(result, slots);
            yield return new HomeAssistantOutcome(testCase, intent, slots, Judge(testCase, intent, slots));
        }
    }

    /// <summary>HA's intent name; HA calls list intents without a named list "shopping list" intents.</summary>
    private static string? HomeAssistantIntent(ParseResult result, IReadOnlyDictionary<string, string> slots) => result.Intent switch
    {
        null => null,
        Intents.ListAddItem when !slots.ContainsKey("name") => "HassShoppingListAddItem",
        Intents.ListCompleteItem when !slots.ContainsKey("name") => "HassShoppingListCompleteItem",
        var intent => Intents.ToHomeAssistant(intent),
    };

    /// <summary>
    /// Dure's slots in HA's form: names as spelled in the fixtures, numbers as plain numbers, durations split
    /// into hours, minutes and seconds, and HA's slot names (volume_level, conversation_command).
    /// </summary>
    public IReadOnlyDictionary<string, string> ToHomeAssistantSlots(ParseResult result)
    {
        var slots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var slot in result.Slots)
        {
            switch (slot.Name)
            {
                case "duration":
                    Split(slots, (long)result.Number("duration")!.Value, "");
                    continue;
                case "start_duration":
                    Split(slots, (long)result.Number("start_duration")!.Value, "start_");
                    continue;
            }

            var name = slot.Name switch
            {
                "volume" => "volume_level",
                "command" => "conversation_command",
                "location" => "name",
                _ => slot.Name,
            };
            slots[name] = slot.Name switch
            {
                "area" => slot.Spoken ?? _home.FindArea(slot.Value.GetValue<string>())?.Names.Display(Language, "") ?? "",
                "floor" or "name" => slot.Spoken ?? (slot.Value is JsonValue v && v.TryGetValue(out string? text) ? text : ""),
                "location" => slot.Spoken ?? slot.Value.GetValue<string>(),
                _ => slot.Value is JsonValue value && value.TryGetValue(out double number)
                    ? number.ToString(CultureInfo.InvariantCulture)
                    : slot.Value.ToString(),
            };
        }

        if (result.AllTargets && !slots.ContainsKey("name"))
        {
            slots["name"] = "all";
        }

        return slots;
    }

    private static void Split(Dictionary<string, string> slots, long seconds, string prefix)
    {
        foreach (var (unit, size) in new[] { ("hours", 3600L), ("minutes", 60L), ("seconds", 1L) })
        {
            if (seconds >= size)
            {
                slots[prefix + unit] = (seconds / size).ToString(CultureInfo.InvariantCulture);
                seconds %= size;
            }
        }
    }

    private static bool Judge(HomeAssistantCase testCase, string? intent, IReadOnlyDictionary<string, string> slots) =>
        intent == testCase.Intent &&
        testCase.Slots.All(expected => slots.TryGetValue(expected.Key, out var actual) &&
            expected.Value.Any(v => Same(v, actual)));

    private static bool Same(string expected, string actual) =>
        string.Equals(expected.Trim(), actual.Trim(), StringComparison.OrdinalIgnoreCase) ||
        (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) &&
         double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && Math.Abs(e - a) < 1e-9);

    private string? FindAreaId(string name) =>
        _home.Areas.FirstOrDefault(a => a.Names.All.Any(n => string.Equals(n.Text, name, StringComparison.OrdinalIgnoreCase)))?.Id;

    private static IEnumerable<HomeAssistantCase> ReadCases(string path, string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue(new YamlScalarNode("tests"), out var tests) || tests is not YamlSequenceNode list)
        {
            yield break;
        }

        foreach (var test in list.Children.OfType<YamlMappingNode>())
        {
            if (Child(test, "intent") is not YamlMappingNode intent || Scalar(intent, "name") is not { } name)
            {
                continue;
            }

            var slots = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (Child(intent, "slots") is YamlMappingNode slotMap)
            {
                foreach (var (key, value) in slotMap.Children)
                {
                    slots[((YamlScalarNode)key).Value!] = value switch
                    {
                        YamlSequenceNode values => [.. values.Children.OfType<YamlScalarNode>().Select(v => v.Value ?? "")],
                        YamlScalarNode scalar => [scalar.Value ?? ""],
                        _ => [],
                    };
                }
            }

            var contextArea = Child(intent, "context") is YamlMappingNode context ? Scalar(context, "area") : null;
            if (Child(test, "sentences") is YamlSequenceNode sentences)
            {
                foreach (var sentence in sentences.Children.OfType<YamlScalarNode>())
                {
                    yield return new HomeAssistantCase(file, sentence.Value ?? "", name, slots, contextArea);
                }
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode { Value: { } v } ? v : null;
}

/// <summary>Pass rates of a suite run, per file and per intent.</summary>
public sealed record SuiteReport(int Passed, int Total, IReadOnlyList<(string Key, int Passed, int Total)> ByFile, IReadOnlyList<(string Key, int Passed, int Total)> ByIntent)
{
    public double Rate => Total == 0 ? 0 : (double)Passed / Total;

    public static SuiteReport From(IReadOnlyList<HomeAssistantOutcome> outcomes) => new(
        outcomes.Count(o => o.Passed),
        outcomes.Count,
        Group(outcomes, o => o.Case.File),
        Group(outcomes, o => o.Case.Intent));

    private static List<(string, int, int)> Group(IEnumerable<HomeAssistantOutcome> outcomes, Func<HomeAssistantOutcome, string> key) =>
        [.. outcomes.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count(o => o.Passed), g.Count()))];
}
