using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Understanding.Classification;
using Dure.Understanding.Evaluation;

namespace Dure.Cli.Commands;

/// <summary>
/// The trainable side of understanding on the command line: <c>dure nlu train</c>, the <c>--model</c> option of
/// <c>dure nlu parse</c>, and <c>dure nlu eval massive|snips|parakqc</c>.
/// </summary>
internal static class NluModelCommands
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>--model FILE</c> for <c>dure nlu parse</c>: a model from <c>dure nlu train</c>, consulted when the grammar
    /// understands nothing. Loaded while the command line is parsed, so a bad file is a usage error, not a crash.
    /// </summary>
    public static Option<IntentModel?> ModelOption { get; } = new("--model")
    {
        Description = "a trained intent model (dure nlu train): used when the grammar understands nothing",
        HelpName = "FILE",
        CustomParser = argument =>
        {
            var path = argument.Tokens.Single().Value;
            try
            {
                return IntentModel.Load(path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                argument.AddError($"--model {path}: {e.Message}");
                return null;
            }
        },
    };

    /// <summary>Adds <c>train</c> to <paramref name="nlu"/> and the corpus evaluations to its <c>eval</c> command.</summary>
    public static void Register(Command nlu)
    {
        nlu.Subcommands.Add(Train());
        var eval = nlu.Subcommands.First(c => c.Name == "eval");
        eval.Subcommands.Add(Massive());
        eval.Subcommands.Add(Snips());
        eval.Subcommands.Add(ParaKqc());
    }

    /// <summary>The model named by <see cref="ModelOption"/>, or null.</summary>
    public static IntentModel? LoadModel(ParseResult result) => result.GetValue(ModelOption);

    private static Command Train()
    {
        var file = new Argument<FileInfo>("file") { Description = "a training file of custom intents (YAML or JSON; docs/custom-intents.md)" };
        var output = new Option<FileInfo>("--out") { Description = "where to write the trained model", Required = true };
        var threshold = new Option<double?>("--threshold") { Description = "a fixed out-of-scope threshold (default: tuned on held-out samples)" };
        var command = new Command("train", "Train an intent classifier and slot tagger from sample utterances") { file, output, threshold };
        command.SetAction(async (result, cancellationToken) =>
        {
            var source = result.GetValue(file)!;
            TrainingFile training;
            try
            {
                training = await TrainingFile.LoadAsync(source.FullName, cancellationToken);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                Console.Error.WriteLine($"dure nlu train: {e.Message}");
                return 2;
            }

            var clock = Stopwatch.StartNew();
            var model = IntentModel.Train(training.Examples, new IntentModelOptions(Threshold: result.GetValue(threshold)), cancellationToken: cancellationToken);
            var destination = result.GetValue(output)!;
            await model.SaveAsync(destination.FullName, cancellationToken);
            var samples = training.Intents.Sum(i => i.Samples.Count);
            Console.Out.WriteLine(
                $"Trained {training.Intents.Count} intents from {samples} samples ({training.OutOfScope.Count} out of scope) in {clock.Elapsed.TotalSeconds:F1} s; " +
                $"threshold {model.Threshold:F2}; wrote {destination.FullName}");
            return 0;
        });
        return command;
    }

    private static Command Massive()
    {
        var corpus = new Option<DirectoryInfo?>("--corpus") { Description = "the folder with en-US.{train,dev,test}.jsonl (default: ../shared/corpora/massive-en-US)" };
        var json = new Option<bool>("--json") { Description = "print the metrics as JSON" };
        var command = new Command("massive", "Amazon MASSIVE en-US: train on train, calibrate on dev, score test") { corpus, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (Locate(result.GetValue(corpus)?.FullName, "massive-en-US") is not { } folder)
            {
                return Missing("massive", "--corpus DIR");
            }

            var report = await MassiveCorpus.EvaluateAsync(folder, cancellationToken: cancellationToken);
            if (result.GetValue(json))
            {
                var output = new JsonObject
                {
                    ["suite"] = "massive",
                    ["locale"] = "en-US",
                    ["train"] = report.TrainCount,
                    ["training_seconds"] = Math.Round(report.TrainingTime.TotalSeconds, 2),
                    ["threshold"] = Math.Round(report.Threshold, 4),
                    ["dev"] = Scores(report.Dev),
                    ["test"] = Scores(report.Test),
                    ["reference"] = new JsonObject { ["system"] = "SLURP HerMiT", ["intent_accuracy"] = MassiveReport.HermitIntentAccuracy },
                };
                Console.Out.WriteLine(output.ToJsonString(Json));
                return 0;
            }

            var test = report.Test;
            Console.Out.WriteLine($"MASSIVE en-US: trained on {report.TrainCount} utterances in {report.TrainingTime.TotalSeconds:F1} s; scored on {test.Utterances} test utterances");
            Console.Out.WriteLine($"  intent accuracy  {test.IntentAccuracy,8:P2}   (SLURP HerMiT on the same utterances: {MassiveReport.HermitIntentAccuracy:P1})");
            Console.Out.WriteLine($"  slot micro-F1    {test.SlotF1,8:P2}   (precision {test.SlotPrecision:P1}, recall {test.SlotRecall:P1})");
            Console.Out.WriteLine($"  exact match      {test.ExactMatch,8:P2}");
            Console.Out.WriteLine($"  dev: intent {report.Dev.IntentAccuracy:P2}, slot F1 {report.Dev.SlotF1:P2}, exact {report.Dev.ExactMatch:P2}; out-of-scope threshold {report.Threshold:F2}");
            return 0;
        });
        return command;
    }

    private static Command Snips()
    {
        var corpus = new Option<DirectoryInfo?>("--corpus") { Description = "the SNIPS 2017 folder with one folder per intent (default: ../shared/corpora/snips-2017)" };
        var json = new Option<bool>("--json") { Description = "print the metrics as JSON" };
        var size = new Option<int?>("--train-size") { Description = "train on this many utterances per intent drawn from train_*.json, as the published systems were (they report 70), three runs pooled" };
        var command = new Command("snips", "SNIPS 2017 custom intents: train on train_*_full, score validate_*, beside the published systems") { corpus, json, size };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (Locate(result.GetValue(corpus)?.FullName, "snips-2017") is not { } folder)
            {
                return Missing("snips", "--corpus DIR");
            }

            var report = await SnipsCorpus.EvaluateAsync(folder, result.GetValue(size), cancellationToken: cancellationToken);
            var score = report.Score;
            var trainedOn = report.TrainingSize is { } perIntent ? $"{perIntent} utterances per intent from train_*.json, {report.Runs} runs pooled" : "the full sets";
            if (result.GetValue(json))
            {
                var output = new JsonObject
                {
                    ["suite"] = "snips",
                    ["train"] = report.TrainCount,
                    ["training_size"] = report.TrainingSize,
                    ["runs"] = report.Runs,
                    ["training_seconds"] = Math.Round(report.TrainingTime.TotalSeconds, 2),
                    ["test"] = Scores(score),
                    ["by_intent"] = new JsonObject(score.ByIntent.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
                    {
                        var row = Scores(kv.Value);
                        row["intent_precision"] = Math.Round(kv.Value.IntentPrecision, 4);
                        row["published"] = new JsonArray([.. report.Published[kv.Key].Select(p => (JsonNode)new JsonObject
                        {
                            ["system"] = p.System,
                            ["training_size"] = p.TrainingSize,
                            ["intent_recall"] = Math.Round(p.IntentRecall, 4),
                            ["intent_precision"] = p.IntentPrecision is { } precision ? Math.Round(precision, 4) : null,
                            ["slot_f1"] = Math.Round(p.SlotF1, 4),
                        })]);
                        return KeyValuePair.Create(kv.Key, (JsonNode?)row);
                    })),
                };
                Console.Out.WriteLine(output.ToJsonString(Json));
                return 0;
            }

            Console.Out.WriteLine($"SNIPS 2017: trained on {report.TrainCount} utterances ({trainedOn}) in {report.TrainingTime.TotalSeconds:F1} s a model; scored on {score.Utterances} validation utterances");
            Console.Out.WriteLine($"  intent accuracy {score.IntentAccuracy:P2}, slot micro-F1 {score.SlotF1:P2}, exact match {score.ExactMatch:P2}");
            Console.Out.WriteLine();
            Console.Out.WriteLine($"Intent accuracy (recall) / slot F1 per intent; Dure trained on {trainedOn}, Snips@full on the full sets, the others on 70 utterances per intent (means of 3 runs):");
            var systems = report.Published.Values.First().Select(p => $"{p.System}@{p.TrainingSize switch { > 1000 => "full", var n => n.ToString(CultureInfo.InvariantCulture) }}").ToList();
            Console.Out.WriteLine($"  {"intent",-22} {"Dure",13} " + string.Join(" ", systems.Select(s => $"{s,13}")));
            foreach (var (intent, part) in score.ByIntent.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var published = report.Published[intent].Select(p => $"{p.IntentRecall * 100,5:F0}% /{p.SlotF1 * 100,4:F0}%");
                Console.Out.WriteLine($"  {intent,-22} {part.IntentAccuracy * 100,5:F0}% /{part.SlotF1 * 100,4:F0}% " + string.Join(" ", published.Select(p => $"{p,13}")));
            }

            return 0;
        });
        return command;
    }

    private static Command ParaKqc()
    {
        var corpus = new Option<FileInfo?>("--corpus") { Description = "paraKQC_v1.txt (default: ../shared/corpora/paraKQC/paraKQC_v1.txt)" };
        var json = new Option<bool>("--json") { Description = "print the metrics as JSON" };
        var command = new Command("parakqc", "ParaKQC: train on 5 paraphrases of each group, score the other 5 (topic, act, topic×act)") { corpus, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetValue(corpus)?.FullName
                ?? (Locate(null, "paraKQC") is { } folder ? Path.Combine(folder, "paraKQC_v1.txt") : null);
            if (file is null || !File.Exists(file))
            {
                return Missing("parakqc", "--corpus FILE");
            }

            var report = await ParaKqcCorpus.EvaluateAsync(file, cancellationToken: cancellationToken);
            if (result.GetValue(json))
            {
                var output = new JsonObject
                {
                    ["suite"] = "parakqc",
                    ["train"] = report.TrainCount,
                    ["test"] = report.TestCount,
                    ["labels"] = new JsonArray([.. report.Scores.Select(s => (JsonNode)new JsonObject
                    {
                        ["label"] = s.Label,
                        ["classes"] = s.Classes,
                        ["right"] = s.Right,
                        ["total"] = s.Total,
                        ["accuracy"] = Math.Round(s.Accuracy, 4),
                        ["training_seconds"] = Math.Round(s.TrainingTime.TotalSeconds, 2),
                    })]),
                };
                Console.Out.WriteLine(output.ToJsonString(Json));
                return 0;
            }

            Console.Out.WriteLine($"ParaKQC: trained on {report.TrainCount} sentences (paraphrases 1-5 of each group), scored on {report.TestCount} (6-10)");
            foreach (var s in report.Scores)
            {
                Console.Out.WriteLine($"  {s.Label,-10} {s.Classes,3} classes  {s.Right,5}/{s.Total}  {s.Accuracy,8:P2}   (trained in {s.TrainingTime.TotalSeconds:F1} s)");
            }

            return 0;
        });
        return command;
    }

    private static JsonObject Scores(IntentSlotScore score) => new()
    {
        ["utterances"] = score.Utterances,
        ["intent_accuracy"] = Math.Round(score.IntentAccuracy, 4),
        ["slot_precision"] = Math.Round(score.SlotPrecision, 4),
        ["slot_recall"] = Math.Round(score.SlotRecall, 4),
        ["slot_f1"] = Math.Round(score.SlotF1, 4),
        ["exact_match"] = Math.Round(score.ExactMatch, 4),
    };

    private static int Missing(string suite, string option)
    {
        Console.Error.WriteLine($"dure nlu eval {suite}: corpus not found; pass {option} or set DURE_CORPORA");
        return 2;
    }

    // The corpus folder: as given, else $DURE_CORPORA/<name>, else shared/corpora/<name> beside an ancestor of the working directory.
    private static string? Locate(string? given, string name)
    {
        if (given is not null)
        {
            return Directory.Exists(given) ? given : null;
        }

        if (Environment.GetEnvironmentVariable("DURE_CORPORA") is { Length: > 0 } configured && Directory.Exists(Path.Combine(configured, name)))
        {
            return Path.Combine(configured, name);
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
