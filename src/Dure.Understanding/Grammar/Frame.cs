using System.Collections.Immutable;
using Dure.Understanding.Analysis;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar;

/// <summary>A device name said in the utterance, with the token it came from.</summary>
internal sealed record DeviceMention(NameRef Name, int TokenIndex);

/// <summary>
/// What an utterance is about, independent of word order: the action or the question, the things named,
/// the numbers and settings. Built from the segmented tokens after choosing each token's reading.
/// </summary>
internal sealed class Frame
{
    public required Utterance Utterance { get; init; }
    public bool IsQuestion { get; set; }
    public ActionKind Action { get; set; }
    public List<DeviceMention> Devices { get; } = [];
    public List<NameRef> Areas { get; } = [];
    public List<NameRef> Floors { get; } = [];
    public List<ImmutableArray<Sense>> Nouns { get; } = [];
    public List<StateSense> States { get; } = [];
    public List<Token> Numbers { get; } = [];
    public List<Token> Durations { get; } = [];
    public List<Token> Times { get; } = [];
    public List<Token> Dates { get; } = [];

    /// <summary>Service topics said (timer, weather, towel ...), in order.</summary>
    public List<string> Topics { get; } = [];

    /// <summary>Service verbs said (play, add, call ...), in order.</summary>
    public List<string> Verbs { get; } = [];
    public List<Token> Unknowns { get; } = [];
    public HashSet<string> Attributes { get; } = new(StringComparer.Ordinal);
    public string? Color { get; set; }
    public string? Extreme { get; set; }
    public HashSet<string> Quantifiers { get; } = new(StringComparer.Ordinal);
    public bool Here { get; set; }
    public bool Everywhere { get; set; }
    public bool TemperatureFeel { get; set; }
    public bool TimeQuestion { get; set; }
    public bool DateQuestion { get; set; }
    public bool Status { get; set; }
    public bool Nevermind { get; set; }
    public bool Negation { get; set; }

    /// <summary>"있어?", "is there": the question is whether something is so (a detector that detects).</summary>
    public bool Exist { get; set; }

    /// <summary>Characters (Korean) or words (English) covered by recognised tokens.</summary>
    public int Explained { get; set; }

    public string Language => Utterance.Language;

    public bool Has(string topic) => Topics.Contains(topic);

    public bool Does(string verb) => Verbs.Contains(verb);

    public bool HasTarget => Devices.Count > 0 || Areas.Count > 0 || Floors.Count > 0 || Nouns.Count > 0 || Here || Everywhere;

    public bool All => Quantifiers.Contains("all");

    public double Coverage => Utterance.Units == 0 ? 0 : (double)Explained / Utterance.Units;
}
