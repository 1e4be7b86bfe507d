using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Platform.Demo;
using Dure.Understanding;
using Dure.Understanding.Evaluation;

namespace Dure.Cli.Commands;

/// <summary><c>dure nlu parse</c> and <c>dure nlu eval</c>: the understanding engine from the command line.</summary>
internal static class NluCommands
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var nlu = new Command("nlu", "Understand utterances and evaluate understanding");
        nlu.Subcommands.Add(Parse());
        nlu.Subcommands.Add(Eval());
        return nlu;
    }

    private static Command Parse()
    {
        var lang = new Option<string?>("--lang") { Description = "ko or en (detected from the text when omitted)" };
        var homeFile = new Option<FileInfo?>("--home") { Description = "a Dure home file or a Home Assistant _fixtures.yaml (default: the demo home)" };
        var now = new Option<string?>("--now") { Description = "the current time, ISO 8601, for dates and times" };
        var area = new Option<string?>("--area") { Description = "the speaking device's area id" };
        var jsonl = new Option<bool>("--jsonl") { Description = "read one utterance per line from stdin, write one JSON line each" };
        var explain = new Option<bool>("--explain") { Description = "also print how each utterance was segmented (to stderr)" };
        var text = new Argument<string[]>("text") { Arity = ArgumentArity.ZeroOrMore, Description = "the utterance" };
        var command = new Command("parse", "Print the intent and slots of an utterance as JSON") { lang, homeFile, now, area, jsonl, explain, text };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = LoadHome(result.GetValue(homeFile));
            var clock = result.GetValue(now) is { } iso ? DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            var parser = new IntentParser();
            var context = new ParseContext(home, result.GetValue(area), result.GetValue(lang), clock);
            if (result.GetValue(jsonl))
            {
                while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (result.GetValue(explain))
                    {
                        Console.Error.WriteLine(parser.Explain(line, context));
                    }

                    Console.Out.WriteLine(Render(line, parser.Parse(line, context)));
                }

                return 0;
            }

            var utterance = string.Join(' ', result.GetValue(text) ?? []);
            if (utterance.Length == 0)
            {
                Console.Error.WriteLine("dure nlu parse: give an utterance or --jsonl");
                return 2;
            }

            if (result.GetValue(explain))
            {
                Console.Error.WriteLine(parser.Explain(utterance, context));
            }

            Console.Out.WriteLine(Render(utterance, parser.Parse(utterance, context)));
            return 0;
        });
        return command;
    }

    private static Command Eval()
    {
        var eval = new Command("eval", "Run an external test suite and print its metrics");
        var lang = new Option<string>("--lang") { Description = "ko or en", DefaultValueFactory = _ => "ko" };
        var tests = new Option<DirectoryInfo?>("--tests") { Description = "the suite's folder (default: ../shared/corpora/ha-intents/tests/<lang>)" };
        var json = new Option<bool>("--json") { Description = "print the metrics as JSON" };
        var failures = new Option<bool>("--failures") { Description = "also list every failed sentence" };
        var ha = new Command("ha", "Home Assistant's intent test suites (home-assistant/intents)") { lang, tests, json, failures };
        ha.SetAction(result =>
        {
            var language = result.GetValue(lang)!;
            var folder = result.GetValue(tests)?.FullName ?? DefaultSuite(language);
            if (folder is null || !Directory.Exists(folder))
            {
                Console.Error.WriteLine("dure nlu eval ha: no test folder; pass --tests DIR");
                return 2;
            }

            var suite = HomeAssistantSuite.Load(folder, language);
            var outcomes = suite.Run(new IntentParser()).ToList();
            var report = SuiteReport.From(outcomes);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(ReportJson(report, language, outcomes, result.GetValue(failures)), Json));
                return 0;
            }

            PrintReport(report, language);
            if (result.GetValue(failures))
            {
                foreach (var o in outcomes.Where(o => !o.Passed))
                {
                    Console.Out.WriteLine($"FAIL {o.Case.File} | {o.Case.Sentence} | expected {o.Case.Intent} {Format(o.Case.Slots)} | got {o.Intent ?? "null"} {JsonSerializer.Serialize(o.Slots, Json)}");
                }
            }

            return 0;
        });
        eval.Subcommands.Add(ha);
        return eval;
    }

    private static Home LoadHome(FileInfo? file) => file is null ? DemoHome.Load() : HomeFile.Load(file.FullName);

    private static string Render(string text, Understanding.ParseResult result)
    {
        var slots = new JsonObject();
        foreach (var slot in result.Slots)
        {
            slots[slot.Name] = slot.Value.DeepClone();
        }

        var line = new JsonObject
        {
            ["text"] = text,
            ["intent"] = result.Intent,
            ["slots"] = slots,
            ["confidence"] = result.Confidence,
        };
        return line.ToJsonString(Json);
    }

    private static void PrintReport(SuiteReport report, string language)
    {
        Console.Out.WriteLine($"Home Assistant intents ({language}): {report.Passed}/{report.Total} sentences pass ({report.Rate:P1})");
        Console.Out.WriteLine();
        Console.Out.WriteLine("By intent:");
        foreach (var (key, passed, total) in report.ByIntent)
        {
            Console.Out.WriteLine($"  {key,-32} {passed,4}/{total,-4} {(double)passed / total,7:P1}");
        }

        Console.Out.WriteLine();
        Console.Out.WriteLine("By file:");
        foreach (var (key, passed, total) in report.ByFile)
        {
            Console.Out.WriteLine($"  {key,-48} {passed,4}/{total,-4} {(double)passed / total,7:P1}");
        }
    }

    private static JsonObject ReportJson(SuiteReport report, string language, IEnumerable<HomeAssistantOutcome> outcomes, bool withFailures)
    {
        static JsonArray Rows(IEnumerable<(string Key, int Passed, int Total)> rows) =>
            [.. rows.Select(r => new JsonObject { ["name"] = r.Key, ["passed"] = r.Passed, ["total"] = r.Total })];

        var json = new JsonObject
        {
            ["suite"] = "ha",
            ["lang"] = language,
            ["passed"] = report.Passed,
            ["total"] = report.Total,
            ["accuracy"] = Math.Round(report.Rate, 4),
            ["by_intent"] = Rows(report.ByIntent),
            ["by_file"] = Rows(report.ByFile),
        };
        if (withFailures)
        {
            json["failures"] = new JsonArray([.. outcomes.Where(o => !o.Passed).Select(o => (JsonNode)new JsonObject
            {
                ["file"] = o.Case.File,
                ["text"] = o.Case.Sentence,
                ["expected"] = o.Case.Intent,
                ["got"] = o.Intent,
            })]);
        }

        return json;
    }

    private static string Format(IReadOnlyDictionary<string, IReadOnlyList<string>> slots) =>
        JsonSerializer.Serialize(slots.ToDictionary(kv => kv.Key, kv => string.Join('|', kv.Value)), Json);

    private static string? DefaultSuite(string language)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora", "ha-intents", "tests", language);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
