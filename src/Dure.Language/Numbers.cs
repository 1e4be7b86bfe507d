using System.Buffers;

namespace Dure.Language;

/// <summary>A number found in a text; <see cref="Length"/> includes the unit when one follows.</summary>
/// <param name="Unit">A <see cref="Units"/> name, or null when no known unit follows.</param>
public readonly record struct NumberMatch(int Start, int Length, double Value, string? Unit);

/// <summary>Finds every number in an utterance.</summary>
public static class Numbers
{
    private static readonly SearchValues<char> KoreanStarts = SearchValues.Create(KoreanNumeral.StartChars + "-−");
    private static readonly string[] KoreanMinus = ["영하", "마이너스"];
    private static readonly string[] EnglishMinus = ["minus", "negative"];

    /// <summary>
    /// Every number in <paramref name="text"/>, left to right, longest match, not overlapping, with the unit that
    /// immediately follows when it is a known one (<see cref="Units"/>). Korean ("ko"): digits always count; numeral
    /// words count when they have two or more syllables ("이십삼", "스물세", "다섯"), when a unit they combine with follows
    /// ("세 시", "오 분", "삼 층", "백 개"), or, for cardinals that are rarely other words (삼, 칠, 둘, 열), when they stand
    /// alone, so "사과", "오전", "이 방" and "네" hold no number. English (anything else): digits and number words;
    /// "a"/"an" alone are not numbers, and "3rd" is 3 with the unit "ordinal". A minus said before a number
    /// (영하, 마이너스, "minus", "negative", or "-" starting a word) makes it negative and is part of the match.
    /// </summary>
    public static IReadOnlyList<NumberMatch> FindAll(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TextScan.IsKorean(language)
            ? TextScan.FindAll<NumberMatch>(text, RecognizeKorean, KoreanStarts)
            : TextScan.FindAll<NumberMatch>(text, RecognizeEnglish);
    }

    private static int RecognizeKorean(ReadOnlySpan<char> text, int start, out NumberMatch match)
    {
        match = default;
        var numberStart = NumberAfterMinus(text, start, KoreanMinus);
        if (!KoreanQuantity.TryRead(text, numberStart, out var quantity))
        {
            return start;
        }

        var sign = numberStart > start ? -1 : 1;
        match = new NumberMatch(start, quantity.End - start, sign * quantity.Value, quantity.Unit);
        return quantity.End;
    }

    private static int RecognizeEnglish(ReadOnlySpan<char> text, int start, out NumberMatch match)
    {
        match = default;
        var numberStart = NumberAfterMinus(text, start, EnglishMinus);
        if (!char.IsAsciiLetterOrDigit(text[numberStart]) || !TextScan.StartsWord(text, start)
            || !EnglishNumeral.TryScan(text, numberStart, articleIsOne: false, out var end, out var value))
        {
            return start;
        }

        string? unit = null;
        if (char.IsAsciiDigit(text[end - 1]) && EnglishNumeral.TryScanOrdinal(text, numberStart, out var ordinalEnd, out _)
            && ordinalEnd == TextScan.LatinWordEnd(text, end))
        {
            (unit, end) = (Units.Ordinal, ordinalEnd);
        }
        else if (EnglishUnits.Match(text, end, out var name) is var unitEnd and >= 0)
        {
            (unit, end) = (name, unitEnd);
        }

        var sign = numberStart > start ? -1 : 1;
        match = new NumberMatch(start, end - start, sign * value, unit);
        return end;
    }

    /// <summary>Where the number starts after a spoken minus word or a leading "-" at <paramref name="start"/>; start when there is none.</summary>
    private static int NumberAfterMinus(ReadOnlySpan<char> text, int start, ReadOnlySpan<string> minusWords)
    {
        if (text[start] is '-' or '−' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1])
            && (start == 0 || char.IsWhiteSpace(text[start - 1])))
        {
            return start + 1;
        }

        foreach (var word in minusWords)
        {
            if (text[start..].StartsWith(word, StringComparison.OrdinalIgnoreCase) && TextScan.StartsWord(text, start))
            {
                var next = TextScan.SkipSpaces(text, start + word.Length);
                if (next < text.Length && (next > start + word.Length || char.IsAsciiDigit(text[next])))
                {
                    return next;
                }
            }
        }

        return start;
    }
}
