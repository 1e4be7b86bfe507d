using System.Diagnostics;
using System.Text.Json;
using Dure.Understanding.Classification;

namespace Dure.Understanding.Evaluation;

/// <summary>The outcome of training on MASSIVE's train split and testing on its test split.</summary>
/// <param name="TrainCount">Training utterances.</param>
/// <param name="TrainingTime">Wall time to train (classifier, calibration on dev, slot tagger).</param>
/// <param name="Dev">Scores on the dev split (used for calibration only).</param>
/// <param name="Test">Scores on the test split.</param>
public sealed record MassiveReport(int TrainCount, TimeSpan TrainingTime, IntentSlotScore Dev, IntentSlotScore Test, double Threshold)
{
    /// <summary>SLURP's HerMiT baseline on the same English test utterances (PRODUCT.md §8).</summary>
    public const double HermitIntentAccuracy = 0.837;
}

/// <summary>
/// Amazon MASSIVE 1.0 (CC BY 4.0): JSON lines with "utt", "annot_utt" ("wake me up at [time : five am]") and
/// "intent". Trains on train, calibrates on dev, scores test.
/// </summary>
public static class MassiveCorpus
{
    public static async Task<List<LabelledUtterance>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var examples = new List<LabelledUtterance>();
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            examples.Add(LabelledUtterance.FromAnnotated(root.GetProperty("annot_utt").GetString()!, root.GetProperty("intent").GetString()!));
        }

        return examples;
    }

    /// <summary>Runs the evaluation on a folder holding <c>en-US.{train,dev,test}.jsonl</c>.</summary>
    public static async Task<MassiveReport> EvaluateAsync(string directory, string locale = "en-US", IntentModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        var train = await ReadAsync(Path.Combine(directory, $"{locale}.train.jsonl"), cancellationToken);
        var dev = await ReadAsync(Path.Combine(directory, $"{locale}.dev.jsonl"), cancellationToken);
        var test = await ReadAsync(Path.Combine(directory, $"{locale}.test.jsonl"), cancellationToken);

        var clock = Stopwatch.StartNew();
        var model = IntentModel.Train(train, options, dev, cancellationToken);
        var trainingTime = clock.Elapsed;
        return new MassiveReport(train.Count, trainingTime, Score(model, dev), Score(model, test), model.Threshold);
    }

    /// <summary>Scores a model on labelled utterances, taking its best intent whatever the threshold (as MASSIVE does).</summary>
    public static IntentSlotScore Score(IntentModel model, IEnumerable<LabelledUtterance> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        var score = new IntentSlotScore();
        foreach (var example in examples)
        {
            var prediction = model.Predict(example.Text);
            score.Add(example.Text, example.Intent, example.Slots, prediction.BestIntent, prediction.Slots);
        }

        return score;
    }
}
