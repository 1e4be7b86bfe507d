using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Dure.Language;

/// <summary>Language codes returned by <see cref="TextNormalizer.DetectLanguage"/>.</summary>
public static class Languages
{
    public const string Korean = "ko";
    public const string English = "en";
}

/// <summary>Brings typed or recognised utterances to one canonical form before understanding.</summary>
public static class TextNormalizer
{
    private const int StackLimit = 512;

    // Symbols that carry meaning in commands: 50%, 24°, 20.5, 7:30, 1/2, Wi-Fi, Disney+, R&B, C#.
    private static readonly SearchValues<char> KeptSymbols = SearchValues.Create("%°℃℉.:/-+&#");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> QuestionOpeners =
        new[]
        {
            "what", "when", "where", "who", "whom", "whose", "why", "which", "how", "is", "are", "am", "was", "were", "do",
            "does", "did", "can", "could", "will", "would", "should", "shall", "may", "might", "have", "has", "had",
            "isn't", "aren't", "doesn't", "didn't", "can't", "won't", "wouldn't", "shouldn't", "what's",
            "where's", "who's", "how's", "when's",
        }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Unicode NFC; full-width ASCII and the ideographic space to plain ASCII; Latin letters to lower case; punctuation
    /// that carries no meaning (? ! , ~ … quotes, brackets, emoji) dropped; whitespace collapsed and trimmed. Kept:
    /// letters, digits and % ° ℃ ℉ . : / - + &amp; #, apostrophes inside words ("o'clock", typographic ones made plain),
    /// except a full stop that ends a sentence (kept in "a.m." and "20.5") and a comma between digits, which is dropped
    /// without a space ("1,000" → "1000").
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        var buffer = text.Length <= StackLimit ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Narrow(text[i]);
            var isThousandsSeparator = c == ',' && length > 0 && char.IsAsciiDigit(buffer[length - 1])
                && i + 1 < text.Length && char.IsAsciiDigit(Narrow(text[i + 1]));
            if (isThousandsSeparator)
            {
                continue;
            }

            // An apostrophe inside an English word stays ("o'clock", "it’s" made plain); quotes around words go.
            c = c == '’' ? '\'' : c;
            var keep = c == '\''
                ? IsInsideWord(text, i)
                : char.IsLetterOrDigit(c) || IsMark(c) || (KeptSymbols.Contains(c) && !IsSentenceStop(text, i));
            if (keep)
            {
                if (pendingSpace && length > 0)
                {
                    buffer[length++] = ' ';
                }

                pendingSpace = false;
                buffer[length++] = char.ToLowerInvariant(c);
            }
            else
            {
                pendingSpace = true;
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>
    /// Whether an utterance asks something: it ends in a question mark, or (English) it opens with a wh-word or an
    /// auxiliary ("what", "is", "can", "don't"). Korean question endings are left to the understanding engine.
    /// </summary>
    public static bool IsQuestion(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.AsSpan().TrimEnd();
        while (!text.IsEmpty && text[^1] is '"' or '\'' or ')' or '”' or '’' or '」' or '』')
        {
            text = text[..^1].TrimEnd();
        }

        if (!text.IsEmpty && text[^1] is '?' or '？')
        {
            return true;
        }

        text = text.TrimStart();
        var wordEnd = TextScan.LatinWordEnd(text, 0);
        return wordEnd > 0 && QuestionOpeners.Contains(text[..wordEnd]);
    }

    /// <summary>"ko" when the text holds any Hangul, otherwise "en".</summary>
    public static string DetectLanguage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (Hangul.IsSyllable(c) || Hangul.IsJamo(c))
            {
                return Languages.Korean;
            }
        }

        return Languages.English;
    }

    private static bool IsMark(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    // Full-width forms (！ Ａ １) and the ideographic space map to ASCII.
    private static char Narrow(char c) => c switch
    {
        >= '！' and <= '～' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    // Only Latin words have inner apostrophes; in "'거실'이라고" the quote closes before a particle.
    private static bool IsInsideWord(string text, int i) =>
        i > 0 && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i - 1]) && char.IsAsciiLetterOrDigit(text[i + 1]);

    // A full stop ends a sentence unless a letter or digit follows it (20.5, a.m) or it closes an abbreviation (a.m.).
    private static bool IsSentenceStop(string text, int i)
    {
        if (Narrow(text[i]) != '.')
        {
            return false;
        }

        var next = i + 1 < text.Length ? Narrow(text[i + 1]) : ' ';
        if (char.IsLetterOrDigit(next))
        {
            return false;
        }

        var closesAbbreviation = i >= 2 && char.IsLetter(text[i - 1]) && Narrow(text[i - 2]) == '.';
        return !closesAbbreviation;
    }
}
