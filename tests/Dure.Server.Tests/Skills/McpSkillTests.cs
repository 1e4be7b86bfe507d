using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Dure.Platform.Storage;
using Dure.Protocol;

namespace Dure.Server.Tests.Skills;

/// <summary>
/// Custom skills served by a partner's MCP server, through the real server: registered with the partner API (the
/// server's tools listed into the skill's model), a device's Korean and English words calling a tool with typed
/// arguments and hearing its result, confirmation before a destructive tool, the apologies for a slow or failing tool,
/// tenancy, and refused definitions.
/// </summary>
public sealed class McpSkillTests(McpSkillLab lab) : IClassFixture<McpSkillLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registration_lists_the_servers_tools_as_actions_and_keeps_the_token_encrypted()
    {
        var created = lab.Created;
        Assert.Equal(JsonValueKind.Null, created.GetProperty("secret").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("webhook").ValueKind);
        var backend = created.GetProperty("backend");
        Assert.Equal(("mcp", lab.Spa.Url, true), (backend.GetProperty("kind").GetString(), backend.GetProperty("url").GetString(),
            backend.GetProperty("hasToken").GetBoolean()));
        var tools = backend.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["book_sauna", "book_spa", "cancel_spa_booking", "reserve_massage_chair"], tools.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["people", "time"], tools["book_spa"].GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.True(tools["cancel_spa_booking"].GetProperty("destructive").GetBoolean());
        Assert.False(tools["book_spa"].GetProperty("destructive").GetBoolean());
        Assert.DoesNotContain(created.GetRawText(), PartnerMcpServer.Token, StringComparison.Ordinal);

        // The model Dure trains: an intent per tool, the tool's properties as slots, the title where the partner gave no samples.
        var intents = created.GetProperty("interactionModel").GetProperty("intents").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(["people", "time"], intents["book_spa"].GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var chair = intents["reserve_massage_chair"].GetProperty("samples");
        Assert.Equal(["Reserve the massage chair", "Reserves the massage chair", "reserve massage chair"],
            chair.GetProperty("en").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["안마 의자 예약해줘", "안마 의자 쓰고 싶어"], chair.GetProperty("ko").EnumerateArray().Select(s => s.GetString()));

        // The token went to the server (it refuses requests without it: see the refused definitions), and is stored only as ciphertext.
        var stored = string.Concat(Directory.GetFiles(lab.Server.DataDirectory, SqliteDatabase.FileName + "*")
            .Select(f => Encoding.UTF8.GetString(ReadShared(f))));
        Assert.Contains("book_spa", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnerMcpServer.Token, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Korean_and_an_English_request_call_the_tool_with_typed_arguments_and_the_device_hears_its_result()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var before = lab.Spa.Count;
        var turn = await TalkAsync(speaker, "그랜드스파야 3시에 스파 2명 예약해줘");
        Assert.Equal(("스파를 2명, 3시에 예약했어요.", "ko"), (turn.Speech, turn.Lang));
        var call = Assert.Single(lab.Spa.Since(before));
        Assert.Equal(("book_spa", "ko", lab.Enabled.HomeId), (call.Tool, call.Language, call.HomeId));
        Assert.Equal(JsonValueKind.Number, call.Arguments["people"].ValueKind); // a number, not "2"
        Assert.Equal(2, call.Arguments["people"].GetInt32());
        Assert.Equal("3시", call.Arguments["time"].GetString());

        before = lab.Spa.Count;
        turn = await TalkAsync(speaker, "그랜드스파야 내일 아침에 스파 3명 잡아줘");
        Assert.Equal("스파를 3명, 내일 아침에 예약했어요.", turn.Speech);
        Assert.Equal(3, Assert.Single(lab.Spa.Since(before)).Arguments["people"].GetInt32());

        before = lab.Spa.Count;
        turn = await TalkAsync(speaker, "ask Grand Spa to book the spa for 4 people at 6 pm");
        Assert.Equal(("Booked the spa for 4 at 6 pm.", "en"), (turn.Speech, turn.Lang));
        call = Assert.Single(lab.Spa.Since(before));
        Assert.Equal(("book_spa", "en", 4, "6 pm"), (call.Tool, call.Language, call.Arguments["people"].GetInt32(), call.Arguments["time"].GetString()));
    }

    [Fact]
    public async Task A_destructive_tool_is_asked_about_first_and_only_a_yes_calls_it()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var before = lab.Spa.Count;
        var turn = await TalkAsync(speaker, "그랜드스파야 스파 예약 취소해줘");
        Assert.Equal("그랜드스파에 요청하면 되돌릴 수 없어요. 진행할까요?", turn.Speech); // the title is English
        Assert.True(turn.ExpectsSpeech);
        Assert.Empty(lab.Spa.Since(before));

        turn = await TalkAsync(speaker, "아니");
        Assert.Equal("알겠어요, 취소했어요.", turn.Speech);
        Assert.Empty(lab.Spa.Since(before));

        turn = await TalkAsync(speaker, "ask Grand Spa to cancel my spa booking");
        Assert.Equal("Should I ask Grand Spa to cancel the spa booking?", turn.Speech);
        Assert.Empty(lab.Spa.Since(before));
        turn = await TalkAsync(speaker, "yes");
        Assert.Equal("Cancelled your spa booking.", turn.Speech);
        Assert.Equal("cancel_spa_booking", Assert.Single(lab.Spa.Since(before)).Tool);
    }

    [Fact]
    public async Task A_slow_tool_is_an_apology_after_the_timeout_and_a_failing_one_another()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Enabled.SpeakerToken, Ct);
        var clock = Stopwatch.StartNew();
        var turn = await TalkAsync(speaker, "그랜드스파야 사우나 예약해줘");
        Assert.Equal("죄송해요, 그랜드스파가 지금 응답하지 않아요.", turn.Speech);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(8));

        turn = await TalkAsync(speaker, "ask Grand Spa to book the sauna");
        Assert.Equal("Sorry, Grand Spa isn't responding right now.", turn.Speech);

        turn = await TalkAsync(speaker, "ask Grand Spa to reserve the massage chair");
        Assert.Equal("Sorry, something went wrong with Grand Spa. Please try again later.", turn.Speech);
        Assert.Contains("no usable answer from MCP tool reserve_massage_chair", lab.Server.Output, StringComparison.Ordinal);
        // Without the skill's name, its model takes what nothing built in understood (a spa request would be the hotel's own).
        var before = lab.Spa.Count;
        turn = await TalkAsync(speaker, "안마 의자 예약해줘");
        Assert.Equal("reserve_massage_chair", Assert.Single(lab.Spa.Since(before)).Tool);
        Assert.Equal("죄송해요, 그랜드스파에서 문제가 생겼어요. 잠시 후에 다시 말씀해 주세요.", turn.Speech);
    }

    [Fact]
    public async Task Another_tenants_device_does_not_reach_the_server_nor_may_it_enable_or_see_the_skill()
    {
        await using var rival = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.RivalHome.SpeakerToken, Ct);
        var before = lab.Spa.Count;
        var turn = await TalkAsync(rival, "그랜드스파야 3시에 스파 2명 예약해줘");
        Assert.DoesNotContain("예약했어요", turn.Speech, StringComparison.Ordinal);
        turn = await TalkAsync(rival, "ask Grand Spa to book the spa for 2 people at 3 pm");
        Assert.DoesNotContain("Booked", turn.Speech, StringComparison.Ordinal);
        Assert.Empty(lab.Spa.Since(before));

        using var rivalAdmin = lab.Client(lab.RivalAdminKey);
        var (status, _, _) = await rivalAdmin.SendAsync(HttpMethod.Put, $"/v1/sites/{lab.RivalHome.SiteId}/skills/{McpSkillLab.SkillId}", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, _, _) = await rivalAdmin.SendAsync(HttpMethod.Post, $"/v1/skills/{McpSkillLab.SkillId}/tools", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Bad_backend_definitions_are_refused_with_problem_details()
    {
        using var admin = lab.AcmeAdmin();
        var unreachable = $"http://127.0.0.1:{Dure.Testing.ServerProcess.FreePort()}/mcp";
        object Strayed()
        {
            var definition = JsonSerializer.SerializeToNode(McpSkillLab.Definition(lab.Spa.Url, id: "strayed"))!;
            definition["interactionModel"]!["intents"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "order_pizza",
                ["samples"] = new System.Text.Json.Nodes.JsonObject { ["en"] = new System.Text.Json.Nodes.JsonArray("order a pizza") },
            });
            return definition;
        }

        object WithBackend(object backend) => new { id = "bad", name = "Bad", invocationNames = new { en = new[] { "Bad Spa" } }, backend };

        (object Body, string Detail)[] cases =
        [
            (WithBackend(new { kind = "grpc", url = lab.Spa.Url }), "backend.kind must be \"webhook\" or \"mcp\""),
            (WithBackend(new { kind = "mcp", url = "http://spa.example.com/mcp" }), "backend.url must be https (plain http only on a loopback address)"),
            (WithBackend(new { kind = "mcp", url = "not a url" }), "backend.url must be an absolute https URL"),
            (WithBackend(new { kind = "mcp", url = lab.Spa.Url, token = "has a space" }), "backend.token must be at most 4096 printable ASCII"),
            (new { name = "Bad", invocationNames = new { en = new[] { "Bad Spa" } }, webhook = new { url = "https://x.example" }, backend = new { kind = "mcp", url = lab.Spa.Url } },
                "give webhook or backend, not both"),
            (McpSkillLab.Definition(unreachable, id: "unreachable"), $"backend: the MCP server at {unreachable} did not answer"),
            (McpSkillLab.Definition(lab.Spa.Url, token: null, id: "no-token"), "answered tools/list with an error"),
            (Strayed(), "interactionModel: intent 'order_pizza' is not a tool of the MCP server"),
        ];
        var refused = lab.Spa.Unauthorized;
        foreach (var (body, detail) in cases)
        {
            var (status, problem, response) = await admin.SendAsync(HttpMethod.Post, "/v1/skills", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.True(lab.Spa.Unauthorized > refused, "the server refused the registration without its token");
        foreach (var id in new[] { "bad", "unreachable", "no-token", "strayed" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Get, $"/v1/skills/{id}", null, Ct)).Status);
        }

        // A skill on an MCP server signs nothing and cannot turn into a webhook.
        var (rotate, conflict, _) = await admin.SendAsync(HttpMethod.Post, $"/v1/skills/{McpSkillLab.SkillId}/secret", null, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (rotate, conflict.GetProperty("code").GetString()));
        var (patch, _, _) = await admin.SendAsync(HttpMethod.Patch, $"/v1/skills/{McpSkillLab.SkillId}", new { webhook = new { url = "https://x.example" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, patch);
    }

    [Fact]
    public async Task Refreshing_lists_the_tools_again_without_training_an_unchanged_model()
    {
        using var admin = lab.AcmeAdmin();
        var before = lab.Created.GetProperty("backend").GetProperty("toolsListedAt").GetDateTimeOffset();
        var refreshed = await admin.PostAsync($"/v1/skills/{McpSkillLab.SkillId}/tools", null, Ct);
        Assert.True(refreshed.GetProperty("backend").GetProperty("toolsListedAt").GetDateTimeOffset() > before);
        Assert.Equal(4, refreshed.GetProperty("backend").GetProperty("tools").GetArrayLength());
        Assert.Equal("ready", refreshed.GetProperty("model").GetProperty("status").GetString());
    }

    private sealed record Heard(string Speech, string Lang, bool ExpectsSpeech);

    /// <summary>Says something and waits for the answer; acknowledges what came, so the next test's connection does not get it again.</summary>
    private static async Task<Heard> TalkAsync(RawDevice device, string text)
    {
        var id = await device.SayAsync(text, Ct);
        List<JsonElement> messages = [];
        var speech = await device.ReceiveAsync(m =>
        {
            messages.Add(m);
            return RawDevice.Name(m) == MessageNames.SpeechSpeak && m.TryGetProperty("replyTo", out var to) && to.GetString() == id;
        }, Ct);
        messages.AddRange(await device.DrainAsync(TimeSpan.FromMilliseconds(150), Ct));
        foreach (var message in messages)
        {
            await device.AckAsync(message.GetProperty("id").GetString()!, Ct);
        }

        var payload = RawDevice.Payload(speech);
        return new Heard(payload.GetProperty("text").GetString()!, payload.GetProperty("lang").GetString()!,
            messages.Any(m => RawDevice.Name(m) == MessageNames.SpeechExpectSpeech && m.GetProperty("replyTo").GetString() == id));
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
