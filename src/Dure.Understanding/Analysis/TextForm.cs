using System.Globalization;
using System.Text;

namespace Dure.Understanding.Analysis;

/// <summary>Normalises an utterance before segmentation: NFC, lower case, meaningless punctuation removed.</summary>
internal static class TextForm
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var nfc = text.Normalize(NormalizationForm.FormC);
        for (var i = 0; i < nfc.Length; i++)
        {
            var c = nfc[i];
            var ch = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;

            // A full stop ends a sentence unless it sits inside a number or a name ("20.5", "pm2.5").
            var sentenceStop = ch == '.' && (i + 1 >= nfc.Length || char.IsWhiteSpace(nfc[i + 1]) || i == 0);
            if (char.IsWhiteSpace(ch) || sentenceStop || IsDroppedPunctuation(ch))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            builder.Append(char.ToLowerInvariant(ch));
        }

        return builder.ToString().Trim();
    }

    public static bool EndsWithQuestionMark(string text) => text.TrimEnd().EndsWith('?') || text.TrimEnd().EndsWith('？');

    public static string DetectLanguage(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\uAC00' and <= '\uD7A3' or >= '\u3131' and <= '\u318E')
            {
                return "ko";
            }
        }

        return "en";
    }

    private static bool IsDroppedPunctuation(char c) =>
        c is not ('%' or '°' or '.' or ':' or '/' or '\'' or '-' or '℃') &&
        char.GetUnicodeCategory(c) is UnicodeCategory.OtherPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.MathSymbol;
}
