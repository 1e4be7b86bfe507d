using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dure.Understanding.Classification;

namespace Dure.Understanding.Evaluation;

/// <summary>A published system's figures for one SNIPS intent (means over its runs).</summary>
/// <param name="System">"Snips", "Alexa", "Luis", "Wit" or "api.ai".</param>
/// <param name="TrainingSize">The training utterances per intent behind these figures.</param>
/// <param name="IntentRecall">Share of the intent's validation utterances classified as it (its accuracy).</param>
/// <param name="IntentPrecision">Share of the utterances classified as it that were it; null when never predicted.</param>
/// <param name="SlotF1">Micro-F1 over the intent's slots, rebuilt from the per-slot precision, recall and support.</param>
public sealed record PublishedSnipsFigures(string System, int TrainingSize, double IntentRecall, double? IntentPrecision, double SlotF1);

/// <summary>Dure's scores on the SNIPS 2017 benchmark and the published figures beside them.</summary>
/// <param name="TrainCount">Training utterances (per run).</param>
/// <param name="TrainingSize">Utterances per intent when sampled like the published small-data runs; null for the full sets.</param>
/// <param name="Runs">Runs pooled in <paramref name="Score"/> (several only for sampled training sets).</param>
/// <param name="TrainingTime">Mean wall time to train one model.</param>
public sealed record SnipsReport(int TrainCount, int? TrainingSize, int Runs, TimeSpan TrainingTime, IntentSlotScore Score, IReadOnlyDictionary<string, IReadOnlyList<PublishedSnipsFigures>> Published);

/// <summary>
/// The SNIPS custom-intent benchmark (2017, CC0): one folder per intent with <c>train_X_full.json</c> (~2,000
/// utterances), <c>validate_X.json</c> (100) and the published metrics of Snips, Alexa, LUIS, Wit and api.ai. An
/// utterance is a list of text chunks, some tagged with an entity (the slot).
/// </summary>
public static class SnipsCorpus
{
    public static readonly string[] IntentNames =
        ["AddToPlaylist", "BookRestaurant", "GetWeather", "PlayMusic", "RateBook", "SearchCreativeWork", "SearchScreeningEvent"];

    /// <summary>Reads one SNIPS file; UTF-8, or Latin-1 when it is not valid UTF-8 (PlayMusic's full training file).</summary>
    public static async Task<List<LabelledUtterance>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        using var json = JsonDocument.Parse(text);
        var examples = new List<LabelledUtterance>();
        foreach (var intent in json.RootElement.EnumerateObject())
        {
            foreach (var utterance in intent.Value.EnumerateArray())
            {
                var builder = new StringBuilder();
                var slots = new List<SlotSpan>();
                foreach (var chunk in utterance.GetProperty("data").EnumerateArray())
                {
                    var words = chunk.GetProperty("text").GetString() ?? "";
                    if (chunk.TryGetProperty("entity", out var entity) && words.Trim().Length > 0)
                    {
                        var lead = words.Length - words.TrimStart().Length;
                        slots.Add(new SlotSpan(entity.GetString()!, builder.Length + lead, words.Trim().Length));
                    }

                    builder.Append(words);
                }

                examples.Add(new LabelledUtterance(builder.ToString(), intent.Name, slots));
            }
        }

        return examples;
    }

    /// <summary>
    /// Trains on every <c>train_X_full.json</c> and tests on every <c>validate_X.json</c>; or, with
    /// <paramref name="trainingSize"/>, trains <paramref name="runs"/> times on that many utterances per intent drawn
    /// from <c>train_X.json</c> (as the published systems were trained) and pools the runs' scores.
    /// </summary>
    public static async Task<SnipsReport> EvaluateAsync(string directory, int? trainingSize = null, int runs = 3, IntentModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        var train = new Dictionary<string, List<LabelledUtterance>>(StringComparer.Ordinal);
        var test = new List<LabelledUtterance>();
        var published = new Dictionary<string, IReadOnlyList<PublishedSnipsFigures>>(StringComparer.Ordinal);
        foreach (var intent in IntentNames)
        {
            var folder = Path.Combine(directory, intent);
            train[intent] = await ReadAsync(Path.Combine(folder, trainingSize is null ? $"train_{intent}_full.json" : $"train_{intent}.json"), cancellationToken);
            test.AddRange(await ReadAsync(Path.Combine(folder, $"validate_{intent}.json"), cancellationToken));
            published[intent] = await ReadPublishedAsync(folder, intent, cancellationToken);
        }

        runs = trainingSize is null ? 1 : Math.Max(1, runs);
        var score = new IntentSlotScore();
        var clock = new Stopwatch();
        var trainCount = 0;
        for (var run = 1; run <= runs; run++)
        {
            var examples = trainingSize is not { } size
                ? train.Values.SelectMany(v => v).ToList()
                : [.. train.Values.SelectMany(v => Sample(v, size, run))];
            trainCount = examples.Count;
            clock.Start();
            var model = IntentModel.Train(examples, options, cancellationToken: cancellationToken);
            clock.Stop();
            foreach (var example in test)
            {
                var prediction = model.Predict(example.Text);
                score.Add(example.Text, example.Intent, example.Slots, prediction.BestIntent, prediction.Slots);
            }
        }

        return new SnipsReport(trainCount, trainingSize, runs, clock.Elapsed / runs, score, published);
    }

    // A reproducible draw of `size` utterances: the run number seeds the shuffle.
    private static IEnumerable<LabelledUtterance> Sample(List<LabelledUtterance> utterances, int size, int run)
    {
        var shuffled = utterances.ToArray();
        new Random(run).Shuffle(shuffled);
        return shuffled.Take(size);
    }

    /// <summary>
    /// The published figures for one intent: Snips trained on the full set (<c>Snips_metrics_full.json</c>), and every
    /// system at its largest published size (70 utterances) from <c>X_metrics.json</c>.
    /// </summary>
    public static async Task<IReadOnlyList<PublishedSnipsFigures>> ReadPublishedAsync(string folder, string intent, CancellationToken cancellationToken = default)
    {
        var figures = new List<PublishedSnipsFigures>();
        foreach (var file in new[] { "Snips_metrics_full.json", "Snips_metrics.json", "Alexa_metrics.json", "Luis_metrics.json", "Wit_metrics.json", "api.ai_metrics.json" })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                // The files hold Python's NaN (no prediction, so no precision): not JSON, so read as null.
                var text = (await File.ReadAllTextAsync(path, cancellationToken)).Replace("NaN", "null", StringComparison.Ordinal);
                figures.Add(ParsePublished(text, intent));
            }
        }

        return figures;
    }

    internal static PublishedSnipsFigures ParsePublished(string json, string intent)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var system = root.GetProperty("model_name").GetString()!;
        var size = root.GetProperty("training_sizes").EnumerateArray().Max(s => s.GetInt32());
        var key = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var metrics = root.GetProperty("intents").GetProperty(intent);
        var recall = Runs(metrics.GetProperty("recall"), key);
        var precision = Runs(metrics.GetProperty("precision"), key);
        var runs = recall.Length;

        // Micro-F1 per run from per-slot figures: right = recall × support; predicted = right / precision.
        var f1 = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            double right = 0, expected = 0, predicted = 0;
            foreach (var slot in metrics.GetProperty("slots").EnumerateObject())
            {
                var support = slot.Value.GetProperty("rate").GetDouble();
                var slotRecall = Runs(slot.Value.GetProperty("recall"), key)[run] ?? 0;
                var slotPrecision = Runs(slot.Value.GetProperty("precision"), key)[run];
                var slotRight = slotRecall * support;
                right += slotRight;
                expected += support;
                predicted += slotPrecision is > 0 ? slotRight / slotPrecision.Value : 0;
            }

            var p = predicted == 0 ? 0 : right / predicted;
            var r = expected == 0 ? 0 : right / expected;
            f1[run] = p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        var precisions = precision.Where(p => p is not null).Select(p => p!.Value).ToList();
        return new PublishedSnipsFigures(
            system,
            size,
            recall.Average(r => r ?? 0),
            precisions.Count == 0 ? null : precisions.Average(),
            f1.Average());
    }

    private static double?[] Runs(JsonElement bySize, string key) =>
        [.. bySize.GetProperty(key).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())];
}
