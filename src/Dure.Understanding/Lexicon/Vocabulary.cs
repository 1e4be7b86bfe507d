namespace Dure.Understanding.Lexicon;

/// <summary>The fixed vocabulary of each language, built once per process.</summary>
internal static class Vocabulary
{
    private static readonly Lazy<LanguageVocabulary> KoreanVocab = new(() => LanguageVocabulary.Create("ko", KoreanVocabulary.Build()));
    private static readonly Lazy<LanguageVocabulary> EnglishVocab = new(() => LanguageVocabulary.Create("en", EnglishVocabulary.Build()));

    public static LanguageVocabulary For(string language) => language == "en" ? EnglishVocab.Value : KoreanVocab.Value;
}

/// <summary>One language's vocabulary, indexed for matching.</summary>
internal sealed class LanguageVocabulary
{
    private readonly HashSet<string> _nounPhrases;

    private LanguageVocabulary(string language, IReadOnlyList<(string Surface, Lexeme Lexeme)> entries)
    {
        Language = language;
        if (language == "en")
        {
            Words = new WordPhraseIndex(entries);
        }
        else
        {
            Compact = new CompactPhraseIndex(entries);
        }

        _nounPhrases = entries.Where(e => e.Lexeme.Kind == LexKind.Noun).Select(e => Key(e.Surface)).ToHashSet(StringComparer.Ordinal);
    }

    public string Language { get; }

    /// <summary>The Korean index (null for English).</summary>
    public CompactPhraseIndex? Compact { get; }

    /// <summary>The English index (null for Korean).</summary>
    public WordPhraseIndex? Words { get; }

    public static LanguageVocabulary Create(string language, VocabularyBuilder builder) => new(language, builder.Entries);

    /// <summary>True when the phrase is a generic device word ("조명", "lights") rather than a proper name.</summary>
    public bool IsDeviceKind(string phrase) => _nounPhrases.Contains(Key(phrase));

    private string Key(string phrase) => Language == "en"
        ? string.Join(' ', WordPhraseIndex.Words(phrase))
        : CompactPhraseIndex.Compact(phrase);
}
