using System.Globalization;

namespace Dure.Understanding.Analysis;

/// <summary>A number with its unit; Start/End index compact characters (Korean) or words (English).</summary>
internal readonly record struct NumberSpan(int Start, int End, double Value, string? Unit);

/// <summary>Finds numbers with their units in an utterance (digits for now; numerals come from Dure.Language).</summary>
internal static class NumberSpans
{
    private static readonly (string Surface, string Unit)[] KoreanUnits =
    [
        ("퍼센트", "percent"), ("프로", "percent"), ("%", "percent"), ("℃", "degree"), ("°c", "degree"), ("°", "degree"), ("도", "degree"),
        ("층", "floor"), ("시간", "hour"), ("시", "oclock"), ("분", "minute"), ("초", "second"), ("번", "number"), ("개", "count"),
    ];

    private static readonly (string Surface, string Unit)[] EnglishUnits =
    [
        ("percent", "percent"), ("per cent", "percent"), ("%", "percent"), ("degrees", "degree"), ("degree", "degree"), ("°", "degree"),
        ("°c", "degree"), ("°f", "degree"),
    ];

    /// <summary>Numbers in Korean text, as spans of the compact (space-free) form.</summary>
    public static List<NumberSpan> Find(string text)
    {
        var spans = new List<NumberSpan>();

        // textToCompact[t] = how many non-space characters precede text position t.
        var textToCompact = new int[text.Length + 1];
        for (var t = 0; t < text.Length; t++)
        {
            textToCompact[t + 1] = textToCompact[t] + (text[t] == ' ' ? 0 : 1);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] == '.')))
            {
                continue;
            }

            var end = ScanNumber(text, i, out var value);
            var unitEnd = end;
            string? unit = null;
            var afterSpace = end < text.Length && text[end] == ' ' ? end + 1 : end;
            foreach (var (surface, name) in KoreanUnits)
            {
                if (string.CompareOrdinal(text, afterSpace, surface, 0, surface.Length) == 0)
                {
                    unit = name;
                    unitEnd = afterSpace + surface.Length;
                    break;
                }
            }

            spans.Add(new NumberSpan(textToCompact[i], textToCompact[unitEnd], value, unit));
            i = unitEnd - 1;
        }

        return spans;
    }

    /// <summary>Numbers in English words, as word spans.</summary>
    public static List<NumberSpan> FindInWords(IReadOnlyList<string> words)
    {
        var spans = new List<NumberSpan>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length == 0 || !char.IsAsciiDigit(word[0]))
            {
                continue;
            }

            var end = ScanNumber(word, 0, out var value);
            string? unit = null;
            var suffix = word[end..];
            var last = i + 1;
            if (suffix.Length > 0)
            {
                unit = EnglishUnits.FirstOrDefault(u => u.Surface == suffix).Unit;
                if (unit is null)
                {
                    continue;
                }
            }
            else if (i + 1 < words.Count)
            {
                foreach (var (surface, name) in EnglishUnits)
                {
                    if (words[i + 1] == surface)
                    {
                        unit = name;
                        last = i + 2;
                        break;
                    }
                }
            }

            spans.Add(new NumberSpan(i, last, value, unit));
        }

        return spans;
    }

    private static int ScanNumber(string text, int start, out double value)
    {
        var end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || (text[end] == '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
        {
            end++;
        }

        value = double.Parse(text.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        return end;
    }
}
