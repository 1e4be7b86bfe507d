namespace Dure.Language;

/// <summary>A calendar date found in a text, resolved against the day it was said.</summary>
public readonly record struct DateMatch(int Start, int Length, DateOnly Date);

/// <summary>
/// Finds dates and resolves them against <c>today</c>. Weeks run Monday to Sunday. The choices:
/// <list type="bullet">
/// <item>A bare weekday ("월요일", "on friday", "this coming friday", "오는 금요일") is its next occurrence strictly after today.</item>
/// <item>"이번 주 X요일" / "this X" is X of the current week, even if already past; "다음 주 X요일", "다음 X요일" and "next X"
/// are X of next week; "다다음 주" the week after; "지난주 X요일" X of last week; "지난 X요일" and "last X" the latest X before today.</item>
/// <item>주말 / "weekend" is Saturday of that week (today when asked on Sunday).</item>
/// <item>A month and day without a year ("12월 25일", "december 25th") is the next such day, today included.</item>
/// <item>A day alone ("25일", "the 25th") is in this month if not yet past, else the next month that has it.</item>
/// <item>Offsets ("3일 후", "일주일 뒤", "한 달 뒤", "in 3 days", "a week from today", "2 days ago") count from today;
/// months and years keep the day of the month, clamped to the month's end.</item>
/// </list>
/// </summary>
public static class DateExpressions
{
    private const int Unknown = int.MinValue;

    private static readonly (string Word, int Days)[] KoreanDayWords =
    [
        ("내일모레", 2), ("그저께", -2), ("엊그제", -2), ("오늘", 0), ("내일", 1), ("모레", 2), ("글피", 3), ("어제", -1),
        ("그제", -2),
    ];

    private const string KoreanWeekdays = "월화수목금토일";

    // Words before a weekday or 주말 and the week they point to; 주 may follow them ("다음 주", "다음주"). 오는 (coming)
    // points to no week: the next occurrence.
    private static readonly (string Word, int? Weeks, bool IncludesWeek)[] KoreanWeekWords =
    [
        ("다다음", 2, false), ("이번", 0, false), ("다음", 1, false), ("지난", -1, false), ("저번", -1, false),
        ("금주", 0, true), ("담주", 1, true), ("오는", null, false),
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

    private static readonly string[] KoreanAfter = ["있다가", "지나서", "후", "뒤"];

    private static readonly (string Phrase, int Days)[] EnglishDayWords =
    [
        ("the day after tomorrow", 2), ("day after tomorrow", 2), ("the day before yesterday", -2),
        ("day before yesterday", -2), ("today", 0), ("tonight", 0), ("tomorrow", 1), ("yesterday", -1),
    ];

    private static readonly (string Phrase, WeekdayRule Rule, int Weeks)[] EnglishWeekdayPrefixes =
    [
        ("this coming ", WeekdayRule.Next, 0), ("coming ", WeekdayRule.Next, 0), ("on ", WeekdayRule.Next, 0),
        ("this ", WeekdayRule.InWeek, 0), ("next ", WeekdayRule.InWeek, 1), ("last ", WeekdayRule.Previous, 0),
    ];

    private static readonly string[] EnglishWeekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly (string Name, int Month)[] EnglishMonths =
    [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7), ("august", 8),
        ("september", 9), ("october", 10), ("november", 11), ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3),
        ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sept", 9), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ];

    private enum WeekdayRule
    {
        /// <summary>Strictly after today.</summary>
        Next,

        /// <summary>Strictly before today.</summary>
        Previous,

        /// <summary>In the week <c>weeks</c> away from the current one.</summary>
        InWeek,
    }

    /// <summary>Every date in <paramref name="text"/>, left to right; see the type's remarks for how each form resolves.</summary>
    public static IReadOnlyList<DateMatch> FindAll(string text, string language, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var korean = TextScan.IsKorean(language);
        List<DateMatch>? matches = null;
        var i = 0;
        while (i < text.Length)
        {
            DateMatch match = default;
            var found = TextScan.StartsWord(text, i) && char.IsLetterOrDigit(text[i])
                && (korean ? TryKorean(text, i, today, out match) : TryEnglish(text, i, today, out match));
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

        return matches ?? (IReadOnlyList<DateMatch>)[];
    }

    private static bool TryKorean(ReadOnlySpan<char> text, int start, DateOnly today, out DateMatch match)
    {
        match = default;
        DateOnly? date;
        int end;
        if (TryKoreanOffset(text, start, today, out date, out end)
            || TryKoreanCalendarDate(text, start, today, out date, out end)
            || TryKoreanWeekday(text, start, today, out date, out end))
        {
            match = new DateMatch(start, end - start, date!.Value);
            return true;
        }

        foreach (var (word, days) in KoreanDayWords)
        {
            if (TextScan.At(text, start, word))
            {
                match = new DateMatch(start, word.Length, today.AddDays(days));
                return true;
            }
        }

        return false;
    }

    /// <summary>"3일 후", "일주일 뒤", "한 달 뒤", "이틀 뒤", "2주 전".</summary>
    private static bool TryKoreanOffset(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly? date, out int end)
    {
        date = null;
        end = start;
        int amount;
        string unit;
        var dayWordEnd = MatchNativeDays(text, start, out var nativeDays);
        if (dayWordEnd > start)
        {
            (amount, unit, end) = (nativeDays, Units.Day, dayWordEnd);
        }
        else if (KoreanQuantity.TryRead(text, start, out var quantity) && quantity.Numeral.IsWhole
            && quantity.Unit is Units.Day or Units.Week or Units.Month or Units.Year)
        {
            (amount, unit, end) = ((int)quantity.Value, quantity.Unit, quantity.End);
        }
        else
        {
            return false;
        }

        var directionAt = TextScan.SkipSpaces(text, end);
        var sign = 0;
        foreach (var word in KoreanAfter)
        {
            if (TextScan.At(text, directionAt, word))
            {
                (sign, end) = (1, directionAt + word.Length);
                break;
            }
        }

        if (sign == 0 && TextScan.At(text, directionAt, "전") && KoreanQuantity.CanEndCounter(text, directionAt + 1))
        {
            (sign, end) = (-1, directionAt + 1);
        }

        date = sign == 0 ? null : AddOffset(today, sign * amount, unit);
        return date is not null;
    }

    private static int MatchNativeDays(ReadOnlySpan<char> text, int start, out int days)
    {
        // The same day counts that durations read (하루, 이틀, 사흘 ...).
        foreach (var (word, count) in (ReadOnlySpan<(string, int)>)[("하루", 1), ("이틀", 2), ("사흘", 3), ("나흘", 4), ("닷새", 5), ("열흘", 10), ("보름", 15)])
        {
            if (TextScan.At(text, start, word))
            {
                days = count;
                return start + word.Length;
            }
        }

        days = 0;
        return start;
    }

    /// <summary>"2027년 3월 1일", "내년 3월 1일", "12월 25일", "다음 달 3일", "25일".</summary>
    private static bool TryKoreanCalendarDate(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly? date, out int end)
    {
        date = null;
        end = start;
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
        else if (year == Unknown && MatchWord(text, pos, KoreanMonthOffsets, out var offset) is var offsetEnd and > 0)
        {
            (monthOffset, pos) = (offset, TextScan.SkipSpaces(text, offsetEnd));
        }
        else if (year != Unknown)
        {
            return false;
        }

        if (!KoreanQuantity.TryRead(text, pos, out var day) || day.Unit != Units.Day || !day.Numeral.IsWhole
            || day.Numeral.Kind == NumeralKind.Native || day.Value is < 1 or > 31 || FollowsAsLength(text, day.End))
        {
            return false;
        }

        var d = (int)day.Value;
        end = day.End;
        if (month != Unknown)
        {
            date = year != Unknown ? Create(year, month, d) : Upcoming(today, month, d);
        }
        else if (monthOffset != Unknown)
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(monthOffset);
            date = Create(first.Year, first.Month, d);
        }
        else
        {
            date = UpcomingDayOfMonth(today, d);
        }

        return date is not null;
    }

    // "3일 후", "3일간", "3일 동안", "3일째" count days rather than name one.
    private static bool FollowsAsLength(ReadOnlySpan<char> text, int pos)
    {
        if (TextScan.At(text, pos, "간") || TextScan.At(text, pos, "째"))
        {
            return true;
        }

        var next = TextScan.SkipSpaces(text, pos);
        foreach (var word in (ReadOnlySpan<string>)["동안", "후", "뒤", "전", "있다가", "지나서"])
        {
            if (TextScan.At(text, next, word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryKoreanYear(ReadOnlySpan<char> text, int pos, DateOnly today, out int year, out int end)
    {
        var wordEnd = MatchWord(text, pos, KoreanYearWords, out var offset);
        if (wordEnd > 0)
        {
            (year, end) = (today.Year + offset, wordEnd);
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
        (month, end) = TextScan.At(text, pos, "유월") ? (6, pos + 2) : TextScan.At(text, pos, "시월") ? (10, pos + 2) : (Unknown, pos);
        if (month == Unknown)
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
    private static bool TryKoreanWeekday(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly? date, out int end)
    {
        date = null;
        end = start;
        var pos = start;
        int? weeks = null;
        var weekSaid = false;
        foreach (var (word, wordWeeks, includesWeek) in KoreanWeekWords)
        {
            if (TextScan.At(text, pos, word))
            {
                (weeks, weekSaid, pos) = (wordWeeks, includesWeek, TextScan.SkipSpaces(text, pos + word.Length));
                if (!weekSaid && TextScan.At(text, pos, "주") && !TextScan.At(text, pos, "주말"))
                {
                    (weekSaid, pos) = (true, TextScan.SkipSpaces(text, pos + 1));
                }

                break;
            }
        }

        if (TextScan.At(text, pos, "주말"))
        {
            end = pos + 2;
            date = Weekend(today, weeks ?? 0);
            return true;
        }

        var day = pos < text.Length ? KoreanWeekdays.IndexOf(text[pos], StringComparison.Ordinal) : -1;
        if (day < 0 || !TextScan.At(text, pos + 1, "요일"))
        {
            return false;
        }

        end = pos + 3;
        var rule = weeks switch
        {
            null => WeekdayRule.Next,
            < 0 when !weekSaid => WeekdayRule.Previous,
            _ => WeekdayRule.InWeek,
        };
        date = Weekday(today, (DayOfWeek)((day + 1) % 7), rule, weeks ?? 0);
        return true;
    }

    private static bool TryEnglish(ReadOnlySpan<char> text, int start, DateOnly today, out DateMatch match)
    {
        match = default;
        foreach (var (phrase, days) in EnglishDayWords)
        {
            var phraseEnd = TextScan.MatchPhrase(text, start, phrase);
            if (phraseEnd >= 0)
            {
                match = new DateMatch(start, phraseEnd - start, today.AddDays(days));
                return true;
            }
        }

        if (TryEnglishOffset(text, start, today, out var date, out var end)
            || TryEnglishCalendarDate(text, start, today, out date, out end)
            || TryEnglishWeekday(text, start, today, out date, out end))
        {
            match = new DateMatch(start, end - start, date);
            return true;
        }

        return false;
    }

    /// <summary>"in 3 days", "in a week", "3 days from now", "a week from today", "2 weeks later", "3 days ago".</summary>
    private static bool TryEnglishOffset(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        var inEnd = TextScan.MatchPhrase(text, start, "in ");
        var amountStart = inEnd >= 0 ? inEnd : start;
        if (!EnglishNumeral.TryScan(text, amountStart, articleIsOne: true, out var amountEnd, out var amount) || amount != Math.Floor(amount)
            || (end = EnglishUnits.Match(text, amountEnd, out var unit)) < 0 || unit is not (Units.Day or Units.Week or Units.Month or Units.Year))
        {
            end = start;
            return false;
        }

        var sign = inEnd >= 0 ? 1 : 0;
        if (sign == 0)
        {
            var after = TextScan.SkipSpaces(text, end);
            var directionEnd = TextScan.MatchAny(text, after, ["from now", "from today", "later", "ago"], out var direction);
            if (directionEnd < 0)
            {
                end = start;
                return false;
            }

            (sign, end) = (direction == 3 ? -1 : 1, directionEnd);
        }

        date = AddOffset(today, sign * (int)amount, unit);
        return true;
    }

    /// <summary>"december 25th", "dec 25, 2027", "december the 25th", "25 december", "the 25th of december".</summary>
    private static bool TryEnglishCalendarDate(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        var pos = SkipPhrase(text, SkipPhrase(text, start, "on "), "the ");
        int month, day;
        if (MatchMonth(text, pos, out month, out var monthEnd))
        {
            var dayStart = TextScan.SkipSpaces(text, monthEnd);
            if (dayStart == monthEnd || !TryDayOfMonth(text, SkipPhrase(text, dayStart, "the "), ordinalRequired: false, out day, out end))
            {
                end = start;
                return false;
            }
        }
        else if (TryDayOfMonth(text, pos, ordinalRequired: !char.IsAsciiDigit(text[pos]), out day, out var dayEnd))
        {
            var monthStart = TextScan.SkipSpaces(text, dayEnd);
            if (monthStart == dayEnd || !MatchMonth(text, SkipPhrase(text, monthStart, "of "), out month, out end))
            {
                return TryEnglishDayOnly(text, start, today, out date, out end);
            }
        }
        else
        {
            end = start;
            return false;
        }

        var hasYear = TryEnglishYear(text, end, out var year, out var yearEnd);
        var resolved = hasYear ? Create(year, month, day) : Upcoming(today, month, day);
        if (resolved is null)
        {
            end = start;
            return false;
        }

        end = hasYear ? yearEnd : end;
        date = resolved.Value;
        return true;
    }

    /// <summary>"the 25th", "on the 3rd", "the twenty-fifth of next month".</summary>
    private static bool TryEnglishDayOnly(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        end = start;
        var onEnd = TextScan.MatchPhrase(text, start, "on ");
        var theEnd = TextScan.MatchPhrase(text, onEnd >= 0 ? onEnd : start, "the ");
        if (theEnd < 0 || !EnglishNumeral.TryScanOrdinal(text, theEnd, out var dayEnd, out var day) || day is < 1 or > 31
            || !DayOnlyIsDate(text, dayEnd, out var monthOffset, out end))
        {
            end = start;
            return false;
        }

        var month = today.AddMonths(monthOffset ?? 0);
        var resolved = monthOffset is null ? UpcomingDayOfMonth(today, day) : Create(month.Year, month.Month, day);
        date = resolved ?? default;
        return resolved is not null;
    }

    private static int SkipPhrase(ReadOnlySpan<char> text, int pos, string phrase)
    {
        var end = TextScan.MatchPhrase(text, pos, phrase);
        return end >= 0 ? end : pos;
    }

    /// <summary>
    /// "the 25th" names a date only where no noun follows ("the third light"): at the end of a clause,
    /// before "of this/next month", or before a word that continues a request ("at", "please").
    /// </summary>
    private static bool DayOnlyIsDate(ReadOnlySpan<char> text, int dayEnd, out int? monthOffset, out int end)
    {
        monthOffset = null;
        end = dayEnd;
        var next = TextScan.SkipSpaces(text, dayEnd);
        var ofEnd = TextScan.MatchAny(text, next, ["of this month", "of next month"], out var which);
        if (ofEnd >= 0)
        {
            (monthOffset, end) = (which, ofEnd);
            return true;
        }

        return next >= text.Length || !char.IsAsciiLetterOrDigit(text[next])
            || TextScan.MatchAny(text, next, ["at", "in", "for", "please", "and", "to", "from"], out _) >= 0;
    }

    private static bool TryDayOfMonth(ReadOnlySpan<char> text, int pos, bool ordinalRequired, out int day, out int end)
    {
        if (pos < text.Length && EnglishNumeral.TryScanOrdinal(text, pos, out end, out day) && day is >= 1 and <= 31)
        {
            return true;
        }

        day = 0;
        end = pos;
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
        year = 0;
        end = pos;
        var i = pos < text.Length && text[pos] == ',' ? pos + 1 : pos;
        var digits = TextScan.SkipSpaces(text, i);
        if (digits == pos || digits + 4 > text.Length || !int.TryParse(text.Slice(digits, 4), out year) || year is < 1900 or > 2999
            || !TextScan.EndsWord(text, digits + 4))
        {
            year = 0;
            return false;
        }

        end = digits + 4;
        return true;
    }

    private static bool MatchMonth(ReadOnlySpan<char> text, int pos, out int month, out int end)
    {
        foreach (var (name, number) in EnglishMonths)
        {
            end = TextScan.MatchPhrase(text, pos, name);
            if (end >= 0)
            {
                month = number;
                end += end < text.Length && text[end] == '.' ? 1 : 0; // "dec."
                return true;
            }
        }

        (month, end) = (0, pos);
        return false;
    }

    /// <summary>"monday", "on friday", "this saturday", "next monday", "last friday", "this coming friday", "next weekend".</summary>
    private static bool TryEnglishWeekday(ReadOnlySpan<char> text, int start, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        var rule = WeekdayRule.Next;
        var weeks = 0;
        var pos = start;
        foreach (var (phrase, phraseRule, phraseWeeks) in EnglishWeekdayPrefixes)
        {
            var prefixEnd = TextScan.MatchPhrase(text, pos, phrase);
            if (prefixEnd >= 0)
            {
                (rule, weeks, pos) = (phraseRule, phraseWeeks, prefixEnd);
                break;
            }
        }

        var theEnd = TextScan.MatchPhrase(text, pos, "the ");
        var weekendEnd = TextScan.MatchPhrase(text, theEnd >= 0 ? theEnd : pos, "weekend");
        if (weekendEnd >= 0)
        {
            end = weekendEnd;
            date = Weekend(today, rule == WeekdayRule.Previous ? -1 : weeks);
            return true;
        }

        end = TextScan.MatchAny(text, pos, EnglishWeekdays, out var day);
        if (end < 0)
        {
            end = start;
            return false;
        }

        date = Weekday(today, (DayOfWeek)((day + 1) % 7), rule, weeks);
        return true;
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

    private static DateOnly AddOffset(DateOnly today, int amount, string unit) => unit switch
    {
        Units.Day => today.AddDays(amount),
        Units.Week => today.AddDays(7 * amount),
        Units.Month => today.AddMonths(amount),
        Units.Year => today.AddYears(amount),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a calendar unit."),
    };

    private static DateOnly? Upcoming(DateOnly today, int month, int day)
    {
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

    private static int MatchWord(ReadOnlySpan<char> text, int pos, (string Word, int Value)[] words, out int value)
    {
        foreach (var (word, v) in words)
        {
            if (TextScan.At(text, pos, word))
            {
                value = v;
                return pos + word.Length;
            }
        }

        value = 0;
        return -1;
    }
}
