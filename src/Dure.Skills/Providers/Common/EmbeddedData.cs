using System.Text.Json;

namespace Dure.Skills.Providers;

/// <summary>Reads the providers' JSON data: a resource shipped in this assembly, or a file a partner points at.</summary>
internal static class EmbeddedData
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Deserializes <paramref name="path"/> when given, else the embedded resource of that file name.</summary>
    /// <exception cref="InvalidDataException">The file or resource is missing or is not the expected JSON.</exception>
    public static T Load<T>(string? path, string resourceName)
    {
        var source = string.IsNullOrWhiteSpace(path) ? $"embedded {resourceName}" : path;
        try
        {
            using var stream = string.IsNullOrWhiteSpace(path)
                ? typeof(EmbeddedData).Assembly.GetManifestResourceStream("Dure.Skills.Providers." + resourceName)
                    ?? throw new InvalidDataException($"{source} is not in the assembly.")
                : File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{source} is empty.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }
}
