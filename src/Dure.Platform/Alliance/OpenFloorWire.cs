using System.Globalization;
using System.Text.Json.Nodes;

namespace Dure.Platform.Alliance;

/// <summary>One event of an Open Floor envelope as Dure reads it: its type, the utterance's text, and whom it was for.</summary>
public sealed record OpenFloorEvent(string Type, string? Text, string? ToServiceUrl);

/// <summary>
/// Open Floor Protocol 1.0 conversation envelopes (<c>{"openFloor": {schema, conversation, sender, events}}</c>) with the
/// events Dure uses to hand a conversation over and back: <c>invite</c>, <c>utterance</c> (a <c>dialogEvent</c> with a
/// text feature) and <c>bye</c>.
/// </summary>
public static class OpenFloorWire
{
    public const string Version = "1.0.0";
    public const string Invite = "invite";
    public const string Utterance = "utterance";
    public const string Bye = "bye";

    public static JsonObject Envelope(string conversationId, string speakerUri, string? serviceUrl, params JsonObject[] events)
    {
        var sender = new JsonObject { ["speakerUri"] = speakerUri };
        if (serviceUrl is not null)
        {
            sender["serviceUrl"] = serviceUrl;
        }

        return new JsonObject
        {
            ["openFloor"] = new JsonObject
            {
                ["schema"] = new JsonObject { ["version"] = Version },
                ["conversation"] = new JsonObject { ["id"] = conversationId },
                ["sender"] = sender,
                ["events"] = new JsonArray([.. events]),
            },
        };
    }

    public static JsonObject InviteEvent(string toServiceUrl) => new() { ["eventType"] = Invite, ["to"] = new JsonObject { ["serviceUrl"] = toServiceUrl } };

    public static JsonObject ByeEvent(string? toServiceUrl = null) => toServiceUrl is null
        ? new JsonObject { ["eventType"] = Bye }
        : new JsonObject { ["eventType"] = Bye, ["to"] = new JsonObject { ["serviceUrl"] = toServiceUrl } };

    public static JsonObject UtteranceEvent(string speakerUri, string text, string language, DateTimeOffset at, string? toServiceUrl = null)
    {
        var utterance = new JsonObject
        {
            ["eventType"] = Utterance,
            ["parameters"] = new JsonObject
            {
                ["dialogEvent"] = new JsonObject
                {
                    ["id"] = Guid.NewGuid().ToString("N"),
                    ["speakerUri"] = speakerUri,
                    ["span"] = new JsonObject { ["startTime"] = at.ToString("O", CultureInfo.InvariantCulture) },
                    ["features"] = new JsonObject
                    {
                        ["text"] = new JsonObject
                        {
                            ["mimeType"] = "text/plain",
                            ["lang"] = language,
                            ["tokens"] = new JsonArray(new JsonObject { ["value"] = text }),
                        },
                    },
                },
            },
        };
        if (toServiceUrl is not null)
        {
            utterance["to"] = new JsonObject { ["serviceUrl"] = toServiceUrl };
        }

        return utterance;
    }

    /// <summary>The conversation id, the sender and the events of an envelope; null when it is not one.</summary>
    public static (string ConversationId, string? SenderUri, IReadOnlyList<OpenFloorEvent> Events, string? Language)? Read(JsonNode? body)
    {
        if (body?["openFloor"] is not JsonObject floor || A2aWire.Str(floor["conversation"]?["id"]) is not { Length: > 0 and <= 200 } conversation ||
            floor["events"] is not JsonArray events)
        {
            return null;
        }

        string? language = null;
        List<OpenFloorEvent> read = [];
        foreach (var item in events)
        {
            if (A2aWire.Str(item?["eventType"]) is not { } type)
            {
                return null;
            }

            var text = item!["parameters"]?["dialogEvent"]?["features"]?["text"];
            language ??= A2aWire.Str(text?["lang"]);
            var said = text?["tokens"] is JsonArray tokens
                ? string.Join(" ", tokens.Select(t => A2aWire.Str(t?["value"])).Where(v => !string.IsNullOrWhiteSpace(v))).Trim()
                : null;
            read.Add(new OpenFloorEvent(type, said, A2aWire.Str(item["to"]?["serviceUrl"])));
        }

        return (conversation, A2aWire.Str(floor["sender"]?["speakerUri"]), read, language);
    }
}
