using System.Collections.Frozen;
using System.Globalization;

namespace Dure.Language;

/// <summary>
/// Reads the longest English number at a position: digits ("1,000", "20.5"), number words ("twenty-three",
/// "one hundred and five", "two thousand", "twenty point five"), digits with a scale ("5 thousand") and ordinals
/// ("third", "twenty-first", "3rd").
/// </summary>
internal static class EnglishNumeral
{
    private enum Kind
    {
        Ones,
        Teens,
        Tens,
        Hundred,
        Scale,
    }

    // What the last consumed token was; decides what may follow.
    private enum Last
    {
        None,
        Article,
        Digits,
        Zero,
        Ones,
        Teens,
        Tens,
        Hundred,
        Scale,
        And,
    }

    private static readonly string[] Ones = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    private static readonly string[] Teens =
        ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] Tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly FrozenDictionary<string, (Kind Kind, double Value)>.AlternateLookup<ReadOnlySpan<char>> Cardinals =
        BuildCardinals().GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> OrdinalWords =
        BuildOrdinals().GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Scans a cardinal at <paramref name="start"/>. "a"/"an" count as one before a scale word ("a hundred") and,
    /// when <paramref name="articleIsOne"/>, on their own ("an hour").
    /// </summary>
    public static bool TryScan(ReadOnlySpan<char> text, int start, bool articleIsOne, out int end, out double value)
    {
        double total = 0, current = 0, lastScale = double.MaxValue;
        var last = Last.None;
        var committedEnd = -1;
        double committedValue = 0;
        var pos = start;

        while (true)
        {
            var tokenStart = pos;
            if (last != Last.None)
            {
                tokenStart = pos < text.Length && text[pos] == '-' ? pos + 1 : TextScan.SkipSpaces(text, pos);
                if (tokenStart == pos)
                {
                    break;
                }
            }

            if (tokenStart >= text.Length)
            {
                break;
            }

            if (char.IsAsciiDigit(text[tokenStart]))
            {
                if (last != Last.None)
                {
                    break;
                }

                pos = KoreanNumeral.ReadDigits(text, tokenStart, out current);
                last = Last.Digits;
                committedEnd = pos;
                committedValue = current;
                continue;
            }

            var wordEnd = TextScan.LatinWordEnd(text, tokenStart);
            var word = text[tokenStart..wordEnd];
            if (word.IsEmpty)
            {
                break;
            }

            if (word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase))
            {
                if (last != Last.None)
                {
                    break;
                }

                current = 1;
                last = Last.Article;
                pos = wordEnd;
                if (articleIsOne)
                {
                    committedEnd = pos;
                    committedValue = 1;
                }

                continue;
            }

            if (word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                if (last is not (Last.Hundred or Last.Scale))
                {
                    break;
                }

                last = Last.And;
                pos = wordEnd;
                continue;
            }

            if (word.Equals("point", StringComparison.OrdinalIgnoreCase))
            {
                if (committedEnd >= 0 && last is not (Last.Article or Last.And)
                    && TryReadFractionWords(text, wordEnd, out var fractionEnd, out var fraction))
                {
                    committedEnd = fractionEnd;
                    committedValue += fraction;
                }

                break;
            }

            if (word.Equals("zero", StringComparison.OrdinalIgnoreCase))
            {
                if (last != Last.None)
                {
                    break;
                }

                last = Last.Zero;
            }
            else if (!Cardinals.TryGetValue(word, out var entry) || !TryAdd(entry.Kind, entry.Value, ref last, ref total, ref current, ref lastScale))
            {
                break;
            }

            pos = wordEnd;
            committedEnd = pos;
            committedValue = total + current;
        }

        end = committedEnd;
        value = committedValue;
        return committedEnd >= 0;
    }

    /// <summary>Scans an ordinal at <paramref name="start"/>: "3rd", "third", "twenty-first", "one hundred and first".</summary>
    public static bool TryScanOrdinal(ReadOnlySpan<char> text, int start, out int end, out int value)
    {
        end = -1;
        value = 0;
        if (start >= text.Length)
        {
            return false;
        }

        if (char.IsAsciiDigit(text[start]))
        {
            var digitsEnd = start;
            while (digitsEnd < text.Length && char.IsAsciiDigit(text[digitsEnd]) && digitsEnd - start < 9)
            {
                value = (value * 10) + (text[digitsEnd++] - '0');
            }

            var suffixEnd = TextScan.LatinWordEnd(text, digitsEnd);
            if (!IsOrdinalSuffix(text[digitsEnd..suffixEnd]))
            {
                return false;
            }

            end = suffixEnd;
            return true;
        }

        var wordEnd = TextScan.LatinWordEnd(text, start);
        if (OrdinalWords.TryGetValue(text[start..wordEnd], out value))
        {
            end = wordEnd;
            return true;
        }

        // A cardinal, then the ordinal of its last part: "twenty-first" = 20 + 1, "two hundredth" = 2 × 100.
        if (!TryScan(text, start, articleIsOne: false, out var cardinalEnd, out var cardinal) || cardinal != Math.Floor(cardinal) || cardinal > 1_000_000)
        {
            return false;
        }

        var next = cardinalEnd < text.Length && text[cardinalEnd] == '-' ? cardinalEnd + 1 : TextScan.SkipSpaces(text, cardinalEnd);
        var andEnd = TextScan.MatchPhrase(text, next, "and ");
        next = andEnd > 0 ? andEnd : next;
        wordEnd = TextScan.LatinWordEnd(text, next);
        if (next == cardinalEnd || !OrdinalWords.TryGetValue(text[next..wordEnd], out var ordinal))
        {
            return false;
        }

        var whole = (int)cardinal;
        if (ordinal >= 100)
        {
            value = whole * ordinal;
        }
        else if ((ordinal < 10 && whole % 10 == 0) || whole % 100 == 0)
        {
            value = whole + ordinal;
        }
        else
        {
            return false;
        }

        end = wordEnd;
        return true;
    }

    private static bool IsOrdinalSuffix(ReadOnlySpan<char> suffix) =>
        suffix.Equals("st", StringComparison.OrdinalIgnoreCase) || suffix.Equals("nd", StringComparison.OrdinalIgnoreCase)
        || suffix.Equals("rd", StringComparison.OrdinalIgnoreCase) || suffix.Equals("th", StringComparison.OrdinalIgnoreCase);

    private static bool TryAdd(Kind kind, double value, ref Last last, ref double total, ref double current, ref double lastScale)
    {
        switch (kind)
        {
            case Kind.Ones when last is Last.None or Last.Tens or Last.Hundred or Last.Scale or Last.And:
                current += value;
                last = Last.Ones;
                return true;
            case Kind.Teens or Kind.Tens when last is Last.None or Last.Hundred or Last.Scale or Last.And:
                current += value;
                last = kind == Kind.Teens ? Last.Teens : Last.Tens;
                return true;
            case Kind.Hundred when last is (Last.Ones or Last.Teens or Last.Digits or Last.Article) && current is > 0 and < 100:
                current *= 100;
                last = Last.Hundred;
                return true;
            case Kind.Scale when last is (Last.Ones or Last.Teens or Last.Tens or Last.Hundred or Last.Digits or Last.Article) && value < lastScale:
                total += current * value;
                current = 0;
                lastScale = value;
                last = Last.Scale;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The digits after "point", read one by one: "five" → .5, "two five" → .25, "5" → .5.</summary>
    private static bool TryReadFractionWords(ReadOnlySpan<char> text, int pos, out int end, out double fraction)
    {
        end = pos;
        fraction = 0;
        var start = TextScan.SkipSpaces(text, pos);
        if (start == pos || start >= text.Length)
        {
            return false;
        }

        if (char.IsAsciiDigit(text[start]))
        {
            // "point 25": the digits after the point, so 25 → .25
            end = start;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            fraction = double.Parse(text[start..end], CultureInfo.InvariantCulture) / Math.Pow(10, end - start);
            return true;
        }

        var place = 0.1;
        var i = start;
        while (true)
        {
            var wordEnd = TextScan.LatinWordEnd(text, i);
            var digit = DigitWord(text[i..wordEnd]);
            if (digit < 0)
            {
                break;
            }

            fraction += digit * place;
            place /= 10;
            end = wordEnd;
            var next = TextScan.SkipSpaces(text, wordEnd);
            if (next == wordEnd)
            {
                break;
            }

            i = next;
        }

        return end > pos;
    }

    /// <summary>0-9 from "zero"/"oh" … "nine", or -1.</summary>
    public static int DigitWord(ReadOnlySpan<char> word)
    {
        if (word.Equals("zero", StringComparison.OrdinalIgnoreCase) || word.Equals("oh", StringComparison.OrdinalIgnoreCase) || word.Equals("o", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        for (var i = 0; i < Ones.Length; i++)
        {
            if (word.Equals(Ones[i], StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return -1;
    }

    private static FrozenDictionary<string, int> BuildOrdinals()
    {
        string[] units =
        [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
            "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
        ];
        string[] tens = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];
        var words = new Dictionary<string, int> { ["hundredth"] = 100, ["thousandth"] = 1000 };
        for (var i = 0; i < units.Length; i++)
        {
            words[units[i]] = i + 1;
        }

        for (var i = 0; i < tens.Length; i++)
        {
            words[tens[i]] = (i + 2) * 10;
        }

        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<string, (Kind Kind, double Value)> BuildCardinals()
    {
        var words = new Dictionary<string, (Kind, double)>
        {
            ["hundred"] = (Kind.Hundred, 100),
            ["thousand"] = (Kind.Scale, 1e3),
            ["million"] = (Kind.Scale, 1e6),
            ["billion"] = (Kind.Scale, 1e9),
        };
        for (var i = 0; i < Ones.Length; i++)
        {
            words[Ones[i]] = (Kind.Ones, i + 1);
        }

        for (var i = 0; i < Teens.Length; i++)
        {
            words[Teens[i]] = (Kind.Teens, i + 10);
        }

        for (var i = 0; i < Tens.Length; i++)
        {
            words[Tens[i]] = (Kind.Tens, (i + 2) * 10);
        }

        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
