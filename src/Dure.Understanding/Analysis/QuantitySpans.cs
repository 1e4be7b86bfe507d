using Dure.Language;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Analysis;

/// <summary>
/// A number, duration, time or date found by the language library, on the positions the segmenter works in:
/// compact characters (Korean) or words (English).
/// </summary>
internal sealed record QuantitySpan(int Start, int End, LexKind Kind, double Value = 0, string? Unit = null)
{
    public (int Hour, int Minute, bool Meridiem)? Time { get; init; }

    public DateOnly? Date { get; init; }

    /// <summary>Times and dates beat the bare numbers inside them ("7시" the time, not 7 o'clock-units).</summary>
    public double Cost => Kind == LexKind.Number ? 0.9 : 0.8;
}

/// <summary>
/// Numbers with their units ("이십삼 도", "twenty point five degrees"), durations ("한 시간 반"), times of day
/// ("오후 3시 반") and dates ("다음 주 월요일") from the language library, moved onto segmenter positions.
/// </summary>
internal static class QuantitySpans
{
    public static List<QuantitySpan> Find(string text, string language, DateOnly today, Func<int, int, (int Start, int End)?> toUnits)
    {
        var spans = new List<QuantitySpan>();
        void Add(int start, int length, Func<int, int, QuantitySpan> make)
        {
            if (toUnits(start, start + length) is { } units)
            {
                spans.Add(make(units.Start, units.End));
            }
        }

        foreach (var m in Numbers.FindAll(text, language))
        {
            Add(m.Start, m.Length, (s, e) => new QuantitySpan(s, e, LexKind.Number, m.Value, m.Unit == Units.Fahrenheit ? Units.Degree : m.Unit));
        }

        foreach (var m in DurationExpressions.FindAll(text, language))
        {
            Add(m.Start, m.Length, (s, e) => new QuantitySpan(s, e, LexKind.Duration, m.Seconds, "second"));
        }

        foreach (var m in TimeExpressions.FindAll(text, language))
        {
            Add(m.Start, m.Length, (s, e) => new QuantitySpan(s, e, LexKind.Time) { Time = (m.Hour, m.Minute, m.Meridiem) });
        }

        foreach (var m in DateExpressions.FindAll(text, language, today))
        {
            Add(m.Start, m.Length, (s, e) => new QuantitySpan(s, e, LexKind.Date) { Date = m.Date });
        }

        return spans;
    }

    /// <summary>Maps text positions to compact (space-free) positions.</summary>
    public static Func<int, int, (int, int)?> Compact(string text)
    {
        var textToCompact = new int[text.Length + 1];
        for (var t = 0; t < text.Length; t++)
        {
            textToCompact[t + 1] = textToCompact[t] + (text[t] == ' ' ? 0 : 1);
        }

        return (start, end) => (textToCompact[start], textToCompact[end]);
    }

    /// <summary>Maps text positions to word indexes; a span that does not start and end on word edges is dropped.</summary>
    public static Func<int, int, (int, int)?> Words(IReadOnlyList<(int Start, int End)> words) => (start, end) =>
    {
        var first = -1;
        var last = -1;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Start == start)
            {
                first = i;
            }

            if (words[i].End == end)
            {
                last = i;
            }
        }

        return first >= 0 && last >= first ? (first, last + 1) : null;
    };
}
