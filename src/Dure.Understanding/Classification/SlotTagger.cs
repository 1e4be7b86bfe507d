using Dure.Language;

namespace Dure.Understanding.Classification;

/// <summary>
/// A linear-chain slot tagger over BIO tags, trained as an averaged structured perceptron (Collins 2002) and decoded
/// with Viterbi. Features per token: the word and its neighbours, affixes, shape, the eojeol it sits in, and the
/// intent — slot types depend on it, so decoding only considers the slots the intent had in training.
/// ML.NET has no sequence model, hence this small one.
/// </summary>
internal sealed class SlotTagger
{
    private const string Outside = "O";

    private readonly string[] _tags;             // 0 is "O"; then "B-x", "I-x" pairs
    private readonly Dictionary<string, int> _features;
    private readonly float[] _emissions;          // feature-major: [feature * tags + tag]
    private readonly float[] _transitions;        // [(previous + 1) * tags + tag]; previous -1 is the start
    private readonly Dictionary<string, int[]> _tagsByIntent;

    private SlotTagger(string[] tags, Dictionary<string, int> features, float[] emissions, float[] transitions, Dictionary<string, int[]> tagsByIntent)
    {
        _tags = tags;
        _features = features;
        _emissions = emissions;
        _transitions = transitions;
        _tagsByIntent = tagsByIntent;
    }

    public int FeatureCount => _features.Count;

    public static SlotTagger Train(IReadOnlyList<(LabelledUtterance Utterance, Token[] Tokens)> examples, int epochs, CancellationToken cancellationToken)
    {
        var slotNames = examples.SelectMany(e => e.Utterance.Slots).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        string[] tags = [Outside, .. slotNames.SelectMany(n => new[] { "B-" + n, "I-" + n })];
        var tagIndex = tags.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var tagsByIntent = examples.GroupBy(e => e.Utterance.Intent, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new[] { 0 }.Concat(g.SelectMany(e => e.Utterance.Slots).Select(s => s.Name).Distinct()
                .SelectMany(n => new[] { tagIndex["B-" + n], tagIndex["I-" + n] })).Order().ToArray(),
            StringComparer.Ordinal);

        // Features seen once are noise on a large corpus; a partner's handful of samples needs all of them.
        var minCount = examples.Count >= 2000 ? 2 : 1;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var featureLists = examples.Select(e => Features(e.Tokens, e.Utterance.Intent)).ToArray();
        foreach (var sentence in featureLists)
        {
            foreach (var token in sentence)
            {
                foreach (var f in token)
                {
                    counts[f] = counts.GetValueOrDefault(f) + 1;
                }
            }
        }

        var features = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (f, n) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (n >= minCount)
            {
                features[f] = features.Count;
            }
        }

        var t = tags.Length;
        var tagger = new SlotTagger(tags, features, new float[features.Count * t], new float[(t + 1) * t], tagsByIntent);
        var encoded = featureLists.Select(tagger.Encode).ToArray();
        var gold = examples.Select(e => GoldTags(e.Tokens, e.Utterance.Slots, tagIndex)).ToArray();

        // Averaging by the usual trick: keep the sum of step-weighted updates and subtract its mean at the end.
        var emissionSums = new float[tagger._emissions.Length];
        var transitionSums = new float[tagger._transitions.Length];
        var step = 1;
        var random = new Random(1);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (var e in order)
            {
                var allowed = tagsByIntent[examples[e].Utterance.Intent];
                var predicted = tagger.Decode(encoded[e], allowed);
                var expected = gold[e];
                if (!predicted.AsSpan().SequenceEqual(expected))
                {
                    tagger.Update(encoded[e], expected, +1, step, emissionSums, transitionSums);
                    tagger.Update(encoded[e], predicted, -1, step, emissionSums, transitionSums);
                }

                step++;
            }
        }

        for (var i = 0; i < tagger._emissions.Length; i++)
        {
            tagger._emissions[i] -= emissionSums[i] / step;
        }

        for (var i = 0; i < tagger._transitions.Length; i++)
        {
            tagger._transitions[i] -= transitionSums[i] / step;
        }

        return tagger;
    }

    /// <summary>The slots in <paramref name="tokens"/>, for an utterance of <paramref name="intent"/>.</summary>
    public IReadOnlyList<SlotSpan> Tag(Token[] tokens, string intent)
    {
        if (tokens.Length == 0 || !_tagsByIntent.TryGetValue(intent, out var allowed) || allowed.Length == 1)
        {
            return [];
        }

        var tags = Decode(Encode(Features(tokens, intent)), allowed);
        var slots = new List<SlotSpan>();
        for (var i = 0; i < tags.Length; i++)
        {
            if (tags[i] == 0)
            {
                continue;
            }

            // B-x or a stray I-x starts a slot; following I-x of the same name extend it.
            var name = _tags[tags[i]][2..];
            var inside = InsideOf(tags[i]);
            var last = i;
            while (last + 1 < tags.Length && tags[last + 1] == inside)
            {
                last++;
            }

            slots.Add(new SlotSpan(name, tokens[i].Start, tokens[last].End - tokens[i].Start));
            i = last;
        }

        return slots;

        static int InsideOf(int tag) => tag % 2 == 1 ? tag + 1 : tag;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_tags.Length);
        foreach (var tag in _tags)
        {
            writer.Write(tag);
        }

        writer.Write(_tagsByIntent.Count);
        foreach (var (intent, allowed) in _tagsByIntent.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(intent);
            writer.Write(allowed.Length);
            foreach (var tag in allowed)
            {
                writer.Write(tag);
            }
        }

        writer.Write(_features.Count);
        foreach (var (feature, _) in _features.OrderBy(kv => kv.Value))
        {
            writer.Write(feature);
        }

        foreach (var w in _transitions)
        {
            writer.Write(w);
        }

        // Most emission weights are zero (a feature meets few tags): store the non-zero ones with their index.
        writer.Write(_emissions.Count(w => w != 0));
        for (var i = 0; i < _emissions.Length; i++)
        {
            if (_emissions[i] != 0)
            {
                writer.Write(i);
                writer.Write(_emissions[i]);
            }
        }
    }

    public static SlotTagger Read(BinaryReader reader)
    {
        var tags = new string[reader.ReadInt32()];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = reader.ReadString();
        }

        var tagsByIntent = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            var intent = reader.ReadString();
            var allowed = new int[reader.ReadInt32()];
            for (var i = 0; i < allowed.Length; i++)
            {
                allowed[i] = reader.ReadInt32();
            }

            tagsByIntent[intent] = allowed;
        }

        var count = reader.ReadInt32();
        var features = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            features[reader.ReadString()] = i;
        }

        var transitions = new float[(tags.Length + 1) * tags.Length];
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] = reader.ReadSingle();
        }

        var emissions = new float[count * tags.Length];
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            var index = reader.ReadInt32();
            emissions[index] = reader.ReadSingle();
        }

        return new SlotTagger(tags, features, emissions, transitions, tagsByIntent);
    }

    internal static List<string>[] Features(Token[] tokens, string intent)
    {
        var result = new List<string>[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var w = token.Form;
            var f = new List<string>(24)
            {
                "bias",
                "w:" + w,
                "w-1:" + Form(tokens, i - 1),
                "w+1:" + Form(tokens, i + 1),
                "w-2:" + Form(tokens, i - 2),
                "w+2:" + Form(tokens, i + 2),
                "w-1w:" + Form(tokens, i - 1) + " " + w,
                "ww+1:" + w + " " + Form(tokens, i + 1),
                "shape:" + Shape(w),
                "i:" + intent,
                "iw:" + intent + " " + w,
                "iw-1:" + intent + " " + Form(tokens, i - 1),
                "iw+1:" + intent + " " + Form(tokens, i + 1),
                "w-1w+1:" + Form(tokens, i - 1) + " " + Form(tokens, i + 1),
                "w-2w-1:" + Form(tokens, i - 2) + " " + Form(tokens, i - 1),
                "w+1w+2:" + Form(tokens, i + 1) + " " + Form(tokens, i + 2),
            };
            for (var n = 1; n <= Math.Min(3, w.Length); n++)
            {
                f.Add("p" + n + ":" + w[..n]);
                f.Add("s" + n + ":" + w[^n..]);
            }

            // Inside an eojeol: where the token sits, and whether a particle follows it ("수건" + "을").
            var startsEojeol = i == 0 || tokens[i - 1].Eojeol != token.Eojeol;
            var endsEojeol = i == tokens.Length - 1 || tokens[i + 1].Eojeol != token.Eojeol;
            f.Add("pos:" + (startsEojeol ? "<" : "") + (endsEojeol ? ">" : ""));
            if (token.IsParticle)
            {
                f.Add("particle");
            }

            result[i] = f;
        }

        return result;
    }

    private static string Form(Token[] tokens, int i) => i < 0 ? "<s>" : i >= tokens.Length ? "</s>" : tokens[i].Form;

    // "Seoul" → "Xx", "7:30" → "d:d", "거실" → "가", "ok" → "x": the kind of characters, runs collapsed.
    private static string Shape(string form)
    {
        Span<char> buffer = stackalloc char[Math.Min(form.Length, 8)];
        var length = 0;
        foreach (var c in form)
        {
            var kind = char.IsDigit(c) ? 'd' : Hangul.IsSyllable(c) ? '가' : char.IsUpper(c) ? 'X' : char.IsLetter(c) ? 'x' : c;
            if ((length == 0 || buffer[length - 1] != kind) && length < buffer.Length)
            {
                buffer[length++] = kind;
            }
        }

        return new string(buffer[..length]);
    }

    private static int[] GoldTags(Token[] tokens, IReadOnlyList<SlotSpan> slots, Dictionary<string, int> tagIndex)
    {
        var tags = new int[tokens.Length];
        foreach (var slot in slots)
        {
            var first = true;
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].Start >= slot.Start && tokens[i].Start < slot.End)
                {
                    tags[i] = tagIndex[(first ? "B-" : "I-") + slot.Name];
                    first = false;
                }
            }
        }

        return tags;
    }

    private int[][] Encode(List<string>[] sentence)
    {
        var encoded = new int[sentence.Length][];
        for (var i = 0; i < sentence.Length; i++)
        {
            var indices = new List<int>(sentence[i].Count);
            foreach (var f in sentence[i])
            {
                if (_features.TryGetValue(f, out var index))
                {
                    indices.Add(index);
                }
            }

            encoded[i] = [.. indices];
        }

        return encoded;
    }

    // Viterbi over the allowed tags, forbidding an I-x that does not follow B-x or I-x.
    private int[] Decode(int[][] sentence, int[] allowed)
    {
        var n = sentence.Length;
        var t = _tags.Length;
        var k = allowed.Length;
        var score = new float[n * k];
        var back = new int[n * k];
        var emission = new float[k];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < k; a++)
            {
                var sum = 0f;
                var tag = allowed[a];
                foreach (var f in sentence[i])
                {
                    sum += _emissions[(f * t) + tag];
                }

                emission[a] = sum;
            }

            for (var a = 0; a < k; a++)
            {
                var tag = allowed[a];
                var best = float.NegativeInfinity;
                var bestPrevious = 0;
                if (i == 0)
                {
                    best = IsInside(tag) ? float.NegativeInfinity : _transitions[tag];
                }
                else
                {
                    for (var p = 0; p < k; p++)
                    {
                        var previous = allowed[p];
                        if (IsInside(tag) && previous != tag && previous != tag - 1)
                        {
                            continue;
                        }

                        var s = score[((i - 1) * k) + p] + _transitions[((previous + 1) * t) + tag];
                        if (s > best)
                        {
                            best = s;
                            bestPrevious = p;
                        }
                    }
                }

                score[(i * k) + a] = best + emission[a];
                back[(i * k) + a] = bestPrevious;
            }
        }

        var last = 0;
        for (var a = 1; a < k; a++)
        {
            if (score[((n - 1) * k) + a] > score[((n - 1) * k) + last])
            {
                last = a;
            }
        }

        var tags = new int[n];
        for (var i = n - 1; i >= 0; i--)
        {
            tags[i] = allowed[last];
            last = back[(i * k) + last];
        }

        return tags;
    }

    private static bool IsInside(int tag) => tag > 0 && tag % 2 == 0;

    private void Update(int[][] sentence, int[] tags, float sign, int step, float[] emissionSums, float[] transitionSums)
    {
        var t = _tags.Length;
        for (var i = 0; i < sentence.Length; i++)
        {
            foreach (var f in sentence[i])
            {
                var w = (f * t) + tags[i];
                _emissions[w] += sign;
                emissionSums[w] += sign * step;
            }

            var transition = ((i == 0 ? 0 : tags[i - 1] + 1) * t) + tags[i];
            _transitions[transition] += sign;
            transitionSums[transition] += sign * step;
        }
    }
}
