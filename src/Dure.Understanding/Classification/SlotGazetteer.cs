namespace Dure.Understanding.Classification;

/// <summary>
/// The slot values of the training data, as phrases of token forms with the slot types they were annotated as.
/// The classifier sees an utterance also with its known values replaced by their types ("wake me up at &lt;time&gt;"),
/// which carries what one sample teaches to utterances with other values of the same slot.
/// </summary>
internal sealed class SlotGazetteer
{
    private const int MaxWords = 4;

    private readonly Dictionary<string, string> _phrases;

    private SlotGazetteer(Dictionary<string, string> phrases) => _phrases = phrases;

    public int Count => _phrases.Count;

    /// <summary>
    /// Keeps a phrase when it was annotated as a slot in at least half of the training utterances that contain it,
    /// so that words like "me" or "the", sometimes inside a slot, do not count as values.
    /// </summary>
    public static SlotGazetteer Build(IReadOnlyList<(LabelledUtterance Utterance, Token[] Tokens)> examples)
    {
        var annotated = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (utterance, tokens) in examples)
        {
            foreach (var slot in utterance.Slots)
            {
                var inside = tokens.Where(t => t.Start >= slot.Start && t.Start < slot.End).Select(t => t.Form).ToArray();
                if (inside.Length is > 0 and <= MaxWords)
                {
                    var phrase = string.Join(' ', inside);
                    var types = annotated.TryGetValue(phrase, out var found) ? found : annotated[phrase] = new Dictionary<string, int>(StringComparer.Ordinal);
                    types[slot.Name] = types.GetValueOrDefault(slot.Name) + 1;
                }
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, tokens) in examples)
        {
            foreach (var phrase in Phrases(tokens).Select(p => p.Phrase).Where(annotated.ContainsKey).Distinct())
            {
                seen[phrase] = seen.GetValueOrDefault(phrase) + 1;
            }
        }

        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (phrase, types) in annotated)
        {
            var total = types.Values.Sum();
            if (total * 2 >= seen.GetValueOrDefault(phrase, total))
            {
                phrases[phrase] = types.MaxBy(kv => kv.Value).Key;
            }
        }

        return new SlotGazetteer(phrases);
    }

    /// <summary>The token forms with known values replaced by "&lt;type&gt;", longest match first.</summary>
    public string[] Delexicalize(Token[] tokens)
    {
        var result = new List<string>(tokens.Length);
        var i = 0;
        while (i < tokens.Length)
        {
            var matched = 0;
            for (var n = Math.Min(MaxWords, tokens.Length - i); n > 0 && matched == 0; n--)
            {
                if (_phrases.TryGetValue(Join(tokens, i, n), out var type))
                {
                    result.Add("<" + type + ">");
                    matched = n;
                }
            }

            if (matched == 0)
            {
                result.Add(tokens[i].Form);
                matched = 1;
            }

            i += matched;
        }

        return [.. result];
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_phrases.Count);
        foreach (var (phrase, type) in _phrases.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(phrase);
            writer.Write(type);
        }
    }

    public static SlotGazetteer Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var phrases = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            phrases[reader.ReadString()] = reader.ReadString();
        }

        return new SlotGazetteer(phrases);
    }

    private static IEnumerable<(int Start, string Phrase)> Phrases(Token[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            for (var n = 1; n <= MaxWords && i + n <= tokens.Length; n++)
            {
                yield return (i, Join(tokens, i, n));
            }
        }
    }

    private static string Join(Token[] tokens, int start, int count) =>
        count == 1 ? tokens[start].Form : string.Join(' ', tokens.Skip(start).Take(count).Select(t => t.Form));
}
