namespace Dure.Language;

/// <summary>A length of time found in a text.</summary>
public readonly record struct DurationMatch(int Start, int Length, int Seconds);

/// <summary>Finds durations: "한 시간 반", "5분 30초", "이틀", "1 hour and 15 minutes", "half an hour", "5 and a half minutes".</summary>
public static class DurationExpressions
{
    private const int Minute = 60;
    private const int Hour = 3600;
    private const int Day = 86400;
    private const int Week = 604800;

    private static readonly string[] EnglishSeparators = [", and", ",", "and"];

    private static readonly (string Phrase, double Amount)[] EnglishFractions =
    [
        ("half an", 0.5), ("half a", 0.5), ("half", 0.5), ("1/2 an", 0.5), ("1/2 a", 0.5), ("1/2", 0.5),
        ("a quarter of an", 0.25), ("a quarter of a", 0.25), ("quarter of an", 0.25), ("quarter of a", 0.25),
        ("a quarter", 0.25), ("quarter", 0.25),
    ];

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
        return TextScan.IsKorean(language)
            ? TextScan.FindAll<DurationMatch>(text, RecognizeKorean, skip: SkipClockTime)
            : TextScan.FindAll<DurationMatch>(text, RecognizeEnglish);
    }

    private static int SkipClockTime(ReadOnlySpan<char> text, int start) => TimeExpressions.RecognizeKorean(text, start, out _);

    private static int RecognizeKorean(ReadOnlySpan<char> text, int start, out DurationMatch match) =>
        Sum(text, start, TryKoreanPart, separators: [], out match);

    private static int RecognizeEnglish(ReadOnlySpan<char> text, int start, out DurationMatch match)
    {
        match = default;
        return char.IsAsciiLetterOrDigit(text[start]) && TextScan.StartsWord(text, start)
            ? Sum(text, start, TryEnglishPart, EnglishSeparators, out match)
            : start;
    }

    /// <summary>Adds up parts in strictly descending units ("1시간 15분", "1 hour, 15 minutes"); returns the end of the last one.</summary>
    private static int Sum(ReadOnlySpan<char> text, int start, PartReader readPart, ReadOnlySpan<string> separators, out DurationMatch match)
    {
        double seconds = 0;
        var end = start;
        var largestAllowed = int.MaxValue;
        while (true)
        {
            var pos = start;
            if (end > start)
            {
                pos = TextScan.SkipSpaces(text, end);
                var separatorEnd = TextScan.MatchAny(text, pos, separators);
                pos = separatorEnd >= 0 ? TextScan.SkipSpaces(text, separatorEnd) : pos;
            }

            if (pos >= text.Length || !readPart(text, pos, out var unitSeconds, out var amount, out var partEnd) || unitSeconds >= largestAllowed
                || seconds + (amount * unitSeconds) > int.MaxValue)
            {
                match = new DurationMatch(start, end - start, (int)Math.Round(seconds));
                return end;
            }

            seconds += amount * unitSeconds;
            largestAllowed = unitSeconds;
            end = partEnd;
        }
    }

    private delegate bool PartReader(ReadOnlySpan<char> text, int pos, out int unitSeconds, out double amount, out int end);

    private static bool TryKoreanPart(ReadOnlySpan<char> text, int pos, out int unitSeconds, out double amount, out int end)
    {
        (unitSeconds, amount, end) = (0, 0, pos);
        if (TextScan.At(text, pos, "반"))
        {
            var hourAt = TextScan.SkipSpaces(text, pos + 1);
            if (TextScan.At(text, hourAt, "시간") && KoreanQuantity.CanEndCounter(text, hourAt + 2))
            {
                (unitSeconds, amount, end) = (Hour, 0.5, hourAt + 2);
                return true;
            }
        }

        // A count of days is a duration when it is a native day word or 간/동안 says so; "25일" alone is a date.
        if (KoreanQuantity.TryReadDayWord(text, pos, out var days, out var daysEnd)
            || (KoreanQuantity.TryReadDayNumber(text, pos, unitMayEndNumeral: true, out days, out daysEnd)
                && (TextScan.At(text, daysEnd, "간") || TextScan.At(text, TextScan.SkipSpaces(text, daysEnd), "동안"))))
        {
            (unitSeconds, amount, end) = (Day, days, daysEnd);
            return true;
        }

        if (!KoreanQuantity.TryRead(text, pos, out var quantity))
        {
            return false;
        }

        unitSeconds = quantity.Unit switch
        {
            Units.Week => Week,
            Units.Hour => Hour,
            Units.Minute => Minute,
            Units.Second => 1,
            _ => 0,
        };
        (amount, end) = (quantity.Value, quantity.End);

        // 반 after hours or minutes adds half of one: 한 시간 반, 10분 반.
        var half = TextScan.SkipSpaces(text, end);
        if (unitSeconds > 1 && TextScan.At(text, half, "반") && KoreanQuantity.CanEndCounter(text, half + 1))
        {
            (amount, end) = (amount + 0.5, half + 1);
        }

        return unitSeconds > 0;
    }

    /// <summary>"half an hour", "1/2 an hour", "a quarter of an hour", "5 and a half minutes", "an hour and a half", "90 seconds".</summary>
    private static bool TryEnglishPart(ReadOnlySpan<char> text, int pos, out int unitSeconds, out double amount, out int end)
    {
        unitSeconds = 0;
        var afterAmount = TextScan.MatchPhrase(text, pos, EnglishFractions, out amount);
        if (afterAmount < 0)
        {
            if (!EnglishNumeral.TryScan(text, pos, articleIsOne: true, out afterAmount, out amount))
            {
                end = pos;
                return false;
            }

            afterAmount = AndAHalf(text, afterAmount, ref amount);
        }

        end = EnglishUnits.Match(text, afterAmount, out var unit);
        unitSeconds = unit switch
        {
            Units.Week => Week,
            Units.Day => Day,
            Units.Hour => Hour,
            Units.Minute => Minute,
            Units.Second => 1,
            _ => 0,
        };
        if (end < 0 || unitSeconds == 0)
        {
            end = pos;
            return false;
        }

        end = AndAHalf(text, end, ref amount);
        return true;
    }

    /// <summary>"and a half" after an amount ("5 and a half minutes") or a unit ("an hour and a half").</summary>
    private static int AndAHalf(ReadOnlySpan<char> text, int pos, ref double amount)
    {
        var end = TextScan.MatchPhrase(text, TextScan.SkipSpaces(text, pos), "and a half");
        if (end < 0)
        {
            return pos;
        }

        amount += 0.5;
        return end;
    }
}
