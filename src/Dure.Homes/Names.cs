using System.Collections.Immutable;

namespace Dure.Homes;

/// <summary>One name of a thing, in one language ("ko", "en").</summary>
public readonly record struct Name(string Text, string Language);

/// <summary>
/// The names of an area, floor or device. The first name in a language is the one answers use;
/// the others are aliases the user may say.
/// </summary>
public sealed class Names : IEquatable<Names>
{
    public static readonly Names None = new([]);

    public Names(IEnumerable<Name> all) => All = [.. all.Where(n => !string.IsNullOrWhiteSpace(n.Text)).Distinct()];

    public ImmutableArray<Name> All { get; }

    public static Names Of(string language, params string[] texts) => new(texts.Select(t => new Name(t, language)));

    /// <summary>The display name in a language, else in any language, else the fallback.</summary>
    public string Display(string language, string fallback)
    {
        foreach (var name in All)
        {
            if (name.Language == language)
            {
                return name.Text;
            }
        }

        return All.IsEmpty ? fallback : All[0].Text;
    }

    public IEnumerable<string> In(string language) => All.Where(n => n.Language == language).Select(n => n.Text);

    public Names Concat(Names other) => new(All.Concat(other.All));

    public bool Equals(Names? other) => other is not null && All.SequenceEqual(other.All);

    public override bool Equals(object? obj) => Equals(obj as Names);

    public override int GetHashCode() => All.Aggregate(0, (hash, name) => HashCode.Combine(hash, name));

    public override string ToString() => string.Join(", ", All.Select(n => $"{n.Text} ({n.Language})"));
}
