using System.Buffers;

namespace Dure.Language;

/// <summary>A clock time found in a text, in 24-hour form.</summary>
/// <param name="Meridiem">
/// True when the time is unambiguous: am/pm or a part of the day was said (오후, "in the evening"), or the hour was
/// 0 or 13–23. False for a bare 1–12 hour ("7시", "seven o'clock"), which the caller may resolve to the next occurrence;
/// Hour is then 1–12.
/// </param>
public readonly record struct TimeMatch(int Start, int Length, int Hour, int Minute, bool Meridiem);

/// <summary>Finds clock times: "오후 3시 반", "10시 5분 전", "정오", "7:30 pm", "quarter to eight", "seven in the evening".</summary>
public static class TimeExpressions
{
    private enum Period
    {
        None,
        Am,
        Pm,

        /// <summary>밤, "at night": 12 is midnight and 1–5 are small hours (밤 1시 = 01:00), 6–11 are pm.</summary>
        Night,

        /// <summary>낮, 점심: 9–12 as they are, 1–8 pm.</summary>
        Midday,
    }

    private static readonly (string Word, Period Period)[] KoreanPeriods =
    [
        ("오전", Period.Am), ("아침", Period.Am), ("새벽", Period.Am), ("오후", Period.Pm), ("저녁", Period.Pm),
        ("밤", Period.Night), ("낮", Period.Midday), ("점심", Period.Midday),
    ];

    private static readonly (string Word, int Hour)[] KoreanNamedTimes = [("정오", 12), ("자정", 0)];

    private static readonly (string Word, int Hour)[] EnglishNamedTimes = [("noon", 12), ("midday", 12), ("midnight", 0)];

    private static readonly SearchValues<char> KoreanStarts =
        SearchValues.Create("0123456789영일이삼사오육륙칠팔구십백천만억하한둘두셋세석넷네넉다여아열스서마쉰예새저밤낮점정자");

    private static readonly string[] EnglishSuffixes =
    [
        "a.m.", "a.m", "am", "p.m.", "p.m", "pm", "in the morning", "this morning", "in the afternoon", "this afternoon",
        "in the evening", "this evening", "at night", "tonight",
    ];

    private static readonly Period[] EnglishSuffixPeriods =
    [
        Period.Am, Period.Am, Period.Am, Period.Pm, Period.Pm, Period.Pm, Period.Am, Period.Am, Period.Pm, Period.Pm,
        Period.Pm, Period.Pm, Period.Night, Period.Night,
    ];

    private static readonly string[] Relations = ["past", "after", "to", "till", "til", "of"];

    /// <summary>
    /// Every clock time in <paramref name="text"/>, left to right. Korean ("ko"): "7시", "일곱 시", "7시 30분", "일곱 시 반",
    /// "9시 15분", "10시 5분 전" (09:55), "7:30"; with 오전/아침/새벽 (am), 오후/저녁 (pm), 밤 (밤 11시 = 23:00, 밤 12시 = 00:00,
    /// 밤 1시 = 01:00), 낮/점심 (낮 2시 = 14:00); 정오 and 자정. English: "7 am", "7:30pm", "19:30", "7 30 pm",
    /// "seven o'clock", "seven in the evening", "half past seven", "quarter to eight", "ten to six", "noon", "midnight",
    /// and a bare hour after "at" ("at 7").
    /// </summary>
    public static IReadOnlyList<TimeMatch> FindAll(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var korean = TextScan.IsKorean(language);
        List<TimeMatch>? matches = null;
        var i = 0;
        while (i < text.Length)
        {
            if (korean)
            {
                var next = text.AsSpan(i).IndexOfAny(KoreanStarts);
                if (next < 0)
                {
                    break;
                }

                i += next;
            }

            var found = korean ? TryKorean(text, i, out var match) : TryEnglish(text, i, out match);
            if (found)
            {
                (matches ??= []).Add(match);
                i = match.Start + match.Length;
            }
            else
            {
                i++;
            }
        }

        return matches ?? (IReadOnlyList<TimeMatch>)[];
    }

    /// <summary>A Korean clock time starting exactly at <paramref name="start"/>; durations use it to step over clock times.</summary>
    internal static bool TryKorean(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        foreach (var (word, hour) in KoreanNamedTimes)
        {
            if (TextScan.At(text, start, word) && KoreanQuantity.CanEndCounter(text, start + word.Length))
            {
                match = new TimeMatch(start, word.Length, hour, 0, true);
                return true;
            }
        }

        var period = Period.None;
        var clockStart = start;
        foreach (var (word, p) in KoreanPeriods)
        {
            if (TextScan.At(text, start, word))
            {
                period = p;
                clockStart = TextScan.SkipSpaces(text, start + word.Length);
                break;
            }
        }

        if (!TryKoreanClock(text, clockStart, period != Period.None, out var hour12, out var minute, out var before, out var end))
        {
            return false;
        }

        match = Resolve(start, end, hour12, minute, period, before);
        return true;
    }

    /// <summary>"7시", "일곱 시 반", "9시 15분", "10시 5분 전", "7:30" at <paramref name="pos"/>.</summary>
    private static bool TryKoreanClock(ReadOnlySpan<char> text, int pos, bool afterPeriod, out int hour, out int minute, out bool before, out int end)
    {
        minute = 0;
        before = false;
        if (TryColonTime(text, pos, out hour, out minute, out end))
        {
            return true;
        }

        if (!KoreanNumeral.TryScan(text, pos, out var numeral) || !numeral.IsWhole || numeral.Value > 24
            || (numeral.IsOneSyllableWord && (numeral.Kind == NumeralKind.Sino || (!afterPeriod && pos > 0 && Hangul.IsSyllable(text[pos - 1])))))
        {
            // One-syllable Sino hours are other words (일시, 이시); clock hours are native (한 시, 세 시).
            return false;
        }

        hour = (int)numeral.Value;
        var si = TextScan.SkipSpaces(text, numeral.End);
        if (!TextScan.At(text, si, "시") || TextScan.At(text, si + 1, "간"))
        {
            return false;
        }

        end = si + 1;
        var next = TextScan.SkipSpaces(text, end);
        if (TextScan.At(text, next, "반") && KoreanQuantity.CanEndCounter(text, next + 1))
        {
            minute = 30;
            end = next + 1;
            return true;
        }

        if (TextScan.At(text, next, "정각"))
        {
            end = next + 2;
            return true;
        }

        if (KoreanQuantity.TryRead(text, next, out var minutes) && minutes.Unit == Units.Minute
            && minutes.Numeral.IsWhole && minutes.Value < 60)
        {
            minute = (int)minutes.Value;
            end = minutes.End;
            var beforeAt = TextScan.SkipSpaces(text, end);
            if (TextScan.At(text, beforeAt, "전") && KoreanQuantity.CanEndCounter(text, beforeAt + 1))
            {
                before = true;
                end = beforeAt + 1;
            }

            return true;
        }

        return KoreanQuantity.CanEndCounter(text, si + 1);
    }

    private static bool TryEnglish(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        if (!char.IsAsciiLetterOrDigit(text[start]) || !TextScan.StartsWord(text, start))
        {
            return false;
        }

        foreach (var (word, hour) in EnglishNamedTimes)
        {
            var wordEnd = TextScan.MatchPhrase(text, start, word);
            if (wordEnd >= 0)
            {
                match = new TimeMatch(start, wordEnd - start, hour, 0, true);
                return true;
            }
        }

        return TryRelativeToHour(text, start, out match) || TryEnglishClock(text, start, out match);
    }

    /// <summary>"half past seven", "quarter to eight", "ten to six", "20 minutes after 3".</summary>
    private static bool TryRelativeToHour(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        int minute, pos;
        if ((pos = TextScan.MatchPhrase(text, start, "a quarter")) >= 0 || (pos = TextScan.MatchPhrase(text, start, "quarter")) >= 0)
        {
            minute = 15;
        }
        else if ((pos = TextScan.MatchPhrase(text, start, "half")) >= 0)
        {
            minute = 30;
        }
        else if (EnglishNumeral.TryScan(text, start, articleIsOne: false, out pos, out var value) && value is >= 1 and < 60 && value == Math.Floor(value))
        {
            minute = (int)value;
            var unitEnd = EnglishUnits.Match(text, pos, out var unit);
            var saidMinutes = unitEnd >= 0 && unit == Units.Minute;
            pos = saidMinutes ? unitEnd : pos;

            // Without "minutes", only the usual five-minute steps, and never in "from 5 to 7".
            if (!saidMinutes && (minute % 5 != 0 || minute > 25 || PreviousWordIs(text, start, "from") || PreviousWordIs(text, start, "between")))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        var relationEnd = TextScan.MatchAny(text, TextScan.SkipSpaces(text, pos), Relations, out var relation);
        if (relationEnd < 0 || (minute == 30 && Relations[relation] != "past"))
        {
            return false;
        }

        // Noon and midnight are 12 with their half of the day, so "quarter to midnight" is 23:45.
        var hourStart = TextScan.SkipSpaces(text, relationEnd);
        var period = Period.None;
        int hour, end;
        if ((end = TextScan.MatchPhrase(text, hourStart, "noon")) >= 0)
        {
            (hour, period) = (12, Period.Pm);
        }
        else if ((end = TextScan.MatchPhrase(text, hourStart, "midnight")) >= 0)
        {
            (hour, period) = (12, Period.Am);
        }
        else if (!TryEnglishHour(text, hourStart, out hour, out end) || hour is < 1 or > 12)
        {
            return false;
        }

        if (TryEnglishSuffix(text, end, out var saidPeriod, out var suffixEnd))
        {
            period = saidPeriod;
            end = suffixEnd;
        }

        match = Resolve(start, end, hour, minute, period, before: Relations[relation] is "to" or "till" or "til" or "of");
        return true;
    }

    /// <summary>"7 am", "7:30pm", "19:30", "7 30 pm", "seven o'clock", "seven thirty in the evening", "at 7".</summary>
    private static bool TryEnglishClock(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        var colon = TryColonTime(text, start, out var hour, out var minute, out var end);
        if (!colon)
        {
            if (!TryEnglishHour(text, start, out hour, out end) || hour > 23)
            {
                return false;
            }

            if (TryEnglishMinutes(text, end, out var spokenMinute, out var minuteEnd)
                && (TryEnglishSuffix(text, minuteEnd, out _, out _) || PreviousWordIs(text, start, "at")))
            {
                minute = spokenMinute;
                end = minuteEnd;
            }
        }

        var oclock = false;
        if (!colon && minute == 0)
        {
            var oclockEnd = TextScan.MatchAny(text, TextScan.SkipSpaces(text, end), ["o'clock", "oclock"], out _);
            if (oclockEnd >= 0)
            {
                oclock = true;
                end = oclockEnd;
            }
        }

        var hasSuffix = TryEnglishSuffix(text, end, out var period, out var suffixEnd);
        if (hasSuffix)
        {
            end = suffixEnd;
        }

        // A bare number is a time only after "at" and when no unit follows ("at 21 degrees").
        var bareHourAfterAt = PreviousWordIs(text, start, "at") && EnglishUnits.Match(text, end, out _) < 0
            && (end >= text.Length || text[end] != '%');
        if (!colon && !oclock && !hasSuffix && !bareHourAfterAt)
        {
            return false;
        }

        match = Resolve(start, end, hour, minute, period, before: false);
        return true;
    }

    private static bool TryEnglishHour(ReadOnlySpan<char> text, int pos, out int hour, out int end)
    {
        hour = 0;
        if (!EnglishNumeral.TryScan(text, pos, articleIsOne: false, out end, out var value) || value != Math.Floor(value) || value > 24)
        {
            return false;
        }

        hour = (int)value;
        return true;
    }

    /// <summary>The minutes after a spoken hour: "30" (two digits), "thirty", "forty-five", "oh five".</summary>
    private static bool TryEnglishMinutes(ReadOnlySpan<char> text, int pos, out int minute, out int end)
    {
        minute = 0;
        end = pos;
        var start = TextScan.SkipSpaces(text, pos);
        if (start == pos || start >= text.Length)
        {
            return false;
        }

        if (char.IsAsciiDigit(text[start]))
        {
            var digitsEnd = start;
            while (digitsEnd < text.Length && char.IsAsciiDigit(text[digitsEnd]))
            {
                digitsEnd++;
            }

            if (digitsEnd - start != 2 || !TextScan.EndsWord(text, digitsEnd))
            {
                return false;
            }

            minute = ((text[start] - '0') * 10) + (text[start + 1] - '0');
            end = digitsEnd;
            return minute < 60;
        }

        var ohEnd = TextScan.MatchAny(text, start, ["oh", "o"], out _);
        if (ohEnd >= 0)
        {
            var digitStart = TextScan.SkipSpaces(text, ohEnd);
            var digitEnd = TextScan.LatinWordEnd(text, digitStart);
            minute = EnglishNumeral.DigitWord(text[digitStart..digitEnd]);
            end = digitEnd;
            return minute > 0 && digitStart > ohEnd;
        }

        if (EnglishNumeral.TryScan(text, start, articleIsOne: false, out end, out var value) && value is >= 10 and < 60 && value == Math.Floor(value))
        {
            minute = (int)value;
            return true;
        }

        return false;
    }

    private static bool TryEnglishSuffix(ReadOnlySpan<char> text, int pos, out Period period, out int end)
    {
        end = TextScan.MatchAny(text, TextScan.SkipSpaces(text, pos), EnglishSuffixes, out var index);
        period = index >= 0 ? EnglishSuffixPeriods[index] : Period.None;
        return end >= 0;
    }

    /// <summary>"7:30", "19:05" at <paramref name="pos"/>: an hour of one or two digits, a colon, two digits of minutes.</summary>
    private static bool TryColonTime(ReadOnlySpan<char> text, int pos, out int hour, out int minute, out int end)
    {
        hour = minute = 0;
        end = pos;
        var i = pos;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - pos < 2)
        {
            hour = (hour * 10) + (text[i++] - '0');
        }

        if (i == pos || (pos > 0 && char.IsAsciiDigit(text[pos - 1])) || i + 3 > text.Length || text[i] != ':'
            || !char.IsAsciiDigit(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]) || (i + 3 < text.Length && char.IsAsciiDigit(text[i + 3])))
        {
            return false;
        }

        minute = ((text[i + 1] - '0') * 10) + (text[i + 2] - '0');
        end = i + 3;
        return hour <= 24 && minute < 60;
    }

    private static bool PreviousWordIs(ReadOnlySpan<char> text, int start, string word)
    {
        var end = start;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var begin = end;
        while (begin > 0 && char.IsAsciiLetter(text[begin - 1]))
        {
            begin--;
        }

        return end < start && text[begin..end].Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Turns a said hour and minute into 24-hour form. <paramref name="before"/> counts the minutes back from the hour
    /// ("10시 5분 전", "ten to six"); a bare hour stays within 1–12 so the caller can still pick am or pm.
    /// </summary>
    private static TimeMatch Resolve(int start, int end, int hour, int minute, Period period, bool before)
    {
        var said = period != Period.None && hour is >= 1 and <= 12;
        var meridiem = said || hour is 0 or > 12;
        var hour24 = said ? ApplyPeriod(hour, period) : hour % 24;
        var total = (hour24 * 60) + (before ? -minute : minute);
        if (meridiem)
        {
            total = (total + 1440) % 1440;
        }
        else if (total < 60)
        {
            total += 720; // "1시 5분 전" is 12:55, still am-or-pm
        }

        return new TimeMatch(start, end - start, total / 60, total % 60, meridiem);
    }

    private static int ApplyPeriod(int hour, Period period) => period switch
    {
        Period.Am => hour % 12,
        Period.Pm => (hour % 12) + 12,
        Period.Night => hour == 12 ? 0 : hour <= 5 ? hour : hour + 12,
        Period.Midday => hour >= 9 ? hour : hour + 12,
        _ => hour,
    };
}
