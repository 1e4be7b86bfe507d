using System.Buffers;

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

    /// <summary>Whether any of <paramref name="phrases"/> matches at pos (see <see cref="MatchPhrase(ReadOnlySpan{char}, int, string)"/>). Returns the end, or -1.</summary>
    public static int MatchAny(ReadOnlySpan<char> text, int pos, ReadOnlySpan<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            var end = MatchPhrase(text, pos, phrase);
            if (end >= 0)
            {
                return end;
            }
        }

        return -1;
    }

    /// <summary>The value of the first English phrase of <paramref name="table"/> matching at pos; list longer phrases first. Returns the end, or -1.</summary>
    public static int MatchPhrase<T>(ReadOnlySpan<char> text, int pos, ReadOnlySpan<(string Phrase, T Value)> table, out T value)
    {
        foreach (var (phrase, v) in table)
        {
            var end = MatchPhrase(text, pos, phrase);
            if (end >= 0)
            {
                value = v;
                return end;
            }
        }

        value = default!;
        return -1;
    }

    /// <summary>The value of the first Korean word of <paramref name="table"/> at pos (ordinal, no word boundary needed). Returns the end, or -1.</summary>
    public static int MatchWord<T>(ReadOnlySpan<char> text, int pos, ReadOnlySpan<(string Word, T Value)> table, out T value)
    {
        foreach (var (word, v) in table)
        {
            if (At(text, pos, word))
            {
                value = v;
                return pos + word.Length;
            }
        }

        value = default!;
        return -1;
    }

    /// <summary>
    /// Runs a recogniser at every position, left to right, keeping non-overlapping matches. <paramref name="starts"/>
    /// lets the scan jump to characters a match can begin with; <paramref name="skip"/> steps over spans that must not
    /// be read at all (a clock time is not a duration).
    /// </summary>
    public static IReadOnlyList<T> FindAll<T>(ReadOnlySpan<char> text, Recognizer<T> recognize, SearchValues<char>? starts = null, Skipper? skip = null)
    {
        List<T>? matches = null;
        var i = 0;
        while (i < text.Length)
        {
            if (starts is not null)
            {
                var next = text[i..].IndexOfAny(starts);
                if (next < 0)
                {
                    break;
                }

                i += next;
            }

            var skipped = skip?.Invoke(text, i) ?? i;
            if (skipped > i)
            {
                i = skipped;
                continue;
            }

            var end = recognize(text, i, out var match);
            if (end > i)
            {
                (matches ??= []).Add(match);
                i = end;
            }
            else
            {
                i++;
            }
        }

        return matches ?? (IReadOnlyList<T>)[];
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

/// <summary>Recognises one expression starting exactly at <paramref name="start"/>; returns its end, or start when there is none.</summary>
internal delegate int Recognizer<T>(ReadOnlySpan<char> text, int start, out T match);

/// <summary>Returns the end of a span at <paramref name="start"/> that a scan must step over, or start.</summary>
internal delegate int Skipper(ReadOnlySpan<char> text, int start);
