namespace Dure.Language;

/// <summary>Parses English numbers written in words or digits.</summary>
public static class EnglishNumber
{
    /// <summary>
    /// Parses a whole text as a cardinal: "twenty-three", "twenty three", "one hundred and five", "a hundred",
    /// "two thousand", "twenty point five", "zero", "1,000", "20.5", "5 thousand". "a"/"an" alone mean one only
    /// when <paramref name="articleIsOne"/> is set (as in durations: "an hour").
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> words, out double value, bool articleIsOne = false)
    {
        words = words.Trim();
        if (EnglishNumeral.TryScan(words, 0, articleIsOne, out var end, out value) && end == words.Length)
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Parses a whole text as an ordinal: "first", "1st", "twenty-second", "23rd", "one hundred and first".</summary>
    public static bool TryParseOrdinal(ReadOnlySpan<char> words, out int value)
    {
        words = words.Trim();
        if (EnglishNumeral.TryScanOrdinal(words, 0, out var end, out value) && end == words.Length)
        {
            return true;
        }

        value = 0;
        return false;
    }

    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>A whole number from 0 to 999,999 in words, as people say it: "twenty two", "one hundred five".</summary>
    public static string Spell(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 999_999);
        if (value >= 1000)
        {
            var rest = value % 1000;
            return Spell(value / 1000) + " thousand" + (rest > 0 ? " " + Spell(rest) : "");
        }

        if (value >= 100)
        {
            var rest = value % 100;
            return Small[value / 100] + " hundred" + (rest > 0 ? " " + Spell(rest) : "");
        }

        return value < 20 ? Small[value] : Tens[value / 10] + (value % 10 > 0 ? " " + Small[value % 10] : "");
    }
}
