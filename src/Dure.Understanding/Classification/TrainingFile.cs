using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dure.Understanding.Classification;

/// <summary>One intent of a training file: its name, its declared slots, and its samples.</summary>
public sealed record TrainingIntent(string Name, IReadOnlyList<string> Slots, IReadOnlyList<LabelledUtterance> Samples);

/// <summary>
/// A partner's custom intents (docs/custom-intents.md): YAML or JSON with intents, their slots and sample
/// utterances in Korean and English, annotated like MASSIVE ("[item : 수건] 두 장 가져다 주세요"), plus optional
/// out-of-scope samples that teach the model what to reject.
/// </summary>
public sealed record TrainingFile(IReadOnlyList<TrainingIntent> Intents, IReadOnlyList<string> OutOfScope)
{
    /// <summary>Every sample as a training example; out-of-scope samples get the intent <see cref="IntentModel.OutOfScope"/>.</summary>
    public IEnumerable<LabelledUtterance> Examples =>
        Intents.SelectMany(i => i.Samples).Concat(OutOfScope.Select(text => new LabelledUtterance(text, IntentModel.OutOfScope, [])));

    public static async Task<TrainingFile> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken), Path.GetFileName(path));

    /// <summary>Reads a training file's text; <see cref="FormatException"/> says what is wrong and where.</summary>
    public static TrainingFile Parse(string yaml, string source = "training file")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}: not valid YAML or JSON at line {e.Start.Line}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "intents") is not YamlMappingNode intentNodes)
        {
            throw new FormatException($"{source}: expected a mapping with \"intents\" (see docs/custom-intents.md)");
        }

        var intents = new List<TrainingIntent>();
        foreach (var (key, value) in intentNodes.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (name.Length == 0 || IntentModel.IsOutOfScope(name))
            {
                throw new FormatException($"{source}: line {key.Start.Line}: \"{name}\" cannot name an intent");
            }

            intents.Add(ReadIntent(name, value as YamlMappingNode ?? throw new FormatException($"{source}: intent {name}: expected slots and samples"), source));
        }

        var outOfScope = Child(root, "out_of_scope") is { } oos ? Strings(oos, source, "out_of_scope") : [];
        return new TrainingFile(intents, outOfScope);
    }

    private static TrainingIntent ReadIntent(string name, YamlMappingNode node, string source)
    {
        var declared = Child(node, "slots") is { } slotNode ? Strings(slotNode, source, $"{name}.slots") : null;
        var samples = new List<LabelledUtterance>();
        var texts = Child(node, "samples") ?? throw new FormatException($"{source}: intent {name} has no samples");
        foreach (var text in Strings(texts, source, $"{name}.samples"))
        {
            LabelledUtterance sample;
            try
            {
                sample = LabelledUtterance.FromAnnotated(text, name);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{source}: intent {name}: {e.Message}", e);
            }

            if (declared is not null && sample.Slots.FirstOrDefault(s => !declared.Contains(s.Name)) is { } unknown)
            {
                throw new FormatException($"{source}: intent {name}: slot \"{unknown.Name}\" is not among its slots ({string.Join(", ", declared)}): \"{text}\"");
            }

            samples.Add(sample);
        }

        if (samples.Count == 0)
        {
            throw new FormatException($"{source}: intent {name} has no samples");
        }

        return new TrainingIntent(name, declared ?? [.. samples.SelectMany(s => s.Slots).Select(s => s.Name).Distinct()], samples);
    }

    // A list of strings, or a mapping of language to lists ({ko: [...], en: [...]}), flattened.
    private static List<string> Strings(YamlNode node, string source, string where) => node switch
    {
        YamlSequenceNode list => [.. list.Children.Select(c => c is YamlScalarNode { Value: { } v } ? v : throw new FormatException($"{source}: {where}: line {c.Start.Line}: expected a string"))],
        YamlMappingNode byLanguage => [.. byLanguage.Children.SelectMany(kv => Strings(kv.Value, source, where))],
        YamlScalarNode { Value: { Length: > 0 } single } => [single],
        _ => throw new FormatException($"{source}: {where}: line {node.Start.Line}: expected a list of strings"),
    };

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
}
