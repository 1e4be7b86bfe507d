using BenchmarkDotNet.Attributes;
using Dure.Understanding;
using Dure.Understanding.Evaluation;

namespace Dure.Benchmarks;

/// <summary>
/// Grammar-path parse time per utterance over Home Assistant's test sentences (../shared/corpora/ha-intents),
/// one utterance per operation, each parsed against its suite's fixture home.
/// Run: dotnet run -c Release --project bench/Dure.Benchmarks -- --filter '*ParseBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private readonly IntentParser _parser = new();
    private (string Text, ParseContext Context)[] _utterances = [];
    private int _next;

    [Params("ko", "en")]
    public string Language { get; set; } = "ko";

    [GlobalSetup]
    public void Setup()
    {
        var suite = HomeAssistantSuite.Load(Path.Combine(CorporaDirectory.Locate(), "ha-intents", "tests", Language), Language);
        _utterances = [.. suite.Cases.Select(c => (c.Sentence, new ParseContext(suite.Home, null, Language)))];
        foreach (var (text, context) in _utterances)
        {
            _parser.Parse(text, context);
        }
    }

    [Benchmark]
    public ParseResult Parse()
    {
        var (text, context) = _utterances[_next++ % _utterances.Length];
        return _parser.Parse(text, context);
    }
}

/// <summary>Finds ../shared/corpora from the working directory or $DURE_CORPORA.</summary>
internal static class CorporaDirectory
{
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("DURE_CORPORA") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/corpora not found; set DURE_CORPORA");
    }
}
