using System.Collections.Frozen;

namespace Dure.Speech.Recognition;

/// <summary>The words of a CMU-format pronouncing dictionary (<c>word PH ON ES</c>, alternates as <c>word(2)</c>).</summary>
public sealed class PronouncingDictionary
{
    private readonly FrozenSet<string> _words;

    private PronouncingDictionary(FrozenSet<string> words) => _words = words;

    public int Count => _words.Count;

    public bool Contains(string word) => _words.Contains(word);

    public static PronouncingDictionary Load(string path)
    {
        HashSet<string> words = new(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var end = line.IndexOfAny([' ', '\t']);
            if (end <= 0)
            {
                continue;
            }

            var word = line.AsSpan(0, end);
            var alternate = word.IndexOf('(');
            words.Add((alternate > 0 ? word[..alternate] : word).ToString());
        }

        return new PronouncingDictionary(words.ToFrozenSet(StringComparer.Ordinal));
    }
}
