namespace Dure.Language;

/// <summary>English unit words after a number, mapped to <see cref="Units"/> names.</summary>
internal static class EnglishUnits
{
    // Phrases are lower case; longer phrases precede their prefixes.
    private static readonly (string Phrase, string Unit)[] Table =
    [
        ("per cent", Units.Percent), ("percent", Units.Percent), ("%", Units.Percent),
        ("degrees celsius", Units.Degree), ("degrees fahrenheit", Units.Fahrenheit), ("degrees", Units.Degree),
        ("degree", Units.Degree), ("°c", Units.Degree), ("°f", Units.Fahrenheit), ("°", Units.Degree),
        ("℃", Units.Degree), ("℉", Units.Fahrenheit),
        ("floors", Units.Floor), ("floor", Units.Floor), ("o'clock", Units.OClock), ("oclock", Units.OClock),
        ("hours", Units.Hour), ("hour", Units.Hour), ("hrs", Units.Hour), ("hr", Units.Hour),
        ("minutes", Units.Minute), ("minute", Units.Minute), ("mins", Units.Minute), ("min", Units.Minute),
        ("seconds", Units.Second), ("second", Units.Second), ("secs", Units.Second), ("sec", Units.Second),
        ("days", Units.Day), ("day", Units.Day), ("weeks", Units.Week), ("week", Units.Week),
        ("months", Units.Month), ("month", Units.Month), ("years", Units.Year), ("year", Units.Year),
        ("times", Units.Times), ("kilowatt hours", Units.KilowattHour), ("kilowatt-hours", Units.KilowattHour),
        ("kwh", Units.KilowattHour),
    ];

    /// <summary>Every phrase that names <paramref name="unit"/>, symbols included.</summary>
    public static IEnumerable<string> Phrases(string unit) => Table.Where(t => t.Unit == unit).Select(t => t.Phrase);

    /// <summary>Reads a unit at <paramref name="pos"/>, after optional whitespace. Returns its end, or -1.</summary>
    public static int Match(ReadOnlySpan<char> text, int pos, out string unit)
    {
        pos = TextScan.SkipSpaces(text, pos);
        foreach (var (phrase, name) in Table)
        {
            var end = TextScan.MatchPhrase(text, pos, phrase);
            if (end >= 0)
            {
                unit = name;
                return end;
            }
        }

        unit = "";
        return -1;
    }
}
