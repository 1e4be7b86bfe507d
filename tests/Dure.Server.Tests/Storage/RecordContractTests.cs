using System.Text.Json;
using Dure.Platform.Alliance;
using Dure.Platform.Conversations;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Provisioning;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Dure.Protocol;
using Dure.Skills.CustomSkills;
using Dure.Skills.Services;

namespace Dure.Server.Tests.Storage;

/// <summary>Schedules, home records, home networks, device flow, skills, alliance and the conversation log on both backends.</summary>
[Collection(StoreBackendsCollection.Name)]
public sealed class RecordContractTests(StoreBackends backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Schedules_round_trip_soonest_first(string backend)
    {
        var stores = backends.For(backend);
        var home = $"h-{Guid.NewGuid():N}";
        var timer = new Scheduled("t1", ScheduleKind.Timer, "speaker", Now.AddMinutes(3), "라면 타이머가 끝났어요.", "ko")
        { Label = "라면", Length = TimeSpan.FromMinutes(3) };
        var paused = new Scheduled("t2", ScheduleKind.Alarm, "speaker", Now.AddMinutes(1), "Wake up", "en") { PausedRemaining = TimeSpan.FromSeconds(30) };
        await stores.Schedules.SaveAsync(home, timer, Ct);
        await stores.Schedules.SaveAsync(home, paused, Ct);
        await stores.Schedules.SaveAsync(home, timer with { Label = "달걀" }, Ct);

        Assert.Equal([paused, timer with { Label = "달걀" }], await stores.Schedules.LoadAsync(home, Ct));
        Assert.Contains(home, await stores.Schedules.HomesDueAsync(Now.AddMinutes(5), Ct));
        Assert.DoesNotContain(home, await stores.Schedules.HomesDueAsync(Now.AddMinutes(2), Ct)); // the paused one is not due
        Assert.True(await stores.Schedules.RemoveAsync(home, "t1", Ct));
        Assert.False(await stores.Schedules.RemoveAsync(home, "t1", Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Home_events_readings_and_notices_stay_with_their_home(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var at = Now.AddHours(-1);
        await stores.Records.AddEventAsync(home, "wallpad", new HomeEvent("parcel.arrived", at, JsonSerializer.SerializeToElement(new { count = 2 })), Ct);
        foreach (var (offset, value) in new[] { (-2, 10.0), (0, 12.5), (1, 14.0) })
        {
            await stores.Records.AddEventAsync(home, "meter", new HomeEvent(HomeEventTypes.MeterReading, at.AddDays(offset),
                JsonSerializer.SerializeToElement(new { utility = "electricity", value, unit = "kWh" })), Ct);
        }

        await stores.Records.AddNoticeAsync(tenant, home, new Notice($"n-{Guid.NewGuid():N}", at, "단수 안내", "내일 단수예요.", "ko"), Ct);

        var parcel = Assert.Single(await stores.Records.EventsAsync(home, "parcel.arrived", at.AddMinutes(-1), Ct));
        Assert.Equal(2, parcel.Data.GetProperty("count").GetInt32());
        Assert.Empty(await stores.Records.EventsAsync("other-home", "parcel.arrived", at.AddMinutes(-1), Ct));
        var readings = await stores.Records.ReadingsAsync(home, "electricity", at.AddMinutes(-1), at.AddDays(2), Ct);
        Assert.Equal([10.0, 12.5, 14.0], readings.Select(r => r.Value)); // the baseline before the period first
        Assert.Equal(2, (await stores.Records.EventsAsync(home, HomeEventTypes.MeterReading, at.AddMinutes(-1), Ct)).Count);
        Assert.Equal("단수 안내", Assert.Single(await stores.Records.NoticesAsync(home, at.AddMinutes(-1), Ct)).Title);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Home_networks_are_scoped_and_request_ids_are_accepted_once(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, site, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var record = new HomeNetworkRecord(site, "mqtt", tenant, """{"host":"broker"}""", "cipher", null, null, Now);
        await stores.HomeNetworks.PutAsync(record, Ct);

        Assert.Equal(record, await stores.HomeNetworks.FindAsync(tenant, site, "mqtt", Ct));
        Assert.Null(await stores.HomeNetworks.FindAsync(other, site, "mqtt", Ct));
        Assert.Contains(record, await stores.HomeNetworks.ListAsync("mqtt", Ct));
        Assert.False(await stores.HomeNetworks.DeleteAsync(other, site, "mqtt", Ct));

        var request = Guid.NewGuid().ToString("N");
        Assert.True(await stores.HomeNetworks.TryRememberRequestAsync(site, request, Now, Now.AddMinutes(-5), Ct));
        Assert.False(await stores.HomeNetworks.TryRememberRequestAsync(site, request, Now, Now.AddMinutes(-5), Ct));
        await stores.HomeNetworks.ForgetRequestAsync(site, request, Ct);
        Assert.True(await stores.HomeNetworks.TryRememberRequestAsync(site, request, Now, Now.AddMinutes(-5), Ct));
        Assert.True(await stores.HomeNetworks.DeleteAsync(tenant, site, "mqtt", Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_device_code_is_approved_polled_and_redeemed_once(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var client = $"c-{Guid.NewGuid():N}";
        Assert.Equal(StoreOutcome.Done, (await stores.DeviceFlow.CreateClientAsync(tenant, client, "스피커", Ct)).Outcome);
        Assert.Equal(StoreOutcome.Conflict, (await stores.DeviceFlow.CreateClientAsync(other, client, "x", Ct)).Outcome);
        var hash = Secrets.Sha256(Guid.NewGuid().ToString());
        var userCode = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = Now.AddSeconds(-10);
        Assert.True(await stores.DeviceFlow.CreateCodeAsync(hash, new DeviceCodeRecord(userCode, client, tenant, DeviceCodeStatus.Pending, created,
            created.AddMinutes(10), null, null), 5, Ct));

        Assert.Equal(PollOutcome.Pending, (await stores.DeviceFlow.PollAsync(hash, client, Now, TimeSpan.Zero, Ct)).Outcome);
        Assert.Equal(PollOutcome.SlowDown, (await stores.DeviceFlow.PollAsync(hash, client, Now, TimeSpan.Zero, Ct)).Outcome);
        Assert.Equal(PollOutcome.InvalidGrant, (await stores.DeviceFlow.PollAsync(hash, "other-client", Now, TimeSpan.Zero, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.NotFound, await stores.DeviceFlow.BeginApprovalAsync(other, userCode, Now, Ct));
        Assert.Equal(DecisionOutcome.Done, await stores.DeviceFlow.BeginApprovalAsync(tenant, userCode, Now, Ct));
        Assert.Equal(DecisionOutcome.NotPending, await stores.DeviceFlow.BeginApprovalAsync(tenant, userCode, Now, Ct));
        await stores.DeviceFlow.CompleteApprovalAsync(tenant, userCode, home, "speaker", Ct);
        var approved = await stores.DeviceFlow.PollAsync(hash, client, Now.AddMinutes(1), TimeSpan.Zero, Ct);
        Assert.Equal((PollOutcome.Approved, home, "speaker"), (approved.Outcome, approved.HomeId, approved.DeviceId));

        var token = $"tok-{Guid.NewGuid():N}";
        var redeemed = await Task.WhenAll(stores.DeviceFlow.RedeemAsync(hash, token, Ct), stores.DeviceFlow.RedeemAsync(hash, token + "2", Ct));
        Assert.Single(redeemed, r => r);
        Assert.Equal(new DeviceIdentity(home, "speaker"), await stores.Credentials.FindAsync(redeemed[0] ? token : token + "2", Ct));
        Assert.Equal(PollOutcome.InvalidGrant, (await stores.DeviceFlow.PollAsync(hash, client, Now.AddMinutes(2), TimeSpan.Zero, Ct)).Outcome);
        Assert.Equal(StoreOutcome.Done, await stores.DeviceFlow.DeleteClientAsync(tenant, client, Ct));
        Assert.Null(await stores.DeviceFlow.FindCodeAsync(tenant, userCode, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Skills_train_enable_per_site_and_stay_in_their_tenant(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, site, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, otherSite, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var id = $"sk-{Guid.NewGuid():N}";
        var definition = new SkillDefinition("택시", new LocalizedWords(["택시"], ["taxi"]), new InteractionModel([]), "https://example.kr/hook");
        var (outcome, skill) = await stores.Skills.CreateAsync(tenant, id, definition, "protected", Ct);
        Assert.Equal(StoreOutcome.Done, outcome);
        Assert.Equal("training", skill!.Model.Status);
        Assert.Null(skill.Mcp); // a webhook skill
        Assert.Contains(id, await stores.Skills.AwaitingTrainingAsync(Ct));
        Assert.Null(await stores.Skills.FindAsync(other, id, Ct));

        var job = await stores.Skills.TrainingJobAsync(id, Ct);
        Assert.True(await stores.Skills.SaveModelAsync(id, job!.Version, [7, 8, 9], Now, Ct));
        Assert.Equal([7, 8, 9], await stores.Skills.LoadModelAsync(id, job.Version, Ct));
        var changed = await stores.Skills.UpdateAsync(tenant, id, new SkillDefinition(null, null, new InteractionModel([]), null), Ct);
        Assert.Equal("training", changed.Skill!.Model.Status);
        Assert.False(await stores.Skills.SaveModelAsync(id, job.Version, [1], Now, Ct)); // an outdated version's model is not kept
        Assert.Equal("택시", (await stores.Skills.UpdateAsync(tenant, id, new SkillDefinition(null, null, null, "https://example.kr/v2"), Ct)).Skill!.Name);

        Assert.Equal(StoreOutcome.NotFound, await stores.Skills.SetEnabledAsync(other, otherSite, id, true, Ct));
        Assert.Equal(StoreOutcome.Done, await stores.Skills.SetEnabledAsync(tenant, site, id, true, Ct));
        Assert.True((await stores.Skills.ListForSiteAsync(tenant, site, null, 10, Ct))!.Items.Single().Enabled);
        Assert.Null(await stores.Skills.ListForSiteAsync(other, site, null, 10, Ct));
        var enabled = await stores.Skills.EnabledForHomeAsync(home, Ct);
        Assert.Equal((tenant, site, id), (enabled!.TenantId, enabled.SiteId, enabled.Skills.Single().Id));
        Assert.Equal(StoreOutcome.NotFound, await stores.Skills.DeleteAsync(other, id, Ct));
        Assert.Equal(StoreOutcome.Done, await stores.Skills.DeleteAsync(tenant, id, Ct));
        Assert.Null(await stores.Skills.EnabledForHomeAsync(home, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_skill_on_an_MCP_server_keeps_its_tools_and_token_through_changes(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, site, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var id = $"sk-{Guid.NewGuid():N}";
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"people":{"type":"integer"}},"required":["people"]}""").RootElement;
        var listed = new McpBackendRecord("protected-token", null, [new McpTool("book_spa", "스파 예약", null, schema, Destructive: false)], ["broken: no schema"],
            Now);
        var definition = new SkillDefinition("스파", new LocalizedWords(["스파"], ["spa"]), new InteractionModel([]), "https://spa.example/mcp", listed);
        var created = (await stores.Skills.CreateAsync(tenant, id, definition, "", Ct)).Skill!;
        Assert.Equal("protected-token", created.Mcp!.ProtectedToken);
        var tool = Assert.Single(created.Mcp.Tools);
        Assert.Equal(("book_spa", "integer"), (tool.Name, tool.InputSchema.GetProperty("properties").GetProperty("people").GetProperty("type").GetString()));
        Assert.Equal(["broken: no schema"], created.Mcp.Skipped);

        // A change that names no backend keeps the tools; one that does replaces them.
        Assert.Equal("book_spa", (await stores.Skills.UpdateAsync(tenant, id, new SkillDefinition("스파 2", null, null, null), Ct)).Skill!.Mcp!.Tools[0].Name);
        var relisted = listed with { Tools = [tool with { Name = "cancel_spa", Destructive = true }], Skipped = [] };
        var changed = (await stores.Skills.UpdateAsync(tenant, id, new SkillDefinition(null, null, null, null, relisted), Ct)).Skill!;
        Assert.True(changed.Mcp!.Tools.Single() is { Name: "cancel_spa", Destructive: true });

        await stores.Skills.SetEnabledAsync(tenant, site, id, true, Ct);
        Assert.Equal("cancel_spa", (await stores.Skills.EnabledForHomeAsync(home, Ct))!.Skills.Single().Mcp!.Tools.Single().Name);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Alliance_routes_need_the_tenants_own_agent(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var agent = $"ag-{Guid.NewGuid():N}";
        Assert.Equal(StoreOutcome.Done, (await stores.Alliance.CreateAgentAsync(tenant, agent, "호텔 컨시어지", "a2a", "https://a.example", "cipher", Ct)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, (await stores.Alliance.CreateRouteAsync(other, $"r-{agent}", agent, "intent", "x", 1, Ct)).Outcome);
        Assert.Equal(StoreOutcome.Done, (await stores.Alliance.CreateRouteAsync(tenant, $"r-{agent}", agent, "intent", "concierge", 1, Ct)).Outcome);

        var route = Assert.Single(await stores.Alliance.RoutesAsync(tenant, Ct));
        Assert.Equal((agent, "cipher"), (route.Agent.Id, route.ProtectedToken));
        Assert.Empty(await stores.Alliance.RoutesAsync(other, Ct));
        Assert.Null(await stores.Alliance.FindAgentAsync(other, agent, Ct));
        Assert.Equal(StoreOutcome.Done, await stores.Alliance.DeleteAgentAsync(tenant, agent, Ct));
        Assert.Empty((await stores.Alliance.ListRoutesAsync(tenant, null, 10, Ct)).Items);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Conversation_batches_written_at_once_add_up_in_the_daily_counts(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, site, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var at = Now;
        TurnRecord Turn(int i) => new(TurnRecord.NewId(), at.AddMilliseconds(i), tenant, site, home, "speaker", $"거실 불 켜줘 {i}", "ko",
            i % 3 == 0 ? null : "turn_on", "켰어요.", 12.5, null, false);

        // Eight silos' recorders flushing batches of the same tenant and day at the same moment.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(b => stores.Conversations.AddAsync([.. Enumerable.Range(b * 10, 10).Select(Turn)], Ct)));

        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var counts = (await stores.Conversations.DailyAsync(tenant, site, day, day, Ct))[day];
        Assert.Equal((80L, 53L), (counts.Utterances, counts.Understood));
        Assert.Equal(53, counts.Intents["turn_on"]);
        Assert.Equal(80, counts.Latency.Sum());
        Assert.Empty(await stores.Conversations.DailyAsync(other, null, day, day, Ct));

        var page = await stores.Conversations.ListAsync(new ConversationQuery(tenant, HomeId: home), null, 50, Ct);
        Assert.Equal("거실 불 켜줘 79", page.Items[0].Text);
        var next = await stores.Conversations.ListAsync(new ConversationQuery(tenant, HomeId: home), page.NextCursor, 50, Ct);
        Assert.Equal(80, page.Items.Concat(next.Items).Select(r => r.Id).Distinct().Count());
        Assert.Empty((await stores.Conversations.ListAsync(new ConversationQuery(other, HomeId: home), null, 10, Ct)).Items);
        Assert.Equal(0, await stores.Conversations.DeleteAsync(other, home, null, Ct));
        Assert.Equal(80, await stores.Conversations.DeleteAsync(tenant, home, "speaker", Ct));
    }
}
