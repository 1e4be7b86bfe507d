using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Platform.Alliance;
using Dure.Server.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dure.Server.Alliance.A2a;

/// <summary>
/// Dure as an A2A 1.0 agent: its card at <c>/.well-known/agent-card.json</c>, and the JSON-RPC endpoint <c>/a2a</c>
/// answering <c>SendMessage</c> with a completed (or input-required) task and <c>SendStreamingMessage</c> with SSE
/// events (the 0.3 names <c>message/send</c>, <c>message/stream</c> too). The assistant answers as a device of the
/// home the request names. Protocol errors are JSON-RPC errors; a missing or wrong key is 401 problem+json.
/// </summary>
internal static class A2aEndpoints
{
    public const string CardPath = "/.well-known/agent-card.json";
    public const string Path = "/a2a";

    private const int ParseError = -32700;
    private const int InvalidRequest = -32600;
    private const int MethodNotFound = -32601;
    private const int InvalidParams = -32602;
    private const int TaskNotFound = -32001;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(CardPath, Card).AllowAnonymous();
        app.MapPost(Path, HandleAsync).RequireAuthorization(PartnerPolicies.AllianceAct).RequireRateLimiting(RateLimits.PartnerPolicy);
    }

    private static IResult Card(HttpContext context, IOptions<AllianceOptions> options)
    {
        var root = (options.Value.PublicUrl ?? $"{context.Request.Scheme}://{context.Request.Host}").TrimEnd('/');
        var card = new JsonObject
        {
            ["name"] = "Dure",
            ["description"] = "Dure (두레), a Korean and English voice assistant for homes, apartments, hotels and vehicles: device control, " +
                "building and hotel services, clock, timers and weather. Name the home with ?homeId= on the URL or homeId in the message metadata.",
            ["version"] = "1.0.0",
            ["supportedInterfaces"] = new JsonArray(new JsonObject
            {
                ["url"] = root + Path,
                ["protocolBinding"] = "JSONRPC",
                ["protocolVersion"] = A2aWire.Version,
            }),
            ["provider"] = new JsonObject { ["organization"] = "Dure", ["url"] = root },
            ["capabilities"] = new JsonObject { ["streaming"] = true, ["pushNotifications"] = false },
            ["defaultInputModes"] = new JsonArray("text/plain"),
            ["defaultOutputModes"] = new JsonArray("text/plain"),
            ["securitySchemes"] = new JsonObject
            {
                ["partnerKey"] = new JsonObject
                {
                    ["httpAuthSecurityScheme"] = new JsonObject { ["scheme"] = "Bearer", ["description"] = "A Dure partner API key (dure_pk_…)" },
                },
            },
            ["securityRequirements"] = new JsonArray(new JsonObject { ["schemes"] = new JsonObject { ["partnerKey"] = new JsonObject { ["list"] = new JsonArray() } } }),
            ["skills"] = new JsonArray(
                Skill("home-control", "Home control", "Lights, heating, blinds, locks and valves of the home's devices", ["거실 불 켜줘", "set the bedroom to 22 degrees"]),
                Skill("hotel", "Hotel services", "Amenities, housekeeping, wake-up calls, check-out and facilities", ["수건 두 장 가져다 주세요", "what time is checkout?"]),
                Skill("apartment", "Apartment services", "Elevator, parcels, visitors, parking, energy use and notices", ["엘리베이터 불러줘"]),
                Skill("assistant", "Everyday assistant", "Time, timers, alarms, reminders, weather, music", ["타이머 5분 맞춰줘", "what's the weather tomorrow?"])),
        };
        return Results.Text(card.ToJsonString(), "application/json");
    }

    private static JsonObject Skill(string id, string name, string description, string[] examples) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["tags"] = new JsonArray(id, "voice", "ko", "en"),
        ["examples"] = new JsonArray([.. examples.Select(e => (JsonNode?)JsonValue.Create(e))]),
    };

    private static async Task HandleAsync(HttpContext context, TimeProvider time)
    {
        var body = await AllianceCalls.ReadBodyAsync(context);
        if (body is null)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "too_large", $"the request is larger than {AllianceCalls.MaxBodyBytes} bytes");
            return;
        }

        JsonNode? request;
        try
        {
            request = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            await WriteAsync(context, Error(null, ParseError, "the body is not JSON"));
            return;
        }

        var id = request?["id"]?.DeepClone();
        if (request is not JsonObject || A2aWire.Str(request["jsonrpc"]) != "2.0" || A2aWire.Str(request["method"]) is not { } method)
        {
            await WriteAsync(context, Error(id, InvalidRequest, "not a JSON-RPC 2.0 request"));
            return;
        }

        var streaming = method is A2aWire.SendStreamingMessage or A2aWire.LegacyStream;
        if (!streaming && method is not (A2aWire.SendMessage or A2aWire.LegacySend))
        {
            await WriteAsync(context, method is "GetTask" or "tasks/get" or "CancelTask" or "tasks/cancel"
                ? Error(id, TaskNotFound, "Dure answers each message at once and keeps no tasks")
                : Error(id, MethodNotFound, $"method '{method}' is not supported; use {A2aWire.SendMessage} or {A2aWire.SendStreamingMessage}"));
            return;
        }

        var message = request["params"]?["message"];
        if (A2aWire.TextOf(message) is not { Length: > 0 } text)
        {
            await WriteAsync(context, Error(id, InvalidParams, "params.message needs at least one text part"));
            return;
        }

        var contextId = A2aWire.Str(message!["contextId"]) is { Length: > 0 and <= 100 } given ? given : Guid.NewGuid().ToString("N");
        var metadata = message["metadata"] ?? request["params"]?["metadata"];
        var language = A2aWire.Str(metadata?["language"]);
        var taskId = Guid.NewGuid().ToString("N");
        if (streaming)
        {
            // The task is announced as working before the assistant answers, so the caller sees progress at once.
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await SseAsync(context, Result(id, new JsonObject
            {
                ["task"] = new JsonObject { ["id"] = taskId, ["contextId"] = contextId, ["status"] = A2aWire.Status(A2aWire.Working, null, time.GetUtcNow()) },
            }));
        }

        var (reply, problem) = await AllianceCalls.AskAsync(context, A2aWire.Str(metadata?["homeId"]), A2aWire.Str(metadata?["deviceId"]), text, language, contextId);
        if (reply is null)
        {
            var error = Error(id, InvalidParams, problem!);
            await (streaming ? SseAsync(context, error) : WriteAsync(context, error));
            return;
        }

        var state = reply.ExpectsAnswer ? A2aWire.InputRequired : A2aWire.Completed;
        if (!streaming)
        {
            await WriteAsync(context, Result(id, new JsonObject { ["task"] = A2aWire.Task(taskId, contextId, state, reply.Text, time.GetUtcNow()) }));
            return;
        }

        await SseAsync(context, Result(id, new JsonObject
        {
            ["artifactUpdate"] = new JsonObject { ["taskId"] = taskId, ["contextId"] = contextId, ["artifact"] = A2aWire.Artifact(reply.Text), ["lastChunk"] = true },
        }));
        await SseAsync(context, Result(id, new JsonObject
        {
            ["statusUpdate"] = new JsonObject
            {
                ["taskId"] = taskId,
                ["contextId"] = contextId,
                ["status"] = A2aWire.Status(state, A2aWire.Message("ROLE_AGENT", reply.Text, contextId, taskId), time.GetUtcNow()),
                ["final"] = true,
            },
        }));
    }

    private static JsonObject Result(JsonNode? id, JsonObject result) => new() { ["jsonrpc"] = "2.0", ["id"] = id?.DeepClone(), ["result"] = result };

    private static JsonObject Error(JsonNode? id, int code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id?.DeepClone(),
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private static Task WriteAsync(HttpContext context, JsonObject response) =>
        Results.Text(response.ToJsonString(), "application/json").ExecuteAsync(context);

    private static async Task SseAsync(HttpContext context, JsonObject response)
    {
        await context.Response.WriteAsync($"data: {response.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
