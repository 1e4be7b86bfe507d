namespace Dure.Language;

/// <summary>How a numeral was written; native Korean numbers combine with different counters than Sino-Korean ones.</summary>
internal enum NumeralKind
{
    /// <summary>Contains ASCII digits: "23", "3천", "2만 5천".</summary>
    Digits,

    /// <summary>Sino-Korean words: "이십삼", "만 이천".</summary>
    Sino,

    /// <summary>Native Korean words: "스물셋", "열두", "한".</summary>
    Native,
}

/// <summary>A numeral found at [Start, End) of a text.</summary>
internal readonly record struct Numeral(int Start, int End, double Value, NumeralKind Kind, int Syllables)
{
    /// <summary>A one-syllable word numeral (이, 사, 한, 세, 열) is also an ordinary word or part of one.</summary>
    public bool IsOneSyllableWord => Kind != NumeralKind.Digits && Syllables == 1;

    public bool IsWhole => Value == Math.Floor(Value);
}

/// <summary>
/// Reads the longest Korean numeral at a position: digits ("1,000", "20.5"), Sino-Korean words with their place units
/// ("이십삼", "삼천오백", "만 이천", "이십 점 오"), digits mixed with units ("3천", "2만 5천") or native words
/// ("스물셋", "열두", "한"). It knows nothing about the words around the numeral; <see cref="KoreanQuantity"/> does.
/// </summary>
internal static class KoreanNumeral
{
    private const string SinoDigits = "영일이삼사오육칠팔구";

    private static readonly (string Word, int Value)[] NativeTens =
    [
        ("열", 10), ("스물", 20), ("스무", 20), ("서른", 30), ("마흔", 40), ("쉰", 50), ("예순", 60), ("일흔", 70),
        ("여든", 80), ("아흔", 90),
    ];

    // Cardinal and attributive forms (셋/세/석, 넷/네/넉); longer words first so "하나" wins over "한".
    private static readonly (string Word, int Value)[] NativeOnes =
    [
        ("하나", 1), ("다섯", 5), ("여섯", 6), ("일곱", 7), ("여덟", 8), ("아홉", 9),
        ("한", 1), ("둘", 2), ("두", 2), ("셋", 3), ("세", 3), ("석", 3), ("넷", 4), ("네", 4), ("넉", 4),
    ];

    /// <summary>Every character a numeral can start with, to skip the rest of a text quickly.</summary>
    public const string StartChars = "0123456789영일이삼사오육륙칠팔구십백천만억하한둘두셋세석넷네넉다여아열스서마쉰예";

    public static bool TryScan(ReadOnlySpan<char> text, int start, out Numeral numeral)
    {
        numeral = default;
        if (start >= text.Length)
        {
            return false;
        }

        var foundSino = TryScanSino(text, start, out var sino);
        var foundNative = TryScanNative(text, start, out var native);
        if (!foundSino && !foundNative)
        {
            return false;
        }

        numeral = !foundSino || (foundNative && native.End > sino.End) ? native : sino;
        return true;
    }

    /// <summary>Parses a whole text as one numeral, allowing surrounding whitespace.</summary>
    public static bool TryParseWhole(ReadOnlySpan<char> text, out double value)
    {
        text = text.Trim();
        if (TryScan(text, 0, out var numeral) && numeral.End == text.Length)
        {
            value = numeral.Value;
            return true;
        }

        value = 0;
        return false;
    }

    private static int SinoDigit(char c) => c == '륙' ? 6 : SinoDigits.IndexOf(c, StringComparison.Ordinal);

    private static bool TryScanNative(ReadOnlySpan<char> text, int start, out Numeral numeral)
    {
        numeral = default;
        var end = TextScan.MatchWord(text, start, NativeTens, out var value);
        if (end > 0)
        {
            // Ones may follow directly or after one space ("스물셋", "열 두 시"); 스무 stands alone.
            var onesStart = end < text.Length && text[end] == ' ' ? end + 1 : end;
            if (!TextScan.At(text, start, "스무") && TextScan.MatchWord(text, onesStart, NativeOnes, out var ones) is var onesEnd and > 0)
            {
                (value, end) = (value + ones, onesEnd);
            }
        }
        else
        {
            end = TextScan.MatchWord(text, start, NativeOnes, out value);
            if (end < 0)
            {
                return false;
            }
        }

        numeral = new Numeral(start, end, value, NumeralKind.Native, CountSyllables(text[start..end]));
        return true;
    }

    /// <summary>
    /// Sino-Korean and digit numerals: sections below 만 are built from coefficients and the place units 십 백 천
    /// (each smaller than the one before), then multiplied by 만 or 억. A space may follow 만 or 억, as Korean
    /// spacing puts it ("만 이천"), and surround 점 before decimal digits ("이십 점 오").
    /// </summary>
    private static bool TryScanSino(ReadOnlySpan<char> text, int start, out Numeral numeral)
    {
        numeral = default;
        double total = 0, section = 0;
        double? pending = null; // a coefficient not yet multiplied by a place unit
        double lastPlace = double.MaxValue, lastBig = double.MaxValue;
        var sawDigits = false;
        var committedEnd = -1;
        double committedValue = 0;
        var pos = start;

        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsAsciiDigit(c))
            {
                var end = ReadDigits(text, pos, out var digits);
                if (pending is not null || digits >= lastPlace)
                {
                    break;
                }

                pending = digits;
                sawDigits = true;
                pos = end;
            }
            else if (SinoDigit(c) is var digit and >= 0)
            {
                if (pending is not null)
                {
                    break;
                }

                pending = digit;
                pos++;
            }
            else if (Place(c) is var place and > 0)
            {
                if (place >= lastPlace)
                {
                    break;
                }

                section += (pending ?? 1) * place;
                pending = null;
                lastPlace = place;
                pos++;
            }
            else if (BigPlace(c) is var big and > 0)
            {
                if (big >= lastBig)
                {
                    break;
                }

                var multiplier = section + (pending ?? 0);
                total += (multiplier == 0 ? 1 : multiplier) * big;
                section = 0;
                pending = null;
                lastPlace = double.MaxValue;
                lastBig = big;
                pos++;
                committedEnd = pos;
                committedValue = total;
                if (pos + 1 < text.Length && text[pos] == ' ')
                {
                    pos++; // kept only if a further section follows
                }

                continue;
            }
            else
            {
                break;
            }

            committedEnd = pos;
            committedValue = total + section + (pending ?? 0);
        }

        if (committedEnd < 0)
        {
            return false;
        }

        var fractionEnd = ReadSpokenFraction(text, committedEnd, out var fraction);
        if (fractionEnd > committedEnd)
        {
            committedEnd = fractionEnd;
            committedValue += fraction;
        }

        var kind = sawDigits ? NumeralKind.Digits : NumeralKind.Sino;
        numeral = new Numeral(start, committedEnd, committedValue, kind, CountSyllables(text[start..committedEnd]));
        return true;
    }

    /// <summary>"점 오", " 점 일사", "점5": the decimal part after 점, digit by digit. Returns pos when there is none.</summary>
    private static int ReadSpokenFraction(ReadOnlySpan<char> text, int pos, out double fraction)
    {
        fraction = 0;
        var i = pos < text.Length && text[pos] == ' ' ? pos + 1 : pos;
        if (i >= text.Length || text[i] != '점')
        {
            return pos;
        }

        i++;
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var scale = 0.1;
        var end = i;
        for (; end < text.Length; end++)
        {
            var digit = char.IsAsciiDigit(text[end]) ? text[end] - '0' : text[end] == '공' ? 0 : SinoDigit(text[end]);
            if (digit < 0)
            {
                break;
            }

            fraction += digit * scale;
            scale /= 10;
        }

        return end > i ? end : pos;
    }

    /// <summary>Reads "23", "1,000" (commas only before groups of three) and "20.5".</summary>
    public static int ReadDigits(ReadOnlySpan<char> text, int pos, out double value)
    {
        value = 0;
        var end = pos;
        while (end < text.Length)
        {
            if (char.IsAsciiDigit(text[end]))
            {
                value = (value * 10) + (text[end] - '0');
                end++;
            }
            else if (text[end] == ',' && end > pos && IsThousandsGroup(text, end + 1))
            {
                end++;
            }
            else
            {
                break;
            }
        }

        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
        {
            var scale = 0.1;
            for (end++; end < text.Length && char.IsAsciiDigit(text[end]); end++)
            {
                value += (text[end] - '0') * scale;
                scale /= 10;
            }
        }

        return end;
    }

    private static bool IsThousandsGroup(ReadOnlySpan<char> text, int pos) =>
        pos + 3 <= text.Length && char.IsAsciiDigit(text[pos]) && char.IsAsciiDigit(text[pos + 1]) && char.IsAsciiDigit(text[pos + 2])
        && (pos + 3 == text.Length || !char.IsAsciiDigit(text[pos + 3]));

    private static double Place(char c) => c switch
    {
        '십' => 10,
        '백' => 100,
        '천' => 1000,
        _ => 0,
    };

    private static double BigPlace(char c) => c switch
    {
        '만' => 1e4,
        '억' => 1e8,
        _ => 0,
    };

    private static int CountSyllables(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += Hangul.IsSyllable(c) ? 1 : 0;
        }

        return count;
    }
}
