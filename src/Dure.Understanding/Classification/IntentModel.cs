using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Dure.Understanding.Classification;

/// <summary>How an <see cref="IntentModel"/> is trained.</summary>
/// <param name="ClassifierEpochs">Passes of the intent classifier over the data.</param>
/// <param name="TaggerEpochs">Passes of the slot tagger over the data.</param>
/// <param name="Threshold">A fixed out-of-scope threshold; null tunes it on held-out data.</param>
/// <param name="Seed">Shuffling seed: the same data and options give the same model.</param>
public sealed record IntentModelOptions(int ClassifierEpochs = 12, int TaggerEpochs = 8, double? Threshold = null, int Seed = 1);

/// <summary>What the model made of an utterance.</summary>
/// <param name="Text">The utterance as the model read it (Unicode NFC); slot offsets point into it.</param>
/// <param name="Intent">The intent, or null when the utterance is out of scope (below the threshold, or the "none" class).</param>
/// <param name="BestIntent">The most probable in-scope intent, even when rejected.</param>
/// <param name="Confidence">The calibrated probability of <paramref name="BestIntent"/>.</param>
/// <param name="Slots">The slots found for <paramref name="BestIntent"/>.</param>
public sealed record IntentPrediction(string Text, string? Intent, string BestIntent, double Confidence, IReadOnlyList<SlotSpan> Slots)
{
    public string SlotText(SlotSpan slot) => slot.In(Text);
}

/// <summary>
/// A trained intent classifier and slot tagger: learns intents and slots from labelled sample utterances (Korean and
/// English alike), predicts an intent with a calibrated confidence, rejects what it does not know, and saves to a
/// file. Thread-safe after training. The parser consults it when its grammar understands nothing
/// (<see cref="IntentParser(IntentModel?)"/>).
/// </summary>
public sealed class IntentModel
{
    /// <summary>The intent name that marks out-of-scope samples in training data; predicting it means "not understood".</summary>
    public const string OutOfScope = "none";

    private const string Magic = "DURE-INTENT-MODEL";
    private const int FormatVersion = 1;

    private readonly IntentClassifier _classifier;
    private readonly SlotGazetteer _gazetteer;
    private readonly SlotTagger? _tagger;

    private IntentModel(IntentClassifier classifier, SlotGazetteer gazetteer, SlotTagger? tagger, double threshold)
    {
        _classifier = classifier;
        _gazetteer = gazetteer;
        _tagger = tagger;
        Threshold = threshold;
    }

    /// <summary>Below this confidence a prediction is out of scope.</summary>
    public double Threshold { get; }

    /// <summary>The intents the model knows (without <see cref="OutOfScope"/>).</summary>
    public IEnumerable<string> Intents => _classifier.Labels.Where(l => !IsOutOfScope(l));

    /// <summary>The calibration temperature fitted on held-out data (1 when there was none).</summary>
    public double Temperature => _classifier.Temperature;

    /// <summary>
    /// Trains on <paramref name="examples"/>. <paramref name="heldOut"/> (e.g. a dev split) fits the confidence
    /// calibration and the out-of-scope threshold; without it a fifth of each intent's samples is held out for that,
    /// and the final model is then trained on everything.
    /// </summary>
    public static IntentModel Train(IEnumerable<LabelledUtterance> examples, IntentModelOptions? options = null, IEnumerable<LabelledUtterance>? heldOut = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new IntentModelOptions();
        var all = examples.Select(Normalize).ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("No training examples.", nameof(examples));
        }

        var tuning = heldOut?.Select(Normalize).ToList();
        var fitOn = all;
        if (tuning is null)
        {
            (fitOn, tuning) = HoldOut(all);
        }

        var tokenized = all.Select(e => (Utterance: e, Tokens: Tokenizer.Tokenize(e.Text))).ToList();
        var fitSet = fitOn.ToHashSet(ReferenceEqualityComparer.Instance);
        var fitTokenized = fitOn.Count == all.Count ? tokenized : tokenized.Where(e => fitSet.Contains(e.Utterance)).ToList();
        var gazetteer = SlotGazetteer.Build(fitTokenized);
        var classifier = TrainClassifier(fitTokenized, gazetteer, options, cancellationToken);
        var (temperature, threshold) = tuning.Count > 0 ? Calibrate(classifier, gazetteer, tuning) : (1.0, 0.0);
        if (fitOn.Count != all.Count)
        {
            gazetteer = SlotGazetteer.Build(tokenized);
            classifier = TrainClassifier(tokenized, gazetteer, options, cancellationToken);
        }

        classifier.Temperature = temperature;
        var withSlots = tokenized.Where(e => !IsOutOfScope(e.Utterance.Intent)).ToList();
        var tagger = withSlots.Any(e => e.Utterance.Slots.Count > 0) ? SlotTagger.Train(withSlots, options.TaggerEpochs, cancellationToken) : null;
        return new IntentModel(classifier, gazetteer, tagger, options.Threshold ?? threshold);
    }

    public IntentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Normalize(NormalizationForm.FormC);
        var tokens = Tokenizer.Tokenize(text);
        var probabilities = _classifier.Probabilities(IntentFeatures.Extract(tokens, _gazetteer));
        var best = -1;
        var outOfScope = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (IsOutOfScope(_classifier.Labels[i]))
            {
                outOfScope = probabilities[i];
            }
            else if (best < 0 || probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return new IntentPrediction(text, null, OutOfScope, outOfScope, []);
        }

        var intent = _classifier.Labels[best];
        var confidence = probabilities[best];
        var accepted = confidence >= Threshold && confidence > outOfScope;
        var slots = _tagger?.Tag(tokens, intent) ?? [];
        return new IntentPrediction(text, accepted ? intent : null, intent, confidence, slots);
    }

    /// <summary>
    /// The prediction as the parser's result, or null when out of scope. Slot values are the words said
    /// (particles split off), as JSON strings.
    /// </summary>
    public ParseResult? Understand(string text, string language)
    {
        var prediction = Predict(text);
        if (prediction.Intent is null)
        {
            return null;
        }

        return new ParseResult
        {
            Intent = prediction.Intent,
            Confidence = prediction.Confidence,
            Language = language,
            Slots = [.. prediction.Slots.Select(s => new Slot(s.Name, JsonValue.Create(prediction.SlotText(s)), prediction.SlotText(s)))],
        };
    }

    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using var writer = new BinaryWriter(zip, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Threshold);
        _classifier.Write(writer);
        _gazetteer.Write(writer);
        writer.Write(_tagger is not null);
        _tagger?.Write(writer);
    }

    public static IntentModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(zip, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException("Not a Dure intent model.");
            }
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("Not a Dure intent model.");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Intent model format {version} is not supported (expected {FormatVersion}); retrain the model.");
        }

        try
        {
            var threshold = reader.ReadDouble();
            var classifier = IntentClassifier.Read(reader);
            var gazetteer = SlotGazetteer.Read(reader);
            var tagger = reader.ReadBoolean() ? SlotTagger.Read(reader) : null;
            return new IntentModel(classifier, gazetteer, tagger, threshold);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The intent model file is truncated or was written by a different build; retrain it.", e);
        }
    }

    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        await File.WriteAllBytesAsync(path, buffer.ToArray(), cancellationToken);
    }

    public static async Task<IntentModel> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream(await File.ReadAllBytesAsync(path, cancellationToken));
        return Load(buffer);
    }

    public static IntentModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    public static bool IsOutOfScope(string intent) => intent is OutOfScope or "oos" or "out_of_scope";

    private static LabelledUtterance Normalize(LabelledUtterance e) =>
        e.Text.IsNormalized(NormalizationForm.FormC) ? e : e with { Text = e.Text.Normalize(NormalizationForm.FormC) };

    private static IntentClassifier TrainClassifier(List<(LabelledUtterance Utterance, Token[] Tokens)> examples, SlotGazetteer gazetteer, IntentModelOptions options, CancellationToken cancellationToken) =>
        IntentClassifier.Train([.. examples.Select(e => (IntentFeatures.Extract(e.Tokens, gazetteer), e.Utterance.Intent))], options.ClassifierEpochs, options.Seed, cancellationToken);

    // Every fifth sample of an intent with at least five, so that small intents keep most of their samples.
    private static (List<LabelledUtterance> Fit, List<LabelledUtterance> Tune) HoldOut(List<LabelledUtterance> all)
    {
        var fit = new List<LabelledUtterance>();
        var tune = new List<LabelledUtterance>();
        foreach (var group in all.GroupBy(e => e.Intent, StringComparer.Ordinal))
        {
            var samples = group.ToList();
            for (var i = 0; i < samples.Count; i++)
            {
                (samples.Count >= 5 && i % 5 == 4 ? tune : fit).Add(samples[i]);
            }
        }

        return (fit, tune);
    }

    /// <summary>
    /// The temperature that minimizes the held-out log loss, then the threshold that makes the most right calls on
    /// held-out data: accept a right intent, reject a wrong one or an out-of-scope sample.
    /// </summary>
    private static (double Temperature, double Threshold) Calibrate(IntentClassifier classifier, SlotGazetteer gazetteer, List<LabelledUtterance> tuning)
    {
        var labelIndex = classifier.Labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var features = tuning.Select(e => IntentFeatures.Extract(Tokenizer.Tokenize(e.Text), gazetteer)).ToList();
        var bestTemperature = 1.0;
        var bestLoss = double.PositiveInfinity;
        for (var temperature = 0.3; temperature <= 4.0; temperature += 0.1)
        {
            classifier.Temperature = temperature;
            var loss = 0.0;
            var counted = 0;
            for (var i = 0; i < tuning.Count; i++)
            {
                if (labelIndex.TryGetValue(tuning[i].Intent, out var gold))
                {
                    loss -= Math.Log(Math.Max(classifier.Probabilities(features[i])[gold], 1e-12));
                    counted++;
                }
            }

            if (counted > 0 && loss < bestLoss)
            {
                bestLoss = loss;
                bestTemperature = temperature;
            }
        }

        classifier.Temperature = bestTemperature;
        var calls = new List<(double Confidence, bool ShouldAccept)>();
        for (var i = 0; i < tuning.Count; i++)
        {
            var probabilities = classifier.Probabilities(features[i]);
            var best = -1;
            for (var c = 0; c < probabilities.Length; c++)
            {
                if (!IsOutOfScope(classifier.Labels[c]) && (best < 0 || probabilities[c] > probabilities[best]))
                {
                    best = c;
                }
            }

            if (best >= 0)
            {
                calls.Add((probabilities[best], classifier.Labels[best] == tuning[i].Intent));
            }
        }

        // Sweep thresholds from low to high: raising it past a sample flips that call from accept to reject.
        calls.Sort((a, b) => a.Confidence.CompareTo(b.Confidence));
        var right = calls.Count(c => c.ShouldAccept);
        var bestRight = right;
        var threshold = 0.0;
        for (var i = 0; i < calls.Count; i++)
        {
            right += calls[i].ShouldAccept ? -1 : 1;
            if (right > bestRight)
            {
                bestRight = right;
                threshold = i + 1 < calls.Count ? (calls[i].Confidence + calls[i + 1].Confidence) / 2 : calls[i].Confidence + 1e-9;
            }
        }

        return (bestTemperature, threshold);
    }
}
