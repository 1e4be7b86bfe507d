using System.Globalization;
using System.Net;
using System.Text.Json;
using Dure.Platform.Conversations;
using Dure.Protocol;
using Dure.Testing;

namespace Dure.Server.Tests.Partners;

/// <summary>
/// The lab with turn records written within 50 ms, and a weather service that does not answer (a closed loopback
/// port), so that asking for the weather is a turn with an error.
/// </summary>
public sealed class AnalyticsLab : PartnerLab
{
    private readonly int _closedPort = ServerProcess.FreePort();

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Dure__Conversations__FlushInterval"] = "00:00:00.050",
        ["Dure__Providers__Weather__Provider"] = "open-meteo",
        ["Dure__Providers__Weather__GeocodingUrl"] = $"http://127.0.0.1:{_closedPort}/v1/search",
        ["Dure__Providers__Weather__ForecastUrl"] = $"http://127.0.0.1:{_closedPort}/v1/forecast",
        ["Dure__Providers__Weather__Timeout"] = "00:00:02",
    };
}

/// <summary>Turns through the real server, read back from the conversation log and the analytics of the partner API.</summary>
public sealed class ConversationTests(AnalyticsLab lab) : IClassFixture<AnalyticsLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Analytics_per_site_and_day_match_the_turns_of_each_site_exactly()
    {
        var first = await lab.NewHomeAsync(Ct);
        var second = await lab.NewHomeAsync(Ct);
        var rival = await lab.NewHomeAsync(Ct, lab.RivalAdminKey);

        var firstReplies = await TalkAsync(first.SpeakerToken, "거실 불 켜줘", "거실 불 꺼줘", "지금 몇 시야?", "블라블라 쿵짝", "오늘 날씨 어때?", "거실 불 켜줘");
        var secondReplies = await TalkAsync(second.SpeakerToken, "en:turn on the living room light", "en:what time is it", "en:zxcv qwer");
        await TalkAsync(rival.SpeakerToken, "거실 불 켜줘", "블라블라 쿵짝");

        using var acme = lab.AcmeAdmin();
        using var rivalAdmin = lab.Client(lab.RivalAdminKey);
        var firstLog = await LogOfAsync(acme, first, 6);
        var secondLog = await LogOfAsync(acme, second, 3);
        var rivalLog = await LogOfAsync(rivalAdmin, rival, 2);

        // The log holds what was said and answered, oldest last.
        Assert.Equal(["거실 불 켜줘", "오늘 날씨 어때?", "블라블라 쿵짝", "지금 몇 시야?", "거실 불 꺼줘", "거실 불 켜줘"], firstLog.Select(r => r.Text));
        Assert.Equal(firstReplies.AsEnumerable().Reverse(), firstLog.Select(r => r.Reply));
        Assert.Equal(secondReplies.AsEnumerable().Reverse(), secondLog.Select(r => r.Reply));
        Assert.All(firstLog, r => Assert.Equal((first.SiteId, first.HomeId, "speaker", "ko", false), (r.SiteId, r.HomeId, r.DeviceId, r.Lang, r.Scheduled)));
        Assert.All(secondLog, r => Assert.Equal((second.SiteId, "en"), (r.SiteId, r.Lang)));
        Assert.Equal(["home.turn_on", "weather.get", null, "clock.get_time", "home.turn_off", "home.turn_on"], firstLog.Select(r => r.Intent));
        Assert.Equal([true, true, false, true, true, true], firstLog.Select(r => r.Understood));
        Assert.Equal([null, "provider_unavailable", null, null, null, null], firstLog.Select(r => r.Error));
        Assert.Equal([null, "clock.get_time", "home.turn_on"], secondLog.Select(r => r.Intent));
        Assert.All(firstLog.Concat(secondLog), r => Assert.InRange(r.LatencyMs, 0, 10_000));

        foreach (var (site, log, client) in new[] { (first, firstLog, acme), (second, secondLog, acme), (rival, rivalLog, rivalAdmin) })
        {
            var analytics = await client.GetAsync($"/v1/analytics?siteId={site.SiteId}&from={Today}&to={Today}", Ct);
            var day = Assert.Single(analytics.GetProperty("days").EnumerateArray());
            Assert.Equal(Today, day.GetProperty("date").GetString());
            AssertCounts(log, day);
            AssertCounts(log, analytics.GetProperty("totals"));
        }

        // The tenant's totals hold both of its sites; the rival's hold only its own turns.
        var acmeTotals = (await acme.GetAsync($"/v1/analytics?from={Today}&to={Today}", Ct)).GetProperty("totals");
        Assert.True(acmeTotals.GetProperty("utterances").GetInt64() >= 9);
        Assert.True(acmeTotals.GetProperty("intents").GetProperty("home.turn_on").GetInt64() >= 3);
        AssertCounts(rivalLog, (await rivalAdmin.GetAsync($"/v1/analytics?from={Today}&to={Today}", Ct)).GetProperty("totals"));
    }

    [Fact]
    public async Task The_log_lists_newest_first_by_site_home_device_and_time_in_pages_and_is_deleted_on_request()
    {
        var site = await lab.NewHomeAsync(Ct);
        using var admin = lab.AcmeAdmin();
        var bedroom = await admin.PostAsync($"/v1/homes/{site.HomeId}/devices", new
        {
            id = "bedroom_speaker",
            domain = "assist_satellite",
            area = "bedroom",
            names = new Dictionary<string, string[]> { ["ko"] = ["침실 스피커"] },
            connects = true,
        }, Ct);
        await TalkAsync(site.SpeakerToken, "거실 불 켜줘", "지금 몇 시야?", "거실 불 꺼줘");
        await TalkAsync(bedroom.GetProperty("token").GetString()!, "침실 불 켜줘", "en:what time is it");
        var all = await LogOfAsync(admin, site, 5);
        Assert.Equal(all.OrderByDescending(r => r.At).Select(r => r.Id), all.Select(r => r.Id));

        // Pages of two, newest first, each record once.
        List<Record> paged = [];
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await admin.GetAsync($"/v1/conversations?homeId={site.HomeId}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", Ct);
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(Record.Of));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);
        Assert.Equal(3, pages);
        Assert.Equal(all.Select(r => r.Id), paged.Select(r => r.Id));

        Assert.Equal(["en:what time is it", "침실 불 켜줘"],
            (await ListAsync(admin, $"homeId={site.HomeId}&deviceId=bedroom_speaker")).Select(r => r.Lang == "en" ? "en:" + r.Text : r.Text));
        Assert.Equal(all.Select(r => r.Id), (await ListAsync(admin, $"siteId={site.SiteId}")).Select(r => r.Id));
        var from = Uri.EscapeDataString(all[3].At.ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(all[1].At.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal([all[2].Id, all[3].Id], (await ListAsync(admin, $"siteId={site.SiteId}&from={from}&to={to}")).Select(r => r.Id));

        // Another tenant sees none of it and cannot name the home; bad filters are clear errors.
        using var rival = lab.Client(lab.RivalAdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.SendAsync(HttpMethod.Get, $"/v1/conversations?homeId={site.HomeId}", null, Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.SendAsync(HttpMethod.Get, $"/v1/conversations?siteId={site.SiteId}", null, Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.SendAsync(HttpMethod.Delete, $"/v1/conversations?homeId={site.HomeId}", null, Ct)).Status);
        Assert.DoesNotContain((await ListAsync(rival, "limit=500")), r => r.HomeId == site.HomeId);
        foreach (var bad in new[] { "cursor=bm9wZQ", "from=yesterday", $"from={to}&to={from}", "limit=0" })
        {
            var (status, problem, _) = await admin.SendAsync(HttpMethod.Get, $"/v1/conversations?{bad}", null, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Delete, "/v1/conversations", null, Ct)).Status);

        // Deleting one device's records, then the home's; the analytics keep counting the turns.
        var deleted = await admin.OkAsync(HttpMethod.Delete, $"/v1/conversations?homeId={site.HomeId}&deviceId=bedroom_speaker", null, Ct);
        Assert.Equal(2, deleted.GetProperty("deleted").GetInt32());
        Assert.Equal(3, (await ListAsync(admin, $"homeId={site.HomeId}")).Count);
        deleted = await admin.OkAsync(HttpMethod.Delete, $"/v1/conversations?homeId={site.HomeId}", null, Ct);
        Assert.Equal(3, deleted.GetProperty("deleted").GetInt32());
        Assert.Empty(await ListAsync(admin, $"homeId={site.HomeId}"));
        var analytics = await admin.GetAsync($"/v1/analytics?siteId={site.SiteId}&from={Today}&to={Today}", Ct);
        Assert.Equal(5, analytics.GetProperty("totals").GetProperty("utterances").GetInt64());

        var audit = (await admin.GetAsync("/v1/audit?limit=10", Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "conversations.delete" &&
            e.GetProperty("target").GetString() == $"{site.HomeId}/bedroom_speaker" && e.GetProperty("detail").GetString() == "2 records");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "conversations.delete" && e.GetProperty("target").GetString() == site.HomeId);
    }

    [Fact]
    public async Task Analytics_take_a_range_of_up_to_366_UTC_days_and_list_every_day_of_it()
    {
        using var admin = lab.AcmeAdmin();
        var year = await admin.GetAsync("/v1/analytics?from=2024-01-01&to=2024-12-31", Ct);
        var days = year.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(366, days.Count);
        Assert.Equal(("2024-01-01", "2024-12-31"), (days[0].GetProperty("date").GetString(), days[^1].GetProperty("date").GetString()));
        Assert.All(days, d => Assert.Equal((0, JsonValueKind.Null, JsonValueKind.Null),
            (d.GetProperty("utterances").GetInt32(), d.GetProperty("understoodRate").ValueKind, d.GetProperty("latencyP50Ms").ValueKind)));

        var recent = await admin.GetAsync("/v1/analytics", Ct);
        Assert.Equal(30, recent.GetProperty("days").GetArrayLength());
        Assert.Equal(Today, recent.GetProperty("days").EnumerateArray().Last().GetProperty("date").GetString());

        foreach (var bad in new[] { "from=2024-01-01&to=2025-01-01", "from=2024-02-01&to=2024-01-31", "from=2024-13-01", "to=01/02/2024" })
        {
            var (status, problem, _) = await admin.SendAsync(HttpMethod.Get, $"/v1/analytics?{bad}", null, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        }

        var rivalSite = await lab.NewHomeAsync(Ct, lab.RivalAdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Get, $"/v1/analytics?siteId={rivalSite.SiteId}", null, Ct)).Status);
    }

    [Fact]
    public async Task A_device_over_its_event_budget_gets_rate_limited_errors_and_stays_connected_while_others_are_served()
    {
        var flooded = await lab.NewHomeAsync(Ct);
        var other = await lab.NewHomeAsync(Ct);
        await using var flooder = await RawDevice.ConnectAsync(lab.Server.BaseUrl, flooded.SpeakerToken, Ct);
        await using var neighbour = await RawDevice.ConnectAsync(lab.Server.BaseUrl, other.SpeakerToken, Ct);
        await flooder.AssertStillAnswersAsync(Ct); // one event of the 30 the burst allows

        List<string> ids = [];
        for (var i = 0; i < 60; i++)
        {
            var report = Payloads.Event(MessageNames.DeviceStateReport, new DeviceStateReport("idle"), ProtocolJson.Default.DeviceStateReport);
            ids.Add(report.Id);
            await flooder.SendAsync(report, Ct);
        }

        // An acknowledgement while the budget is spent is still taken: refusing it would only bring its directive back.
        var ack = Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: "no-such-directive");
        await flooder.SendAsync(ack, Ct);

        await neighbour.AssertStillAnswersAsync(Ct);
        var errors = (await flooder.DrainAsync(TimeSpan.FromSeconds(1), Ct)).Where(m => RawDevice.Name(m) == MessageNames.SystemError).ToList();

        // The burst (30, one spent above) is honoured, the rest is refused with when to retry: at most 1/10 s away.
        Assert.InRange(errors.Count, 10, 31);
        Assert.All(errors, e =>
        {
            var payload = RawDevice.Payload(e);
            Assert.Equal(ErrorCodes.RateLimited, payload.GetProperty("code").GetString());
            Assert.InRange(payload.GetProperty("retryAfterMs").GetInt32(), 1, 100);
            Assert.Contains("retry in", payload.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.True(ids.IndexOf(e.GetProperty("replyTo").GetString()!) >= 29, "an event within the burst was refused");
        });

        // After the wait the device is served again on the same connection.
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        await flooder.AssertStillAnswersAsync(Ct);
        Assert.Null(flooder.CloseStatus);
    }

    [Fact]
    public async Task The_SDK_fails_a_turn_over_the_budget_with_rate_limited_and_when_to_retry()
    {
        var site = await lab.NewHomeAsync(Ct);
        await using var client = new Dure.Sdk.DureDeviceClient(new Dure.Sdk.DureDeviceClientOptions { Server = lab.Server.BaseUrl, Token = site.SpeakerToken });
        await client.ConnectAsync(Ct);
        var calls = Enumerable.Range(0, 45).Select(_ => client.RecognizeTextAsync("지금 몇 시야?", "ko", Ct)).ToList();
        var refused = new List<Dure.Sdk.DureErrorException>();
        foreach (var call in calls)
        {
            try
            {
                await call;
            }
            catch (Dure.Sdk.DureErrorException e)
            {
                refused.Add(e);
            }
        }

        Assert.InRange(refused.Count, 5, 15);
        Assert.All(refused, e => Assert.Equal((ErrorCodes.RateLimited, true), (e.Code, e.RetryAfter is { TotalMilliseconds: > 0 and <= 100 })));
    }

    [Fact]
    public void Latency_percentiles_from_the_histogram_are_within_the_documented_precision()
    {
        var random = new Random(5);
        var latencies = Enumerable.Range(0, 5000).Select(_ => Math.Exp(random.NextDouble() * Math.Log(100_000))).ToList();
        var counts = new long[LatencyHistogram.Count];
        foreach (var latency in latencies)
        {
            counts[LatencyHistogram.BucketOf(latency)]++;
        }

        var decoded = new long[LatencyHistogram.Count];
        LatencyHistogram.AddEncoded(LatencyHistogram.Encode(counts), decoded);
        Assert.Equal(counts, decoded);
        Assert.InRange(LatencyHistogram.RelativePrecision, 0.04, 0.045);
        foreach (var fraction in new[] { 0.01, 0.5, 0.9, 0.95, 0.99 })
        {
            var truth = NearestRank(latencies, fraction);
            var reported = LatencyHistogram.Percentile(decoded, fraction)!.Value;
            Assert.True(Math.Abs(reported - truth) <= truth * LatencyHistogram.RelativePrecision, $"p{fraction * 100}: {reported} for {truth}");
        }

        Assert.Null(LatencyHistogram.Percentile(new long[LatencyHistogram.Count], 0.5));
        Assert.Equal(0.5, LatencyHistogram.ValueOf(LatencyHistogram.BucketOf(0.3)));
    }

    /// <summary>The smallest value that at least <paramref name="fraction"/> of the values do not exceed.</summary>
    private static double NearestRank(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(1, (int)Math.Ceiling(fraction * sorted.Count)) - 1];
    }

    /// <summary>The day's (or the totals') counts are those of <paramref name="log"/>, and p50/p95 within the histogram's precision.</summary>
    private static void AssertCounts(List<Record> log, JsonElement counts)
    {
        Assert.Equal(log.Count, counts.GetProperty("utterances").GetInt32());
        var understood = log.Count(r => r.Understood);
        Assert.Equal(understood, counts.GetProperty("understood").GetInt32());
        Assert.Equal(Math.Round((double)understood / log.Count, 4), counts.GetProperty("understoodRate").GetDouble());
        Assert.Equal(log.Count(r => r.Error is not null), counts.GetProperty("errors").GetInt32());
        var intents = log.Where(r => r.Intent is not null).GroupBy(r => r.Intent!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(intents.OrderBy(i => i.Key, StringComparer.Ordinal),
            counts.GetProperty("intents").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt32())));
        foreach (var (name, fraction) in new[] { ("latencyP50Ms", 0.5), ("latencyP95Ms", 0.95) })
        {
            var truth = NearestRank(log.Select(r => r.LatencyMs), fraction);
            var reported = counts.GetProperty(name).GetDouble();
            // The log's and the answer's 0.1 ms rounding on top of the buckets' precision; under 1 ms it says 0.5.
            var allowed = truth < 1 ? 0.55 : (truth * LatencyHistogram.RelativePrecision) + 0.1;
            Assert.True(Math.Abs(reported - truth) <= allowed, $"{name} {reported} for a true {truth}");
        }
    }

    /// <summary>Says each text on the device ("en:" in front for English) and returns the spoken replies in order.</summary>
    private async Task<List<string>> TalkAsync(string token, params string[] texts)
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, token, Ct);
        List<string> replies = [];
        foreach (var text in texts)
        {
            var english = text.StartsWith("en:", StringComparison.Ordinal);
            var id = await device.SayAsync(english ? text[3..] : text, Ct, english ? "en" : null);
            var speech = await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: id);
            replies.Add(RawDevice.Payload(speech).GetProperty("text").GetString()!);
        }

        return replies;
    }

    /// <summary>The home's log once it holds <paramref name="count"/> records (they are written in batches, off the turns' path).</summary>
    private static async Task<List<Record>> LogOfAsync(PartnerClient client, TestSite site, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var records = await ListAsync(client, $"homeId={site.HomeId}&limit=500");
            if (records.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, records.Count);
                return records;
            }

            await Task.Delay(50, Ct);
        }
    }

    private static async Task<List<Record>> ListAsync(PartnerClient client, string query) =>
        [.. (await client.GetAsync($"/v1/conversations?{query}", Ct)).GetProperty("items").EnumerateArray().Select(Record.Of)];

    private sealed record Record(string Id, DateTimeOffset At, string? SiteId, string HomeId, string DeviceId, string Text, string? Lang,
        string? Intent, bool Understood, string? Reply, double LatencyMs, string? Error, bool Scheduled)
    {
        public static Record Of(JsonElement item) => item.Deserialize<Record>(JsonSerializerOptions.Web)!;
    }
}
