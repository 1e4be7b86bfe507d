using System.Collections.Immutable;
using Dure.Homes;

namespace Dure.Understanding.Lexicon;

/// <summary>Collects surface forms and their meanings; the shared helpers keep the vocabularies short.</summary>
internal sealed class VocabularyBuilder
{
    private readonly List<(string Surface, Lexeme Lexeme)> _entries = [];

    public IReadOnlyList<(string Surface, Lexeme Lexeme)> Entries => _entries;

    /// <summary>Adds every comma-separated surface form with the same meaning.</summary>
    public VocabularyBuilder Add(Lexeme lexeme, string surfaces)
    {
        foreach (var surface in surfaces.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            _entries.Add((surface, lexeme));
        }

        return this;
    }

    public static Lexeme Noun(params Sense[] senses) => new(LexKind.Noun) { Senses = [.. senses] };

    public static Lexeme Act(ActionKind action) => new(LexKind.Action) { Action = action };

    public static Lexeme State(params StateSense[] senses) => new(LexKind.State) { States = [.. senses] };

    public static Lexeme Of(LexKind kind, string? value = null, double cost = 1.0) => new(kind) { Value = value, Cost = cost };

    public static Lexeme Topic(string value) => new(LexKind.Topic) { Value = value };

    public static Lexeme Verb(string value) => new(LexKind.Verb) { Value = value };

    public static Lexeme Function(LexKind kind) => new(kind) { Cost = 0.6 };

    // Domains whose state is plain on/off.
    private static readonly string[] Switchable =
        [DeviceDomains.Light, DeviceDomains.Switch, DeviceDomains.Fan, DeviceDomains.MediaPlayer, DeviceDomains.Climate];

    // Binary sensor classes whose "on" means something was detected.
    public static readonly string[] Detectors =
        ["gas", "smoke", "carbon_monoxide", "motion", "occupancy", "sound", "vibration", "moisture", "tamper", "light", "problem"];

    private static readonly string[] Openings = ["door", "window", "opening", "garage_door"];

    // "On" for a binary sensor of any class ("are the smoke sensors on?"), most typically power or light sensors.
    public static StateSense[] SwitchedOn =>
    [
        .. Switchable.Select(d => new StateSense(d, null, "on")), new(DeviceDomains.BinarySensor, "power", "on"),
        new(DeviceDomains.BinarySensor, "light", "on"), new(DeviceDomains.BinarySensor, null, "on"),
    ];

    public static StateSense[] SwitchedOff =>
    [
        .. Switchable.Select(d => new StateSense(d, null, "off")), new(DeviceDomains.BinarySensor, "power", "off"),
        new(DeviceDomains.BinarySensor, "light", "off"), new(DeviceDomains.BinarySensor, null, "off"),
    ];

    public static StateSense[] Opened =>
    [
        new(DeviceDomains.Cover, null, "open"), new(DeviceDomains.Valve, null, "open"),
        .. Openings.Select(c => new StateSense(DeviceDomains.BinarySensor, c, "on")),
        new(DeviceDomains.Lock, null, "unlocked"),
    ];

    public static StateSense[] Closed =>
    [
        new(DeviceDomains.Cover, null, "closed"), new(DeviceDomains.Valve, null, "closed"),
        .. Openings.Select(c => new StateSense(DeviceDomains.BinarySensor, c, "off")),
    ];

    // A locked (잠긴) valve is a closed one: "가스 잠겨 있어?".
    public static StateSense[] Locked =>
        [new(DeviceDomains.Lock, null, "locked"), new(DeviceDomains.BinarySensor, "lock", "off"), new(DeviceDomains.Valve, null, "closed")];

    public static StateSense[] Unlocked => [new(DeviceDomains.Lock, null, "unlocked"), new(DeviceDomains.BinarySensor, "lock", "on")];

    public static StateSense[] Detected(string value = "on") =>
        [.. Detectors.Select(c => new StateSense(DeviceDomains.BinarySensor, c, value))];

    public static StateSense[] BinaryClass(string deviceClass, string value) => [new(DeviceDomains.BinarySensor, deviceClass, value)];

    public static Sense Binary(string deviceClass) => new(DeviceDomains.BinarySensor, deviceClass);

    public static Sense Cover(string deviceClass) => new(DeviceDomains.Cover, deviceClass);

    public static ImmutableArray<Sense> SensesOf(string domain) => [new Sense(domain)];
}
