namespace Dure.Language;

/// <summary>A number found in a text; <see cref="Length"/> includes the unit when one follows.</summary>
/// <param name="Unit">A <see cref="Units"/> name, or null when no known unit follows.</param>
public readonly record struct NumberMatch(int Start, int Length, double Value, string? Unit);

/// <summary>Finds every number in an utterance.</summary>
public static class Numbers
{
    /// <summary>
    /// Every number in <paramref name="text"/>, left to right, longest match, not overlapping, with the unit that
    /// immediately follows when it is a known one (<see cref="Units"/>). Korean ("ko"): digits always count; numeral
    /// words count when they have two or more syllables ("이십삼", "스물세", "다섯"), when a unit they combine with follows
    /// ("세 시", "오 분", "삼 층"), or, for cardinals that are rarely other words (삼, 칠, 둘, 열), when they stand alone,
    /// so "사과", "오전", "이 방" and "네" hold no number. English (anything else): digits and number words;
    /// "a"/"an" alone are not numbers, and "3rd" is 3 with the unit "ordinal".
    /// </summary>
    public static IReadOnlyList<NumberMatch> FindAll(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TextScan.IsKorean(language) ? FindKorean(text) : FindEnglish(text);
    }

    private static IReadOnlyList<NumberMatch> FindKorean(ReadOnlySpan<char> text)
    {
        List<NumberMatch>? matches = null;
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny(KoreanNumeral.Starts);
            if (next < 0)
            {
                break;
            }

            i += next;
            if (KoreanQuantity.TryRead(text, i, out var quantity))
            {
                (matches ??= []).Add(new NumberMatch(i, quantity.End - i, quantity.Value, quantity.Unit));
                i = quantity.End;
            }
            else
            {
                i++;
            }
        }

        return matches ?? (IReadOnlyList<NumberMatch>)[];
    }

    private static IReadOnlyList<NumberMatch> FindEnglish(ReadOnlySpan<char> text)
    {
        List<NumberMatch>? matches = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) || !TextScan.StartsWord(text, i))
            {
                i++;
                continue;
            }

            if (!EnglishNumeral.TryScan(text, i, articleIsOne: false, out var end, out var value))
            {
                i = Math.Max(i + 1, TextScan.LatinWordEnd(text, i));
                continue;
            }

            string? unit = null;
            var suffixEnd = TextScan.LatinWordEnd(text, end);
            if (char.IsAsciiDigit(text[end - 1]) && EnglishNumeral.TryScanOrdinal(text, i, out var ordinalEnd, out _) && ordinalEnd == suffixEnd)
            {
                unit = Units.Ordinal;
                end = ordinalEnd;
            }
            else if (EnglishUnits.Match(text, end, out var name) is var unitEnd and >= 0)
            {
                unit = name;
                end = unitEnd;
            }

            (matches ??= []).Add(new NumberMatch(i, end - i, value, unit));
            i = end;
        }

        return matches ?? (IReadOnlyList<NumberMatch>)[];
    }
}
