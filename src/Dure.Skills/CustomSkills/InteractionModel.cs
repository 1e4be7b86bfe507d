using System.Text.RegularExpressions;
using Dure.Understanding.Classification;

namespace Dure.Skills.CustomSkills;

/// <summary>Words per language, as the partner API takes them: <c>{"ko": [...], "en": [...]}</c>.</summary>
public sealed record LocalizedWords(IReadOnlyList<string>? Ko = null, IReadOnlyList<string>? En = null)
{
    public IEnumerable<string> All => (Ko ?? []).Concat(En ?? []);

    /// <summary>The same words trimmed, with empty lists instead of missing ones.</summary>
    public LocalizedWords Canonical() => new([.. (Ko ?? []).Select(w => w.Trim())], [.. (En ?? []).Select(w => w.Trim())]);
}

/// <summary>A slot of a skill's intent; <c>values</c> are examples (and canonical forms) of what fills it.</summary>
public sealed record SkillSlot(string? Name, IReadOnlyList<string>? Values = null);

/// <summary>
/// One intent of a skill: its slots and its sample utterances. Samples mark slots inline as training files do
/// (<c>"[sign : 물병자리] 운세 알려줘"</c>, docs/custom-intents.md) or name a slot with values as a placeholder
/// (<c>"{sign} 운세 알려줘"</c>), which is filled with the slot's values.
/// </summary>
public sealed record SkillIntent(string? Name, IReadOnlyList<SkillSlot>? Slots = null, LocalizedWords? Samples = null);

/// <summary>
/// What a partner's skill understands: its intents, slots and sample utterances (docs/custom-skills.md). Dure trains
/// an intent model from it with the understanding engine's classifier and slot tagger.
/// </summary>
public sealed partial record InteractionModel(IReadOnlyList<SkillIntent>? Intents)
{
    public const int MaxIntents = 100;
    public const int MaxSlots = 20;
    public const int MaxValues = 500;
    public const int MaxSamples = 3000;
    public const int MaxSampleLength = 200;

    // A placeholder sample yields this many variants, each with other values of its slots.
    private const int VariantsPerPlaceholderSample = 8;

    /// <summary>What is wrong with the model, as a sentence for the partner; null when it can be trained.</summary>
    public string? Problem()
    {
        if (Intents is not { Count: > 0 and <= MaxIntents } intents)
        {
            return $"interactionModel.intents must list 1 to {MaxIntents} intents";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var samples = 0;
        foreach (var intent in intents)
        {
            if (intent?.Name is not { } name || !IntentName().IsMatch(name) || IntentModel.IsOutOfScope(name))
            {
                return $"intent name '{intent?.Name}' is not valid: 1-64 letters, digits, '.', '_' or '-', starting with a letter, and not none/oos/out_of_scope";
            }

            if (!names.Add(name))
            {
                return $"intent '{name}' is listed twice";
            }

            var slots = intent.Slots ?? [];
            if (slots.Count > MaxSlots)
            {
                return $"intent '{name}' has more than {MaxSlots} slots";
            }

            var slotNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var slot in slots)
            {
                if (slot?.Name is not { } slotName || !SlotName().IsMatch(slotName) || !slotNames.Add(slotName))
                {
                    return $"intent '{name}': slot name '{slot?.Name}' is not valid or is listed twice (1-32 letters, digits or '_', starting with a letter)";
                }

                if (slot.Values is { } values && (values.Count > MaxValues || values.Any(v => v is not { Length: > 0 and <= 100 } || v.IndexOfAny(['[', ']', '{', '}']) >= 0)))
                {
                    return $"intent '{name}': slot '{slotName}' may have up to {MaxValues} values of 1-100 characters without brackets or braces";
                }
            }

            var said = intent.Samples?.All.ToList() ?? [];
            if (said.Count == 0)
            {
                return $"intent '{name}' has no samples (samples: {{ko: [...], en: [...]}})";
            }

            foreach (var sample in said)
            {
                if (sample is not { Length: > 0 and <= MaxSampleLength } || string.IsNullOrWhiteSpace(sample))
                {
                    return $"intent '{name}': samples must be 1-{MaxSampleLength} characters";
                }

                if (SampleProblem(sample, intent) is { } problem)
                {
                    return $"intent '{name}': {problem}: \"{sample}\"";
                }
            }

            samples += said.Count;
        }

        return samples > MaxSamples ? $"an interaction model may have at most {MaxSamples} samples" : null;
    }

    /// <summary>The same model trimmed, with empty lists instead of missing ones; call after <see cref="Problem"/> found nothing.</summary>
    public InteractionModel Canonical() => new([.. Intents!.Select(i => new SkillIntent(i.Name,
        [.. (i.Slots ?? []).Select(s => new SkillSlot(s.Name, [.. (s.Values ?? []).Select(v => v.Trim())]))],
        (i.Samples ?? new LocalizedWords()).Canonical()))]);

    /// <summary>
    /// The labelled utterances to train on: every sample, placeholders filled with slot values, and Dure's own
    /// out-of-scope samples, which teach the model to leave alone what is not the skill's.
    /// </summary>
    public IReadOnlyList<LabelledUtterance> TrainingExamples()
    {
        var examples = new List<LabelledUtterance>();
        foreach (var intent in Intents ?? [])
        {
            foreach (var sample in intent.Samples?.All ?? [])
            {
                examples.AddRange(Expand(sample, intent).Select(annotated => LabelledUtterance.FromAnnotated(annotated, intent.Name!)));
            }
        }

        examples.AddRange(OutOfScopeSamples.All.Select(text => new LabelledUtterance(text, IntentModel.OutOfScope, [])));
        return examples;
    }

    /// <summary>The declared value a tagged slot stands for ("물병 자리" → "물병자리"), else the words said.</summary>
    public string SlotValue(string intent, string slot, string said)
    {
        var key = Compact(said);
        var values = Intents?.FirstOrDefault(i => i.Name == intent)?.Slots?.FirstOrDefault(s => s.Name == slot)?.Values ?? [];
        return values.FirstOrDefault(v => Compact(v) == key) ?? said;
    }

    /// <summary>
    /// The declared values said in <paramref name="text"/>, per slot of the intent: "물병 자리 운세" holds the 물병자리 of
    /// slot sign. Korean values match without regard to spacing or a particle after them, others as whole words.
    /// </summary>
    public IReadOnlyDictionary<string, string> ValuesSaid(string intent, string text)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var normalized = Dure.Language.TextNormalizer.Normalize(text);
        var compact = Compact(normalized);
        var spaced = " " + normalized + " ";
        foreach (var slot in Intents?.FirstOrDefault(i => i.Name == intent)?.Slots ?? [])
        {
            var said = (slot.Values ?? [])
                .Select(v => (Value: v, Form: Dure.Language.TextNormalizer.Normalize(v)))
                .Where(v => v.Form.Length > 0)
                .OrderByDescending(v => v.Form.Length)
                .FirstOrDefault(v => v.Form.Any(Dure.Language.Hangul.IsSyllable)
                    ? compact.Contains(Compact(v.Form), StringComparison.Ordinal)
                    : spaced.Contains(" " + v.Form + " ", StringComparison.Ordinal));
            if (said.Value is not null)
            {
                found[slot.Name!] = said.Value;
            }
        }

        return found;
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    private static string? SampleProblem(string sample, SkillIntent intent)
    {
        var declared = (intent.Slots ?? []).ToDictionary(s => s.Name!, StringComparer.Ordinal);
        foreach (Match placeholder in Placeholder().Matches(sample))
        {
            var slot = placeholder.Groups[1].Value;
            if (!declared.TryGetValue(slot, out var definition) || definition.Values is not { Count: > 0 })
            {
                return $"the placeholder {{{slot}}} needs a slot '{slot}' with values";
            }
        }

        try
        {
            var (_, slots) = SlotAnnotation.Parse(Placeholder().Replace(sample, "x"));
            return slots.FirstOrDefault(s => !declared.ContainsKey(s.Name)) is { } unknown ? $"slot '{unknown.Name}' is not among the intent's slots" : null;
        }
        catch (FormatException)
        {
            return "a slot is marked badly (write [slot : words])";
        }
    }

    // "{sign} 운세" → "[sign : 물병자리] 운세", "[sign : 사자자리] 운세" ...: each variant takes the next values.
    private static IEnumerable<string> Expand(string sample, SkillIntent intent)
    {
        var placeholders = Placeholder().Matches(sample);
        if (placeholders.Count == 0)
        {
            yield return sample;
            yield break;
        }

        var values = (intent.Slots ?? []).Where(s => s.Values is { Count: > 0 }).ToDictionary(s => s.Name!, s => s.Values!, StringComparer.Ordinal);
        var variants = Math.Min(VariantsPerPlaceholderSample, placeholders.Max(p => values[p.Groups[1].Value].Count));
        for (var v = 0; v < variants; v++)
        {
            var n = 0;
            yield return Placeholder().Replace(sample, m =>
            {
                var choices = values[m.Groups[1].Value];
                return $"[{m.Groups[1].Value} : {choices[(v + n++) % choices.Count]}]";
            });
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IntentName();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlotName();

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]{0,31})\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
