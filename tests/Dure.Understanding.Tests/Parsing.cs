using System.Text.Json.Nodes;
using Dure.Homes;

namespace Dure.Understanding.Tests;

/// <summary>Parses against the demo apartment, spoken from the living-room wall pad unless told otherwise.</summary>
internal static class Parsing
{
    public static readonly Home Demo = HomeFile.Load(Path.Combine(AppContext.BaseDirectory, "demo-home.yaml"));

    private static readonly IntentParser Parser = new();

    public static ParseResult Parse(string text, string? area = "living_room", Home? home = null, string? language = null) =>
        Parser.Parse(text, new ParseContext(home ?? Demo, area, language));

    /// <summary>The slots as "name=value" strings, for compact assertions.</summary>
    public static string[] SlotsOf(ParseResult result) =>
        [.. result.Slots.Select(s => $"{s.Name}={(s.Value is JsonArray a ? string.Join('|', a.Select(v => v!.ToString())) : s.Value.ToString())}")];
}
