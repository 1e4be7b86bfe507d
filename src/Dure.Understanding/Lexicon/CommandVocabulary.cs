using Dure.Language;

namespace Dure.Understanding.Lexicon;

/// <summary>What a control verb does: the actions of the English vocabulary.</summary>
public enum CommandAction
{
    TurnOn,
    TurnOff,
    Open,
    Close,
    Lock,
    Unlock,
    Set,
    Raise,
    Lower,
}

/// <summary>
/// The words the parser understands in English commands, by the part they play: for a speech recognizer that decodes
/// against a grammar (Dure.Speech builds its JSGF grammar from these), so that what it can hear is exactly what the
/// parser can read. Every list is lower case, longest-first free; phrases keep their spaces.
/// </summary>
public sealed class CommandVocabulary
{
    private readonly IReadOnlyList<(string Surface, Lexeme Lexeme)> _entries;

    private CommandVocabulary(IReadOnlyList<(string, Lexeme)> entries) => _entries = entries;

    public static CommandVocabulary English { get; } = new(EnglishVocabulary.Build().Entries);

    /// <summary>Verbs of one action: "switch off", "shut off", "deactivate" ...</summary>
    public IReadOnlyList<string> Actions(CommandAction action) => Where(l => l.Kind == LexKind.Action && l.Action == Map(action));

    /// <summary>Verbs that take their meaning from "on"/"off": "turn", "switch".</summary>
    public IReadOnlyList<string> LightVerbs { get; } = Split(EnglishVocabulary.LightVerbs);

    public IReadOnlyList<string> Politeness { get; } = Split(EnglishVocabulary.Politeness);

    public IReadOnlyList<string> Determiners { get; } = Split(EnglishVocabulary.Determiners);

    /// <summary>The particles "on" (<paramref name="on"/> true) or "off".</summary>
    public IReadOnlyList<string> Particles(bool on) => Where(l => l.Kind == LexKind.OnOff && l.Value == (on ? "on" : "off"));

    /// <summary>Words for a kind of device of a Home Assistant domain: "light", "lamps", "ceiling fan" ...</summary>
    public IReadOnlyList<string> Nouns(string domain) => Where(l => l.Kind == LexKind.Noun && l.Senses.Any(s => s.Domain == domain));

    /// <summary>Color words with the canonical color each means.</summary>
    public IReadOnlyList<(string Word, string Color)> Colors =>
        [.. _entries.Where(e => e.Lexeme.Kind == LexKind.Color).Select(e => (e.Surface, e.Lexeme.Value!))];

    /// <summary>Words naming a settable attribute: brightness, temperature, position, volume, color.</summary>
    public IReadOnlyList<string> Attribute(string attribute) => Where(l => l.Kind == LexKind.Attribute && l.Value == attribute);

    /// <summary>Quantifiers: "all", "every" (<c>all</c>), "any" ...</summary>
    public IReadOnlyList<string> Quantifier(string quantifier) => Where(l => l.Kind == LexKind.Quantifier && l.Value == quantifier);

    /// <summary>Words for a state a device of <paramref name="domain"/> can be in: "locked", "open", "turned on" ...</summary>
    public IReadOnlyList<string> States(string domain, string state) =>
        Where(l => l.Kind == LexKind.State && l.States.Any(s => s.Domain == domain && s.DeviceClass is null && s.Value == state));

    /// <summary>Words that make a question: "is", "what's" ...</summary>
    public IReadOnlyList<string> QuestionWords => Where(l => l.Kind == LexKind.Question && l.Value is null);

    public IReadOnlyList<string> TimeQuestions => Where(l => l.Kind == LexKind.TimeQuestion);

    public IReadOnlyList<string> DateQuestions => Where(l => l.Kind == LexKind.DateQuestion);

    /// <summary>"never mind", "forget it" ...</summary>
    public IReadOnlyList<string> Nevermind => Where(l => l.Kind == LexKind.Nevermind);

    /// <summary>The speaking device's room: "in here", "this room" ...</summary>
    public IReadOnlyList<string> Here => Where(l => l.Kind == LexKind.Here);

    /// <summary>What a service request is about: <c>timer</c>, <c>weather</c>, <c>alarm</c> ...</summary>
    public IReadOnlyList<string> Topic(string topic) => Where(l => l.Kind == LexKind.Topic && l.Value == topic);

    /// <summary>A service verb: <c>cancel</c>, <c>yes</c>, <c>no</c>, <c>pause</c> ...</summary>
    public IReadOnlyList<string> Verb(string verb) => Where(l => l.Kind == LexKind.Verb && l.Value == verb);

    /// <summary>Prepositions with a meaning: <c>to</c>, <c>in</c>, <c>of</c>.</summary>
    public IReadOnlyList<string> Preposition(string meaning) => Where(l => l.Kind == LexKind.Preposition && l.Value == meaning);

    /// <summary>How a unit is said: "percent", "degrees", "minutes" (<see cref="Units"/> names).</summary>
    public static IReadOnlyList<string> UnitWords(string unit) => [.. Units.EnglishPhrases(unit)];

    private List<string> Where(Func<Lexeme, bool> match) =>
        [.. _entries.Where(e => match(e.Lexeme)).Select(e => e.Surface).Distinct(StringComparer.Ordinal)];

    private static string[] Split(string words) => words.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static ActionKind Map(CommandAction action) => action switch
    {
        CommandAction.TurnOn => ActionKind.On,
        CommandAction.TurnOff => ActionKind.Off,
        CommandAction.Open => ActionKind.Open,
        CommandAction.Close => ActionKind.Close,
        CommandAction.Lock => ActionKind.Lock,
        CommandAction.Unlock => ActionKind.Unlock,
        CommandAction.Set => ActionKind.Set,
        CommandAction.Raise => ActionKind.Raise,
        _ => ActionKind.Lower,
    };
}
