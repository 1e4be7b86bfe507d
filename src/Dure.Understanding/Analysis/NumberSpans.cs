using Dure.Language;

namespace Dure.Understanding.Analysis;

/// <summary>A number with its unit; Start/End index compact characters (Korean) or words (English).</summary>
internal readonly record struct NumberSpan(int Start, int End, double Value, string? Unit);

/// <summary>
/// Numbers with their units from the language library ("이십삼 도", "스물세 도", "23도", "twenty point five degrees"),
/// moved onto the positions the segmenter works in.
/// </summary>
internal static class NumberSpans
{
    /// <summary>Numbers in Korean text, as spans of the compact (space-free) form.</summary>
    public static List<NumberSpan> InCompactText(string text)
    {
        // textToCompact[t] = how many non-space characters precede text position t.
        var textToCompact = new int[text.Length + 1];
        for (var t = 0; t < text.Length; t++)
        {
            textToCompact[t + 1] = textToCompact[t] + (text[t] == ' ' ? 0 : 1);
        }

        return [.. Numbers.FindAll(text, Languages.Korean)
            .Select(m => new NumberSpan(textToCompact[m.Start], textToCompact[m.Start + m.Length], m.Value, Canonical(m.Unit)))];
    }

    /// <summary>Numbers in English text, as spans of words; a number that does not start and end on word edges is skipped.</summary>
    public static List<NumberSpan> InWords(string text, IReadOnlyList<(int Start, int End)> words)
    {
        var spans = new List<NumberSpan>();
        foreach (var match in Numbers.FindAll(text, Languages.English))
        {
            var first = IndexOf(words, w => w.Start == match.Start);
            var last = IndexOf(words, w => w.End == match.Start + match.Length);
            if (first >= 0 && last >= first)
            {
                spans.Add(new NumberSpan(first, last + 1, match.Value, Canonical(match.Unit)));
            }
        }

        return spans;
    }

    // A temperature is a temperature in either scale; the number is what the user asked for.
    private static string? Canonical(string? unit) => unit == Units.Fahrenheit ? Units.Degree : unit;

    private static int IndexOf(IReadOnlyList<(int Start, int End)> words, Func<(int Start, int End), bool> match)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (match(words[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
