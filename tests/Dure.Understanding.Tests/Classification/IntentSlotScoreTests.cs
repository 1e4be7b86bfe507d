using Dure.Understanding.Classification;
using Dure.Understanding.Evaluation;

namespace Dure.Understanding.Tests.Classification;

/// <summary>The MASSIVE metric definitions against examples computed by hand.</summary>
public class IntentSlotScoreTests
{
    private static (string Text, IReadOnlyList<SlotSpan> Slots) A(string annotated) => SlotAnnotation.Parse(annotated);

    [Fact]
    public void Spans_are_runs_of_words_with_one_slot()
    {
        var (text, slots) = A("wake me up at [time : five am] [date : this week]");

        Assert.Equal([("time", 4, 5), ("date", 6, 7)], IntentSlotScore.WordSpans(text, slots).OrderBy(s => s.First));
    }

    [Fact]
    public void Adjacent_slots_of_one_type_merge_as_in_massive()
    {
        var (text, slots) = A("play [artist : adele] [artist : sia]");

        Assert.Equal([("artist", 1, 2)], IntentSlotScore.WordSpans(text, slots));
    }

    [Fact]
    public void Scores_intent_accuracy_slot_f1_and_exact_match()
    {
        var score = new IntentSlotScore();
        // 1: intent right, one of two slots right (the time span is cut short), one wrong extra span.
        var (t1, gold1) = A("wake me up at [time : five am] [date : this week]");
        var (_, pred1) = A("[person : wake] me up at [time : five] am [date : this week]");
        score.Add(t1, "alarm_set", gold1, "alarm_set", pred1);
        // 2: intent wrong, slots right: slots still count, exact match does not.
        var (t2, gold2) = A("play [artist : adele]");
        score.Add(t2, "play_music", gold2, "play_radio", gold2);
        // 3: everything right.
        var (t3, gold3) = A("quiet");
        score.Add(t3, "audio_volume_mute", gold3, "audio_volume_mute", []);

        Assert.Equal(3, score.Utterances);
        Assert.Equal(2.0 / 3, score.IntentAccuracy, 9);
        Assert.Equal(1.0 / 3, score.ExactMatch, 9);
        // Right spans: date, artist = 2; predicted: person, time, date, artist = 4; expected: time, date, artist = 3.
        Assert.Equal(2.0 / 4, score.SlotPrecision, 9);
        Assert.Equal(2.0 / 3, score.SlotRecall, 9);
        Assert.Equal(2 * 0.5 * (2.0 / 3) / (0.5 + (2.0 / 3)), score.SlotF1, 9);
        Assert.Equal(0, score.ByIntent["play_music"].IntentAccuracy);
        Assert.Equal(1, score.ByIntent["play_radio"].Predicted);
        Assert.Equal(0, score.ByIntent["play_radio"].IntentPrecision);
    }
}
