using Dure.Testing;
using Dure.Understanding.Classification;
using Dure.Understanding.Evaluation;

namespace Dure.Understanding.Tests.Classification;

/// <summary>The external corpora's readers (skipped when ../shared/corpora is absent). Full-corpus figures are in docs/BENCHMARKS.md.</summary>
public class CorpusReaderTests
{
    [Fact]
    public async Task Reads_massive_with_its_slot_annotations()
    {
        var test = await MassiveCorpus.ReadAsync(Corpora.Path("massive-en-US/en-US.test.jsonl"), TestContext.Current.CancellationToken);

        Assert.Equal(2974, test.Count);
        Assert.Equal(59, test.Select(e => e.Intent).Distinct().Count()); // cooking_query, one of the 60, has none in test
        var first = test[0];
        Assert.Equal("wake me up at five am this week", first.Text);
        Assert.Equal(["time=five am", "date=this week"], first.Slots.Select(s => $"{s.Name}={s.In(first.Text)}"));
    }

    [Fact]
    public async Task Reads_snips_including_the_latin1_playmusic_file()
    {
        var folder = Corpora.Path("snips-2017");
        var playMusic = await SnipsCorpus.ReadAsync(Path.Combine(folder, "PlayMusic", "train_PlayMusic_full.json"), TestContext.Current.CancellationToken);
        var weather = await SnipsCorpus.ReadAsync(Path.Combine(folder, "GetWeather", "validate_GetWeather.json"), TestContext.Current.CancellationToken);

        Assert.True(playMusic.Count > 1900);
        Assert.DoesNotContain(playMusic, e => e.Text.Contains('\uFFFD'));
        Assert.Contains(playMusic, e => e.Text.Any(c => c is >= 'À' and <= 'ÿ'));
        Assert.Equal(100, weather.Count);
        Assert.All(weather.SelectMany(e => e.Slots.Select(s => s.In(e.Text))), words => Assert.Equal(words.Trim(), words));
    }

    [Fact]
    public async Task Reads_the_published_snips_figures()
    {
        var figures = await SnipsCorpus.ReadPublishedAsync(Corpora.Path("snips-2017/GetWeather"), "GetWeather", TestContext.Current.CancellationToken);

        var full = Assert.Single(figures, f => f.System == "Snips" && f.TrainingSize == 2000);
        Assert.Equal(0.98, full.IntentRecall, 9);
        Assert.Equal(1.0, full.IntentPrecision);
        Assert.Contains(figures, f => f.System == "Alexa" && f.TrainingSize == 70);
    }

    [Fact]
    public void Rebuilds_slot_micro_f1_from_per_slot_figures()
    {
        // Slot a: support 10, recall 0.5 → 5 right, precision 0.5 → 10 predicted. Slot b: support 10, recall 0, precision NaN → none predicted.
        const string json = """
            {"model_name": "X", "training_sizes": [70], "intents": {"I": {
              "recall": {"70": [0.9]}, "precision": {"70": [null]},
              "slots": {"a": {"rate": 10, "recall": {"70": [0.5]}, "precision": {"70": [0.5]}},
                        "b": {"rate": 10, "recall": {"70": [0.0]}, "precision": {"70": [null]}}}}}}
            """;

        var figures = SnipsCorpus.ParsePublished(json, "I");

        // P = 5/10, R = 5/20, F1 = 2·0.5·0.25/0.75.
        Assert.Equal(2 * 0.5 * 0.25 / 0.75, figures.SlotF1, 9);
        Assert.Null(figures.IntentPrecision);
        Assert.Equal(0.9, figures.IntentRecall, 9);
    }

    [Fact]
    public async Task Reads_parakqc_in_groups_of_ten_paraphrases()
    {
        var sentences = await ParaKqcCorpus.ReadAsync(Corpora.Path("paraKQC/paraKQC_v1.txt"), TestContext.Current.CancellationToken);

        Assert.Equal(10_000, sentences.Count);
        Assert.Equal(1000, sentences.Select(s => s.Group).Distinct().Count());
        Assert.All(sentences.GroupBy(s => s.Group), g => Assert.Single(g.Select(s => s.TopicAct).Distinct()));
    }

    [Fact]
    public async Task Paraphrases_of_a_hundred_groups_teach_the_other_halves()
    {
        // A small slice keeps this fast; the whole corpus is measured by `dure nlu eval parakqc`.
        var sentences = (await ParaKqcCorpus.ReadAsync(Corpora.Path("paraKQC/paraKQC_v1.txt"), TestContext.Current.CancellationToken))
            .Where(s => s.Group % 10 == 0).ToList();
        var train = sentences.Where((_, i) => i % 10 < 5).Select(s => new LabelledUtterance(s.Text, s.TopicAct, []));
        var test = sentences.Where((_, i) => i % 10 >= 5).ToList();

        var model = IntentModel.Train(train, cancellationToken: TestContext.Current.CancellationToken);
        var accuracy = test.Count(s => model.Predict(s.Text).BestIntent == s.TopicAct) / (double)test.Count;

        Assert.True(accuracy > 0.85, $"topic×act accuracy {accuracy:P1} on 500 held-out paraphrases");
    }
}
