using System.Diagnostics;
using Dure.Understanding.Classification;

namespace Dure.Understanding.Evaluation;

/// <summary>One ParaKQC sentence: its topic and act codes and the paraphrase group it belongs to.</summary>
public sealed record ParaKqcSentence(int Group, int Topic, int Act, string Text)
{
    /// <summary>The combined label, e.g. "3×1".</summary>
    public string TopicAct => $"{Topic}×{Act}";
}

/// <summary>Accuracy on one ParaKQC label with the model trained for it.</summary>
public sealed record ParaKqcScore(string Label, int Classes, int Right, int Total, TimeSpan TrainingTime)
{
    public double Accuracy => Total == 0 ? 0 : (double)Right / Total;
}

/// <summary>ParaKQC results: topic, act, and topic×act, each with its own model.</summary>
public sealed record ParaKqcReport(int TrainCount, int TestCount, IReadOnlyList<ParaKqcScore> Scores);

/// <summary>
/// ParaKQC v1 (CC BY-SA 4.0): 10,000 Korean questions and commands, tab-separated topic code, act code and
/// utterance, in 1,000 groups of 10 paraphrases in file order. Trained on paraphrases 1–5 of every group,
/// tested on 6–10, so every test sentence has five differently worded siblings in training.
/// </summary>
public static class ParaKqcCorpus
{
    public const int GroupSize = 10;

    public static async Task<List<ParaKqcSentence>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var sentences = new List<ParaKqcSentence>();
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            var columns = line.Split('\t');
            if (columns.Length < 3)
            {
                continue;
            }

            sentences.Add(new ParaKqcSentence(sentences.Count / GroupSize, int.Parse(columns[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(columns[1], System.Globalization.CultureInfo.InvariantCulture), columns[2].Trim()));
        }

        return sentences;
    }

    public static async Task<ParaKqcReport> EvaluateAsync(string path, IntentModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sentences = await ReadAsync(path, cancellationToken);
        var train = sentences.Where((_, i) => i % GroupSize < GroupSize / 2).ToList();
        var test = sentences.Where((_, i) => i % GroupSize >= GroupSize / 2).ToList();
        var scores = new List<ParaKqcScore>();
        foreach (var (name, label) in new (string, Func<ParaKqcSentence, string>)[]
        {
            ("topic", s => s.Topic.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("act", s => s.Act.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("topic×act", s => s.TopicAct),
        })
        {
            var clock = Stopwatch.StartNew();
            var model = IntentModel.Train(train.Select(s => new LabelledUtterance(s.Text, label(s), [])), options, cancellationToken: cancellationToken);
            var time = clock.Elapsed;
            var right = test.Count(s => model.Predict(s.Text).BestIntent == label(s));
            scores.Add(new ParaKqcScore(name, model.Intents.Count(), right, test.Count, time));
        }

        return new ParaKqcReport(train.Count, test.Count, scores);
    }
}
