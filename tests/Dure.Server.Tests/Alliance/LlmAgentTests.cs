using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Protocol;
using Dure.Server.Tests.Partners;
using Dure.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dure.Server.Tests.Alliance;

/// <summary>
/// A local stand-in for an OpenAI-compatible chat API (a test double for a paid remote service): it streams scripted
/// chunks — tool calls first, then the final answer — and keeps every request it got.
/// </summary>
public sealed class OpenAiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenAiStandIn(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"http://127.0.0.1:{port}/v1";
    }

    public string Endpoint { get; }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>When the stand-in wrote the last piece of a slowly streamed answer.</summary>
    public DateTimeOffset LastPieceAt { get; private set; }

    /// <summary>The story's pieces as the stand-in streams them: sentence ends fall inside pieces, not at their ends.</summary>
    public static readonly string[] Story = ["거실에는 조명이 ", "하나 있어요. 현관문은", " 잠겨 있어요! 오늘도 ", "편안한 하루 ", "보내세요."];

    public static async Task<OpenAiStandIn> StartAsync()
    {
        var port = ServerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var standIn = new OpenAiStandIn(app, port);
        app.MapPost("/v1/chat/completions", standIn.CompleteAsync);
        await app.StartAsync();
        return standIn;
    }

    /// <summary>The script: what the user said and how many tool results came back decide the next chunk.</summary>
    private async Task CompleteAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        Requests.Enqueue(request);
        var messages = request["messages"]!.AsArray();
        var user = messages.Last(m => (string?)m!["role"] == "user")!["content"]!.ToString();
        var tools = messages.Count(m => (string?)m!["role"] == "tool");
        context.Response.ContentType = "text/event-stream";
        switch (user)
        {
            case var u when u.Contains("분위기", StringComparison.Ordinal) && tools == 0:
                await ToolCallAsync(context, "list_devices", "{}");
                break;
            case var u when u.Contains("분위기", StringComparison.Ordinal) && tools == 1:
                await ToolCallAsync(context, "control_device", """{"device_id":"light.living_room","action":"set_brightness","value":30}""");
                break;
            case var u when u.Contains("분위기", StringComparison.Ordinal):
                await TextAsync(context, "거실 조명을 은은하게 ", "낮췄어요. 편히 쉬세요.");
                break;
            case var u when u.Contains("이야기", StringComparison.Ordinal) && tools == 0:
                await ToolCallAsync(context, "list_devices", "{}");
                break;
            case var u when u.Contains("이야기", StringComparison.Ordinal):
                // Slowly, as a real model writes: the device should hear the first sentence long before the last piece.
                await TextAsync(context, TimeSpan.FromMilliseconds(250), Story);
                LastPieceAt = DateTimeOffset.UtcNow;
                break;
            case var u when u.Contains("guest", StringComparison.Ordinal) && tools == 0:
                await ToolCallAsync(context, "control_device", """{"device_id":"lock.front_door","action":"unlock"}""");
                break;
            case var u when u.Contains("아까", StringComparison.Ordinal):
                // Context: the earlier exchange is in the request, or the model would not know.
                var remembered = messages.Any(m => (string?)m!["role"] == "assistant" && m["content"]?.ToString().Contains("은은하게", StringComparison.Ordinal) == true);
                await TextAsync(context, remembered ? "거실 조명을 은은하게 낮췄다고 말씀드렸어요." : "기억나지 않아요.");
                break;
            case var u when u.Contains("meaning", StringComparison.Ordinal):
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                await TextAsync(context, "42.");
                break;
            default:
                await TextAsync(context, "잘 모르겠어요.");
                break;
        }
    }

    private static async Task ToolCallAsync(HttpContext context, string name, string arguments)
    {
        await ChunkAsync(context, new JsonObject
        {
            ["role"] = "assistant",
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["id"] = "call_" + Guid.NewGuid().ToString("N")[..8],
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            }),
        }, null);
        await ChunkAsync(context, new JsonObject(), "tool_calls");
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static Task TextAsync(HttpContext context, params string[] pieces) => TextAsync(context, TimeSpan.Zero, pieces);

    private static async Task TextAsync(HttpContext context, TimeSpan pause, params string[] pieces)
    {
        foreach (var piece in pieces)
        {
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, context.RequestAborted);
            }

            await ChunkAsync(context, new JsonObject { ["role"] = "assistant", ["content"] = piece }, null);
        }

        await ChunkAsync(context, new JsonObject(), "stop");
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task ChunkAsync(HttpContext context, JsonObject delta, string? finish)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-standin",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = "stand-in",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A real server whose LLM agent talks to <see cref="OpenAiStandIn"/>, with a home of a wall pad, a light, a lock and a hidden switch.</summary>
public sealed class LlmLab : IAsyncLifetime
{
    private readonly string _key = $"dure_pk_llm_{Guid.NewGuid():N}";

    public OpenAiStandIn Model { get; private set; } = null!;

    public ServerProcess Server { get; private set; } = null!;

    public string WallPadToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Model = await OpenAiStandIn.StartAsync();
        Server = await ServerProcess.StartAsync(new ServerSettings
        {
            Environment = new Dictionary<string, string>
            {
                ["Dure__PartnerKeys__llm"] = _key,
                ["Dure__Llm__Endpoint"] = Model.Endpoint,
                ["Dure__Llm__Model"] = "stand-in",
            },
        }, ct);
        using var admin = new PartnerClient(Server.BaseUrl, _key);
        var site = (await admin.PostAsync("/v1/sites", new { name = "집", kind = "house" }, ct)).GetProperty("id").GetString()!;
        var unit = (await admin.PostAsync($"/v1/sites/{site}/spaces", new { kind = "unit", name = "우리 집" }, ct)).GetProperty("id").GetString()!;
        await admin.OkAsync(HttpMethod.Put, $"/v1/spaces/{unit}/home", """
            name: 우리 집
            language: ko
            areas:
              - id: living_room
                names: { ko: [거실], en: [Living Room] }
            devices:
              - id: wallpad
                domain: assist_satellite
                area: living_room
                gateway: true
                names: { ko: [월패드], en: [Wall Pad] }
              - id: light.living_room
                area: living_room
                names: { ko: [거실 조명], en: [Living Room Light] }
                state: "off"
              - id: lock.front_door
                area: living_room
                names: { ko: [현관문], en: [Front Door] }
                state: locked
              - id: switch.secret
                area: living_room
                exposed: false
                names: { ko: [비밀 스위치], en: [Secret Switch] }
            """, ct, "application/yaml");
        WallPadToken = (await admin.PostAsync($"/v1/homes/{unit}/devices/wallpad/token", null, ct)).GetProperty("token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Model.DisposeAsync();
    }
}

/// <summary>The LLM agent's tool-calling loop through the real server, against a local OpenAI-compatible stand-in.</summary>
[Collection(AllianceCollection.Name)]
public sealed class LlmAgentTests(LlmLab lab) : IClassFixture<LlmLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_request_runs_device_tools_and_keeps_context_against_a_local_openai_stand_in()
    {
        await using var wallpad = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.WallPadToken, Ct);
        var before = lab.Model.Requests.Count;
        var turn = await wallpad.SayAsync("분위기 좀 바꿔 봐", Ct);
        // Directives another test left unacknowledged are delivered again; this turn's is the light's.
        var control = (await wallpad.ReceiveAsync(m => m.GetProperty("name").GetString() == MessageNames.DeviceControl &&
            m.GetProperty("payload").GetProperty("device").GetString() == "light.living_room", Ct)).GetProperty("payload");
        Assert.Equal("light.living_room", control.GetProperty("device").GetString());
        Assert.Equal(30, control.GetProperty("params").GetProperty("brightness").GetInt32());
        var speech = await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
        Assert.Equal("거실 조명을 은은하게 낮췄어요. 편히 쉬세요.", speech.GetProperty("payload").GetProperty("text").GetString());

        var requests = lab.Model.Requests.Skip(before).ToList();
        Assert.Equal(3, requests.Count);
        Assert.True(requests[0]["stream"]!.GetValue<bool>());
        Assert.Equal(["control_device", "list_devices"],
            requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("해요체", requests[0]["messages"]![0]!["content"]!.ToString(), StringComparison.Ordinal);
        // The device list the model saw: the exposed devices only, never the speaker or the hidden switch.
        var listed = requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!["content"]!.ToString();
        Assert.Contains("light.living_room", listed, StringComparison.Ordinal);
        Assert.Contains("lock.front_door", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("switch.secret", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("wallpad", listed, StringComparison.Ordinal);
        var done = requests[2]["messages"]!.AsArray().Last(m => (string?)m!["role"] == "tool")!["content"]!.ToString();
        Assert.Contains("30%", done, StringComparison.Ordinal);

        // The next open question carries the conversation so far.
        turn = await wallpad.SayAsync("우리 아까 무슨 얘기 했지?", Ct);
        speech = await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
        Assert.Equal("거실 조명을 은은하게 낮췄다고 말씀드렸어요.", speech.GetProperty("payload").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_device_that_asks_for_a_streamed_reply_hears_it_sentence_by_sentence_while_the_model_writes_against_a_local_openai_stand_in()
    {
        await using (var wallpad = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.WallPadToken, Ct))
        {
            var before = lab.Model.Requests.Count;
            var turn = await wallpad.SayAsync("우리 집에 대해 이야기해 줄래", Ct, streamReply: true);
            List<(JsonElement Part, DateTimeOffset At)> parts = [];
            var speech = await wallpad.ReceiveAsync(m =>
            {
                if (RawDevice.Name(m) == MessageNames.SpeechSpeakPart && m.GetProperty("replyTo").GetString() == turn)
                {
                    parts.Add((RawDevice.Payload(m), DateTimeOffset.UtcNow));
                }

                return RawDevice.Name(m) == MessageNames.SpeechSpeak && m.TryGetProperty("replyTo", out var to) && to.GetString() == turn;
            }, Ct);

            // The tool call ran inside the streamed loop: list_devices, then the answer.
            var requests = lab.Model.Requests.Skip(before).ToList();
            Assert.Equal(2, requests.Count);
            Assert.Contains("light.living_room", requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!["content"]!.ToString(),
                StringComparison.Ordinal);

            Assert.Equal(["거실에는 조명이 하나 있어요.", "현관문은 잠겨 있어요!", "오늘도 편안한 하루 보내세요."],
                parts.Select(p => p.Part.GetProperty("text").GetString()));
            Assert.Equal([0, 1, 2], parts.Select(p => p.Part.GetProperty("index").GetInt32()));
            Assert.All(parts, p => Assert.Equal("ko", p.Part.GetProperty("lang").GetString()));
            // Streamed: the first sentence was heard while the model was still writing the rest.
            Assert.True(parts[0].At < lab.Model.LastPieceAt, $"the first part came at {parts[0].At:O}, the last piece was written at {lab.Model.LastPieceAt:O}");

            var whole = RawDevice.Payload(speech);
            Assert.Equal(string.Concat(OpenAiStandIn.Story), whole.GetProperty("text").GetString());
            Assert.Equal(string.Join(' ', parts.Select(p => p.Part.GetProperty("text").GetString())), whole.GetProperty("text").GetString());
            Assert.Equal(3, whole.GetProperty("parts").GetInt32());
            await wallpad.AckAsync(speech.GetProperty("id").GetString()!, Ct);
        }

        // A connection that did not ask gets the whole reply alone, as before.
        await using var plain = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.WallPadToken, Ct);
        var again = await plain.SayAsync("우리 집에 대해 이야기해 줄래", Ct);
        List<JsonElement> seen = [];
        var reply = await plain.ReceiveAsync(m =>
        {
            seen.Add(m);
            return RawDevice.Name(m) == MessageNames.SpeechSpeak && m.TryGetProperty("replyTo", out var to) && to.GetString() == again;
        }, Ct);
        Assert.Equal(string.Concat(OpenAiStandIn.Story), RawDevice.Payload(reply).GetProperty("text").GetString());
        Assert.DoesNotContain(seen, m => RawDevice.Name(m) == MessageNames.SpeechSpeakPart);
    }

    [Fact]
    public async Task A_risky_tool_call_is_asked_first_and_a_spoken_yes_carries_it_out_against_a_local_openai_stand_in()
    {
        await using var wallpad = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.WallPadToken, Ct);
        var turn = await wallpad.SayAsync("let my guest in please", Ct);
        var asked = await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
        Assert.Equal("Should I unlock the Front Door?", asked.GetProperty("payload").GetProperty("text").GetString());
        await wallpad.ReceiveAsync(MessageNames.SpeechExpectSpeech, Ct, replyTo: turn);

        turn = await wallpad.SayAsync("yes", Ct);
        var control = (await wallpad.ReceiveAsync(m => m.GetProperty("name").GetString() == MessageNames.DeviceControl, Ct)).GetProperty("payload");
        Assert.Equal(("lock.front_door", "unlock"), (control.GetProperty("device").GetString(), control.GetProperty("action").GetString()));
        var done = await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
        Assert.Equal("Unlocked the Front Door.", done.GetProperty("payload").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_model_that_is_too_slow_gets_an_apology_after_the_timeout_against_a_local_openai_stand_in()
    {
        await using var wallpad = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.WallPadToken, Ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var turn = await wallpad.SayAsync("what's the meaning of life?", Ct);
        var speech = await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
        Assert.Equal("Sorry, I can't find an answer right now. Please try again in a moment.", speech.GetProperty("payload").GetProperty("text").GetString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(9));
    }
}
