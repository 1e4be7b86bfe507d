using System.Collections.Immutable;

namespace Dure.Understanding.Lexicon;

/// <summary>
/// A recognised piece of an utterance. <see cref="Start"/> and <see cref="End"/> index the analysed form
/// (characters without spaces for Korean, words for English).
/// </summary>
internal sealed record Token(ImmutableArray<Lexeme> Readings, int Start, int End, string Surface)
{
    /// <summary>The reading chosen for this utterance (see the frame builder); the first reading until then.</summary>
    public Lexeme? Lexeme { get; set; } = Readings.IsDefaultOrEmpty ? null : Readings[0];

    /// <summary>For number tokens: the value and its canonical unit (percent, degree, ...).</summary>
    public double Number { get; init; }

    public string? Unit { get; init; }

    /// <summary>For time tokens: the time of day; <c>Meridiem</c> false when am/pm was not said (hour 1-12).</summary>
    public (int Hour, int Minute, bool Meridiem)? Time { get; init; }

    /// <summary>For date tokens: the date said, resolved against today.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>True when the token begins a word (always in English; after a space in Korean).</summary>
    public bool StartsWord { get; init; } = true;

    public LexKind? Kind => Lexeme?.Kind;

    public bool IsUnknown => Lexeme is null;

    public int Length => End - Start;
}
