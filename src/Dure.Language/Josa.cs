using System.Collections.ObjectModel;

namespace Dure.Language;

/// <summary>Korean particles whose form depends on whether the word before ends in a consonant sound.</summary>
public enum Particle
{
    /// <summary>은/는 (topic).</summary>
    EunNeun,

    /// <summary>이/가 (subject).</summary>
    IGa,

    /// <summary>을/를 (object).</summary>
    EulReul,

    /// <summary>과/와 (and, with).</summary>
    GwaWa,

    /// <summary>으로/로 (to, as, by); a word ending in ㄹ takes 로.</summary>
    EuroRo,

    /// <summary>이랑/랑 (and, with; casual).</summary>
    IRangRang,

    /// <summary>이나/나 (or).</summary>
    Ina,

    /// <summary>이에요/예요 (is; polite).</summary>
    IeyoYeyo,

    /// <summary>아/야 (calling someone).</summary>
    AYa,

    /// <summary>이야/야 (is; casual).</summary>
    IyaYa,

    /// <summary>이라고/라고 (quoting a name: "'거실'이라고 부를게요").</summary>
    IragoRago,
}

/// <summary>Chooses and attaches Korean particles (조사) by the final sound of the word before them.</summary>
public static class Josa
{
    // Per particle: the form after a consonant, the form after a vowel, and the written fallback for an unreadable word.
    private static readonly (string AfterConsonant, string AfterVowel, string Unknown)[] Forms =
    [
        ("은", "는", "은(는)"),
        ("이", "가", "이(가)"),
        ("을", "를", "을(를)"),
        ("과", "와", "과(와)"),
        ("으로", "로", "(으)로"),
        ("이랑", "랑", "(이)랑"),
        ("이나", "나", "(이)나"),
        ("이에요", "예요", "(이)에요"),
        ("아", "야", "아(야)"),
        ("이야", "야", "(이)야"),
        ("이라고", "라고", "(이)라고"),
    ];

    private static readonly string[] ParticleList = LongestFirst(
    [
        "으로부터", "에서부터",
        "에게서", "한테서", "에서는", "에서도", "에서만", "으로는", "으로도", "으로만", "까지는", "까지도", "까지만",
        "부터는", "부터도", "이라도", "에게는", "한테는",
        "처럼", "마다", "까지", "부터", "에서", "에게", "한테", "께서", "으로", "이랑", "하고", "보다", "이나", "이든",
        "라도", "조차", "밖에", "대로", "만큼", "에는", "에도", "에만", "로는", "로도", "로만", "에다",
        "은", "는", "이", "가", "을", "를", "에", "께", "의", "로", "와", "과", "도", "만", "랑", "나", "든", "뿐",
    ]);

    /// <summary>
    /// Common particle strings, longest first, for a parser to strip from the end of a word. Whether stripping is safe
    /// is the parser's call: "온도" ends in "도" without carrying the particle 도.
    /// </summary>
    public static IReadOnlyList<string> Particles { get; } = new ReadOnlyCollection<string>(ParticleList);

    internal static ReadOnlySpan<string> ParticleSpan => ParticleList;

    /// <summary>
    /// The particle form for <paramref name="word"/>: "거실" + EulReul → "을", "TV" + EulReul → "를", "거실" + EuroRo → "로".
    /// The last pronounceable character decides (trailing spaces, punctuation, brackets and quotes are skipped);
    /// digits are read in Sino-Korean ("1" 일 → "1로", "20" 이십, "1000" 천), %, ° and ℃ as 퍼센트 and 도,
    /// Latin words by a loanword heuristic (initialisms letter by letter, "pool" 풀). An unreadable ending gets
    /// the written fallback such as "을(를)".
    /// </summary>
    public static string Of(string word, Particle particle)
    {
        ArgumentNullException.ThrowIfNull(word);
        var forms = Forms[(int)particle];
        if (!FinalSound.TryRead(word, out var final))
        {
            return forms.Unknown;
        }

        var takesConsonantForm = particle == Particle.EuroRo
            ? final is not FinalSound.None and not 'ㄹ'
            : final is not FinalSound.None;
        return takesConsonantForm ? forms.AfterConsonant : forms.AfterVowel;
    }

    /// <summary>The word followed by its particle: "거실" + EulReul → "거실을".</summary>
    public static string Attach(string word, Particle particle) => word + Of(word, particle);

    private static string[] LongestFirst(string[] particles)
    {
        Array.Sort(particles, static (a, b) => a.Length != b.Length ? b.Length - a.Length : string.CompareOrdinal(a, b));
        return particles;
    }
}
