using System.Text.RegularExpressions;

namespace Dure.Speech.Tests;

/// <summary>Reads a JSGF grammar (the subset Dure writes: alternatives, groups, options, rule references) and samples sentences from it.</summary>
internal sealed partial class Jsgf
{
    private readonly Dictionary<string, string> _rules = new(StringComparer.Ordinal);

    public Jsgf(string grammar)
    {
        foreach (Match rule in RuleLine().Matches(grammar))
        {
            _rules[rule.Groups[1].Value] = rule.Groups[2].Value;
        }
    }

    public IReadOnlyDictionary<string, string> Rules => _rules;

    /// <summary>A random sentence the rule accepts.</summary>
    public string Sample(string rule, Random random)
    {
        List<string> words = [];
        var tokens = Tokenize(_rules[rule]);
        var position = 0;
        Expand(tokens, ref position, random, words, stopAt: null);
        return string.Join(' ', words);
    }

    private void Expand(List<string> tokens, ref int position, Random random, List<string> output, string? stopAt)
    {
        // An alternation: split at top-level '|' into branches, choose one, skip the others.
        List<(int Start, int End)> branches = [];
        var start = position;
        var depth = 0;
        for (; position < tokens.Count; position++)
        {
            var token = tokens[position];
            if (depth == 0 && (token == stopAt))
            {
                break;
            }

            if (token is "(" or "[")
            {
                depth++;
            }
            else if (token is ")" or "]")
            {
                depth--;
            }
            else if (token == "|" && depth == 0)
            {
                branches.Add((start, position));
                start = position + 1;
            }
        }

        branches.Add((start, position));
        var (from, to) = branches[random.Next(branches.Count)];
        for (var i = from; i < to; i++)
        {
            var token = tokens[i];
            if (token is "(" or "[")
            {
                var close = token == "(" ? ")" : "]";
                var inner = i + 1;
                List<string> part = [];
                Expand(tokens, ref inner, random, part, close);
                if (token == "(" || random.Next(2) == 0)
                {
                    output.AddRange(part);
                }

                i = inner;
            }
            else if (token.StartsWith('<'))
            {
                output.Add(Sample(token[1..^1], random));
            }
            else
            {
                output.Add(token);
            }
        }
    }

    private static List<string> Tokenize(string body) => [.. Token().Matches(body).Select(m => m.Value)];

    [GeneratedRegex(@"^(?:public )?<(\w+)> = (.*);$", RegexOptions.Multiline)]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"<\w+>|[()\[\]|]|[^\s()\[\]|<>]+")]
    private static partial Regex Token();
}
