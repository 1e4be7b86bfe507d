using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Dure.Homes;

namespace Dure.Understanding.Lexicon;

/// <summary>A name of the home in jamo, for edit-distance matching.</summary>
internal sealed record FuzzyName(string Key, string Jamo, ImmutableArray<Lexeme> Readings);

/// <summary>
/// The names of one home's devices, areas and floors, indexed for one language. Built on first use and
/// cached for as long as the <see cref="Home"/> instance lives.
/// </summary>
internal sealed class HomeLexicon
{
    private static readonly ConditionalWeakTable<Home, HomeLexicon[]> Cache = new();

    // Names in another language than the utterance's are understood too ("TV", "에어컨"), at a small cost.
    private const double ForeignNameCost = 1.2;
    private const double PartialNameCost = 1.1;

    private HomeLexicon(Home home, string language)
    {
        var vocabulary = Vocabulary.For(language);
        var entries = Entries(home, language, vocabulary).ToList();
        if (language == "en")
        {
            Words = new WordPhraseIndex(entries);
        }
        else
        {
            Compact = new CompactPhraseIndex(entries);
        }
    }

    public CompactPhraseIndex? Compact { get; }

    public WordPhraseIndex? Words { get; }

    /// <summary>
    /// Korean names of rooms and devices with their jamo, for matching names that speech recognition got slightly
    /// wrong ("거싷" for 거실).
    /// </summary>
    public IReadOnlyList<FuzzyName> FuzzyNames => _fuzzy ??= Compact is null ? [] :
        [.. Compact.Phrases.Where(p => p.Key.Length >= 2 && p.Key.All(Dure.Language.Hangul.IsSyllable))
            .Select(p => new FuzzyName(p.Key, Dure.Language.Hangul.ToJamo(p.Key), p.Readings))];

    private FuzzyName[]? _fuzzy;

    public static HomeLexicon For(Home home, string language)
    {
        var both = Cache.GetValue(home, _ => new HomeLexicon[2]);
        var slot = language == "en" ? 1 : 0;
        return Volatile.Read(ref both[slot]) ?? Interlocked.CompareExchange(ref both[slot], new HomeLexicon(home, language), null) ?? both[slot];
    }

    private static IEnumerable<(string Surface, Lexeme Lexeme)> Entries(Home home, string language, LanguageVocabulary vocabulary)
    {
        foreach (var floor in home.Floors)
        {
            foreach (var entry in NameEntries(LexKind.Floor, [floor.Id], floor.Names, language))
            {
                yield return entry;
            }
        }

        foreach (var area in home.Areas)
        {
            foreach (var entry in NameEntries(LexKind.Area, [area.Id], area.Names, language))
            {
                yield return entry;
            }
        }

        var allAreaNames = home.Areas.SelectMany(a => a.Names.In(language)).ToList();

        // Devices sharing a name ("Phone" for several sensors) become one entry listing every id.
        var devices = home.Devices.Where(d => d.Exposed && d.Domain != DeviceDomains.AssistSatellite).ToList();
        var byName = new Dictionary<string, (string Spoken, List<string> Ids, double Cost, bool Partial)>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            var areaNames = home.FindArea(device.AreaId)?.Names.In(language).ToList() ?? [];
            foreach (var name in device.Names.All)
            {
                var cost = name.Language == language ? 1.0 : ForeignNameCost;
                AddName(byName, name.Text, device.Id, cost, partial: false);
                if (name.Language != language)
                {
                    continue;
                }

                foreach (var partial in PartialNames(name.Text, areaNames, vocabulary))
                {
                    AddName(byName, partial, device.Id, PartialNameCost, partial: true);
                }
            }
        }

        foreach (var (spoken, ids, cost, partial) in byName.Values)
        {
            var composite = IsComposite(spoken, allAreaNames, vocabulary);
            yield return (spoken, new Lexeme(LexKind.Device) { Name = new NameRef([.. ids.Distinct()], spoken, partial, composite), Cost = cost });
        }
    }

    private static void AddName(Dictionary<string, (string Spoken, List<string> Ids, double Cost, bool Partial)> byName, string text, string id, double cost, bool partial)
    {
        var key = CompactPhraseIndex.Compact(text);
        if (byName.TryGetValue(key, out var existing))
        {
            // A full name beats a partial one: "조리대" as someone's whole name wins over a shortened "주방 조리대".
            if (existing.Partial && !partial)
            {
                byName[key] = (text, [id], cost, false);
            }
            else if (existing.Partial == partial)
            {
                existing.Ids.Add(id);
                byName[key] = existing with { Cost = Math.Min(existing.Cost, cost) };
            }

            return;
        }

        byName[key] = (text, [id], cost, partial);
    }

    private static bool IsComposite(string name, List<string> areaNames, LanguageVocabulary vocabulary)
    {
        var compact = CompactPhraseIndex.Compact(name);
        return areaNames.Select(CompactPhraseIndex.Compact).Any(area =>
            compact.Length > area.Length && compact.StartsWith(area, StringComparison.Ordinal) &&
            vocabulary.IsDeviceKind(vocabulary.Language == "en" ? name[(name.IndexOf(' ', StringComparison.Ordinal) + 1)..] : compact[area.Length..]));
    }

    /// <summary>
    /// Shorter names people use for a device: without its room ("주방 조리대 조명" → "조리대 조명") and without a
    /// trailing device word ("조리대"). Never a bare device word ("조명"), which means "the lights here" instead.
    /// </summary>
    private static IEnumerable<string> PartialNames(string name, List<string> areaNames, LanguageVocabulary vocabulary)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var area in areaNames)
        {
            var areaWords = area.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length <= areaWords.Length || !words.Take(areaWords.Length).SequenceEqual(areaWords, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = words[areaWords.Length..];
            var restText = string.Join(' ', rest);
            if (!vocabulary.IsDeviceKind(restText))
            {
                yield return restText;
            }

            if (rest.Length >= 2 && vocabulary.IsDeviceKind(rest[^1]))
            {
                var core = string.Join(' ', rest[..^1]);
                if (!vocabulary.IsDeviceKind(core))
                {
                    yield return core;
                }
            }
        }
    }

    private static IEnumerable<(string Surface, Lexeme Lexeme)> NameEntries(LexKind kind, ImmutableArray<string> ids, Names names, string language)
    {
        foreach (var name in names.All)
        {
            var cost = name.Language == language ? 1.0 : ForeignNameCost;
            yield return (name.Text, new Lexeme(kind) { Name = new NameRef(ids, name.Text), Cost = cost });
        }
    }
}
