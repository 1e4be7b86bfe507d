namespace Dure.Language;

/// <summary>
/// Hangul syllable arithmetic over the precomposed block (가–힣), expressed with compatibility jamo (ㄱ, ㅏ, ㄺ),
/// the letters people type and the ones that print readably.
/// </summary>
public static class Hangul
{
    private const char FirstSyllable = '가';
    private const char LastSyllable = '힣';
    private const int VowelCount = 21;
    private const int FinalCount = 28;
    private const int SyllablesPerInitial = VowelCount * FinalCount;

    private const string Initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    private const string Vowels = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";

    // Index 0 is "no final consonant".
    private const string Finals = "\0ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    // Jamo distance keeps small inputs on the stack; one syllable is at most three jamo.
    private const int StackLimit = 256;

    public static bool IsSyllable(char c) => c is >= FirstSyllable and <= LastSyllable;

    /// <summary>True for a compatibility jamo consonant or vowel (ㄱ–ㅣ), as in "ㅋㅋ".</summary>
    public static bool IsJamo(char c) => c is >= 'ㄱ' and <= 'ㅣ';

    /// <summary>True for a compatibility jamo consonant (ㄱ–ㅎ).</summary>
    public static bool IsConsonantJamo(char c) => c is >= 'ㄱ' and <= 'ㅎ';

    /// <summary>Whether a syllable has a final consonant (받침); false for anything that is not a syllable.</summary>
    public static bool HasFinalConsonant(char c) => IsSyllable(c) && (c - FirstSyllable) % FinalCount != 0;

    /// <summary>The final consonant (받침) as a compatibility jamo, or '\0' when there is none or c is not a syllable.</summary>
    public static char FinalConsonant(char c) => IsSyllable(c) ? Finals[(c - FirstSyllable) % FinalCount] : '\0';

    /// <summary>The initial consonant (초성) as a compatibility jamo, or '\0' when c is not a syllable.</summary>
    public static char InitialConsonant(char c) => IsSyllable(c) ? Initials[(c - FirstSyllable) / SyllablesPerInitial] : '\0';

    /// <summary>The vowel (중성) as a compatibility jamo, or '\0' when c is not a syllable.</summary>
    public static char Vowel(char c) => IsSyllable(c) ? Vowels[(c - FirstSyllable) % SyllablesPerInitial / FinalCount] : '\0';

    /// <summary>Builds a syllable from compatibility jamo, e.g. Compose('ㄱ', 'ㅏ', 'ㅇ') = '강'.</summary>
    /// <exception cref="ArgumentException">A jamo cannot take the position it was given.</exception>
    public static char Compose(char initial, char vowel, char final = '\0')
    {
        var i = Initials.IndexOf(initial, StringComparison.Ordinal);
        var v = Vowels.IndexOf(vowel, StringComparison.Ordinal);
        var f = Finals.IndexOf(final, StringComparison.Ordinal);
        if (i < 0 || v < 0 || f < 0)
        {
            throw new ArgumentException($"'{initial}', '{vowel}', '{final}' do not form a Hangul syllable.");
        }

        return (char)(FirstSyllable + (i * SyllablesPerInitial) + (v * FinalCount) + f);
    }

    /// <summary>
    /// Decomposes every syllable into compatibility jamo ("거실" → "ㄱㅓㅅㅣㄹ"); compound vowels and finals (ㅘ, ㄺ)
    /// stay single letters, and other characters are kept as they are.
    /// </summary>
    public static string ToJamo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = text.Length * 3 <= StackLimit ? stackalloc char[text.Length * 3] : new char[text.Length * 3];
        var length = Decompose(text, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>
    /// Levenshtein distance over the jamo sequences, so one mistyped or misheard letter costs 1
    /// ("거실" vs "거싴" = 1) where a syllable-level distance would also charge for the letters that match.
    /// </summary>
    public static int JamoDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var jamoA = a.Length * 3 <= StackLimit ? stackalloc char[a.Length * 3] : new char[a.Length * 3];
        var jamoB = b.Length * 3 <= StackLimit ? stackalloc char[b.Length * 3] : new char[b.Length * 3];
        jamoA = jamoA[..Decompose(a, jamoA)];
        jamoB = jamoB[..Decompose(b, jamoB)];
        return Levenshtein(jamoA, jamoB);
    }

    private static int Decompose(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (!IsSyllable(c))
            {
                destination[length++] = c;
                continue;
            }

            var index = c - FirstSyllable;
            destination[length++] = Initials[index / SyllablesPerInitial];
            destination[length++] = Vowels[index % SyllablesPerInitial / FinalCount];
            if (index % FinalCount != 0)
            {
                destination[length++] = Finals[index % FinalCount];
            }
        }

        return length;
    }

    private static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }

        // Two rows over the shorter sequence.
        var previous = b.Length + 1 <= StackLimit ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        var current = b.Length + 1 <= StackLimit ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            var row = previous;
            previous = current;
            current = row;
        }

        return previous[b.Length];
    }
}
