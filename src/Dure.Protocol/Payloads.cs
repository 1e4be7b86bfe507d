using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dure.Protocol;

/// <summary>Reads and writes messages with the source-generated serializers, so trimming and AOT stay possible.</summary>
public static class Payloads
{
    public static byte[] Serialize(Envelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(envelope, ProtocolJson.Default.Envelope);

    public static string SerializeToString(Envelope envelope) =>
        JsonSerializer.Serialize(envelope, ProtocolJson.Default.Envelope);

    public static JsonElement ToElement<T>(T payload, JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(payload, type);

    public static Envelope Event<T>(string name, T payload, JsonTypeInfo<T> type, string? replyTo = null, string? id = null) =>
        new() { Type = MessageTypes.Event, Name = name, Id = id ?? Envelope.NewId(), ReplyTo = replyTo, Payload = ToElement(payload, type) };

    public static Envelope Directive<T>(string name, T payload, JsonTypeInfo<T> type, string? replyTo = null, string? id = null) =>
        new() { Type = MessageTypes.Directive, Name = name, Id = id ?? Envelope.NewId(), ReplyTo = replyTo, Payload = ToElement(payload, type) };

    public static Envelope Error(string code, string message, string? replyTo, int? retryAfterMs = null) =>
        Directive(MessageNames.SystemError, new SystemError(code, message, retryAfterMs), ProtocolJson.Default.SystemError, replyTo);

    /// <summary>Reads a payload; false when a required field is missing or has the wrong type.</summary>
    public static bool TryRead<T>(Envelope envelope, JsonTypeInfo<T> type, [NotNullWhen(true)] out T? payload, out string? problem)
    {
        try
        {
            payload = envelope.Payload.Deserialize(type);
            problem = payload is null ? "payload must be an object" : null;
            return payload is not null;
        }
        catch (JsonException e)
        {
            payload = default;
            problem = e.Message;
            return false;
        }
    }
}
