using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Dure.Understanding.Lexicon;

/// <summary>A phrase that matched at some position, with every meaning it has.</summary>
internal readonly record struct PhraseMatch(int Length, ImmutableArray<Lexeme> Readings, double Cost);

/// <summary>
/// Finds every vocabulary phrase that starts at a position of a Korean text with spaces removed.
/// Phrases are bucketed by first character, longest first, which keeps the index small enough to build
/// one per home and fast enough for the ~100 µs parse budget.
/// </summary>
internal sealed class CompactPhraseIndex
{
    private readonly FrozenDictionary<char, (string Key, ImmutableArray<Lexeme> Readings, double Cost)[]> _buckets;

    public CompactPhraseIndex(IEnumerable<(string Surface, Lexeme Lexeme)> entries)
    {
        _buckets = entries
            .Select(e => (Key: Compact(e.Surface), e.Lexeme))
            .Where(e => e.Key.Length > 0)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Readings: g.Select(e => e.Lexeme).Distinct().ToImmutableArray()))
            .GroupBy(e => e.Key[0])
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderByDescending(e => e.Key.Length).Select(e => (e.Key, e.Readings, e.Readings.Min(r => r.Cost))).ToArray());
    }

    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    /// <summary>Every phrase with its readings.</summary>
    public IEnumerable<(string Key, ImmutableArray<Lexeme> Readings)> Phrases =>
        _buckets.Values.SelectMany(bucket => bucket.Select(e => (e.Key, e.Readings)));

    public void MatchAt(string compact, int position, List<PhraseMatch> into)
    {
        if (!_buckets.TryGetValue(compact[position], out var bucket))
        {
            return;
        }

        var rest = compact.AsSpan(position);
        foreach (var (key, readings, cost) in bucket)
        {
            if (rest.StartsWith(key, StringComparison.Ordinal))
            {
                into.Add(new PhraseMatch(key.Length, readings, cost));
            }
        }
    }
}

/// <summary>The English counterpart of <see cref="CompactPhraseIndex"/>: phrases are word sequences.</summary>
internal sealed class WordPhraseIndex
{
    private readonly FrozenDictionary<string, (string[] Words, ImmutableArray<Lexeme> Readings, double Cost)[]> _buckets;

    public WordPhraseIndex(IEnumerable<(string Surface, Lexeme Lexeme)> entries)
    {
        _buckets = entries
            .Select(e => (Words: Words(e.Surface), e.Lexeme))
            .Where(e => e.Words.Length > 0)
            .GroupBy(e => string.Join(' ', e.Words), StringComparer.Ordinal)
            .Select(g => (Words: g.First().Words, Readings: g.Select(e => e.Lexeme).Distinct().ToImmutableArray()))
            .GroupBy(e => e.Words[0], StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderByDescending(e => e.Words.Length).Select(e => (e.Words, e.Readings, e.Readings.Min(r => r.Cost))).ToArray(),
                StringComparer.Ordinal);
    }

    public static string[] Words(string text) => text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void MatchAt(IReadOnlyList<string> words, int position, List<PhraseMatch> into)
    {
        if (!_buckets.TryGetValue(words[position], out var bucket))
        {
            return;
        }

        foreach (var (phrase, readings, cost) in bucket)
        {
            if (position + phrase.Length <= words.Count && Matches(words, position, phrase))
            {
                into.Add(new PhraseMatch(phrase.Length, readings, cost));
            }
        }
    }

    private static bool Matches(IReadOnlyList<string> words, int position, string[] phrase)
    {
        for (var k = 1; k < phrase.Length; k++)
        {
            if (!string.Equals(words[position + k], phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
