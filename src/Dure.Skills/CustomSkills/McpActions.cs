using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dure.Language;
using Dure.Understanding.Classification;

namespace Dure.Skills.CustomSkills;

/// <summary>
/// A tool of a partner's MCP server as Dure keeps it (from <c>tools/list</c>): its name, what it is called and does, the
/// JSON schema of its arguments, and whether its annotations say it is destructive (then Dure asks first).
/// </summary>
public sealed record McpTool(string Name, string? Title, string? Description, JsonElement InputSchema, bool Destructive)
{
    /// <summary>What the tool does in a spoken question: its title, else its name with spaces.</summary>
    public string SpokenTitle => Title is { Length: > 0 } title ? title : Name.Replace('_', ' ');

    /// <summary>The schema's properties (name → schema), in the order the server gave them.</summary>
    public IEnumerable<(string Name, JsonElement Schema)> Properties =>
        InputSchema.ValueKind == JsonValueKind.Object && InputSchema.TryGetProperty("properties", out var properties) &&
        properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];

    /// <summary>The properties the schema requires.</summary>
    public IReadOnlySet<string> Required =>
        InputSchema.ValueKind == JsonValueKind.Object && InputSchema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>A skill served by a partner's MCP server (Streamable HTTP): where it is, the bearer token it wants, and its tools.</summary>
public sealed record McpSkillBackend(Uri Url, string? Token, IReadOnlyList<McpTool> Tools)
{
    public McpTool? Find(string name) => Tools.FirstOrDefault(t => t.Name == name);
}

/// <summary>
/// A destructive tool call that waits for the user's yes: the skill, the tool and the arguments already typed. Kept in
/// the device's conversation for as long as any question.
/// </summary>
public sealed record PendingSkillAction(string SkillId, string Tool, ImmutableDictionary<string, JsonElement> Arguments, string Language);

/// <summary>
/// How an MCP server's tools become actions of a skill (docs/custom-skills.md, "Skills on an MCP server"): each tool is an
/// intent whose slots are the tool's input properties; its samples are those the partner gave for it, else its title
/// and description. Slots said are typed by the schema when the tool is called: numbers as numbers.
/// </summary>
public static partial class McpActions
{
    public const int MaxTools = InteractionModel.MaxIntents;

    /// <summary>The tools that can be actions (a name an intent may have, at most 20 properties named as slots may be), and why others cannot.</summary>
    public static (IReadOnlyList<McpTool> Usable, IReadOnlyList<string> Skipped) Usable(IEnumerable<McpTool> tools)
    {
        List<McpTool> usable = [];
        List<string> skipped = [];
        foreach (var tool in tools)
        {
            var properties = tool.Properties.Select(p => p.Name).ToList();
            if (!ToolName().IsMatch(tool.Name) || IntentModel.IsOutOfScope(tool.Name))
            {
                skipped.Add($"{tool.Name}: the name is not 1-64 letters, digits, '.', '_' or '-' starting with a letter");
            }
            else if (properties.Count > InteractionModel.MaxSlots || properties.Any(p => !PropertyName().IsMatch(p)))
            {
                skipped.Add($"{tool.Name}: at most {InteractionModel.MaxSlots} arguments, each named with 1-32 letters, digits or '_' starting with a letter");
            }
            else if (usable.Count < MaxTools)
            {
                usable.Add(tool);
            }
            else
            {
                skipped.Add($"{tool.Name}: a skill has at most {MaxTools} actions");
            }
        }

        return (usable, skipped);
    }

    /// <summary>
    /// The interaction model Dure trains for the tools: an intent per tool with a slot per property (an <c>enum</c>'s
    /// values, and values the partner declared, as the slot's values), samples from <paramref name="given"/> for that
    /// tool, and in a language it gave none for, the tool's title and description when they are written in it.
    /// </summary>
    public static InteractionModel Model(IReadOnlyList<McpTool> tools, InteractionModel? given)
    {
        List<SkillIntent> intents = [];
        foreach (var tool in tools)
        {
            var partner = given?.Intents?.FirstOrDefault(i => i?.Name == tool.Name);
            var slots = tool.Properties.Select(p =>
            {
                var declared = partner?.Slots?.FirstOrDefault(s => s?.Name == p.Name)?.Values ?? [];
                var enumerated = p.Schema.ValueKind == JsonValueKind.Object && p.Schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
                    ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
                    : [];
                return new SkillSlot(p.Name, [.. declared.Concat(enumerated).Where(v => v is { Length: > 0 and <= 100 }).Distinct(StringComparer.Ordinal)
                    .Take(InteractionModel.MaxValues)]);
            }).ToList();
            // Per language, the partner's samples, else the tool's own words in that language.
            var described = Described(tool);
            var samples = new LocalizedWords(partner?.Samples?.Ko is { Count: > 0 } ko ? ko : described.Ko,
                partner?.Samples?.En is { Count: > 0 } en ? en : described.En);
            intents.Add(new SkillIntent(tool.Name, slots, samples));
        }

        return new InteractionModel(intents);
    }

    /// <summary>What is wrong with the partner's samples for the tools, or with the model made of them; null when it trains.</summary>
    public static string? Problem(IReadOnlyList<McpTool> tools, InteractionModel? given)
    {
        if (tools.Count == 0)
        {
            return "backend: the MCP server lists no tool that can be an action";
        }

        if (given?.Intents?.FirstOrDefault(i => i?.Name is null || tools.All(t => t.Name != i.Name)) is { } stray)
        {
            return $"interactionModel: intent '{stray.Name}' is not a tool of the MCP server (its intents give samples for tools, by tool name)";
        }

        return Model(tools, given).Problem();
    }

    /// <summary>
    /// The tool's arguments from the slots said, typed by its schema (integer, number, boolean, string, enum), and the
    /// required arguments that were not said or could not be read.
    /// </summary>
    public static (ImmutableDictionary<string, JsonElement> Arguments, IReadOnlyList<string> Missing) Arguments(McpTool tool,
        IReadOnlyDictionary<string, string> slots, string language)
    {
        var arguments = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, schema) in tool.Properties)
        {
            if (slots.TryGetValue(name, out var said) && Typed(schema, said.Trim(), language) is { } value)
            {
                arguments[name] = value;
            }
        }

        return (arguments.ToImmutable(), [.. tool.Required.Where(r => !arguments.ContainsKey(r))]);
    }

    private static JsonElement? Typed(JsonElement schema, string said, string language)
    {
        if (said.Length == 0)
        {
            return null;
        }

        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) ? TypeOf(t) : "string";
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            // An enum takes one of its own values, matched without regard to case and spacing.
            var key = Compact(said);
            var match = values.EnumerateArray().FirstOrDefault(v => v.ValueKind == JsonValueKind.String && Compact(v.GetString()!) == key);
            return match.ValueKind == JsonValueKind.String ? match.Clone() : null;
        }

        switch (type)
        {
            case "integer":
            case "number":
                // "2", "두", "two", "3.5": digits as written, else the first number said.
                // A slot that is only a numeral ("세") is read whole; in a longer text the first number counts.
                double? number = double.TryParse(said, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain
                    : language == "ko" && KoreanNumber.TryParse(said, out var korean) ? korean
                    : Numbers.FindAll(said, language) is [var found, ..] ? found.Value
                    : null;
                return number switch
                {
                    null => null,
                    { } n when type == "integer" => n == Math.Floor(n) && Math.Abs(n) < 1e15 ? JsonSerializer.SerializeToElement((long)n) : null,
                    { } n => JsonSerializer.SerializeToElement(n),
                };
            case "boolean":
                var normalized = TextNormalizer.Normalize(said);
                return normalized is "true" or "yes" or "on" or "네" or "응" or "예" ? JsonSerializer.SerializeToElement(true)
                    : normalized is "false" or "no" or "off" or "아니요" or "아니" ? JsonSerializer.SerializeToElement(false)
                    : null;
            default:
                return JsonSerializer.SerializeToElement(said);
        }
    }

    // "type" is a name or a list of names ("integer" or ["integer", "null"]).
    private static string TypeOf(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => type.GetString()!,
        JsonValueKind.Array => type.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            .FirstOrDefault(n => n != "null") ?? "string",
        _ => "string",
    };

    private static LocalizedWords Described(McpTool tool)
    {
        List<string> korean = [];
        List<string> english = [];
        foreach (var text in new[] { tool.Title, FirstSentence(tool.Description), tool.Name.Replace('_', ' ') })
        {
            if (text is not { Length: > 0 } said || korean.Contains(said) || english.Contains(said))
            {
                continue;
            }

            // Brackets and braces would read as slot marks.
            var sample = Brackets().Replace(said, " ").Trim();
            if (sample.Length is > 0 and <= InteractionModel.MaxSampleLength)
            {
                (sample.Any(Hangul.IsSyllable) ? korean : english).Add(sample);
            }
        }

        return new LocalizedWords(korean, english);
    }

    private static string? FirstSentence(string? description)
    {
        if (description is null)
        {
            return null;
        }

        var end = description.IndexOfAny(['.', '\n', '!', '?']);
        var sentence = (end > 0 ? description[..end] : description).Trim();
        return sentence.Length > InteractionModel.MaxSampleLength ? sentence[..InteractionModel.MaxSampleLength].Trim() : sentence;
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolName();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyName();

    [GeneratedRegex(@"[\[\]{}]", RegexOptions.CultureInvariant)]
    private static partial Regex Brackets();
}
