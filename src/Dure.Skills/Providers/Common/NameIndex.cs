namespace Dure.Skills.Providers;

/// <summary>How a name matched: its own name, one of its aliases, or a typo of either (with the edit distance).</summary>
internal enum NameMatchKind
{
    Name = 0,
    Alias = 1,
    Typo = 2,
}

internal readonly record struct NameMatch<T>(T Item, NameMatchKind Kind, int Distance);

/// <summary>
/// Finds items by name in the order the providers promise: an exact name first, then an alias, then the nearest
/// typo (<see cref="NameKey"/>). Every item tied at the best level is returned, so the caller can break the tie
/// (the nearest place, the first in the catalog).
/// </summary>
internal sealed class NameIndex<T>
{
    private readonly Dictionary<string, List<(T Item, NameMatchKind Kind)>> exact = new(StringComparer.Ordinal);

    public void Add(T item, string? name, NameMatchKind kind)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var key = NameKey.Normalize(name);
        if (key.Length == 0)
        {
            return;
        }

        if (!exact.TryGetValue(key, out var items))
        {
            exact[key] = items = [];
        }

        if (!items.Any(entry => EqualityComparer<T>.Default.Equals(entry.Item, item) && entry.Kind <= kind))
        {
            items.Add((item, kind));
        }
    }

    /// <summary>The best matches, all at one level; empty when nothing is close enough.</summary>
    public IReadOnlyList<NameMatch<T>> Find(string query)
    {
        var key = NameKey.Normalize(query);
        if (key.Length == 0)
        {
            return [];
        }

        if (exact.TryGetValue(key, out var hits))
        {
            var best = hits.Min(hit => hit.Kind);
            return hits.Where(hit => hit.Kind == best).Select(hit => new NameMatch<T>(hit.Item, hit.Kind, 0)).Distinct().ToList();
        }

        var typos = new List<NameMatch<T>>();
        var bestDistance = int.MaxValue;
        foreach (var (name, items) in exact)
        {
            if (NameKey.TypoDistance(key, name) is not { } distance || distance > bestDistance)
            {
                continue;
            }

            if (distance < bestDistance)
            {
                typos.Clear();
                bestDistance = distance;
            }

            foreach (var (item, _) in items)
            {
                var match = new NameMatch<T>(item, NameMatchKind.Typo, distance);
                if (!typos.Contains(match))
                {
                    typos.Add(match);
                }
            }
        }

        return typos;
    }
}
