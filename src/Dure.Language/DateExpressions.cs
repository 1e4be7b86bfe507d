namespace Dure.Language;

/// <summary>A calendar date found in a text, resolved against the day it was said.</summary>
public readonly record struct DateMatch(int Start, int Length, DateOnly Date);

/// <summary>
/// Finds dates and resolves them against <c>today</c>. Weeks run Monday to Sunday. The choices:
/// <list type="bullet">
/// <item>A bare weekday ("월요일", "on friday", "this coming friday", "오는 금요일") is its next occurrence strictly after today.</item>
/// <item>"이번 주 X요일", "이번 X요일" and "this X" are X of the current week, even if already past; "다음 주 X요일",
/// "다음 X요일" and "next X" are X of next week; "다다음 주" the week after; "지난주 X요일" X of last week;
/// "지난 X요일" and "last X" the latest X before today.</item>
/// <item>주말 / "weekend" is Saturday of that week (today when asked on a Sunday).</item>
/// <item>A month and day without a year ("12월 25일", "december 25th") is the next such day, today included.</item>
/// <item>A day alone ("25일", "the 25th") is in this month if not yet past, else the next month that has it.</item>
/// <item>Offsets ("3일 후", "일주일 뒤", "한 달 뒤", "in 3 days", "a week from today", "2 days ago") count from today;
/// months and years keep the day of the month, clamped to the month's end.</item>
/// </list>
/// </summary>
public static class DateExpressions
{
    private const int Unknown = int.MinValue;
    private const string KoreanWeekdays = "월화수목금토일";

    private static readonly (string Word, int Days)[] KoreanDayWords =
    [
        ("내일모레", 2), ("그저께", -2), ("엊그제", -2), ("오늘", 0), ("내일", 1), ("모레", 2), ("글피", 3), ("어제", -1),
        ("그제", -2),
    ];

    // Words before a weekday or 주말 and the week they point to; 주 may follow them ("다음 주", "다음주"). 오는 (coming)
    // points to no week: the next occurrence.
    private static readonly (string Word, (int? Weeks, bool IncludesWeek) Week)[] KoreanWeekWords =
    [
        ("다다음", (2, false)), ("이번", (0, false)), ("다음", (1, false)), ("지난", (-1, false)), ("저번", (-1, false)),
        ("금주", (0, true)), ("담주", (1, true)), ("오는", (null, false)),
    ];

    private static readonly (string Word, int Years)[] KoreanYearWords =
    [
        ("내후년", 2), ("재작년", -2), ("올해", 0), ("금년", 0), ("내년", 1), ("작년", -1), ("지난해", -1),
    ];

    private static readonly (string Word, int Months)[] KoreanMonthOffsets =
    [
        ("이번 달", 0), ("이번달", 0), ("다음 달", 1), ("다음달", 1), ("담달", 1), ("지난 달", -1), ("지난달", -1),
        ("저번 달", -1), ("저번달", -1),
    ];

    // After a count of days, weeks, months or years: later (+1) or earlier (-1).
    private static readonly (string Word, int Sign)[] KoreanDirections = [("있다가", 1), ("지나서", 1), ("후", 1), ("뒤", 1), ("전", -1)];

    private static readonly (string Phrase, int Days)[] EnglishDayWords =
    [
        ("the day after tomorrow", 2), ("day after tomorrow", 2), ("the day before yesterday", -2),
        ("day before yesterday", -2), ("today", 0), ("tonight", 0), ("tomorrow", 1), ("yesterday", -1),
    ];

    private static readonly (string Phrase, (WeekdayRule Rule, int Weeks) Week)[] EnglishWeekdayPrefixes =
    [
        ("this coming ", (WeekdayRule.Next, 0)), ("coming ", (WeekdayRule.Next, 0)), ("on ", (WeekdayRule.Next, 0)),
        ("this ", (WeekdayRule.InWeek, 0)), ("next ", (WeekdayRule.InWeek, 1)), ("last ", (WeekdayRule.Previous, 0)),
    ];

    private static readonly (string Phrase, DayOfWeek Day)[] EnglishWeekdays =
    [
        ("monday", DayOfWeek.Monday), ("tuesday", DayOfWeek.Tuesday), ("wednesday", DayOfWeek.Wednesday),
        ("thursday", DayOfWeek.Thursday), ("friday", DayOfWeek.Friday), ("saturday", DayOfWeek.Saturday),
        ("sunday", DayOfWeek.Sunday),
    ];

    private static readonly (string Phrase, int Month)[] EnglishMonths =
    [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7), ("august", 8),
        ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3),
        ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sept", 9), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ];

    private static readonly (string Phrase, int Sign)[] EnglishDirections = [("from now", 1), ("from today", 1), ("later", 1), ("ago", -1)];

    private static readonly (string Phrase, int Months)[] EnglishMonthOffsets = [("of this month", 0), ("of next month", 1)];

    // Words that may follow a bare "the 25th" without turning it into "the 25th something".
    private static readonly string[] DayOnlyFollowers = ["at", "in", "for", "please", "and", "to", "from"];

    private enum WeekdayRule
    {
        /// <summary>Strictly after today.</summary>
        Next,

        /// <summary>Strictly before today.</summary>
        Previous,

        /// <summary>In the week a number of weeks away from the current one.</summary>
        InWeek,
    }

    /// <summary>Reads one form of date at start; returns its end, or start.</summary>
    private delegate int DateReader(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date);

    // Tried in order, from the most to the least specific form.
    private static readonly DateReader[] KoreanReaders = [KoreanOffset, KoreanCalendarDate, KoreanWeekday, KoreanDayWord];
    private static readonly DateReader[] EnglishReaders = [EnglishDayWord, EnglishOffset, EnglishCalendarDate, EnglishWeekday];

    /// <summary>Every date in <paramref name="text"/>, left to right; see the type's remarks for how each form resolves.</summary>
    public static IReadOnlyList<DateMatch> FindAll(string text, string language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var readers = TextScan.IsKorean(language) ? KoreanReaders : EnglishReaders;
        return TextScan.FindAll(text, (ReadOnlySpan<char> span, int start, out DateMatch match) => Recognize(span, start, today, readers, out match));
    }

    private static int Recognize(ReadOnlySpan<char> text, int start, DateOnly today, DateReader[] readers, out DateMatch match)
    {
        match = default;
        if (!char.IsLetterOrDigit(text[start]) || !TextScan.StartsWord(text, start))
        {
            return start;
        }

        foreach (var reader in readers)
        {
            var end = reader(text, start, today, out var date);
            if (end > start)
            {
                match = new DateMatch(start, end - start, date);
                return end;
            }
        }

        return start;
    }

    private static int KoreanDayWord(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        var end = TextScan.MatchWord(text, start, KoreanDayWords, out var days);
        date = today.AddDays(days);
        return end > 0 ? end : start;
    }

    /// <summary>"3일 후", "이십일 뒤", "일주일 뒤", "한 달 뒤", "이틀 뒤", "2주 전".</summary>
    private static int KoreanOffset(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        date = default;
        int amount, end;
        string unit;
        if (KoreanQuantity.TryReadDayWord(text, start, out amount, out end) || KoreanQuantity.TryReadDayNumber(text, start, unitMayEndNumeral: true, out amount, out end))
        {
            unit = Units.Day;
        }
        else if (KoreanQuantity.TryRead(text, start, out var quantity) && quantity.Numeral.IsWhole
            && quantity.Value <= KoreanQuantity.MaxCount && quantity.Unit is Units.Week or Units.Month or Units.Year)
        {
            (amount, unit, end) = ((int)quantity.Value, quantity.Unit, quantity.End);
        }
        else
        {
            return start;
        }

        var directionAt = TextScan.SkipSpaces(text, end);
        var directionEnd = TextScan.MatchWord(text, directionAt, KoreanDirections, out var sign);
        if (directionEnd < 0 || !KoreanQuantity.CanEndCounter(text, directionEnd))
        {
            return start;
        }

        var moved = AddOffset(today, sign * amount, unit);
        date = moved ?? default;
        return moved is null ? start : directionEnd;
    }

    /// <summary>"2027년 3월 1일", "내년 3월 1일", "12월 25일", "다음 달 3일", "25일".</summary>
    private static int KoreanCalendarDate(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        date = default;
        var pos = start;
        int year = Unknown, month = Unknown, monthOffset = Unknown;
        if (TryKoreanYear(text, pos, today, out var y, out var yearEnd))
        {
            (year, pos) = (y, TextScan.SkipSpaces(text, yearEnd));
        }

        if (TryKoreanMonth(text, pos, out var m, out var monthEnd))
        {
            (month, pos) = (m, TextScan.SkipSpaces(text, monthEnd));
        }
        else if (year == Unknown && TextScan.MatchWord(text, pos, KoreanMonthOffsets, out var offset) is var offsetEnd and > 0)
        {
            (monthOffset, pos) = (offset, TextScan.SkipSpaces(text, offsetEnd));
        }
        else if (year != Unknown)
        {
            return start;
        }

        var monthSaid = month != Unknown || monthOffset != Unknown;
        if (!KoreanQuantity.TryReadDayNumber(text, pos, unitMayEndNumeral: monthSaid, out var day, out var end) || CountsDays(text, end))
        {
            return start;
        }

        DateOnly? resolved;
        if (month != Unknown)
        {
            resolved = year != Unknown ? Create(year, month, day) : Upcoming(today, month, day);
        }
        else if (monthOffset != Unknown)
        {
            var inMonth = today.AddMonths(monthOffset);
            resolved = Create(inMonth.Year, inMonth.Month, day);
        }
        else
        {
            resolved = UpcomingDayOfMonth(today, day);
        }

        date = resolved ?? default;
        return resolved is null ? start : end;
    }

    // "3일간", "3일째", "3일 동안" count days rather than name one.
    private static bool CountsDays(ReadOnlySpan<char> text, int pos) =>
        TextScan.At(text, pos, "간") || TextScan.At(text, pos, "째") || TextScan.At(text, TextScan.SkipSpaces(text, pos), "동안");

    private static bool TryKoreanYear(ReadOnlySpan<char> text, int pos, DateOnly today, out int year, out int end)
    {
        end = TextScan.MatchWord(text, pos, KoreanYearWords, out var offset);
        if (end > 0)
        {
            year = today.Year + offset;
            return true;
        }

        (year, end) = (Unknown, pos);
        if (!KoreanNumeral.TryScan(text, pos, out var numeral) || !numeral.IsWhole || numeral.Value is < 1900 or > 2999)
        {
            return false;
        }

        var unitAt = TextScan.SkipSpaces(text, numeral.End);
        if (!TextScan.At(text, unitAt, "년"))
        {
            return false;
        }

        (year, end) = ((int)numeral.Value, unitAt + 1);
        return true;
    }

    private static bool TryKoreanMonth(ReadOnlySpan<char> text, int pos, out int month, out int end)
    {
        // 6월 and 10월 are spelt 유월 and 시월.
        end = TextScan.MatchWord(text, pos, [("유월", 6), ("시월", 10)], out month);
        if (end < 0)
        {
            if (!KoreanNumeral.TryScan(text, pos, out var numeral) || numeral.Kind == NumeralKind.Native || !numeral.IsWhole
                || numeral.Value is < 1 or > 12)
            {
                return false;
            }

            var unitAt = TextScan.SkipSpaces(text, numeral.End);
            if (!TextScan.At(text, unitAt, "월"))
            {
                return false;
            }

            (month, end) = ((int)numeral.Value, unitAt + 1);
        }

        return !TextScan.At(text, end, "요일");
    }

    /// <summary>"월요일", "이번 주 금요일", "다음 주 월요일", "다음 월요일", "지난 금요일", "오는 금요일", "주말", "지난 주말".</summary>
    private static int KoreanWeekday(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        date = default;
        var pos = start;
        var wordEnd = TextScan.MatchWord(text, pos, KoreanWeekWords, out var week);
        var (weeks, weekSaid) = wordEnd > 0 ? week : (null, false);
        if (wordEnd > 0)
        {
            pos = TextScan.SkipSpaces(text, wordEnd);
            if (!weekSaid && TextScan.At(text, pos, "주") && !TextScan.At(text, pos, "주말"))
            {
                (weekSaid, pos) = (true, TextScan.SkipSpaces(text, pos + 1));
            }
        }

        if (TextScan.At(text, pos, "주말"))
        {
            date = Weekend(today, weeks ?? 0);
            return pos + 2;
        }

        var day = pos < text.Length ? KoreanWeekdays.IndexOf(text[pos], StringComparison.Ordinal) : -1;
        if (day < 0 || !TextScan.At(text, pos + 1, "요일"))
        {
            return start;
        }

        var rule = weeks switch
        {
            null => WeekdayRule.Next,
            < 0 when !weekSaid => WeekdayRule.Previous,
            _ => WeekdayRule.InWeek,
        };
        date = Weekday(today, (DayOfWeek)((day + 1) % 7), rule, weeks ?? 0);
        return pos + 3;
    }

    private static int EnglishDayWord(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        var end = TextScan.MatchPhrase(text, start, EnglishDayWords, out var days);
        date = today.AddDays(days);
        return end >= 0 ? end : start;
    }

    /// <summary>"in 3 days", "in a week", "3 days from now", "a week from today", "2 weeks later", "3 days ago".</summary>
    private static int EnglishOffset(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        date = default;
        var inEnd = TextScan.MatchPhrase(text, start, "in ");
        if (!EnglishNumeral.TryScan(text, inEnd >= 0 ? inEnd : start, articleIsOne: true, out var amountEnd, out var amount)
            || amount != Math.Floor(amount))
        {
            return start;
        }

        var end = EnglishUnits.Match(text, amountEnd, out var unit);
        if (end < 0 || unit is not (Units.Day or Units.Week or Units.Month or Units.Year))
        {
            return start;
        }

        var sign = 1;
        if (inEnd < 0)
        {
            end = TextScan.MatchPhrase(text, TextScan.SkipSpaces(text, end), EnglishDirections, out sign);
            if (end < 0)
            {
                return start;
            }
        }

        var moved = amount <= KoreanQuantity.MaxCount ? AddOffset(today, sign * (int)amount, unit) : null;
        date = moved ?? default;
        return moved is null ? start : end;
    }

    /// <summary>"december 25th", "dec 25, 2027", "december the 25th", "25 december", "the 25th of december", "the 25th".</summary>
    private static int EnglishCalendarDate(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        date = default;
        var pos = SkipPhrase(text, SkipPhrase(text, start, "on "), "the ");
        int month, day, end;
        if (MatchMonth(text, pos, out month, out var monthEnd))
        {
            var dayStart = TextScan.SkipSpaces(text, monthEnd);
            if (dayStart == monthEnd || !TryDayOfMonth(text, SkipPhrase(text, dayStart, "the "), ordinalRequired: false, out day, out end))
            {
                return start;
            }
        }
        else if (pos < text.Length && TryDayOfMonth(text, pos, ordinalRequired: !char.IsAsciiDigit(text[pos]), out day, out var dayEnd))
        {
            var monthStart = TextScan.SkipSpaces(text, dayEnd);
            if (monthStart == dayEnd || !MatchMonth(text, SkipPhrase(text, monthStart, "of "), out month, out end))
            {
                return EnglishDayOnly(text, start, today, out date);
            }
        }
        else
        {
            return start;
        }

        var hasYear = TryEnglishYear(text, end, out var year, out var yearEnd);
        var resolved = hasYear ? Create(year, month, day) : Upcoming(today, month, day);
        date = resolved ?? default;
        return resolved is null ? start : hasYear ? yearEnd : end;
    }

    /// <summary>
    /// "the 25th", "on the 3rd", "the 30th of next month": a day of the month alone, with "the" and an ordinal, where
    /// no noun follows ("the third light").
    /// </summary>
    private static int EnglishDayOnly(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        date = default;
        var theEnd = TextScan.MatchPhrase(text, SkipPhrase(text, start, "on "), "the ");
        if (theEnd < 0 || !EnglishNumeral.TryScanOrdinal(text, theEnd, out var end, out var day) || day is < 1 or > 31)
        {
            return start;
        }

        var next = TextScan.SkipSpaces(text, end);
        var offsetEnd = TextScan.MatchPhrase(text, next, EnglishMonthOffsets, out var months);
        DateOnly? resolved;
        if (offsetEnd >= 0)
        {
            var inMonth = today.AddMonths(months);
            (resolved, end) = (Create(inMonth.Year, inMonth.Month, day), offsetEnd);
        }
        else if (next >= text.Length || !char.IsAsciiLetterOrDigit(text[next]) || TextScan.MatchAny(text, next, DayOnlyFollowers) >= 0)
        {
            resolved = UpcomingDayOfMonth(today, day);
        }
        else
        {
            return start;
        }

        date = resolved ?? default;
        return resolved is null ? start : end;
    }

    private static bool TryDayOfMonth(ReadOnlySpan<char> text, int pos, bool ordinalRequired, out int day, out int end)
    {
        if (pos < text.Length && EnglishNumeral.TryScanOrdinal(text, pos, out end, out day) && day is >= 1 and <= 31)
        {
            return true;
        }

        (day, end) = (0, pos);
        if (ordinalRequired || pos >= text.Length || !char.IsAsciiDigit(text[pos]))
        {
            return false;
        }

        end = KoreanNumeral.ReadDigits(text, pos, out var value);
        day = (int)value;
        return value == Math.Floor(value) && day is >= 1 and <= 31 && TextScan.EndsWord(text, end);
    }

    /// <summary>", 2027" or " 2027" after a month and day.</summary>
    private static bool TryEnglishYear(ReadOnlySpan<char> text, int pos, out int year, out int end)
    {
        (year, end) = (0, pos);
        var digits = TextScan.SkipSpaces(text, pos < text.Length && text[pos] == ',' ? pos + 1 : pos);
        if (digits == pos || digits + 4 > text.Length || !TextScan.EndsWord(text, digits + 4)
            || !int.TryParse(text.Slice(digits, 4), out year) || year is < 1900 or > 2999)
        {
            return false;
        }

        end = digits + 4;
        return true;
    }

    private static bool MatchMonth(ReadOnlySpan<char> text, int pos, out int month, out int end)
    {
        end = TextScan.MatchPhrase(text, pos, EnglishMonths, out month);
        if (end < 0)
        {
            return false;
        }

        end += end < text.Length && text[end] == '.' ? 1 : 0; // "dec."
        return true;
    }

    /// <summary>"monday", "on friday", "this saturday", "next monday", "last friday", "this coming friday", "next weekend".</summary>
    private static int EnglishWeekday(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date)
    {
        var prefixEnd = TextScan.MatchPhrase(text, start, EnglishWeekdayPrefixes, out var week);
        var (rule, weeks) = prefixEnd >= 0 ? week : (WeekdayRule.Next, 0);
        var pos = prefixEnd >= 0 ? prefixEnd : start;

        var weekendEnd = TextScan.MatchPhrase(text, SkipPhrase(text, pos, "the "), "weekend");
        if (weekendEnd >= 0)
        {
            date = Weekend(today, rule == WeekdayRule.Previous ? -1 : weeks);
            return weekendEnd;
        }

        var end = TextScan.MatchPhrase(text, pos, EnglishWeekdays, out var day);
        date = Weekday(today, day, rule, weeks);
        return end >= 0 ? end : start;
    }

    private static int SkipPhrase(ReadOnlySpan<char> text, int pos, string phrase)
    {
        var end = TextScan.MatchPhrase(text, pos, phrase);
        return end >= 0 ? end : pos;
    }

    private static DateOnly Weekday(DateOnly today, DayOfWeek day, WeekdayRule rule, int weeks)
    {
        var delta = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return rule switch
        {
            WeekdayRule.Next => today.AddDays(delta == 0 ? 7 : delta),
            WeekdayRule.Previous => today.AddDays(delta == 0 ? -7 : delta - 7),
            _ => MondayOf(today).AddDays((7 * weeks) + (((int)day + 6) % 7)),
        };
    }

    private static DateOnly Weekend(DateOnly today, int weeks) =>
        weeks == 0 && today.DayOfWeek == DayOfWeek.Sunday ? today : MondayOf(today).AddDays((7 * weeks) + 5);

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>today moved by a number of days, weeks, months or years; null beyond the calendar ("십만 년 뒤").</summary>
    private static DateOnly? AddOffset(DateOnly today, int amount, string unit)
    {
        long months = unit switch
        {
            Units.Month => amount,
            Units.Year => 12L * amount,
            _ => 0,
        };
        long days = unit switch
        {
            Units.Day => amount,
            Units.Week => 7L * amount,
            _ => 0,
        };
        var monthIndex = (today.Year * 12L) + today.Month - 1 + months;
        var dayNumber = today.DayNumber + days;
        if (monthIndex < 12 || monthIndex >= 10000 * 12 || dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            return null;
        }

        return months != 0 ? today.AddMonths((int)months) : DateOnly.FromDayNumber((int)dayNumber);
    }

    private static DateOnly? Upcoming(DateOnly today, int month, int day)
    {
        // Four years cover 29 February.
        for (var year = today.Year; year <= today.Year + 4; year++)
        {
            if (Create(year, month, day) is { } date && date >= today)
            {
                return date;
            }
        }

        return null;
    }

    private static DateOnly? UpcomingDayOfMonth(DateOnly today, int day)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        for (var months = 0; months < 12; months++)
        {
            var month = first.AddMonths(months);
            if (Create(month.Year, month.Month, day) is { } date && date >= today)
            {
                return date;
            }
        }

        return null;
    }

    private static DateOnly? Create(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}
