using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dure.Understanding;
using Dure.Understanding.Classification;
using Dure.Understanding.Evaluation;

namespace Dure.Benchmarks;

/// <summary>
/// Classifier-path parse time per utterance: the grammar tries first and understands nothing, then the trained
/// model predicts intent and slots. English: a model trained on MASSIVE en-US train, over its test utterances;
/// Korean: a model trained on paraphrases 1–5 of every ParaKQC group, over paraphrases 6–10. One utterance per
/// operation, single-threaded.
/// Run: dotnet run -c Release --project bench/Dure.Benchmarks -- --filter '*ClassifierBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ClassifierBenchmarks
{
    private IntentModel _model = null!;
    private IntentParser _parser = null!;
    private ParseContext _context = null!;
    private string[] _utterances = [];
    private int _next;

    [Params("en (MASSIVE)", "ko (ParaKQC)")]
    public string Corpus { get; set; } = "en (MASSIVE)";

    [GlobalSetup]
    public void Setup()
    {
        var corpora = CorporaDirectory.Locate();
        var english = Corpus.StartsWith("en", StringComparison.Ordinal);
        if (english)
        {
            var train = MassiveCorpus.ReadAsync(Path.Combine(corpora, "massive-en-US", "en-US.train.jsonl")).GetAwaiter().GetResult();
            var dev = MassiveCorpus.ReadAsync(Path.Combine(corpora, "massive-en-US", "en-US.dev.jsonl")).GetAwaiter().GetResult();
            _model = IntentModel.Train(train, heldOut: dev);
            _utterances = [.. MassiveCorpus.ReadAsync(Path.Combine(corpora, "massive-en-US", "en-US.test.jsonl")).GetAwaiter().GetResult().Select(e => e.Text)];
        }
        else
        {
            var sentences = ParaKqcCorpus.ReadAsync(Path.Combine(corpora, "paraKQC", "paraKQC_v1.txt")).GetAwaiter().GetResult();
            _model = IntentModel.Train(sentences.Where((_, i) => i % 10 < 5).Select(s => new LabelledUtterance(s.Text, s.TopicAct, [])));
            _utterances = [.. sentences.Where((_, i) => i % 10 >= 5).Select(s => s.Text)];
        }

        var language = english ? "en" : "ko";
        var suite = HomeAssistantSuite.Load(Path.Combine(corpora, "ha-intents", "tests", language), language);
        _context = new ParseContext(suite.Home, null, language);
        _parser = new IntentParser(_model);
        foreach (var text in _utterances)
        {
            _parser.Parse(text, _context);
        }
    }

    /// <summary>The model alone: tokenize, features, ensemble, slot tagging.</summary>
    [Benchmark]
    public IntentPrediction Predict() => _model.Predict(_utterances[_next++ % _utterances.Length]);

    /// <summary>What <c>dure nlu parse --model</c> does: grammar first, then the model when the grammar gives nothing.</summary>
    [Benchmark]
    public ParseResult ParseWithModel() => _parser.Parse(_utterances[_next++ % _utterances.Length], _context);
}

/// <summary>
/// Training time on MASSIVE en-US (11,514 utterances; calibration on dev's 2,033): the classifier ensemble, the
/// temperature and threshold, and the slot tagger. Three runs.
/// Run: dotnet run -c Release --project bench/Dure.Benchmarks -- --filter '*TrainingBenchmarks*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MedianColumn]
public class TrainingBenchmarks
{
    private List<LabelledUtterance> _train = [];
    private List<LabelledUtterance> _dev = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(CorporaDirectory.Locate(), "massive-en-US");
        _train = MassiveCorpus.ReadAsync(Path.Combine(folder, "en-US.train.jsonl")).GetAwaiter().GetResult();
        _dev = MassiveCorpus.ReadAsync(Path.Combine(folder, "en-US.dev.jsonl")).GetAwaiter().GetResult();
    }

    [Benchmark]
    public IntentModel TrainMassive() => IntentModel.Train(_train, heldOut: _dev);
}
