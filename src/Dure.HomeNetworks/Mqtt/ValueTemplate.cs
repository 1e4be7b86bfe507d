using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>
/// The part of Home Assistant's Jinja templates that device configs use in practice: <c>{{ value }}</c>,
/// <c>{{ value_json.a.b }}</c>, <c>{{ value_json['a'][0] }}</c>, with the filters <c>int</c>, <c>float</c>, <c>round(n)</c>,
/// <c>lower</c>, <c>upper</c>, <c>string</c> and <c>default(x)</c>. Anything else is not evaluated (docs/home-networks.md).
/// </summary>
internal static partial class ValueTemplate
{
    /// <summary>The template applied to a received payload; the payload itself when there is no template; null when it cannot be evaluated.</summary>
    public static string? Render(string? template, string payload)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return payload;
        }

        var match = Whole().Match(template);
        if (!match.Success)
        {
            return null;
        }

        var parts = match.Groups["expr"].Value.Split('|', StringSplitOptions.TrimEntries);
        string? value = Evaluate(parts[0], payload);
        foreach (var filter in parts.Skip(1))
        {
            value = Filter(filter, value);
        }

        return value;
    }

    /// <summary>A command template with the value put in: only <c>{{ value }}</c> is replaced; null when it uses more.</summary>
    public static string? Command(string? template, string value)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return value;
        }

        var result = ValuePlaceholder().Replace(template, value.Replace("$", "$$", StringComparison.Ordinal));
        return result.Contains("{{", StringComparison.Ordinal) || result.Contains("{%", StringComparison.Ordinal) ? null : result;
    }

    private static string? Evaluate(string expression, string payload)
    {
        if (expression == "value")
        {
            return payload;
        }

        if (!expression.StartsWith("value_json", StringComparison.Ordinal))
        {
            return null;
        }

        JsonElement current;
        try
        {
            using var document = JsonDocument.Parse(payload);
            current = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }

        foreach (Match step in PathStep().Matches(expression["value_json".Length..]))
        {
            var name = step.Groups["name"].Success ? step.Groups["name"].Value
                : step.Groups["quoted"].Success ? step.Groups["quoted"].Value : null;
            if (name is not null)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else if (int.TryParse(step.Groups["index"].Value, CultureInfo.InvariantCulture, out var index))
            {
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => "True", // as Jinja prints Python booleans
            JsonValueKind.False => "False",
            _ => current.GetRawText(),
        };
    }

    private static string? Filter(string filter, string? value)
    {
        var call = FilterCall().Match(filter);
        var name = call.Groups["name"].Value;
        var argument = call.Groups["arg"].Success ? call.Groups["arg"].Value.Trim().Trim('\'', '"') : null;
        if (name == "default")
        {
            return value ?? argument;
        }

        if (value is null)
        {
            return null;
        }

        var number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null;
        return name switch
        {
            "lower" => value.ToLowerInvariant(),
            "upper" => value.ToUpperInvariant(),
            "string" or "trim" => value.Trim(),
            "int" => number is { } i ? ((long)Math.Truncate(i)).ToString(CultureInfo.InvariantCulture) : "0",
            "float" => number is { } f ? f.ToString(CultureInfo.InvariantCulture) : "0.0",
            "round" => number is { } r
                ? Math.Round(r, int.TryParse(argument, CultureInfo.InvariantCulture, out var digits) ? digits : 0, MidpointRounding.ToEven)
                    .ToString(CultureInfo.InvariantCulture)
                : null,
            _ => null,
        };
    }

    [GeneratedRegex(@"^\s*\{\{\s*(?<expr>[^{}]+?)\s*\}\}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"\{\{\s*value\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePlaceholder();

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[\s*(?:'(?<quoted>[^']*)'|""(?<quoted>[^""]*)""|(?<index>\d+))\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathStep();

    [GeneratedRegex(@"^(?<name>[a-z_]+)\s*(?:\((?<arg>[^)]*)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FilterCall();
}
