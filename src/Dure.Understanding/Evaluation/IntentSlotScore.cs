using Dure.Understanding.Classification;

namespace Dure.Understanding.Evaluation;

/// <summary>
/// Intent accuracy, slot micro-F1 over spans and exact match, as the MASSIVE authors define them
/// (alexa/massive, <c>eval_preds</c>): each whitespace word gets the slot it lies in or none; runs of words with
/// the same slot form one span (seqeval over BIO); a span counts when its type and words match exactly; an
/// utterance matches exactly when its intent and every word's slot are right. Also kept per gold intent.
/// </summary>
public sealed class IntentSlotScore
{
    private readonly Dictionary<string, IntentSlotScore> _byIntent = new(StringComparer.Ordinal);
    private readonly bool _isPart;

    public IntentSlotScore()
        : this(false)
    {
    }

    private IntentSlotScore(bool isPart) => _isPart = isPart;

    public int Utterances { get; private set; }

    public int IntentsRight { get; private set; }

    public int ExactMatches { get; private set; }

    /// <summary>Predicted spans that are gold spans.</summary>
    public int SlotsRight { get; private set; }

    public int SlotsPredicted { get; private set; }

    public int SlotsExpected { get; private set; }

    /// <summary>How often each intent was predicted (for its precision).</summary>
    public int Predicted { get; private set; }

    public double IntentAccuracy => Ratio(IntentsRight, Utterances);

    public double ExactMatch => Ratio(ExactMatches, Utterances);

    public double SlotPrecision => Ratio(SlotsRight, SlotsPredicted);

    public double SlotRecall => Ratio(SlotsRight, SlotsExpected);

    public double SlotF1 => SlotPrecision + SlotRecall == 0 ? 0 : 2 * SlotPrecision * SlotRecall / (SlotPrecision + SlotRecall);

    /// <summary>Of the utterances predicted as this intent, the share that were (only filled in <see cref="ByIntent"/>).</summary>
    public double IntentPrecision => Ratio(IntentsRight, Predicted);

    /// <summary>The scores of the utterances of each gold intent.</summary>
    public IReadOnlyDictionary<string, IntentSlotScore> ByIntent => _byIntent;

    public void Add(string text, string expectedIntent, IReadOnlyList<SlotSpan> expectedSlots, string? predictedIntent, IReadOnlyList<SlotSpan> predictedSlots)
    {
        ArgumentNullException.ThrowIfNull(text);
        var expected = WordSpans(text, expectedSlots);
        var predicted = WordSpans(text, predictedSlots);
        var right = predicted.Count(expected.Contains);
        var intentRight = string.Equals(expectedIntent, predictedIntent, StringComparison.Ordinal);
        Count(intentRight, intentRight && expected.SetEquals(predicted), right, predicted.Count, expected.Count);
        if (!_isPart)
        {
            Part(expectedIntent).Count(intentRight, intentRight && expected.SetEquals(predicted), right, predicted.Count, expected.Count);
            if (predictedIntent is not null)
            {
                Part(predictedIntent).Predicted++;
            }
        }
    }

    /// <summary>
    /// The slot spans as MASSIVE scores them: (slot, first word, last word) over whitespace words, a word taking the
    /// slot its first character lies in, and consecutive words of one slot merging into one span.
    /// </summary>
    public static HashSet<(string Slot, int First, int Last)> WordSpans(string text, IReadOnlyList<SlotSpan> slots)
    {
        ArgumentNullException.ThrowIfNull(text);
        var labels = new List<string?>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || (i > 0 && !char.IsWhiteSpace(text[i - 1])))
            {
                continue;
            }

            string? label = null;
            foreach (var slot in slots)
            {
                if (i >= slot.Start && i < slot.End)
                {
                    label = slot.Name;
                    break;
                }
            }

            // A slot that starts inside a word ("[x : ...]" after a glued prefix) still labels that word.
            if (label is null)
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                label = slots.FirstOrDefault(s => s.Start > i && s.Start < end)?.Name;
            }

            labels.Add(label);
        }

        var spans = new HashSet<(string, int, int)>();
        for (var w = 0; w < labels.Count; w++)
        {
            if (labels[w] is not { } name)
            {
                continue;
            }

            var last = w;
            while (last + 1 < labels.Count && labels[last + 1] == name)
            {
                last++;
            }

            spans.Add((name, w, last));
            w = last;
        }

        return spans;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private IntentSlotScore Part(string intent)
    {
        if (!_byIntent.TryGetValue(intent, out var part))
        {
            _byIntent[intent] = part = new IntentSlotScore(true);
        }

        return part;
    }

    private void Count(bool intentRight, bool exact, int slotsRight, int slotsPredicted, int slotsExpected)
    {
        Utterances++;
        IntentsRight += intentRight ? 1 : 0;
        ExactMatches += exact ? 1 : 0;
        SlotsRight += slotsRight;
        SlotsPredicted += slotsPredicted;
        SlotsExpected += slotsExpected;
    }
}
