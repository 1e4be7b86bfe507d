namespace Dure.Language;

/// <summary>A length of time found in a text.</summary>
public readonly record struct DurationMatch(int Start, int Length, int Seconds);

/// <summary>Finds durations: "한 시간 반", "5분 30초", "이틀", "1 hour and 15 minutes", "half an hour", "5 and a half minutes".</summary>
public static class DurationExpressions
{
    // Native Korean day counts.
    private static readonly (string Word, int Days)[] KoreanDayWords =
    [
        ("여드레", 8), ("아흐레", 9), ("하루", 1), ("이틀", 2), ("사흘", 3), ("나흘", 4), ("닷새", 5), ("엿새", 6), ("이레", 7),
        ("열흘", 10), ("보름", 15),
    ];

    private static readonly string[] EnglishSeparators = [", and", ",", "and"];

    /// <summary>
    /// Every duration in <paramref name="text"/>, left to right, each the sum of its parts in descending units.
    /// Korean ("ko"): hours (시간), minutes (분), seconds (초) and weeks (주, 주일) with Sino, native or digit numbers
    /// ("한 시간 반" 5400, "1시간 15분", "삼십 분", "10분 반" 630, "반 시간" 1800), native day counts (하루, 이틀 … 보름) and
    /// days followed by 간/동안 ("3일 동안"); clock times are stepped over, so "7시 30분" holds no duration. English:
    /// "1 hour and 15 minutes", "an hour", "half an hour", "1/2 an hour", "a quarter of an hour", "5 and a half minutes",
    /// "an hour and a half", "90 seconds", "1.5 hours", "1 hour, 15 minutes, and 30 seconds"; "a"/"an" count as one.
    /// </summary>
    public static IReadOnlyList<DurationMatch> FindAll(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var korean = TextScan.IsKorean(language);
        List<DurationMatch>? matches = null;
        var i = 0;
        while (i < text.Length)
        {
            if (korean && TimeExpressions.TryKorean(text, i, out var time))
            {
                i = time.Start + time.Length;
                continue;
            }

            var end = korean ? TryKorean(text, i, out var seconds) : TryEnglish(text, i, out seconds);
            if (end > i)
            {
                (matches ??= []).Add(new DurationMatch(i, end - i, seconds));
                i = end;
            }
            else
            {
                i++;
            }
        }

        return matches ?? (IReadOnlyList<DurationMatch>)[];
    }

    /// <summary>Sums duration parts starting at <paramref name="start"/>; returns the end, or <paramref name="start"/> for none.</summary>
    private static int TryKorean(ReadOnlySpan<char> text, int start, out int seconds)
    {
        seconds = 0;
        var end = start;
        var largestAllowed = int.MaxValue;
        while (true)
        {
            var pos = end == start ? start : TextScan.SkipSpaces(text, end);
            if (!TryKoreanPart(text, pos, out var unitSeconds, out var amount, out var partEnd) || unitSeconds >= largestAllowed)
            {
                return end;
            }

            // 반 after a unit adds half of it: 한 시간 반, 10분 반.
            var half = TextScan.SkipSpaces(text, partEnd);
            if (unitSeconds > 1 && TextScan.At(text, half, "반") && KoreanQuantity.CanEndCounter(text, half + 1))
            {
                amount += 0.5;
                partEnd = half + 1;
            }

            seconds += (int)Math.Round(amount * unitSeconds);
            largestAllowed = unitSeconds;
            end = partEnd;
        }
    }

    private static bool TryKoreanPart(ReadOnlySpan<char> text, int pos, out int unitSeconds, out double amount, out int end)
    {
        unitSeconds = 0;
        amount = 0;
        end = pos;
        if (TextScan.At(text, pos, "반"))
        {
            var hourAt = TextScan.SkipSpaces(text, pos + 1);
            if (TextScan.At(text, hourAt, "시간") && KoreanQuantity.CanEndCounter(text, hourAt + 2))
            {
                (unitSeconds, amount, end) = (3600, 0.5, hourAt + 2);
                return true;
            }
        }

        foreach (var (word, days) in KoreanDayWords)
        {
            if (TextScan.At(text, pos, word) && TextScan.StartsWord(text, pos) && KoreanQuantity.CanEndCounter(text, pos + word.Length))
            {
                (unitSeconds, amount, end) = (86400, days, pos + word.Length);
                return true;
            }
        }

        if (!KoreanQuantity.TryRead(text, pos, out var quantity))
        {
            return false;
        }

        // A day count is a duration when 간 or 동안 says so; "25일" alone is a date.
        var isDays = quantity.Unit == Units.Day
            && (TextScan.At(text, quantity.End, "간") || TextScan.At(text, TextScan.SkipSpaces(text, quantity.End), "동안"));
        unitSeconds = quantity.Unit switch
        {
            Units.Week => 604800,
            Units.Hour => 3600,
            Units.Minute => 60,
            Units.Second => 1,
            _ when isDays => 86400,
            _ => 0,
        };
        amount = quantity.Value;
        end = quantity.End;
        return unitSeconds > 0;
    }

    private static int TryEnglish(ReadOnlySpan<char> text, int start, out int seconds)
    {
        seconds = 0;
        if (!char.IsAsciiLetterOrDigit(text[start]) || !TextScan.StartsWord(text, start))
        {
            return start;
        }

        var end = start;
        var largestAllowed = int.MaxValue;
        while (true)
        {
            var pos = start;
            if (end > start)
            {
                pos = TextScan.SkipSpaces(text, end);
                var separatorEnd = TextScan.MatchAny(text, pos, EnglishSeparators, out _);
                pos = separatorEnd >= 0 ? TextScan.SkipSpaces(text, separatorEnd) : pos;
            }

            if (!TryEnglishPart(text, pos, out var unitSeconds, out var amount, out var partEnd) || unitSeconds >= largestAllowed)
            {
                return end;
            }

            seconds += (int)Math.Round(amount * unitSeconds);
            largestAllowed = unitSeconds;
            end = partEnd;
        }
    }

    /// <summary>"half an hour", "1/2 an hour", "a quarter of an hour", "5 and a half minutes", "an hour and a half", "90 seconds".</summary>
    private static bool TryEnglishPart(ReadOnlySpan<char> text, int pos, out int unitSeconds, out double amount, out int end)
    {
        amount = 0;
        int afterAmount;
        var halfEnd = TextScan.MatchAny(text, pos, ["half an", "half a", "half", "1/2 an", "1/2 a", "1/2"], out _);
        var quarterEnd = TextScan.MatchAny(text, pos, ["a quarter of an", "a quarter of a", "quarter of an", "quarter of a", "a quarter", "quarter"], out _);
        if (halfEnd >= 0)
        {
            (amount, afterAmount) = (0.5, halfEnd);
        }
        else if (quarterEnd >= 0)
        {
            (amount, afterAmount) = (0.25, quarterEnd);
        }
        else if (EnglishNumeral.TryScan(text, pos, articleIsOne: true, out afterAmount, out amount))
        {
            // "5 and a half minutes"
            var halfAfter = TextScan.MatchPhrase(text, TextScan.SkipSpaces(text, afterAmount), "and a half");
            if (halfAfter >= 0)
            {
                (amount, afterAmount) = (amount + 0.5, halfAfter);
            }
        }
        else
        {
            unitSeconds = 0;
            end = pos;
            return false;
        }

        end = EnglishUnits.Match(text, afterAmount, out var unit);
        unitSeconds = unit switch
        {
            Units.Week => 604800,
            Units.Day => 86400,
            Units.Hour => 3600,
            Units.Minute => 60,
            Units.Second => 1,
            _ => 0,
        };
        if (end < 0 || unitSeconds == 0)
        {
            end = pos;
            return false;
        }

        // "an hour and a half"
        var trailingHalf = TextScan.MatchPhrase(text, TextScan.SkipSpaces(text, end), "and a half");
        if (trailingHalf >= 0)
        {
            amount += 0.5;
            end = trailingHalf;
        }

        return true;
    }
}
