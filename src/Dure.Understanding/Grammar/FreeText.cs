using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar;

/// <summary>
/// Words the user said that are values rather than vocabulary — a list item, a destination, a contact, a song —
/// read from the utterance between two tokens, with the spacing said and without edge particles or fillers.
/// </summary>
internal static class FreeText
{
    private static readonly HashSet<string> EnglishEdgeWords =
        new(["the", "a", "an", "my", "our", "some", "me", "to", "for", "please", "on", "in", "from", "of", "that", "this", "and", "with"], StringComparer.Ordinal);

    /// <summary>The text of tokens [from, to), trimmed; null when nothing but function words is there.</summary>
    /// <param name="sentence">A message ("I have a meeting"): keep its pronouns and articles at the start.</param>
    public static string? Between(Frame frame, int from, int to, bool sentence = false)
    {
        var tokens = frame.Utterance.Tokens;
        from = Math.Max(from, 0);
        to = Math.Min(to, tokens.Length);
        while (!sentence && from < to && IsEdge(frame, tokens[from], leading: true))
        {
            from++;
        }

        while (to > from && IsEdge(frame, tokens[to - 1], leading: false) && !EndsShortWord(frame, tokens, to - 1))
        {
            to--;
        }

        if (from >= to)
        {
            return null;
        }

        var words = new System.Text.StringBuilder();
        for (var i = from; i < to; i++)
        {
            if (i > from && (frame.Language == "en" || tokens[i].StartsWord))
            {
                words.Append(' ');
            }

            words.Append(tokens[i].Surface);
        }

        return frame.Language == "en" ? AsSaid(frame.Utterance.Raw, words.ToString()) : words.ToString();
    }

    /// <summary>
    /// A one-syllable word is not a stem plus particle: "사과" read as 사 + 과 keeps its 과. Korean nouns of
    /// one syllable rarely stand unknown before a particle, while unknown nouns ending in 과/이/도 are common.
    /// </summary>
    private static bool EndsShortWord(Frame frame, IReadOnlyList<Token> tokens, int index) =>
        frame.Language == "ko" && index > 0 && !tokens[index].StartsWord && tokens[index - 1].IsUnknown &&
        tokens[index - 1].Surface.Length == 1 && tokens[index - 1].StartsWord;

    /// <summary>
    /// The words as the user wrote them: the casing of the original ("Bohemian Rhapsody"), and a capitalised
    /// article that belongs to a title ("play The Office").
    /// </summary>
    private static string AsSaid(string raw, string normalized)
    {
        // Compare letters and digits only, so punctuation normalisation dropped ("Dr. Kim") comes back too.
        var (rawSkeleton, rawIndex) = Skeleton(raw);
        var (wanted, _) = Skeleton(normalized);
        var found = wanted.Length == 0 ? -1 : rawSkeleton.IndexOf(wanted, StringComparison.OrdinalIgnoreCase);
        if (found < 0)
        {
            return normalized;
        }

        var at = rawIndex[found];
        var said = raw[at..(rawIndex[found + wanted.Length - 1] + 1)];
        foreach (var article in new[] { "The ", "A ", "An ", "My ", "Our ", "Your " })
        {
            var start = at - article.Length;
            if (start > 0 && string.CompareOrdinal(raw, start, article, 0, article.Length) == 0)
            {
                return article + said;
            }
        }

        return said;
    }

    private static (string Skeleton, List<int> Index) Skeleton(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var index = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]))
            {
                builder.Append(text[i]);
                index.Add(i);
            }
        }

        return (builder.ToString(), index);
    }

    /// <summary>Every word of tokens [from, to), untrimmed: a command to run later keeps its verb ("turn off ...").</summary>
    public static string? Span(Frame frame, int from, int to)
    {
        var tokens = frame.Utterance.Tokens;
        to = Math.Min(to, tokens.Length);
        if (from < 0 || from >= to)
        {
            return null;
        }

        var words = new System.Text.StringBuilder();
        for (var i = from; i < to; i++)
        {
            if (i > from && (frame.Language == "en" || tokens[i].StartsWord))
            {
                words.Append(' ');
            }

            words.Append(tokens[i].Surface);
        }

        var text = words.ToString().Trim(' ', ',');
        return text.Length == 0 ? null : text;
    }

    /// <summary>The text of tokens [from, to) exactly as said, for messages whose endings carry meaning.</summary>
    public static string? Raw(Frame frame, int from, int to)
    {
        var tokens = frame.Utterance.Tokens;
        to = Math.Min(to, tokens.Length);
        while (from < to && tokens[from].Lexeme is { Kind: LexKind.Particle or LexKind.Filler })
        {
            from++;
        }

        if (from >= to)
        {
            return null;
        }

        var words = new System.Text.StringBuilder();
        for (var i = from; i < to; i++)
        {
            if (i > from && (frame.Language == "en" || tokens[i].StartsWord))
            {
                words.Append(' ');
            }

            words.Append(tokens[i].Surface);
        }

        return words.ToString();
    }

    /// <summary>
    /// A Korean quoted message without its quoting ending: "늦는다고" → "늦는다", "가자고" → "가자", and the
    /// imperative "병원 가라고" → "병원 가".
    /// </summary>
    public static string Unquote(string text)
    {
        foreach (var (ending, keep) in new[] { ("하라고", ""), ("으라고", ""), ("라고", ""), ("다고", "다"), ("자고", "자"), ("냐고", "냐") })
        {
            if (text.EndsWith(ending, StringComparison.Ordinal) && text.Length > ending.Length)
            {
                return text[..^ending.Length].TrimEnd() + keep;
            }
        }

        return text;
    }

    /// <summary>Index of the first token at or after <paramref name="start"/> that has a reading passing <paramref name="test"/>.</summary>
    public static int Find(Frame frame, Func<Lexeme, bool> test, int start = 0)
    {
        var tokens = frame.Utterance.Tokens;
        for (var i = start; i < tokens.Length; i++)
        {
            if (tokens[i].Readings.Any(test))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of the last token that has a reading passing <paramref name="test"/>.</summary>
    public static int FindLast(Frame frame, Func<Lexeme, bool> test)
    {
        var tokens = frame.Utterance.Tokens;
        for (var i = tokens.Length - 1; i >= 0; i--)
        {
            if (tokens[i].Readings.Any(test))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Index of the first token whose surface is one of the words (English function words like "to").</summary>
    public static int FindWord(Frame frame, int start, params string[] words)
    {
        var tokens = frame.Utterance.Tokens;
        for (var i = Math.Max(start, 0); i < tokens.Length; i++)
        {
            if (words.Contains(tokens[i].Surface, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public static Func<Lexeme, bool> IsVerb(string verb) => l => l.Kind == LexKind.Verb && l.Value == verb;

    public static Func<Lexeme, bool> IsTopic(string topic) =>
        l => l.Kind == LexKind.Topic && (l.Value == topic || l.Value!.StartsWith(topic + ":", StringComparison.Ordinal));

    private static bool IsEdge(Frame frame, Token token, bool leading) =>
        frame.Language == "en"
            ? EnglishEdgeWords.Contains(token.Surface) || (token.Lexeme is { } l && (l.Kind is LexKind.Filler || (l.Kind == LexKind.Preposition && !leading)))
            : token.Lexeme is { Kind: LexKind.Particle or LexKind.Filler } || (leading && token.Lexeme is { Kind: LexKind.Ending });
}
