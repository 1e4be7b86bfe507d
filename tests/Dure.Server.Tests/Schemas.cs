using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Dure.Server.Tests;

/// <summary>The JSON Schemas of docs/schemas, one per message name (<c>{Name}.schema.json</c>).</summary>
internal static class Schemas
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "schemas");

    /// <summary>Asserts that one raw message is valid against the schema its name selects; returns the name.</summary>
    public static string AssertValid(string json)
    {
        var node = JsonNode.Parse(json);
        var name = node?["name"]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"no name in {json}");
        var schema = Loaded.GetOrAdd(name, n =>
        {
            var path = Path.Combine(Directory, $"{n}.schema.json");
            Assert.True(File.Exists(path), $"no schema for {n} at {path}");
            return JsonSchema.FromText(File.ReadAllText(path));
        });
        var result = schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
            Assert.Fail($"{name} does not match its schema: {string.Join("; ", errors)}\n{json}");
        }

        return name;
    }
}
