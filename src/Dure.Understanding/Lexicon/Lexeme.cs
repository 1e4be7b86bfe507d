using System.Collections.Immutable;

namespace Dure.Understanding.Lexicon;

/// <summary>What a recognised word or phrase contributes to the meaning of an utterance.</summary>
internal enum LexKind : byte
{
    /// <summary>A device of the home (by one of its names).</summary>
    Device,
    Area,
    Floor,

    /// <summary>A kind of device: "조명", "lights", "curtain" (see <see cref="Lexeme.Senses"/>).</summary>
    Noun,

    /// <summary>A verb of control: turn on, close, lock, set ... (see <see cref="Lexeme.Action"/>).</summary>
    Action,

    /// <summary>A state being asked about: "켜져", "locked", "detected" (see <see cref="Lexeme.States"/>).</summary>
    State,

    /// <summary>English "on"/"off": an action in a command, a state in a question.</summary>
    OnOff,

    /// <summary>A settable property: brightness, color, temperature, position.</summary>
    Attribute,
    Color,

    /// <summary>The extreme of a scale: "max", "최소로".</summary>
    Extreme,
    Quantifier,

    /// <summary>A word that makes the utterance a question: "what", "몇", "알려줘".</summary>
    Question,

    /// <summary>Words about how hot or cold it is: "더워", "how warm".</summary>
    TemperatureFeel,
    TimeQuestion,
    DateQuestion,

    /// <summary>The speaking device's room: "여기", "in here".</summary>
    Here,

    /// <summary>The whole home: "집 전체", "everywhere".</summary>
    Everywhere,
    Nevermind,
    Negation,

    /// <summary>"있어", "there is": existence, part of state questions.</summary>
    Exist,

    /// <summary>"상태", "status": asks for a device's state.</summary>
    Status,

    /// <summary>English prepositions whose meaning matters (to, in, of, at, on).</summary>
    Preposition,

    /// <summary>Korean case particles (은/는/이/가/을/를/에/로 ...).</summary>
    Particle,

    /// <summary>Korean verb endings and auxiliaries (줘, 주세요, 줄래, 요 ...).</summary>
    Ending,

    /// <summary>Words that carry no meaning for the intent (좀, the, please, could you).</summary>
    Filler,

    /// <summary>A number with its unit, found by the language library.</summary>
    Number,

    /// <summary>A length of time ("한 시간 반", "5 minutes"), in seconds.</summary>
    Duration,

    /// <summary>A time of day ("오후 3시 반", "7 am").</summary>
    Time,

    /// <summary>A calendar date ("내일", "다음 주 월요일", "next friday"), resolved against today.</summary>
    Date,

    /// <summary>What a service request is about: timer, alarm, weather, elevator, towel ... (see <see cref="Lexeme.Value"/>).</summary>
    Topic,

    /// <summary>A verb outside device control: play, add, call, navigate, remind ... (see <see cref="Lexeme.Value"/>).</summary>
    Verb,
}

internal enum ActionKind : byte
{
    None,
    On,
    Off,
    Open,
    Close,
    Lock,
    Unlock,
    Set,
    Raise,
    Lower,
}

/// <summary>Where in a Korean word (a space-separated eojeol) a form may be matched.</summary>
internal enum Placement : byte
{
    Anywhere,

    /// <summary>Only at the start of a word: "다" means "all" in "다 꺼" but is an ending in "켜다".</summary>
    WordStart,

    /// <summary>Only inside a word, after something else.</summary>
    WithinWord,
}

/// <summary>A device kind a noun can mean: a Home Assistant domain and optionally a device class.</summary>
internal readonly record struct Sense(string? Domain, string? DeviceClass = null);

/// <summary>
/// A state a word can mean for some kind of device: "열려" is state "open" for covers and valves but "on"
/// for door and window binary sensors. A null device class matches any class of the domain.
/// </summary>
internal readonly record struct StateSense(string Domain, string? DeviceClass, string Value);

/// <summary>A reference to things of the home by one of their names.</summary>
/// <param name="Ids">The ids of every device (or the area/floor) with this name.</param>
/// <param name="Spoken">The name as the home file spells it.</param>
/// <param name="Partial">True when the user said only part of the name (the name without its room).</param>
/// <param name="Composite">
/// True when the name is also a room and a device word ("거실 조명" = 거실 + 조명), so "모든 거실 조명" can mean
/// every light of the room rather than the one device named so.
/// </param>
internal sealed record NameRef(ImmutableArray<string> Ids, string Spoken, bool Partial = false, bool Composite = false);

/// <summary>An entry of the vocabulary: the meaning of one word or phrase.</summary>
internal sealed record Lexeme(LexKind Kind)
{
    public ActionKind Action { get; init; }
    public ImmutableArray<Sense> Senses { get; init; } = [];
    public ImmutableArray<StateSense> States { get; init; } = [];

    /// <summary>Attribute name, color, quantifier (all/any/which/count), extreme (max/min) or preposition.</summary>
    public string? Value { get; init; }

    public NameRef? Name { get; init; }

    public Placement Placement { get; init; }

    /// <summary>Lower is preferred when two segmentations explain the same text.</summary>
    public double Cost { get; init; } = 1.0;

    /// <summary>True for words that only function (particles, endings, fillers) and say nothing about the intent.</summary>
    public bool IsFunctionWord => Kind is LexKind.Particle or LexKind.Ending or LexKind.Filler;
}
