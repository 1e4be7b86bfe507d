namespace Dure.Language;

/// <summary>Span helpers shared by the recognisers. Positions are indexes into the scanned text.</summary>
internal static class TextScan
{
    public static bool IsKorean(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.StartsWith("ko", StringComparison.OrdinalIgnoreCase);
    }

    public static int SkipSpaces(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>Whether <paramref name="value"/> occurs at <paramref name="pos"/> (ordinal).</summary>
    public static bool At(ReadOnlySpan<char> text, int pos, string value) =>
        pos <= text.Length && text[pos..].StartsWith(value, StringComparison.Ordinal);

    /// <summary>Whether no letter or digit touches position <paramref name="pos"/> from the left.</summary>
    public static bool StartsWord(ReadOnlySpan<char> text, int pos) => pos == 0 || !char.IsLetterOrDigit(text[pos - 1]);

    /// <summary>Whether no letter or digit follows <paramref name="end"/>.</summary>
    public static bool EndsWord(ReadOnlySpan<char> text, int end) => end >= text.Length || !char.IsLetterOrDigit(text[end]);

    /// <summary>
    /// Matches an English word or phrase at <paramref name="pos"/>, ignoring case, ending on a word boundary;
    /// a space in the phrase matches any run of whitespace. Returns the end, or -1.
    /// </summary>
    public static int MatchPhrase(ReadOnlySpan<char> text, int pos, string phrase)
    {
        foreach (var p in phrase)
        {
            if (p == ' ')
            {
                var next = SkipSpaces(text, pos);
                if (next == pos)
                {
                    return -1;
                }

                pos = next;
            }
            else if (pos < text.Length && Fold(text[pos]) == p)
            {
                pos++;
            }
            else
            {
                return -1;
            }
        }

        return char.IsLetterOrDigit(phrase[^1]) && !EndsWord(text, pos) ? -1 : pos;
    }

    // Lower case, with the typographic apostrophe of "o’clock" read as a plain one.
    private static char Fold(char c) => c == '’' ? '\'' : char.ToLowerInvariant(c);

    /// <summary>The first phrase of <paramref name="phrases"/> that matches at pos (see <see cref="MatchPhrase"/>); list longer phrases first.</summary>
    public static int MatchAny(ReadOnlySpan<char> text, int pos, ReadOnlySpan<string> phrases, out int index)
    {
        for (index = 0; index < phrases.Length; index++)
        {
            var end = MatchPhrase(text, pos, phrases[index]);
            if (end >= 0)
            {
                return end;
            }
        }

        index = -1;
        return -1;
    }

    /// <summary>The end of the run of ASCII letters (and inner apostrophes) starting at pos.</summary>
    public static int LatinWordEnd(ReadOnlySpan<char> text, int pos)
    {
        var end = pos;
        while (end < text.Length && (char.IsAsciiLetter(text[end]) || (text[end] is '\'' or '’' && end > pos && end + 1 < text.Length && char.IsAsciiLetter(text[end + 1]))))
        {
            end++;
        }

        return end;
    }
}
