using System.Net;
using System.Text.Json;
using Dure.Server.Tests.Partners;
using Dure.Server.Tests.Scenarios;
using static Dure.Server.Tests.HomeNetworks.NetworkHomes;

namespace Dure.Server.Tests.HomeNetworks;

/// <summary>
/// The wall-pad vendor adapter end to end through the real server and a vendor's server on loopback: signed control
/// requests out (retried through the outbox), signed states and events in, and every way an inbound request is refused.
/// </summary>
public sealed class WallPadAdapterTests(HomeNetworkServer lab) : IClassFixture<HomeNetworkServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string HomeFile = """
        name: 월패드 세대
        language: ko
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
        devices:
          - id: speaker
            domain: assist_satellite
            area: living_room
            names: { ko: [거실 스피커], en: [Living Room Speaker] }
          - id: light.living_room
            area: living_room
            names: { ko: [거실 조명], en: [Living Room Light] }
            state: "off"
        """;

    private async Task<(TestSite Site, VendorServer Vendor, RawDevice Speaker)> ConnectedHomeAsync(PartnerClient admin)
    {
        var site = await NewAsync(lab, Ct, HomeFile);
        var vendor = await VendorServer.StartAsync();
        var put = await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/wallpad",
            new { baseUrl = vendor.BaseUrl.ToString(), homeMapping = new Dictionary<string, string> { ["101-1203"] = site.HomeId } }, Ct);
        vendor.Secret = put.GetProperty("secret").GetString()!;
        Assert.StartsWith("dure_ws_", vendor.Secret, StringComparison.Ordinal);
        var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, site.SpeakerToken, Ct);
        return (site, vendor, speaker);
    }

    [Fact]
    public async Task The_elevator_is_called_through_the_vendors_server_and_its_arrival_is_announced_on_the_speaker()
    {
        using var admin = lab.AcmeAdmin();
        var (site, vendor, speaker) = await ConnectedHomeAsync(admin);
        await using var _ = vendor;
        await using var __ = speaker;

        var home = await admin.GetAsync($"/v1/homes/{site.HomeId}", Ct);
        var first = home.GetProperty("devices")[0];
        Assert.Equal(("wallpad-server", true), (first.GetProperty("id").GetString(), first.GetProperty("gateway").GetBoolean()));
        var view = await admin.GetAsync($"/v1/sites/{site.SiteId}/wallpad", Ct);
        Assert.False(view.TryGetProperty("secret", out var shown) && shown.ValueKind == JsonValueKind.String);

        Assert.Equal("엘리베이터를 불렀어요.", await SpeechAsync(speaker, "엘리베이터 불러줘", Ct));
        var call = await vendor.NextAsync(Ct);
        Assert.True(call.SignatureValid);
        Assert.Equal(("101-1203", "elevator", "elevator", "call"), (call.Body.GetProperty("homeId").GetString(), call.Body.GetProperty("device").GetString(),
            call.Body.GetProperty("domain").GetString(), call.Body.GetProperty("action").GetString()));
        Assert.False(string.IsNullOrEmpty(call.Body.GetProperty("requestId").GetString()));

        var arrived = JsonSerializer.Serialize(new
        {
            requestId = Guid.NewGuid().ToString(),
            type = "event",
            homeId = "101-1203",
            @event = new { type = "elevator.arrived", data = new { floor = 7 } },
        });
        var (status, body) = await VendorServer.PostAsync(lab.Server.BaseUrl, site.SiteId, arrived, vendor.Secret, Ct);
        Assert.Equal(200, status);
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        var announcement = await speaker.ReceiveAsync(m => RawDevice.Name(m) == "Speech.Speak" &&
            RawDevice.Payload(m).GetProperty("text").GetString()!.Contains("엘리베이터", StringComparison.Ordinal), Ct);
        Assert.Equal("엘리베이터가 7층에 도착했어요.", RawDevice.Payload(announcement).GetProperty("text").GetString());

        var state = JsonSerializer.Serialize(new
        {
            requestId = Guid.NewGuid().ToString(),
            type = "state",
            homeId = "101-1203",
            device = "light.living_room",
            state = "on",
            attributes = new { brightness = 80 },
        });
        Assert.Equal(200, (await VendorServer.PostAsync(lab.Server.BaseUrl, site.SiteId, state, vendor.Secret, Ct)).Status);
        home = await admin.GetAsync($"/v1/homes/{site.HomeId}", Ct);
        Assert.Equal("on", State(home, "light.living_room"));
        Assert.Equal(80, Device(home, "light.living_room")!.Value.GetProperty("attributes").GetProperty("brightness").GetDouble());
        Assert.Equal("네, 거실 조명은 켜져 있어요.", await SpeechAsync(speaker, "거실 불 켜져 있어?", Ct));
    }

    [Fact]
    public async Task A_control_request_the_vendor_fails_is_sent_again_with_the_same_request_id_until_it_succeeds()
    {
        using var admin = lab.AcmeAdmin();
        var (_, vendor, speaker) = await ConnectedHomeAsync(admin);
        await using var _ = vendor;
        await using var __ = speaker;

        vendor.FailNext(2);
        Assert.Equal("거실 조명을 켰어요.", await SpeechAsync(speaker, "거실 불 켜줘", Ct));
        var attempts = new[] { await vendor.NextAsync(Ct), await vendor.NextAsync(Ct), await vendor.NextAsync(Ct) };
        Assert.Equal([503, 503, 200], attempts.Select(a => a.AnsweredWith));
        Assert.All(attempts, a => Assert.True(a.SignatureValid));
        Assert.Single(attempts.Select(a => a.Body.GetProperty("requestId").GetString()).Distinct());
        Assert.All(attempts, a => Assert.Equal(("light.living_room", "turn_on"), (a.Body.GetProperty("device").GetString(), a.Body.GetProperty("action").GetString())));

        // Delivered once acknowledged: the next command goes out alone.
        Assert.Equal("거실 조명을 껐어요.", await SpeechAsync(speaker, "거실 불 꺼줘", Ct));
        var next = await vendor.NextAsync(Ct);
        Assert.Equal(("turn_off", 200), (next.Body.GetProperty("action").GetString(), next.AnsweredWith));

        // A command's parameters travel in params.
        Assert.Equal("거실 조명 밝기를 40%로 맞췄어요.", await SpeechAsync(speaker, "거실 조명 밝기 40%로", Ct));
        var dimmed = await vendor.NextAsync(Ct);
        Assert.True(dimmed.SignatureValid);
        Assert.Equal(("turn_on", 40), (dimmed.Body.GetProperty("action").GetString(), dimmed.Body.GetProperty("params").GetProperty("brightness").GetInt32()));
    }

    [Fact]
    public async Task Parcels_visitors_and_meter_readings_the_vendor_posts_are_in_the_speakers_answers()
    {
        using var admin = lab.AcmeAdmin();
        var (site, vendor, speaker) = await ConnectedHomeAsync(admin);
        await using var _ = vendor;
        await using var __ = speaker;
        Assert.Equal("새로 온 택배는 없어요.", await SpeechAsync(speaker, "택배 왔어?", Ct));
        Assert.Equal("이번 달 전기 검침 기록이 아직 없어요.", await SpeechAsync(speaker, "이번 달 전기 얼마나 썼어?", Ct));

        async Task PostAsync(string type, object data, DateTimeOffset? at = null)
        {
            var body = JsonSerializer.Serialize(new { requestId = Guid.NewGuid().ToString(), type = "event", homeId = "101-1203", @event = new { type, data, at } });
            var (status, answer) = await VendorServer.PostAsync(lab.Server.BaseUrl, site.SiteId, body, vendor.Secret, Ct);
            Assert.True(status == 200, $"{type}: {status} {answer}");
        }

        var now = SeoulClock.Now;
        var at = now.AddSeconds(-now.Second).AddMilliseconds(-now.Millisecond);
        await PostAsync("parcel.arrived", new { carrier = "CJ대한통운", item = "생수" }, SeoulClock.At(at));
        await PostAsync("parcel.arrived", new { carrier = "우체국택배" }, SeoulClock.At(at));
        await PostAsync("visitor.arrived", new { name = "관리사무소" }, SeoulClock.At(at));

        // Cumulative electricity readings: 245 kWh so far this month, 278 kWh by the same moment of last month.
        var monthStart = new DateTime(now.Year, now.Month, 1);
        var justBefore = now.AddSeconds(-1);
        foreach (var (when, value) in new[] { (monthStart.AddMonths(-1), 10_000), (justBefore.AddMonths(-1), 10_278), (monthStart, 10_300), (justBefore, 10_545) })
        {
            await PostAsync("meter.reading", new { utility = "electricity", value, unit = "kWh" }, SeoulClock.At(when));
        }

        Assert.Equal($"택배가 2개 와 있어요. 마지막 택배는 오늘 {SeoulClock.Korean(at)}에 왔어요.", await SpeechAsync(speaker, "택배 왔어?", Ct));
        Assert.Equal($"방문자는 1명이었어요. 마지막 방문은 오늘 {SeoulClock.Korean(at)}에 있었어요.", await SpeechAsync(speaker, "오늘 방문자 있었어?", Ct));
        Assert.Equal("이번 달 전기는 245kWh 썼어요, 지난달보다 12% 적어요.", await SpeechAsync(speaker, "이번 달 전기 얼마나 썼어?", Ct));
        Assert.Equal("지난달 전기는 278kWh 썼어요.", await SpeechAsync(speaker, "지난달 전기 사용량 알려줘", Ct));
        Assert.Equal("You used 245 kWh of electricity this month, 12% less than last month.",
            await SpeechAsync(speaker, "how much electricity did we use this month?", Ct, "en"));
        Assert.Equal($"2 packages have arrived; the last one today at {SeoulClock.English(at)}.", await SpeechAsync(speaker, "did I get any packages?", Ct, "en"));

        // A reading without its unit is refused with the reason, and changes nothing.
        var broken = JsonSerializer.Serialize(new
        {
            requestId = Guid.NewGuid().ToString(),
            type = "event",
            homeId = "101-1203",
            @event = new { type = "meter.reading", data = new { utility = "electricity", value = 99_999 } },
        });
        var (refused, problem) = await VendorServer.PostAsync(lab.Server.BaseUrl, site.SiteId, broken, vendor.Secret, Ct);
        Assert.Equal((400, "invalid_request"), (refused, problem.GetProperty("code").GetString()));
        Assert.Contains("data.unit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("이번 달 전기는 245kWh 썼어요, 지난달보다 12% 적어요.", await SpeechAsync(speaker, "이번 달 전기 얼마나 썼어?", Ct));
    }

    [Fact]
    public async Task Inbound_requests_with_a_bad_signature_an_old_timestamp_or_a_replayed_id_are_refused()
    {
        using var admin = lab.AcmeAdmin();
        var (site, vendor, speaker) = await ConnectedHomeAsync(admin);
        await using var _ = vendor;
        await using var __ = speaker;
        var dure = lab.Server.BaseUrl;
        string Event(string? requestId = null, string homeId = "101-1203", string type = "visitor.arrived") => JsonSerializer.Serialize(new
        {
            requestId = requestId ?? Guid.NewGuid().ToString(),
            type = "event",
            homeId,
            @event = new { type, data = new { name = "택배 기사" } },
        });

        async Task Refused(int status, string code, string body, string secret, long? timestamp = null, string? signature = null)
        {
            var (answered, problem) = await VendorServer.PostAsync(dure, site.SiteId, body, secret, Ct, timestamp, signature);
            Assert.Equal((status, code), (answered, problem.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }

        await Refused(401, "invalid_signature", Event(), "dure_ws_not-the-secret");
        await Refused(401, "invalid_signature", Event(), vendor.Secret, signature: "sha256=abc");
        await Refused(401, "invalid_signature", Event(), vendor.Secret, signature: "");
        await Refused(401, "stale_timestamp", Event(), vendor.Secret, DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds());
        var once = Event();
        Assert.Equal(200, (await VendorServer.PostAsync(dure, site.SiteId, once, vendor.Secret, Ct)).Status);
        await Refused(401, "replayed_request", once, vendor.Secret);
        await Refused(404, "unknown_home", Event(homeId: "999-9999"), vendor.Secret);
        await Refused(400, "invalid_request", Event(type: "fire.alarm"), vendor.Secret);
        await Refused(400, "invalid_request", """{"type":"event"}""", vendor.Secret);
        // Another site's id with this site's secret: the signature is not that site's.
        var other = await NewAsync(lab, Ct, HomeFile);
        var (status, _) = await VendorServer.PostAsync(dure, other.SiteId, Event(), vendor.Secret, Ct);
        Assert.Equal(401, status);

        // A rotated secret signs from now on; the previous one still verifies the vendor's requests for a while.
        var rotated = (await admin.PostAsync($"/v1/sites/{site.SiteId}/wallpad/secret", null, Ct)).GetProperty("secret").GetString()!;
        Assert.NotEqual(vendor.Secret, rotated);
        Assert.Equal(200, (await VendorServer.PostAsync(dure, site.SiteId, Event(), vendor.Secret, Ct)).Status);
        Assert.Equal(200, (await VendorServer.PostAsync(dure, site.SiteId, Event(), rotated, Ct)).Status);
        vendor.Secret = rotated;
        Assert.Equal("엘리베이터를 불렀어요.", await SpeechAsync(speaker, "엘리베이터 불러줘", Ct));
        Assert.True((await vendor.NextAsync(Ct)).SignatureValid);

        using var rival = lab.Client(lab.RivalAdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.SendAsync(HttpMethod.Get, $"/v1/sites/{site.SiteId}/wallpad", null, Ct)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/v1/sites/{site.SiteId}/wallpad", null, Ct)).Status);
        Assert.Null(Device(await admin.GetAsync($"/v1/homes/{site.HomeId}", Ct), "wallpad-server"));
        await Refused(401, "invalid_signature", Event(), rotated);
    }
}
