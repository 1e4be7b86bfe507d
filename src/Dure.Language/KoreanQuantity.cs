namespace Dure.Language;

/// <summary>A Korean numeral with the counter or unit that follows it, if any.</summary>
internal readonly record struct Quantity(Numeral Numeral, int End, string? Unit)
{
    public int Start => Numeral.Start;
    public double Value => Numeral.Value;
}

/// <summary>
/// Reads a Korean number and its unit while keeping ordinary words from reading as numbers. Numeral syllables are
/// everywhere in Korean (이 "this", 사과, 오전, 일요일, 한국, 세탁기, 네 "yes"), so a one-syllable word numeral counts
/// only when it starts a word and is followed by a unit it can combine with (세 시, 오 분, 삼 층), or when it is one of
/// the unambiguous cardinals standing alone (삼, 다섯 is two syllables anyway). Digits and numerals of two or more
/// syllables ("이십삼", "스물세") always count.
/// </summary>
internal static class KoreanQuantity
{
    private readonly record struct Unit(string Text, string Canonical, bool TakesNative, bool TakesOneSyllableSino);

    // Longest first. Native numbers count with native counters (세 시, 두 개, 한 잔) but not days, minutes or seconds,
    // where "다섯 분" means five people; one-syllable Sino numbers with native counters are other words (일시, 천장, 이달).
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

    // Cardinals that are rarely anything else when they stand alone; 이 (this), 일 (work), 오 (oh) and the
    // attributive 한 두 세 네 (네 = yes) need a counter.
    private const string StandaloneCardinals = "삼사육칠팔구영십백천둘셋넷열쉰";

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
            if (IsNotQuantity(text[start..end]))
            {
                return false;
            }

            quantity = new Quantity(numeral, end, unit);
            return true;
        }

        var counts = !numeral.IsOneSyllableWord
            || (StandaloneCardinals.Contains(text[start]) && TextScan.StartsWord(text, start) && TextScan.EndsWord(text, numeral.End));
        quantity = new Quantity(numeral, numeral.End, null);
        return counts;
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

    private static bool TryReadUnit(ReadOnlySpan<char> text, Numeral numeral, out int end, out string? canonical)
    {
        var pos = TextScan.SkipSpaces(text, numeral.End);
        foreach (var unit in UnitTable)
        {
            // Ignoring case lets "kWh" and "°C" match normalised, lower-cased text.
            if (!text[pos..].StartsWith(unit.Text, StringComparison.OrdinalIgnoreCase) || !Accepts(unit, numeral))
            {
                continue;
            }

            var unitEnd = pos + unit.Text.Length;
            var wordEnds = Hangul.IsSyllable(unit.Text[^1])
                ? CanEndCounter(text, unitEnd)
                : unitEnd >= text.Length || !char.IsAsciiLetter(text[unitEnd]);
            if (!wordEnds)
            {
                continue;
            }

            end = unitEnd;
            canonical = unit.Canonical == Units.Channel && numeral.Kind == NumeralKind.Native ? Units.Times : unit.Canonical;
            return true;
        }

        end = numeral.End;
        canonical = null;
        return false;
    }

    private static bool Accepts(Unit unit, Numeral numeral) => numeral.Kind switch
    {
        NumeralKind.Native => unit.TakesNative,
        NumeralKind.Sino when numeral.Syllables == 1 => unit.TakesOneSyllableSino,
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
