using System.Globalization;
using Dure.Language;

namespace Dure.Understanding.Classification;

/// <summary>
/// A piece of an utterance the models see: its normalized form, where it is in the text, and which eojeol (the
/// whitespace-separated chunk) it belongs to.
/// </summary>
internal readonly record struct Token(string Form, int Start, int End, int Eojeol, bool IsParticle);

/// <summary>
/// Splits an utterance into tokens for the classifier and the slot tagger, keeping character offsets so that slots
/// come back as the words written. Korean glues particles onto nouns ("수건을", "7시에"), and a slot ends where the
/// noun ends, so a Hangul run loses its trailing particle as a token of its own, and digits part from Hangul.
/// Splitting too much is harmless (a slot spans several tokens); splitting too little would cut a slot short.
/// </summary>
internal static class Tokenizer
{
    public static Token[] Tokenize(string text)
    {
        var tokens = new List<Token>(16);
        var eojeol = -1;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            eojeol++;
            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            SplitEojeol(text, i, end, eojeol, tokens);
            i = end;
        }

        return [.. tokens];
    }

    private static void SplitEojeol(string text, int start, int end, int eojeol, List<Token> tokens)
    {
        var i = start;
        while (i < end)
        {
            var kind = KindOf(text[i]);
            var runEnd = i + 1;
            if (kind == CharKind.Other)
            {
                tokens.Add(new Token(text[i].ToString(), i, runEnd, eojeol, false));
                i = runEnd;
                continue;
            }

            while (runEnd < end && Continues(text, runEnd, kind))
            {
                runEnd++;
            }

            if (kind == CharKind.Hangul)
            {
                AddHangulRun(text, i, runEnd, eojeol, tokens);
            }
            else
            {
                tokens.Add(new Token(Normalize(text.AsSpan(i, runEnd - i)), i, runEnd, eojeol, false));
            }

            i = runEnd;
        }
    }

    // "수건을" → "수건" + "을": the longest known particle, leaving a stem of at least one syllable.
    private static void AddHangulRun(string text, int start, int end, int eojeol, List<Token> tokens)
    {
        var run = text.AsSpan(start, end - start);
        if (run.Length >= 2 && (end == text.Length || char.IsWhiteSpace(text[end]) || KindOf(text[end]) == CharKind.Other))
        {
            foreach (var particle in Josa.Particles)
            {
                if (particle.Length < run.Length && run.EndsWith(particle, StringComparison.Ordinal))
                {
                    var split = end - particle.Length;
                    tokens.Add(new Token(text[start..split], start, split, eojeol, false));
                    tokens.Add(new Token(particle, split, end, eojeol, true));
                    return;
                }
            }
        }

        tokens.Add(new Token(run.ToString(), start, end, eojeol, false));
    }

    private static bool Continues(string text, int i, CharKind kind)
    {
        var c = text[i];
        var next = KindOf(c);
        if (next == kind)
        {
            return true;
        }

        // "o'clock", "it's", "20.5", "7:30": an apostrophe between letters, a point or colon between digits.
        return kind == CharKind.Latin && i + 1 < text.Length && KindOf(text[i + 1]) == CharKind.Latin
            && (c is '\'' or '’' || (c is '.' or ':' or ',' && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])));
    }

    private static CharKind KindOf(char c) =>
        Hangul.IsSyllable(c) || Hangul.IsJamo(c) ? CharKind.Hangul
        : char.IsLetterOrDigit(c) || (c >= '０' && c <= 'ｚ' && char.IsLetterOrDigit((char)(c - 0xFEE0))) ? CharKind.Latin
        : CharKind.Other;

    // Lower case, full-width letters and digits narrowed, every digit kept: "ＴＶ" → "tv".
    private static string Normalize(ReadOnlySpan<char> span)
    {
        Span<char> buffer = span.Length <= 128 ? stackalloc char[span.Length] : new char[span.Length];
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c is >= '！' and <= '～')
            {
                c = (char)(c - 0xFEE0);
            }

            buffer[i] = c == '’' ? '\'' : char.ToLower(c, CultureInfo.InvariantCulture);
        }

        return new string(buffer);
    }

    private enum CharKind
    {
        Hangul,
        Latin,
        Other,
    }
}
