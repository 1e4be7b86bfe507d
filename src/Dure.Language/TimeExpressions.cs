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

    private static readonly (string Phrase, int Hour)[] EnglishNamedTimes = [("noon", 12), ("midday", 12), ("midnight", 0)];

    private static readonly SearchValues<char> KoreanStarts = SearchValues.Create(KoreanNumeral.StartChars + "새저밤낮점정자");

    // Said right after the time; they belong to its span.
    private static readonly (string Phrase, Period Period)[] EnglishSuffixes =
    [
        ("a.m.", Period.Am), ("a.m", Period.Am), ("am", Period.Am), ("p.m.", Period.Pm), ("p.m", Period.Pm), ("pm", Period.Pm),
        ("in the morning", Period.Am), ("this morning", Period.Am), ("in the afternoon", Period.Pm),
        ("this afternoon", Period.Pm), ("in the evening", Period.Pm), ("this evening", Period.Pm),
        ("at night", Period.Night),
    ];

    // A part of the day said apart from the time ("tomorrow morning at 7", "at 9 tonight") still settles am or pm; it
    // stays outside the time's span, as "tonight" is also a date.
    private static readonly (string Phrase, Period Period)[] EnglishDayParts =
    [
        ("morning", Period.Am), ("afternoon", Period.Pm), ("evening", Period.Pm), ("night", Period.Night), ("tonight", Period.Night),
    ];

    // "past"/"after" count forward from the hour; "to"/"till"/"of" count back.
    private static readonly (string Phrase, bool Before)[] Relations =
        [("past", false), ("after", false), ("to", true), ("till", true), ("til", true), ("of", true)];

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
        return TextScan.IsKorean(language)
            ? TextScan.FindAll<TimeMatch>(text, RecognizeKorean, KoreanStarts)
            : TextScan.FindAll<TimeMatch>(text, RecognizeEnglish);
    }

    /// <summary>A Korean clock time starting exactly at <paramref name="start"/>; durations use it to step over clock times.</summary>
    internal static int RecognizeKorean(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        var end = TextScan.MatchWord(text, start, KoreanNamedTimes, out var namedHour);
        if (end > 0 && KoreanQuantity.CanEndCounter(text, end))
        {
            match = new TimeMatch(start, end - start, namedHour, 0, true);
            return end;
        }

        var periodEnd = TextScan.MatchWord(text, start, KoreanPeriods, out var period);
        var clockStart = periodEnd > 0 ? TextScan.SkipSpaces(text, periodEnd) : start;
        if (!TryKoreanClock(text, clockStart, periodEnd > 0, out var hour, out var minute, out var before, out end))
        {
            return start;
        }

        match = Resolve(start, end, hour, minute, period, before);
        return end;
    }

    /// <summary>"7시", "일곱 시 반", "9시 15분", "10시 5분 전", "7:30" at <paramref name="pos"/>.</summary>
    private static bool TryKoreanClock(ReadOnlySpan<char> text, int pos, bool afterPeriod, out int hour, out int minute, out bool before, out int end)
    {
        minute = 0;
        before = false;
        if (TryDigitTime(text, pos, out hour, out minute, out end, out _))
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

    private static int RecognizeEnglish(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        if (!char.IsAsciiLetterOrDigit(text[start]) || !TextScan.StartsWord(text, start))
        {
            return start;
        }

        var end = TextScan.MatchPhrase(text, start, EnglishNamedTimes, out var namedHour);
        if (end >= 0)
        {
            match = new TimeMatch(start, end - start, namedHour, 0, true);
            return end;
        }

        return TryRelativeToHour(text, start, out match) || TryEnglishClock(text, start, out match) ? match.Start + match.Length : start;
    }

    /// <summary>"half past seven", "quarter to eight", "ten to six", "20 minutes after 3".</summary>
    private static bool TryRelativeToHour(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        int minute, pos;
        if ((pos = TextScan.MatchAny(text, start, ["a quarter", "quarter"])) >= 0)
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

        var relationEnd = TextScan.MatchPhrase(text, TextScan.SkipSpaces(text, pos), Relations, out var before);
        if (relationEnd < 0 || (minute == 30 && before))
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

        match = Resolve(start, SaidPeriod(text, start, end, ref period), hour, minute, period, before);
        return true;
    }

    /// <summary>"7 am", "7:30pm", "7.30pm", "19:30", "7 30 pm", "seven o'clock", "seven thirty in the evening", "at 7".</summary>
    private static bool TryEnglishClock(ReadOnlySpan<char> text, int start, out TimeMatch match)
    {
        match = default;
        var digitTime = TryDigitTime(text, start, out var hour, out var minute, out var end, out var dotted);
        if (!digitTime)
        {
            if (!TryEnglishHour(text, start, out hour, out end) || hour > 23)
            {
                return false;
            }

            if (TryEnglishMinutes(text, end, out var spokenMinute, out var minuteEnd)
                && (SuffixFollows(text, minuteEnd) || PreviousWordIs(text, start, "at")))
            {
                (minute, end) = (spokenMinute, minuteEnd);
            }
        }

        var oclockEnd = !digitTime && minute == 0 ? TextScan.MatchAny(text, TextScan.SkipSpaces(text, end), ["o'clock", "oclock"]) : -1;
        end = oclockEnd >= 0 ? oclockEnd : end;

        // "7.30" is a time only with am/pm; a bare number only after "at" and before no unit ("at 21 degrees") or
        // with a part of the day around it ("9 tonight").
        var period = Period.None;
        var spanEnd = SaidPeriod(text, start, end, ref period);
        var isTime = period != Period.None || oclockEnd >= 0 || (digitTime && !dotted)
            || (PreviousWordIs(text, start, "at") && EnglishUnits.Match(text, end, out _) < 0 && (end >= text.Length || text[end] != '%'));
        if (!isTime)
        {
            return false;
        }

        match = Resolve(start, spanEnd, hour, minute, period, before: false);
        return true;
    }

    private static bool SuffixFollows(ReadOnlySpan<char> text, int end) =>
        TextScan.MatchPhrase(text, TextScan.SkipSpaces(text, end), EnglishSuffixes, out _) >= 0;

    /// <summary>
    /// The end of the time with its am/pm suffix when one is said; otherwise the period comes from a part of the day
    /// said around it ("tomorrow morning at 7", "at 7 tomorrow evening"), which stays outside the span.
    /// </summary>
    private static int SaidPeriod(ReadOnlySpan<char> text, int start, int end, ref Period period)
    {
        var suffixEnd = TextScan.MatchPhrase(text, TextScan.SkipSpaces(text, end), EnglishSuffixes, out var suffix);
        if (suffixEnd >= 0)
        {
            period = suffix;
            return suffixEnd;
        }

        if (period != Period.None)
        {
            return end;
        }

        var after = TextScan.SkipSpaces(text, end);
        var dayEnd = TextScan.MatchAny(text, after, ["tomorrow", "today"]);
        var partStart = dayEnd >= 0 ? TextScan.SkipSpaces(text, dayEnd) : after;
        if (partStart > end && TextScan.MatchPhrase(text, partStart, EnglishDayParts, out var following) >= 0)
        {
            period = following;
        }
        else if (PreviousWord(text, start, out var atStart).Equals("at", StringComparison.OrdinalIgnoreCase)
            && !PreviousWord(text, atStart, out var precedingStart).IsEmpty
            && TextScan.MatchPhrase(text, precedingStart, EnglishDayParts, out var preceding) >= 0)
        {
            period = preceding;
        }

        return end;
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

        var ohEnd = TextScan.MatchAny(text, start, ["oh", "o"]);
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

    /// <summary>
    /// "7:30", "19:05" at <paramref name="pos"/>: an hour of one or two digits, a colon, two digits of minutes.
    /// "7.30" is read too and flagged <paramref name="dotted"/>, since it is a time only when am/pm follows.
    /// </summary>
    private static bool TryDigitTime(ReadOnlySpan<char> text, int pos, out int hour, out int minute, out int end, out bool dotted)
    {
        hour = minute = 0;
        end = pos;
        var i = pos;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - pos < 2)
        {
            hour = (hour * 10) + (text[i++] - '0');
        }

        dotted = i < text.Length && text[i] == '.';
        if (i == pos || (pos > 0 && char.IsAsciiDigit(text[pos - 1])) || i + 3 > text.Length || (text[i] != ':' && !dotted)
            || !char.IsAsciiDigit(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]) || (i + 3 < text.Length && char.IsAsciiDigit(text[i + 3])))
        {
            return false;
        }

        minute = ((text[i + 1] - '0') * 10) + (text[i + 2] - '0');
        end = i + 3;
        return hour <= 24 && minute < 60;
    }

    private static bool PreviousWordIs(ReadOnlySpan<char> text, int start, string word) =>
        PreviousWord(text, start, out _).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The letters of the word before <paramref name="start"/> (across whitespace), and where it begins.</summary>
    private static ReadOnlySpan<char> PreviousWord(ReadOnlySpan<char> text, int start, out int wordStart)
    {
        var end = start;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        wordStart = end;
        while (wordStart > 0 && char.IsAsciiLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        return end < start ? text[wordStart..end] : [];
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
