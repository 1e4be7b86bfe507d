using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dure.Protocol;
using Dure.Server.Tests.Partners;

namespace Dure.Server.Tests.Alliance;

/// <summary>
/// Two Dure servers on loopback: apartment server A hands hotel requests to hotel server B over A2A and over Open Floor
/// by its routing rules, and A's wall pad hears B's answers; what A understands stays with A; a slow agent is an apology.
/// </summary>
[Collection(AllianceCollection.Name)]
public sealed class AllianceDelegationTests(AllianceLab lab) : IClassFixture<AllianceLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PartnerClient Apt() => new(lab.A.BaseUrl, lab.AptKey);

    /// <summary>Registers an agent of A and its rules; returns a disposer that removes them.</summary>
    private async Task<IAsyncDisposable> AllyAsync(string protocol, string url, string? token, params (string Match, string? Value, int Priority)[] rules)
    {
        using var apt = Apt();
        var agent = await apt.PostAsync("/v1/alliance/agents", new { name = "그랜드 호텔", protocol, url, token }, Ct);
        var agentId = agent.GetProperty("id").GetString()!;
        Assert.Equal(token is not null, agent.GetProperty("hasToken").GetBoolean());
        Assert.False(agent.TryGetProperty("token", out _));
        foreach (var (match, value, priority) in rules)
        {
            await apt.PostAsync("/v1/alliance/routes", new { agentId, match, value, priority }, Ct);
        }

        return new Removal(lab, agentId);
    }

    private sealed class Removal(AllianceLab lab, string agentId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var apt = new PartnerClient(lab.A.BaseUrl, lab.AptKey);
            await apt.OkAsync(HttpMethod.Delete, $"/v1/alliance/agents/{agentId}", null, Ct);
            Assert.Empty((await apt.GetAsync("/v1/alliance/routes", Ct)).GetProperty("items").EnumerateArray()); // the rules went with it
        }
    }

    private static async Task<JsonElement> SayAsync(RawDevice device, string text)
    {
        var id = await device.SayAsync(text, Ct);
        return (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: id)).GetProperty("payload");
    }

    private string RoomUrl(string path) => new Uri(lab.B.BaseUrl, $"{path}?homeId={lab.HotelRoomId}").ToString();

    [Fact]
    public async Task A_delegates_hotel_requests_to_B_over_A2A_and_the_wall_pad_hears_Bs_answer()
    {
        await using var ally = await AllyAsync("a2a", RoomUrl("/a2a"), lab.KeyForA, ("domain", "hotel", 100), ("unknown", null, 200));
        await using var wallpad = await RawDevice.ConnectAsync(lab.A.BaseUrl, lab.Apartment.SpeakerToken, Ct);

        Assert.Equal("수건 2개를 요청했어요. 준비되면 알려 드릴게요.", (await SayAsync(wallpad, "수건 두 장 가져다 주세요")).GetProperty("text").GetString());
        // The request landed at the hotel's front desk, not at the apartment's.
        using (var hotel = new PartnerClient(lab.B.BaseUrl, lab.HotelKey))
        {
            var ticket = (await hotel.GetAsync("/v1/tickets", Ct)).GetProperty("items").EnumerateArray().Single(t => t.GetProperty("item").GetString() == "수건");
            Assert.Equal(lab.HotelRoomId, ticket.GetProperty("homeId").GetString());
            Assert.Equal(2, ticket.GetProperty("quantity").GetInt32());
        }

        using (var apt = Apt())
        {
            Assert.DoesNotContain((await apt.GetAsync("/v1/tickets", Ct)).GetProperty("items").EnumerateArray(), t => t.GetProperty("item").GetString() == "수건");
        }

        Assert.StartsWith("Checkout is at 11", (await SayAsync(wallpad, "what time is checkout?")).GetProperty("text").GetString(), StringComparison.Ordinal);
        // Nothing A understands: the "unknown" rule asks B, whose property FAQ knows.
        Assert.Equal("공항 셔틀버스는 매시 정각에 호텔 정문에서 출발해요.", (await SayAsync(wallpad, "공항 셔틀버스 있어?")).GetProperty("text").GetString());

        // What A understands stays with A.
        var turn = await wallpad.SayAsync("거실 불 켜줘", Ct);
        var control = await wallpad.ReceiveAsync(m => m.GetProperty("name").GetString() == MessageNames.DeviceControl, Ct);
        Assert.Equal("light.living_room", control.GetProperty("payload").GetProperty("device").GetString());
        var spoken = await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
        Assert.Equal("거실 조명을 켰어요.", spoken.GetProperty("payload").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_removed_rule_stops_delegating_with_the_next_turn()
    {
        // The routes are cached between turns; the server that changes them must not use the old ones.
        var ally = await AllyAsync("a2a", RoomUrl("/a2a"), lab.KeyForA, ("domain", "hotel", 100));
        await using var wallpad = await RawDevice.ConnectAsync(lab.A.BaseUrl, lab.Apartment.SpeakerToken, Ct);
        using var hotel = new PartnerClient(lab.B.BaseUrl, lab.HotelKey);
        async Task<int> PillowTicketsAsync() =>
            (await hotel.GetAsync("/v1/tickets", Ct)).GetProperty("items").EnumerateArray().Count(t => t.GetProperty("item").GetString() == "베개");

        var before = await PillowTicketsAsync();
        await SayAsync(wallpad, "베개 하나 더 주세요");
        Assert.Equal(before + 1, await PillowTicketsAsync());

        await ally.DisposeAsync();
        await SayAsync(wallpad, "베개 하나 더 주세요");
        Assert.Equal(before + 1, await PillowTicketsAsync());
        // A kept the request: the pillow is on A's own front desk now.
        using var apt = Apt();
        Assert.Contains((await apt.GetAsync("/v1/tickets", Ct)).GetProperty("items").EnumerateArray(), t => t.GetProperty("item").GetString() == "베개");
    }

    [Fact]
    public async Task Over_Open_Floor_B_keeps_the_floor_while_it_asks_and_gives_it_back_with_bye()
    {
        await using var ally = await AllyAsync("openfloor", RoomUrl("/ofp"), lab.KeyForA, ("domain", "hotel", 100));
        await using var wallpad = await RawDevice.ConnectAsync(lab.A.BaseUrl, lab.Apartment.SpeakerToken, Ct);

        var id = await wallpad.SayAsync("모닝콜 해줘", Ct);
        Assert.Equal("모닝콜을 몇 시로 해 드릴까요?", (await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: id)).GetProperty("payload").GetProperty("text").GetString());
        await wallpad.ReceiveAsync(MessageNames.SpeechExpectSpeech, Ct, replyTo: id);

        // "7시" alone means nothing to A: B holds the floor, so it is B's answer.
        var answer = (await SayAsync(wallpad, "아침 7시")).GetProperty("text").GetString()!;
        Assert.Contains("7시", answer, StringComparison.Ordinal);
        Assert.EndsWith("모닝콜을 해 드릴게요.", answer, StringComparison.Ordinal);

        // B said bye: the floor is A's again.
        Assert.Equal("거실 조명을 껐어요.", (await SayAsync(wallpad, "거실 불 꺼줘")).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Cancelling_while_an_agent_holds_the_floor_gives_it_back()
    {
        await using var ally = await AllyAsync("openfloor", RoomUrl("/ofp"), lab.KeyForA, ("intent", "hotel.wake_up_call", 100));
        await using var wallpad = await RawDevice.ConnectAsync(lab.A.BaseUrl, lab.Apartment.SpeakerToken, Ct);
        Assert.Equal("What time should the wake-up call be?", (await SayAsync(wallpad, "I need a wake-up call")).GetProperty("text").GetString());
        Assert.Equal("Okay, I've cancelled that.", (await SayAsync(wallpad, "cancel")).GetProperty("text").GetString());
        Assert.Equal("Turned on the Living Room Light.", (await SayAsync(wallpad, "turn on the living room light")).GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_agent_that_does_not_answer_in_time_gets_a_spoken_apology_in_Korean_and_English()
    {
        // Accepts connections and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new System.Collections.Concurrent.ConcurrentBag<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    held.Add(await silent.AcceptTcpClientAsync(Ct));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The listener stopped at the end of the test.
            }
        }, Ct);
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/a2a";
        await using var ally = await AllyAsync("a2a", url, null, ("intent", "hotel.wifi_info", 1));
        await using var wallpad = await RawDevice.ConnectAsync(lab.A.BaseUrl, lab.Apartment.SpeakerToken, Ct);

        var clock = Stopwatch.StartNew();
        Assert.Equal("죄송해요, 그랜드 호텔이 지금 응답하지 않아요. 잠시 후에 다시 말씀해 주세요.",
            (await SayAsync(wallpad, "와이파이 비밀번호 알려줘")).GetProperty("text").GetString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10));
        Assert.Equal("Sorry, 그랜드 호텔 isn't responding right now. Please try again in a moment.",
            (await SayAsync(wallpad, "what's the wifi password?")).GetProperty("text").GetString());
        silent.Stop();
        await accepting;
        foreach (var client in held)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Bs_A2A_agent_card_send_and_stream_answer_a_client_directly()
    {
        using var http = new HttpClient { BaseAddress = lab.B.BaseUrl };
        var card = JsonDocument.Parse(await http.GetStringAsync("/.well-known/agent-card.json", Ct)).RootElement;
        var rpc = card.GetProperty("supportedInterfaces")[0];
        Assert.Equal("JSONRPC", rpc.GetProperty("protocolBinding").GetString());
        Assert.Equal("1.0", rpc.GetProperty("protocolVersion").GetString());
        Assert.True(card.GetProperty("capabilities").GetProperty("streaming").GetBoolean());

        var send = await PostAsync(http, "/a2a", Rpc("SendMessage", "체크아웃 몇 시야?"), lab.KeyForA);
        var task = JsonDocument.Parse(send).RootElement.GetProperty("result").GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("체크아웃은 오전 11시예요.", task.GetProperty("status").GetProperty("message").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("ROLE_AGENT", task.GetProperty("status").GetProperty("message").GetProperty("role").GetString());

        var stream = await PostAsync(http, "/a2a", Rpc("message/stream", "what time is checkout?"), lab.KeyForA);
        var events = stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("result")).ToList();
        Assert.Equal("TASK_STATE_WORKING", events[0].GetProperty("task").GetProperty("status").GetProperty("state").GetString());
        Assert.StartsWith("Checkout is at 11", events[1].GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString(),
            StringComparison.Ordinal);
        Assert.True(events[^1].GetProperty("statusUpdate").GetProperty("final").GetBoolean());
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        // Bad input is a JSON-RPC error or a problem, never a crash.
        Assert.Equal(-32700, JsonDocument.Parse(await PostAsync(http, "/a2a", "{nope", lab.KeyForA)).RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(-32601, JsonDocument.Parse(await PostAsync(http, "/a2a", """{"jsonrpc":"2.0","id":1,"method":"Dance"}""", lab.KeyForA))
            .RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(-32602, JsonDocument.Parse(await PostAsync(http, "/a2a", """{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{}}""", lab.KeyForA))
            .RootElement.GetProperty("error").GetProperty("code").GetInt32());
        using var noHome = new HttpRequestMessage(HttpMethod.Post, "/a2a") { Content = new StringContent(Rpc("SendMessage", "hello", homeId: null), Encoding.UTF8, "application/json") };
        noHome.Headers.Authorization = new("Bearer", lab.KeyForA);
        var refused = JsonDocument.Parse(await (await http.SendAsync(noHome, Ct)).Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Contains("homeId", refused.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/a2a") { Content = new StringContent(Rpc("SendMessage", "hi"), Encoding.UTF8, "application/json") };
        using var unauthorized = await http.SendAsync(anonymous, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bs_Open_Floor_agent_answers_an_envelope_with_an_utterance_and_bye_and_refuses_garbage()
    {
        using var http = new HttpClient { BaseAddress = lab.B.BaseUrl };
        var envelope = """
            {"openFloor":{"schema":{"version":"1.0.0"},"conversation":{"id":"conv-CONVERSATION"},
             "sender":{"speakerUri":"tag:test,2026:caller"},
             "events":[{"eventType":"invite","to":{"serviceUrl":"SERVICE"}},
               {"eventType":"utterance","parameters":{"dialogEvent":{"speakerUri":"tag:test,2026:caller","span":{"startTime":"2026-01-01T00:00:00Z"},
                 "features":{"text":{"mimeType":"text/plain","tokens":[{"value":"수영장 운영 시간 알려줘"}]}}}}}]}}
            """.Replace("CONVERSATION", Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("SERVICE", new Uri(lab.B.BaseUrl, "/ofp").ToString(), StringComparison.Ordinal);
        var answer = JsonDocument.Parse(await PostAsync(http, $"/ofp?homeId={lab.HotelRoomId}", envelope, lab.KeyForA)).RootElement.GetProperty("openFloor");
        var events = answer.GetProperty("events").EnumerateArray().ToList();
        Assert.True(events.Select(e => e.GetProperty("eventType").GetString()).SequenceEqual(["utterance", "bye"]), answer.ToString());
        var said = events[0].GetProperty("parameters").GetProperty("dialogEvent").GetProperty("features").GetProperty("text").GetProperty("tokens")[0]
            .GetProperty("value").GetString()!;
        Assert.Contains("수영장", said, StringComparison.Ordinal);
        Assert.Contains("6시", said, StringComparison.Ordinal);

        using var garbage = new HttpRequestMessage(HttpMethod.Post, $"/ofp?homeId={lab.HotelRoomId}") { Content = new StringContent("""{"ovon":1}""", Encoding.UTF8, "application/json") };
        garbage.Headers.Authorization = new("Bearer", lab.KeyForA);
        using var refused = await http.SendAsync(garbage, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_envelope", JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString());

        // A's own key is nothing to B.
        using var foreign = new HttpRequestMessage(HttpMethod.Post, $"/ofp?homeId={lab.HotelRoomId}") { Content = new StringContent(envelope, Encoding.UTF8, "application/json") };
        foreign.Headers.Authorization = new("Bearer", lab.AptKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(foreign, Ct)).StatusCode);
    }

    private string Rpc(string method, string text, string? homeId = "") => JsonSerializer.Serialize(new
    {
        jsonrpc = "2.0",
        id = 7,
        method,
        @params = new
        {
            message = new
            {
                messageId = Guid.NewGuid().ToString("N"),
                role = "ROLE_USER",
                parts = new[] { new { text } },
                metadata = homeId is null ? null : new { homeId = lab.HotelRoomId },
            },
        },
    });

    private static async Task<string> PostAsync(HttpClient http, string path, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", key);
        request.Headers.Add("A2A-Version", "1.0");
        using var response = await http.SendAsync(request, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
