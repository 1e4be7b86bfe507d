using System.Text;
using Dure.Language;

namespace Dure.Understanding.Classification;

/// <summary>
/// The evidence the intent classifier weighs, as feature strings. Words alone miss Korean: "불켜줘", "불 켜줘" and
/// "불을 켜 줘" share little at the word level, so every eojeol also gives its character n-grams (syllables 1–3,
/// which carry the stems and endings), and Latin words give 3–5-grams (morphology: "turn"/"turning").
/// </summary>
internal static class IntentFeatures
{
    /// <summary>
    /// The feature strings of a tokenized utterance: "w:" words, "b:" and "t:" word bigrams and trigrams (with
    /// sentence edges), "e:" whole eojeols, "c:" character n-grams, and with a gazetteer "g:" the slot types of
    /// known values and "gb:" bigrams over the utterance with those values replaced by their types.
    /// </summary>
    public static List<string> Extract(Token[] tokens, SlotGazetteer? gazetteer = null)
    {
        var features = new List<string>(tokens.Length * 12);
        if (gazetteer is not null)
        {
            // "[item : 생수] 좀 주세요" teaches "<item> 좀" for every other known item as well.
            var delexicalized = gazetteer.Delexicalize(tokens);
            var before = "<s>";
            foreach (var form in delexicalized)
            {
                if (form.StartsWith('<'))
                {
                    features.Add("g:" + form);
                }

                features.Add("gb:" + before + " " + form);
                before = form;
            }

            features.Add("gb:" + before + " </s>");
        }

        var previous = "<s>";
        var previous2 = "<s>";
        foreach (var token in tokens)
        {
            var form = Shape(token.Form);
            features.Add("w:" + form);
            features.Add("b:" + previous + " " + form);
            features.Add("t:" + previous2 + " " + previous + " " + form);
            previous2 = previous;
            previous = form;
        }

        features.Add("b:" + previous + " </s>");
        features.Add("t:" + previous2 + " " + previous + " </s>");

        // Character n-grams within each eojeol, with its edges marked: "<불켜", "켜줘>".
        var eojeolStart = -1;
        var eojeol = -1;
        for (var i = 0; i <= tokens.Length; i++)
        {
            if (i == tokens.Length || tokens[i].Eojeol != eojeol)
            {
                if (eojeolStart >= 0)
                {
                    var chunk = Chunk(tokens, eojeolStart, i);
                    features.Add("e:" + chunk);
                    CharacterGrams(chunk, features);
                }

                if (i < tokens.Length)
                {
                    eojeolStart = i;
                    eojeol = tokens[i].Eojeol;
                }
            }
        }

        return features;
    }

    // The normalized eojeol made of tokens [from, to): its forms joined without spaces.
    private static string Chunk(Token[] tokens, int from, int to)
    {
        if (to - from == 1)
        {
            return Shape(tokens[from].Form);
        }

        var builder = new StringBuilder();
        for (var i = from; i < to; i++)
        {
            builder.Append(Shape(tokens[i].Form));
        }

        return builder.ToString();
    }

    private static void CharacterGrams(string chunk, List<string> features)
    {
        var korean = chunk.Any(c => Hangul.IsSyllable(c));
        var (min, max) = korean ? (1, 3) : (3, 5);
        var marked = "<" + chunk + ">";
        for (var n = min; n <= max; n++)
        {
            for (var s = 0; s + n <= marked.Length; s++)
            {
                // Single characters only inside the word: the edge markers alone say nothing.
                if (n == 1 && (s == 0 || s == marked.Length - 1))
                {
                    continue;
                }

                features.Add(string.Concat("c:", marked.AsSpan(s, n)));
            }
        }
    }

    /// <summary>
    /// Which features a member of the classifier ensemble sees. Members that look at different evidence make
    /// different mistakes, so their averaged probabilities are right more often than any one of them.
    /// </summary>
    public static bool InView(string feature, FeatureView view) => view switch
    {
        FeatureView.WordsOnly => !feature.StartsWith("c:", StringComparison.Ordinal),
        FeatureView.NoPhrases => !feature.StartsWith("b:", StringComparison.Ordinal) && !feature.StartsWith("t:", StringComparison.Ordinal),
        _ => true,
    };

    // Digits read alike: "7" and "9" are the same evidence for an intent.
    private static string Shape(string form)
    {
        if (!form.Any(char.IsDigit))
        {
            return form;
        }

        return string.Create(form.Length, form, static (span, f) =>
        {
            for (var i = 0; i < f.Length; i++)
            {
                span[i] = char.IsDigit(f[i]) ? '0' : f[i];
            }
        });
    }
}

/// <summary>The evidence one ensemble member weighs (see <see cref="IntentFeatures.InView"/>).</summary>
internal enum FeatureView
{
    All,
    WordsOnly,
    NoPhrases,
}
