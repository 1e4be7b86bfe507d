using System.Globalization;
using System.Text;
using Dure.Language;

namespace Dure.Skills.Providers;

/// <summary>
/// How the embedded providers compare names as people say or type them: case, spacing and punctuation do not count
/// ("부산 신항" = "부산신항", "Incheon Port" = "incheonport"), and a small typo or mishearing is forgiven —
/// over jamo for Korean (one wrong letter of a syllable costs 1), over letters for English (a swap costs 1).
/// </summary>
internal static class NameKey
{
    /// <summary>Lower case, letters and digits only; Latin accents dropped (Beyoncé = beyonce), Hangul left whole.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Hangul.IsSyllable(c) || Hangul.IsJamo(c) || char.IsDigit(c))
            {
                builder.Append(c);
            }
            else if (char.IsLetter(c))
            {
                // Decomposing one Latin letter at a time leaves Hangul syllables alone (FormD would split them).
                foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
                {
                    if (char.IsLetter(part) && CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                    {
                        builder.Append(char.ToLowerInvariant(part));
                    }
                }
            }
        }

        return builder.ToString();
    }

    public static bool HasHangul(string? text) => text is not null && text.Any(c => Hangul.IsSyllable(c) || Hangul.IsJamo(c));

    /// <summary>Edit distance between two normalized keys: jamo Levenshtein when Hangul is involved, else letters with swaps.</summary>
    public static int Distance(string a, string b) =>
        HasHangul(a) || HasHangul(b) ? Hangul.JamoDistance(a, b) : OptimalStringAlignment(a, b);

    /// <summary>
    /// How many edits a query of this length may be off by and still count as a typo of a name: none for very short
    /// keys (대구/대부, "Ulsan"/"Ulsa" would collide), one for a word, two for long names.
    /// </summary>
    public static int TypoAllowance(string key)
    {
        if (HasHangul(key))
        {
            var jamo = Hangul.ToJamo(key).Length;
            return jamo < 4 ? 0 : jamo < 10 ? 1 : 2;
        }

        return key.Length < 4 ? 0 : key.Length < 7 ? 1 : key.Length < 12 ? 2 : 3;
    }

    /// <summary>The edit distance when within the query's typo allowance, else null.</summary>
    public static int? TypoDistance(string queryKey, string nameKey)
    {
        var allowed = TypoAllowance(queryKey);
        if (allowed == 0 || Math.Abs(queryKey.Length - nameKey.Length) > allowed)
        {
            return null;
        }

        var distance = Distance(queryKey, nameKey);
        return distance <= allowed ? distance : null;
    }

    // Levenshtein plus adjacent transposition, the commonest typing slip in Latin script ("Seuol").
    private static int OptimalStringAlignment(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
