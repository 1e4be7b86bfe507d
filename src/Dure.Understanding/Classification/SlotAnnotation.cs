using System.Text;

namespace Dure.Understanding.Classification;

/// <summary>
/// The inline slot annotation MASSIVE uses and Dure's training files share: "wake me up at [time : five am]",
/// "[item : 수건] 두 장 갖다 주세요". A slot is "[name : words]"; the colon may lack its spaces; brackets do not nest.
/// </summary>
public static class SlotAnnotation
{
    /// <summary>The plain text and its slots; throws <see cref="FormatException"/> on an unbalanced bracket or an empty slot name.</summary>
    public static (string Text, IReadOnlyList<SlotSpan> Slots) Parse(string annotated)
    {
        ArgumentNullException.ThrowIfNull(annotated);
        var text = new StringBuilder(annotated.Length);
        var slots = new List<SlotSpan>();
        var i = 0;
        while (i < annotated.Length)
        {
            var open = annotated.IndexOf('[', i);
            if (open < 0)
            {
                text.Append(annotated, i, annotated.Length - i);
                break;
            }

            text.Append(annotated, i, open - i);
            var close = annotated.IndexOf(']', open + 1);
            var colon = close < 0 ? -1 : annotated.IndexOf(':', open + 1, close - open - 1);
            if (close < 0 || colon < 0 || annotated.IndexOf('[', open + 1, close - open - 1) >= 0)
            {
                throw new FormatException($"Unbalanced slot annotation at {open}: \"{annotated}\"");
            }

            var name = annotated[(open + 1)..colon].Trim();
            var words = annotated[(colon + 1)..close].Trim();
            if (name.Length == 0)
            {
                throw new FormatException($"Slot without a name at {open}: \"{annotated}\"");
            }

            if (words.Length > 0)
            {
                slots.Add(new SlotSpan(name, text.Length, words.Length));
                text.Append(words);
            }

            i = close + 1;
        }

        return (text.ToString(), slots);
    }

    /// <summary>The annotated form of a text and its slots (slots in order and not overlapping).</summary>
    public static string Format(string text, IEnumerable<SlotSpan> slots)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (var slot in slots.OrderBy(s => s.Start))
        {
            result.Append(text, at, slot.Start - at).Append('[').Append(slot.Name).Append(" : ").Append(text, slot.Start, slot.Length).Append(']');
            at = slot.End;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }
}
