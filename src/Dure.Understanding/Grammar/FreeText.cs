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
    public static string? Between(Frame frame, int from, int to)
    {
        var tokens = frame.Utterance.Tokens;
        from = Math.Max(from, 0);
        to = Math.Min(to, tokens.Length);
        while (from < to && IsEdge(frame, tokens[from], leading: true))
        {
            from++;
        }

        while (to > from && IsEdge(frame, tokens[to - 1], leading: false))
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

        return words.ToString();
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
            : token.Lexeme is { Kind: LexKind.Particle or LexKind.Ending or LexKind.Filler };
}
