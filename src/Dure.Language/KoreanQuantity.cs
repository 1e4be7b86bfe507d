namespace Dure.Language;

/// <summary>A Korean numeral with the counter or unit that follows it, if any.</summary>
internal readonly record struct Quantity(Numeral Numeral, int End, string? Unit)
{
    public double Value => Numeral.Value;
}

/// <summary>
/// Reads a Korean number and its unit while keeping ordinary words from reading as numbers. Numeral syllables are
/// everywhere in Korean (이 "this", 사과, 오전, 일요일, 한국, 세탁기, 네 "yes"), so a one-syllable word numeral counts
/// only when it starts a word and is followed by a unit it combines with (세 시, 오 분, 삼 층), or when it is one of
/// the cardinals that are rarely anything else and stands alone (삼, 칠, 둘, 열). Digits and numerals of two or more
/// syllables ("이십삼", "스물세") always count.
/// </summary>
internal static class KoreanQuantity
{
    private readonly record struct Unit(string Text, string Canonical, bool TakesNative, bool TakesOneSyllableSino);

    // Longest first. Native numbers count with native counters (세 시, 두 개, 한 잔) but not days, minutes or seconds,
    // where "다섯 분" means five people; a one-syllable Sino number glued to a native counter is another word
    // (일시, 천장, 사장, 육개장).
    private static readonly Unit[] UnitTable =
    [
        new("킬로와트시", Units.KilowattHour, false, true),
        new("퍼센트", Units.Percent, true, true),
        new("프로", Units.Percent, true, true),
        new("개월", Units.Month, true, true),
        new("번째", Units.Ordinal, true, false),
        new("시간", Units.Hour, true, false),
        new("주일", Units.Week, true, true),
        new("kWh", Units.KilowattHour, false, true),
        new("°C", Units.Degree, true, true),
        new("°F", Units.Fahrenheit, true, true),
        new("℃", Units.Degree, true, true),
        new("℉", Units.Fahrenheit, true, true),
        new("°", Units.Degree, true, true),
        new("%", Units.Percent, true, true),
        new("도", Units.Degree, true, true),
        new("층", Units.Floor, true, true),
        new("번", Units.Channel, true, true),
        new("개", Units.Count, true, false),
        new("명", Units.Person, true, false),
        new("잔", Units.Cup, true, false),
        new("장", Units.Sheet, true, false),
        new("시", Units.OClock, true, false),
        new("분", Units.Minute, false, true),
        new("초", Units.Second, false, true),
        new("일", Units.Day, false, true),
        new("주", Units.Week, true, true),
        new("달", Units.Month, true, false),
        new("년", Units.Year, false, true),
    ];

    /// <summary>The largest count of days, weeks, months or years read as a calendar offset or duration.</summary>
    public const int MaxCount = 1_000_000;

    // Native day counts: 하루 1, 이틀 2 ... 열흘 10, 보름 15.
    private static readonly (string Word, int Days)[] DayCounts =
    [
        ("여드레", 8), ("아흐레", 9), ("하루", 1), ("이틀", 2), ("사흘", 3), ("나흘", 4), ("닷새", 5), ("엿새", 6), ("이레", 7),
        ("열흘", 10), ("보름", 15),
    ];

    // Cardinals that are rarely anything else when they stand alone; 이 (this), 일 (work), 만 (only) and the
    // attributive 한 두 세 네 (네 = yes) need a counter.
    private const string StandaloneCardinals = "삼사오육칠팔구영십백천둘셋넷열쉰";

    // Numeral-plus-counter spellings that are everyday words: 이번 (this time), 한도 (limit).
    private static readonly string[] NotQuantities = ["이번", "한도"];

    // What may follow a counter inside the same word besides particles: 세 번째, 7시쯤, 5분간, 3층짜리, 24도예요.
    private static readonly string[] CounterSuffixes =
    [
        "째", "쯤", "짜리", "씩", "간", "정도", "동안", "후", "뒤", "전", "반", "내", "안", "가량", "요", "예", "입", "야",
        "인", "일", "정각", "씨", "경", "넘",
    ];

    /// <summary>Reads a number (and unit) at <paramref name="start"/>, or returns false when there is none or it is an ordinary word.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, int start, out Quantity quantity)
    {
        quantity = default;
        if (!KoreanNumeral.TryScan(text, start, out var numeral))
        {
            return false;
        }

        // Digits glued to Latin letters are names (mp3, A4), and a one-syllable numeral inside a word is part of the word.
        if (start > 0 && (numeral.IsOneSyllableWord ? Hangul.IsSyllable(text[start - 1]) : char.IsAsciiLetterOrDigit(text[start - 1])))
        {
            return false;
        }

        if (TryReadUnit(text, numeral, out var end, out var unit))
        {
            quantity = new Quantity(numeral, end, unit);
            return !IsNotQuantity(text[start..end]);
        }

        quantity = new Quantity(numeral, numeral.End, null);
        return !numeral.IsOneSyllableWord
            || (StandaloneCardinals.Contains(text[start]) && TextScan.StartsWord(text, start) && TextScan.EndsWord(text, numeral.End));
    }

    /// <summary>Reads a native count of days: 하루, 이틀 … 열흘, 보름.</summary>
    public static bool TryReadDayWord(ReadOnlySpan<char> text, int start, out int days, out int end)
    {
        end = TextScan.MatchWord(text, start, DayCounts, out days);
        return end > 0 && TextScan.StartsWord(text, start) && CanEndCounter(text, end);
    }

    /// <summary>
    /// Reads a number of days written with 일 ("3일", "삼 일"). Where the context says days are meant
    /// (<paramref name="unitMayEndNumeral"/>), a Sino numeral ending in 일 with no unit after it holds the unit itself:
    /// "이십일 뒤" is twenty days later and "12월 이십일" the twentieth, as "이십일일" is the 21st; alone, "이십일" is 21.
    /// </summary>
    public static bool TryReadDayNumber(ReadOnlySpan<char> text, int start, bool unitMayEndNumeral, out int days, out int end)
    {
        (days, end) = (0, start);
        if (!TryRead(text, start, out var quantity) || !quantity.Numeral.IsWhole || quantity.Numeral.Kind == NumeralKind.Native
            || quantity.Value > MaxCount)
        {
            return false;
        }

        var numeral = quantity.Numeral;
        if (quantity.Unit == Units.Day)
        {
            (days, end) = ((int)numeral.Value, quantity.End);
            return true;
        }

        if (unitMayEndNumeral && quantity.Unit is null && numeral.Kind == NumeralKind.Sino && numeral.Syllables > 1 && text[numeral.End - 1] == '일')
        {
            (days, end) = ((int)numeral.Value - 1, numeral.End);
            return true;
        }

        return false;
    }

    /// <summary>Whether the rest of a word after a counter is a particle or a counter suffix, not the rest of another word (시작, 분위기).</summary>
    public static bool CanEndCounter(ReadOnlySpan<char> text, int pos)
    {
        if (pos >= text.Length || !Hangul.IsSyllable(text[pos]))
        {
            return true;
        }

        var rest = text[pos..];
        foreach (var particle in Josa.ParticleSpan)
        {
            if (rest.StartsWith(particle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var suffix in CounterSuffixes)
        {
            if (rest.StartsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Words that begin with a counter's syllable: after digits they are that word, not the counter ("3도시" is
    // three cities). Any other glued continuation is read as the counter and the next word ("3분맞춰", "7시에켜").
    private static readonly string[] CounterCompounds =
    [
        "도시", "도로", "도서", "도움", "도착", "도구", "도어", "분위", "분석", "분리", "분류", "분량", "분야", "분들", "분실", "분배",
        "시작", "시장", "시청", "시계", "시험", "시설", "시즌", "시리", "초대", "초록", "초등", "초밥", "초기", "초콜", "층간",
        "번호", "번역", "번지", "개월", "개인", "개발", "개수", "개선", "일정", "일요", "일기", "일반", "장소", "장면", "장난", "명령",
    ];

    private static bool StartsCompound(ReadOnlySpan<char> text, int unitStart, int unitEnd)
    {
        if (unitEnd >= text.Length)
        {
            return false;
        }

        foreach (var word in CounterCompounds)
        {
            if (text[unitStart..].StartsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadUnit(ReadOnlySpan<char> text, Numeral numeral, out int end, out string? canonical)
    {
        var pos = TextScan.SkipSpaces(text, numeral.End);
        var spaced = pos > numeral.End;
        foreach (var unit in UnitTable)
        {
            // Ignoring case lets "kWh" and "°C" match normalised, lower-cased text.
            if (!text[pos..].StartsWith(unit.Text, StringComparison.OrdinalIgnoreCase) || !Accepts(unit, numeral, spaced))
            {
                continue;
            }

            var unitEnd = pos + unit.Text.Length;
            var wordEnds = Hangul.IsSyllable(unit.Text[^1])
                ? CanEndCounter(text, unitEnd) || (numeral.Kind == NumeralKind.Digits && !spaced && !StartsCompound(text, pos, unitEnd))
                : unitEnd >= text.Length || !char.IsAsciiLetter(text[unitEnd]);
            if (!wordEnds)
            {
                continue;
            }

            end = unitEnd;

            // 세 번 counts repetitions; 3번 and 삼 번 name a number.
            canonical = unit.Canonical == Units.Channel && numeral.Kind == NumeralKind.Native ? Units.Times : unit.Canonical;
            return true;
        }

        end = numeral.End;
        canonical = null;
        return false;
    }

    private static bool Accepts(Unit unit, Numeral numeral, bool spaced) => numeral.Kind switch
    {
        NumeralKind.Native => unit.TakesNative,

        // 백 개, 천 명: a lone place word takes native counters when spaced as the spelling rules want.
        NumeralKind.Sino when numeral.Syllables == 1 => unit.TakesOneSyllableSino || (spaced && numeral.Value >= 10 && unit.Canonical != Units.OClock),
        _ => true,
    };

    private static bool IsNotQuantity(ReadOnlySpan<char> span)
    {
        foreach (var word in NotQuantities)
        {
            if (span.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }
}
