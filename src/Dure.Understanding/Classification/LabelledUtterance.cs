namespace Dure.Understanding.Classification;

/// <summary>A slot in an utterance: its name and where its words are (character offsets into the text).</summary>
public sealed record SlotSpan(string Name, int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>The words of the slot as written in <paramref name="text"/>.</summary>
    public string In(string text) => text.Substring(Start, Length);
}

/// <summary>One training or test example: an utterance, its intent, and its slots.</summary>
public sealed record LabelledUtterance(string Text, string Intent, IReadOnlyList<SlotSpan> Slots)
{
    /// <summary>Reads MASSIVE's annotation form, "wake me up at [time : five am]" (see <see cref="SlotAnnotation"/>).</summary>
    public static LabelledUtterance FromAnnotated(string annotated, string intent)
    {
        var (text, slots) = SlotAnnotation.Parse(annotated);
        return new LabelledUtterance(text, intent, slots);
    }
}
