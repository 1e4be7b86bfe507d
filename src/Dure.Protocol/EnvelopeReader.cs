using System.Text.Json;

namespace Dure.Protocol;

/// <summary>The outcome of reading one message: an envelope, or a stable error code with the offending id when known.</summary>
public readonly record struct ReadResult(Envelope? Envelope, string? ErrorCode, string? ErrorMessage, string? Id)
{
    public bool Ok => Envelope is not null;
}

/// <summary>
/// Reads an envelope from one UTF-8 text message and checks its shape (not its payload, which depends on the name).
/// Never throws on input: every problem becomes <see cref="ErrorCodes.InvalidJson"/>,
/// <see cref="ErrorCodes.InvalidMessage"/> or <see cref="ErrorCodes.UnknownMessage"/>.
/// </summary>
public static class EnvelopeReader
{
    /// <param name="knownNames">Names to accept; null accepts any (clients stay compatible with newer servers).</param>
    public static ReadResult Read(ReadOnlyMemory<byte> utf8, IReadOnlyList<string>? knownNames, string expectedType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Fail(ErrorCodes.InvalidJson, $"not valid JSON: {e.Message}", null);
        }
        catch (ArgumentException e)
        {
            return Fail(ErrorCodes.InvalidJson, $"not valid UTF-8 JSON: {e.Message}", null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(ErrorCodes.InvalidMessage, "a message must be a JSON object", null);
            }

            var id = String(root, "id");
            if (id is not { Length: > 0 and <= 128 })
            {
                return Fail(ErrorCodes.InvalidMessage, "'id' must be a non-empty string of at most 128 characters", null);
            }

            if (String(root, "type") is not { } type || type != expectedType)
            {
                return Fail(ErrorCodes.InvalidMessage, $"'type' must be \"{expectedType}\"", id);
            }

            if (String(root, "name") is not { Length: > 0 } name)
            {
                return Fail(ErrorCodes.InvalidMessage, "'name' must be a non-empty string", id);
            }

            if (knownNames is not null && !knownNames.Contains(name))
            {
                return Fail(ErrorCodes.UnknownMessage, $"unknown {expectedType} '{Truncate(name)}'", id);
            }

            string? replyTo = null;
            if (root.TryGetProperty("replyTo", out var replyToElement) && replyToElement.ValueKind != JsonValueKind.Null)
            {
                if (replyToElement.ValueKind != JsonValueKind.String)
                {
                    return Fail(ErrorCodes.InvalidMessage, "'replyTo' must be a string", id);
                }

                replyTo = replyToElement.GetString();
            }

            JsonElement payload;
            if (!root.TryGetProperty("payload", out var payloadElement) || payloadElement.ValueKind == JsonValueKind.Null)
            {
                payload = EmptyObject;
            }
            else if (payloadElement.ValueKind != JsonValueKind.Object)
            {
                return Fail(ErrorCodes.InvalidMessage, "'payload' must be an object", id);
            }
            else
            {
                payload = payloadElement.Clone();
            }

            return new ReadResult(new Envelope { Type = type, Name = name, Id = id, ReplyTo = replyTo, Payload = payload }, null, null, id);
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static ReadResult Fail(string code, string message, string? id) => new(null, code, message, id);

    private static string? String(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
