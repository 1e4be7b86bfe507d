namespace Dure.Understanding.Classification;

/// <summary>How the intent classifier learns.</summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="LearningRate">AdaGrad's base step.</param>
/// <param name="L2">Weight decay per update of a weight, which keeps rare features from dominating.</param>
/// <param name="MinFeatureCount">A feature must occur in this many examples to get weights (0: decide by data size).</param>
/// <param name="Seed">Shuffling seed: the same data and seed give the same model.</param>
internal sealed record SoftmaxOptions(int Epochs = 12, float LearningRate = 0.3f, float L2 = 1e-4f, int MinFeatureCount = 0, int Seed = 1);

/// <summary>
/// Multinomial logistic regression over sparse binary features, trained with AdaGrad. Its softmax outputs are
/// probabilities, which a temperature fitted on held-out data turns into calibrated confidences. Written by hand
/// because ML.NET's multiclass trainers took 40–400 s on MASSIVE on this machine (docs/BENCHMARKS.md); this one
/// takes seconds, predicts in microseconds and is thread-safe after training.
/// </summary>
internal sealed class SoftmaxClassifier
{
    private readonly Dictionary<string, int> _features;
    private readonly float[] _weights; // feature-major: _weights[feature * classes + label]
    private readonly float[] _bias;

    private SoftmaxClassifier(string[] labels, Dictionary<string, int> features, float[] weights, float[] bias)
    {
        Labels = labels;
        _features = features;
        _weights = weights;
        _bias = bias;
    }

    public string[] Labels { get; }

    /// <summary>Divides the scores before the softmax: above 1 softens over-confident outputs.</summary>
    public double Temperature { get; set; } = 1;

    public int FeatureCount => _features.Count;

    public static SoftmaxClassifier Train(IReadOnlyList<(List<string> Features, string Label)> examples, SoftmaxOptions options, CancellationToken cancellationToken, FeatureView view = FeatureView.All)
    {
        var labels = examples.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var minCount = options.MinFeatureCount > 0 ? options.MinFeatureCount : examples.Count >= 2000 ? 2 : 1;

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (features, _) in examples)
        {
            foreach (var f in features.Distinct())
            {
                if (IntentFeatures.InView(f, view))
                {
                    counts[f] = counts.GetValueOrDefault(f) + 1;
                }
            }
        }

        var featureIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (f, n) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (n >= minCount)
            {
                featureIndex[f] = featureIndex.Count;
            }
        }

        var classes = labels.Length;
        var weights = new float[featureIndex.Count * classes];
        var bias = new float[classes];
        var model = new SoftmaxClassifier(labels, featureIndex, weights, bias);
        var encoded = examples.Select(e => (Indices: model.Encode(e.Features), Label: labelIndex[e.Label])).ToArray();

        var squares = new float[weights.Length];
        var biasSquares = new float[classes];
        var gradient = new double[classes];
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, encoded.Length).ToArray();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (var e in order)
            {
                var (indices, label) = encoded[e];
                var value = indices.Length == 0 ? 0f : 1f / MathF.Sqrt(indices.Length);
                model.Scores(indices, value, gradient, 1);
                Softmax(gradient);
                gradient[label] -= 1;
                for (var c = 0; c < classes; c++)
                {
                    var g = (float)gradient[c];
                    biasSquares[c] += g * g;
                    bias[c] -= options.LearningRate * g / MathF.Sqrt(biasSquares[c] + 1e-6f);
                }

                foreach (var f in indices)
                {
                    var row = f * classes;
                    for (var c = 0; c < classes; c++)
                    {
                        var w = row + c;
                        var g = ((float)gradient[c] * value) + (options.L2 * weights[w]);
                        squares[w] += g * g;
                        weights[w] -= options.LearningRate * g / MathF.Sqrt(squares[w] + 1e-6f);
                    }
                }
            }
        }

        return model;
    }

    /// <summary>The probability of each label (in <see cref="Labels"/> order).</summary>
    public double[] Probabilities(List<string> features)
    {

        var indices = Encode(features);
        var scores = new double[Labels.Length];
        Scores(indices, indices.Length == 0 ? 0f : 1f / MathF.Sqrt(indices.Length), scores, Temperature);
        Softmax(scores);
        return scores;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Labels.Length);
        foreach (var label in Labels)
        {
            writer.Write(label);
        }

        writer.Write(Temperature);
        writer.Write(_features.Count);
        foreach (var (feature, _) in _features.OrderBy(kv => kv.Value))
        {
            writer.Write(feature);
        }

        foreach (var b in _bias)
        {
            writer.Write(b);
        }

        foreach (var w in _weights)
        {
            writer.Write(w);
        }
    }

    public static SoftmaxClassifier Read(BinaryReader reader)
    {
        var labels = new string[reader.ReadInt32()];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = reader.ReadString();
        }

        var temperature = reader.ReadDouble();
        var count = reader.ReadInt32();
        var features = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            features[reader.ReadString()] = i;
        }

        var bias = new float[labels.Length];
        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = reader.ReadSingle();
        }

        var weights = new float[count * labels.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = reader.ReadSingle();
        }

        return new SoftmaxClassifier(labels, features, weights, bias) { Temperature = temperature };
    }

    private int[] Encode(List<string> features)
    {
        var indices = new List<int>(features.Count);
        foreach (var f in features)
        {
            if (_features.TryGetValue(f, out var index))
            {
                indices.Add(index);
            }
        }

        // A feature said twice ("c:켜" in "켜 켜") counts once: the vector is binary.
        indices.Sort();
        var distinct = indices.Count == 0 ? 0 : 1;
        for (var i = 1; i < indices.Count; i++)
        {
            if (indices[i] != indices[distinct - 1])
            {
                indices[distinct++] = indices[i];
            }
        }

        return [.. indices.Take(distinct)];
    }

    private void Scores(int[] indices, float value, double[] scores, double temperature)
    {
        var classes = Labels.Length;
        for (var c = 0; c < classes; c++)
        {
            scores[c] = _bias[c];
        }

        foreach (var f in indices)
        {
            var row = f * classes;
            for (var c = 0; c < classes; c++)
            {
                scores[c] += _weights[row + c] * value;
            }
        }

        if (temperature != 1)
        {
            for (var c = 0; c < classes; c++)
            {
                scores[c] /= temperature;
            }
        }
    }

    private static void Softmax(double[] scores)
    {
        var max = scores.Max();
        var sum = 0.0;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = Math.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }
    }
}
