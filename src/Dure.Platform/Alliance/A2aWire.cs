using System.Globalization;
using System.Text.Json.Nodes;

namespace Dure.Platform.Alliance;

/// <summary>
/// The A2A 1.0 shapes Dure sends and reads (JSON-RPC binding, protobuf JSON in camelCase): messages with role
/// <c>ROLE_USER</c>/<c>ROLE_AGENT</c> and text parts, tasks with a status and artifacts, the agent card. Dure as a client
/// sends <c>SendMessage</c> with <c>A2A-Version: 1.0</c>; as a server it also answers the 0.3 method names.
/// </summary>
public static class A2aWire
{
    public const string Version = "1.0";
    public const string VersionHeader = "A2A-Version";
    public const string SendMessage = "SendMessage";
    public const string SendStreamingMessage = "SendStreamingMessage";
    public const string LegacySend = "message/send";
    public const string LegacyStream = "message/stream";
    public const string Completed = "TASK_STATE_COMPLETED";
    public const string Working = "TASK_STATE_WORKING";
    public const string InputRequired = "TASK_STATE_INPUT_REQUIRED";
    public const string Failed = "TASK_STATE_FAILED";

    /// <summary>A text message; <paramref name="metadata"/> carries Dure's hints (language, home).</summary>
    public static JsonObject Message(string role, string text, string? contextId, string? taskId = null, JsonObject? metadata = null)
    {
        var message = new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString("N"),
            ["role"] = role,
            ["parts"] = new JsonArray(new JsonObject { ["text"] = text }),
        };
        if (contextId is not null)
        {
            message["contextId"] = contextId;
        }

        if (taskId is not null)
        {
            message["taskId"] = taskId;
        }

        if (metadata is not null)
        {
            message["metadata"] = metadata;
        }

        return message;
    }

    public static JsonObject Request(string method, JsonObject parameters) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["method"] = method,
        ["params"] = parameters,
    };

    /// <summary>A finished (or waiting) task whose answer is both the status message and the <c>answer</c> artifact.</summary>
    public static JsonObject Task(string taskId, string contextId, string state, string text, DateTimeOffset at) => new()
    {
        ["id"] = taskId,
        ["contextId"] = contextId,
        ["status"] = Status(state, Message("ROLE_AGENT", text, contextId, taskId), at),
        ["artifacts"] = new JsonArray(Artifact(text)),
    };

    public static JsonObject Status(string state, JsonObject? message, DateTimeOffset at)
    {
        var status = new JsonObject { ["state"] = state, ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture) };
        if (message is not null)
        {
            status["message"] = message;
        }

        return status;
    }

    public static JsonObject Artifact(string text) => new()
    {
        ["artifactId"] = "answer",
        ["name"] = "answer",
        ["parts"] = new JsonArray(new JsonObject { ["text"] = text }),
    };

    /// <summary>The text of a message's parts (1.0 <c>{text}</c> parts, and 0.3 <c>{kind:"text", text}</c> ones).</summary>
    public static string? TextOf(JsonNode? message) =>
        message?["parts"] is JsonArray parts
            ? string.Join(' ', parts.Select(p => p?["text"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? p["text"]!.GetValue<string>() : null)
                .Where(t => !string.IsNullOrWhiteSpace(t)))
            : null;

    /// <summary>
    /// What an agent answered to <c>SendMessage</c>: the text (status message, else artifacts, else a direct message), the
    /// context to continue, and whether the task waits for the user's answer. Null when the result is not A2A.
    /// </summary>
    public static (string Text, string? ContextId, bool InputRequired)? ReadResult(JsonNode? result)
    {
        if (result?["message"] is JsonObject message)
        {
            return TextOf(message) is { Length: > 0 } said ? (said, Str(message["contextId"]), false) : null;
        }

        var task = result?["task"] as JsonObject ?? (result?["status"] is not null ? result as JsonObject : null);
        if (task is null)
        {
            return null;
        }

        var state = Str(task["status"]?["state"]);
        var text = TextOf(task["status"]?["message"]);
        if (string.IsNullOrWhiteSpace(text) && task["artifacts"] is JsonArray artifacts)
        {
            text = string.Join(' ', artifacts.Select(TextOf).Where(t => !string.IsNullOrWhiteSpace(t)));
        }

        return string.IsNullOrWhiteSpace(text) || state is Failed or "TASK_STATE_REJECTED" or "failed"
            ? null
            : (text, Str(task["contextId"]), state is InputRequired or "input-required");
    }

    public static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
