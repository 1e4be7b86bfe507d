using System.Text;

namespace Dure.Homes;

/// <summary>
/// Expands the small template language Home Assistant fixtures use for names:
/// "(a|b) c" means "a c" or "b c"; "[x]" makes x optional. Nesting is allowed.
/// </summary>
public static class NameTemplate
{
    public static IReadOnlyList<string> Expand(string template)
    {
        var position = 0;
        var results = ParseSequence(template, ref position, terminators: "");
        return [.. results.Select(Collapse).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static List<string> ParseSequence(string text, ref int position, string terminators)
    {
        List<string> alternatives = [];
        List<string> current = [""];
        while (position < text.Length)
        {
            var c = text[position];
            if (terminators.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            position++;
            switch (c)
            {
                case '(':
                    current = Cross(current, ParseSequence(text, ref position, ")"));
                    position++; // ')'
                    break;
                case '[':
                    var optional = ParseSequence(text, ref position, "]");
                    position++; // ']'
                    current = Cross(current, [.. optional, ""]);
                    break;
                case '|':
                    alternatives.AddRange(current);
                    current = [""];
                    break;
                default:
                    current = [.. current.Select(s => s + c)];
                    break;
            }
        }

        alternatives.AddRange(current);
        return alternatives;
    }

    private static List<string> Cross(List<string> prefixes, List<string> suffixes) =>
        [.. prefixes.SelectMany(p => suffixes.Select(s => p + s))];

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (c == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
