using System.Collections.Immutable;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Analysis;

/// <summary>
/// Splits an utterance into the vocabulary's phrases by dynamic programming: the segmentation with the lowest
/// total cost wins, where every phrase costs about one and every unexplained character (Korean) or word
/// (English) costs more. Longer phrases therefore beat their parts ("거실 불" the device over 거실 + 불), and
/// unknown words stay as gaps that later rules can read as names the home does not have.
/// </summary>
internal static class Segmenter
{
    private const double UnknownCost = 2.0;

    /// <param name="normalized">The normalised utterance.</param>
    /// <param name="language">"ko" or "en".</param>
    /// <param name="home">The home's names.</param>
    /// <param name="splitComposites">Read names like "거실 조명" as their room and device word.</param>
    /// <param name="today">The date relative dates resolve against.</param>
    public static Utterance Segment(string normalized, string language, HomeLexicon home, DateOnly today, bool splitComposites = false)
    {
        var vocabulary = Vocabulary.For(language);
        return language == "en"
            ? SegmentWords(normalized, vocabulary.Words!, home.Words!, today, splitComposites)
            : SegmentCompact(normalized, vocabulary.Compact!, home, today, splitComposites);
    }

    private static Utterance SegmentCompact(string text, CompactPhraseIndex vocabulary, HomeLexicon home, DateOnly today, bool splitComposites)
    {
        var names = home.Compact!;
        var first = SegmentCompactOnce(text, vocabulary, names, today, splitComposites, fuzzy: null);

        // "라면타이머삼분": a numeral glued to a known word is only read as a number once it starts a word, so
        // when a recognised word runs straight into unexplained text, space them apart and read it again.
        var respaced = Respaced(text, first);
        if (respaced is not null)
        {
            text = respaced;
            first = SegmentCompactOnce(text, vocabulary, names, today, splitComposites, fuzzy: null);
        }

        // "거싷 불 켜줘": speech recognition slips a jamo. When text is left unexplained, read again with the home's
        // names allowed within a small jamo distance; the reading is kept only when it explains the text better.
        if (first.Tokens.Any(t => t.IsUnknown) && home.FuzzyNames.Count > 0)
        {
            var second = SegmentCompactOnce(text, vocabulary, names, today, splitComposites, home.FuzzyNames);
            return second.Cost < first.Cost ? second : first;
        }

        return first;
    }

    private static string? Respaced(string text, Utterance utterance)
    {
        var tokens = utterance.Tokens;
        var breaks = new List<int>();
        for (var i = 1; i < tokens.Length; i++)
        {
            if (tokens[i].IsUnknown && !tokens[i].StartsWord && tokens[i - 1].Lexeme is { IsFunctionWord: false } &&
                KoreanNumeralStart.Contains(tokens[i].Surface[0]))
            {
                breaks.Add(tokens[i].Start);
            }
        }

        if (breaks.Count == 0)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(text.Length + breaks.Count);
        var compact = 0;
        foreach (var c in text)
        {
            if (c != ' ')
            {
                if (breaks.Contains(compact))
                {
                    builder.Append(' ');
                }

                compact++;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static readonly HashSet<char> KoreanNumeralStart = [.. "일이삼사오육칠팔구십백천만영공한두세네다여아열스서마쉰예일"];

    private static Utterance SegmentCompactOnce(string text, CompactPhraseIndex vocabulary, CompactPhraseIndex names, DateOnly today,
        bool splitComposites, IReadOnlyList<FuzzyName>? fuzzy)
    {
        // The compact form drops spaces; original[] maps each compact character back to the text.
        var compactChars = new char[text.Length];
        var original = new int[text.Length + 1];
        var wordStart = new bool[text.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                continue;
            }

            wordStart[n] = n == 0 || text[i - 1] == ' ';
            original[n] = i;
            compactChars[n++] = text[i];
        }

        original[n] = text.Length;
        wordStart[n] = true;
        var compact = new string(compactChars, 0, n);
        var numbers = QuantitySpans.Find(text, "ko", today, QuantitySpans.Compact(text));

        var best = new double[n + 1];
        var back = new Step[n + 1];
        Array.Fill(best, double.PositiveInfinity);
        best[0] = 0;
        var matches = new List<PhraseMatch>();
        for (var i = 0; i < n; i++)
        {
            if (double.IsPositiveInfinity(best[i]))
            {
                continue;
            }

            Relax(best, back, i, i + 1, UnknownCost, default);
            matches.Clear();
            vocabulary.MatchAt(compact, i, matches);
            names.MatchAt(compact, i, matches);
            foreach (var match in Merge(matches, splitComposites))
            {
                var readings = Placed(match.Readings, wordStart[i]);
                if (!readings.IsEmpty)
                {
                    Relax(best, back, i, i + match.Length, readings.Min(r => r.Cost), new Step(i, readings, null));
                }
            }

            foreach (var quantity in numbers)
            {
                if (quantity.Start == i)
                {
                    Relax(best, back, i, quantity.End, quantity.Cost, new Step(i, [QuantityLexemes[quantity.Kind]], quantity));
                }
            }

            if (fuzzy is not null)
            {
                foreach (var (length, readings) in FuzzyMatches(compact, i, fuzzy))
                {
                    Relax(best, back, i, i + length, FuzzyCost, new Step(i, readings, null));
                }
            }
        }

        var tokens = Backtrack(back, n, (start, end) => text[original[start]..(end == n ? text.Length : original[end])].Trim(),
            (start, end) => !wordStart[end] || end == n);
        tokens = [.. tokens.Select(t => t with { StartsWord = wordStart[t.Start] })];
        return new Utterance(text, "ko", GlueLoneSyllables(tokens), n) { Cost = best[n] };
    }

    /// <summary>
    /// A one-syllable word glued to unexplained text is part of an unknown word, not a word of its own:
    /// "비트코인" is not 비 (rain) + 트코인, and "셔틀" not 셔 + 틀 (turn on). So is a one-syllable filler that starts
    /// the word: "제주" and "나주" are places, not 제/나 (my, I) + 주.
    /// </summary>
    private static ImmutableArray<Token> GlueLoneSyllables(ImmutableArray<Token> tokens)
    {
        List<Token>? glued = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var content = token is { Lexeme.IsFunctionWord: false } || token is { StartsWord: true, Kind: LexKind.Filler };
            if (token is { Length: 1, IsUnknown: false } && content && token.Kind is not (LexKind.Number or LexKind.Duration or LexKind.Time or LexKind.Date) &&
                i + 1 < tokens.Length && tokens[i + 1].IsUnknown && !tokens[i + 1].StartsWord)
            {
                glued ??= [.. tokens.Take(i)];
                glued.Add(new Token([], token.Start, tokens[i + 1].End, token.Surface + tokens[i + 1].Surface) { StartsWord = token.StartsWord });
                i++;
                continue;
            }

            if (token is { Length: 1, IsUnknown: false, StartsWord: false, Lexeme.IsFunctionWord: false } && i > 0 &&
                tokens[i - 1] is { IsUnknown: true, Length: 1, StartsWord: true } && token.Kind is not (LexKind.Number or LexKind.Duration or LexKind.Time or LexKind.Date))
            {
                glued ??= [.. tokens.Take(i)];
                var unknown = glued[^1];
                glued[^1] = new Token([], unknown.Start, token.End, unknown.Surface + token.Surface) { StartsWord = true };
                continue;
            }

            glued?.Add(token);
        }

        return glued is null ? tokens : [.. glued];
    }

    // Between an exact name (1.0) and leaving two syllables unexplained (4.0).
    private const double FuzzyCost = 1.5;

    /// <summary>
    /// Names of the home within a jamo edit distance of the text at <paramref name="position"/>: one jamo for
    /// names of two or three syllables, two for longer ones. A slip changes a syllable in place, so a window
    /// must have the name's length and all but one (two) of its syllables first.
    /// </summary>
    private static IEnumerable<(int Length, ImmutableArray<Lexeme> Readings)> FuzzyMatches(string compact, int position, IReadOnlyList<FuzzyName> names)
    {
        foreach (var name in names)
        {
            var length = name.Key.Length;
            var allowed = length >= 4 ? 2 : 1;
            if (position + length > compact.Length)
            {
                continue;
            }

            var window = compact.AsSpan(position, length);
            var differing = 0;
            for (var k = 0; k < length && differing <= allowed; k++)
            {
                differing += window[k] == name.Key[k] ? 0 : 1;
            }

            if (differing > 0 && differing <= allowed && Dure.Language.Hangul.JamoDistance(window.ToString(), name.Key) <= allowed)
            {
                yield return (length, name.Readings);
            }
        }
    }

    private static Utterance SegmentWords(string text, WordPhraseIndex vocabulary, WordPhraseIndex names, DateOnly today, bool splitComposites)
    {
        var (words, extents) = Tokenize(text);
        var n = words.Count;
        var numbers = QuantitySpans.Find(text, "en", today, QuantitySpans.Words(extents));
        var best = new double[n + 1];
        var back = new Step[n + 1];
        Array.Fill(best, double.PositiveInfinity);
        best[0] = 0;
        var matches = new List<PhraseMatch>();
        for (var i = 0; i < n; i++)
        {
            if (double.IsPositiveInfinity(best[i]))
            {
                continue;
            }

            Relax(best, back, i, i + 1, UnknownCost, default);
            matches.Clear();
            vocabulary.MatchAt(words, i, matches);
            names.MatchAt(words, i, matches);
            foreach (var match in Merge(matches, splitComposites))
            {
                Relax(best, back, i, i + match.Length, match.Cost, new Step(i, match.Readings, null));
            }

            foreach (var quantity in numbers)
            {
                if (quantity.Start == i)
                {
                    Relax(best, back, i, quantity.End, quantity.Cost, new Step(i, [QuantityLexemes[quantity.Kind]], quantity));
                }
            }
        }

        var tokens = Backtrack(back, n, (start, end) => string.Join(' ', words.Skip(start).Take(end - start)), (_, _) => false);
        return new Utterance(text, "en", tokens, n);
    }

    /// <summary>
    /// Words of an English utterance with where each sits in the text; a possessive "'s" becomes its own word
    /// ("sensor's" → "sensor", "'s").
    /// </summary>
    private static (List<string> Words, List<(int Start, int End)> Extents) Tokenize(string text)
    {
        var words = new List<string>();
        var extents = new List<(int, int)>();
        var start = 0;
        foreach (var word in text.Split(' '))
        {
            if (word.Length > 2 && word.EndsWith("'s", StringComparison.Ordinal) && !Contractions.Contains(word))
            {
                words.Add(word[..^2]);
                extents.Add((start, start + word.Length - 2));
                words.Add("'s");
                extents.Add((start + word.Length - 2, start + word.Length));
            }
            else if (word.Length > 0)
            {
                words.Add(word);
                extents.Add((start, start + word.Length));
            }

            start += word.Length + 1;
        }

        return (words, extents);
    }

    private static readonly HashSet<string> Contractions =
        new(["what's", "whats", "it's", "that's", "there's", "how's", "where's", "let's", "who's", "here's"], StringComparer.Ordinal);

    /// <summary>
    /// Joins matches of the same length from the vocabulary and the home's names, so a phrase that is both a
    /// device word and a device's name ("ceiling fan", "Light") keeps both readings for the frame to choose.
    /// </summary>
    private static IEnumerable<PhraseMatch> Merge(List<PhraseMatch> matches, bool splitComposites)
    {
        if (splitComposites)
        {
            matches = [.. matches
                .Select(m => m with { Readings = [.. m.Readings.Where(r => r.Name is not { Composite: true })] })
                .Where(m => !m.Readings.IsEmpty)];
        }

        if (matches.Count < 2)
        {
            return matches;
        }

        return matches.GroupBy(m => m.Length).Select(g => g.Count() == 1 ? g.First()
            : new PhraseMatch(g.Key, [.. g.SelectMany(m => m.Readings).Distinct()], g.Min(m => m.Cost)));
    }

    private static readonly Dictionary<LexKind, Lexeme> QuantityLexemes = new[] { LexKind.Number, LexKind.Duration, LexKind.Time, LexKind.Date }
        .ToDictionary(k => k, k => new Lexeme(k));

    private static ImmutableArray<Lexeme> Placed(ImmutableArray<Lexeme> readings, bool atWordStart)
    {
        foreach (var reading in readings)
        {
            if (!Fits(reading, atWordStart))
            {
                return [.. readings.Where(r => Fits(r, atWordStart))];
            }
        }

        return readings;
    }

    private static bool Fits(Lexeme lexeme, bool atWordStart) => lexeme.Placement switch
    {
        Placement.WordStart => atWordStart,
        Placement.WithinWord => !atWordStart,
        _ => true,
    };

    private static void Relax(double[] best, Step[] back, int from, int to, double cost, Step step)
    {
        var total = best[from] + cost;
        if (total < best[to])
        {
            best[to] = total;
            back[to] = step with { From = from };
        }
    }

    /// <summary>
    /// Walks the best path back. Consecutive unexplained characters merge into one unknown token, except
    /// across a word boundary (<paramref name="joinsNext"/> false), so unknown names keep their words.
    /// </summary>
    private static ImmutableArray<Token> Backtrack(Step[] back, int n, Func<int, int, string> surface, Func<int, int, bool> joinsNext)
    {
        var reversed = new List<Token>();
        var end = n;
        var unknownEnd = -1;
        while (end > 0)
        {
            var step = back[end];
            if (step.Readings.IsDefaultOrEmpty)
            {
                if (unknownEnd < 0)
                {
                    unknownEnd = end;
                }

                end = step.From;
                if (end == 0 || !back[end].Readings.IsDefaultOrEmpty || !joinsNext(end - 1, end))
                {
                    reversed.Add(new Token([], end, unknownEnd, surface(end, unknownEnd)));
                    unknownEnd = -1;
                }

                continue;
            }

            reversed.Add(new Token(step.Readings, step.From, end, surface(step.From, end))
            {
                Number = step.Quantity?.Value ?? 0,
                Unit = step.Quantity?.Unit,
                Time = step.Quantity?.Time,
                Date = step.Quantity?.Date,
            });
            end = step.From;
        }

        reversed.Reverse();
        return [.. reversed];
    }

    private readonly record struct Step(int From, ImmutableArray<Lexeme> Readings, QuantitySpan? Quantity);
}

/// <summary>An utterance split into tokens. <see cref="Units"/> counts characters (Korean) or words (English).</summary>
internal sealed record Utterance(string Text, string Language, ImmutableArray<Token> Tokens, int Units)
{
    /// <summary>The segmentation's total cost; lower explains the text better.</summary>
    public double Cost { get; init; }

    /// <summary>The utterance as said, before normalisation: free-text values keep its casing ("The Office").</summary>
    public string Raw { get; init; } = Text;
}
