using Dure.Homes;
using Dure.Platform.Storage;

namespace Dure.Server.Tests.Storage;

/// <summary>IHomeStore and IDeviceCredentials behave alike on SQLite and PostgreSQL.</summary>
[Collection(StoreBackendsCollection.Name)]
public sealed class HomeStoreContractTests(StoreBackends backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Homes_and_states_round_trip(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var on = new DeviceState("on").With("brightness", 40).With("color", "빨강");
        await stores.Homes.SaveStatesAsync(home, new Dictionary<string, DeviceState> { ["light.a"] = on, ["lock.door"] = new("locked") }, Ct);
        await stores.Homes.SaveStatesAsync(home, new Dictionary<string, DeviceState> { ["lock.door"] = new("unlocked") }, Ct);

        Assert.Equal(tenant, (await stores.Homes.FindHomeAsync(home, Ct))!.TenantId);
        Assert.StartsWith("테넌트", await stores.Homes.FindTenantAsync(tenant, Ct));
        var states = await stores.Homes.LoadStatesAsync(home, Ct);
        Assert.Equal(on, states["light.a"]);
        Assert.Equal("unlocked", states["lock.door"].Value);
        Assert.Empty(await stores.Homes.LoadStatesAsync("no-such-home", Ct));
        Assert.Null(await stores.Homes.FindHomeAsync("no-such-home", Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_layout_change_applies_only_to_the_tenants_unedited_home_with_its_tokens(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var layout = (await stores.Homes.FindHomeAsync(home, Ct))!.Layout;
        var token = $"token-{Guid.NewGuid():N}";

        // Another tenant naming the home, and a change based on a stale layout, are both left out.
        var skipped = await stores.Homes.ApplyLayoutChangesAsync(
            [new LayoutChange(home, other, layout, "stolen", [new NewDeviceToken("evil", token + "x")]),
             new LayoutChange(home, tenant, "stale", "lost", [])], Ct);
        Assert.Equal([home], skipped);
        Assert.Equal(layout, (await stores.Homes.FindHomeAsync(home, Ct))!.Layout);
        Assert.Null(await stores.Credentials.FindAsync(token + "x", Ct));

        skipped = await stores.Homes.ApplyLayoutChangesAsync([new LayoutChange(home, tenant, layout, layout + "name: 새 이름\n",
            [new NewDeviceToken("speaker", token)])], Ct);
        Assert.Empty(skipped);
        Assert.EndsWith("새 이름\n", (await stores.Homes.FindHomeAsync(home, Ct))!.Layout);
        Assert.Equal(new DeviceIdentity(home, "speaker"), await stores.Credentials.FindAsync(token, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task A_token_replaces_the_devices_previous_one_and_revoking_ends_it(string backend)
    {
        var stores = backends.For(backend);
        var (_, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var first = $"first-{Guid.NewGuid():N}";
        var second = $"second-{Guid.NewGuid():N}";
        await stores.Credentials.SetTokenAsync(home, "speaker", first, Ct);
        await stores.Credentials.SetTokenAsync(home, "speaker", second, Ct);
        await stores.Credentials.SetTokenAsync(home, "light", $"light-{Guid.NewGuid():N}", Ct);

        Assert.Null(await stores.Credentials.FindAsync(first, Ct));
        Assert.Equal(new DeviceIdentity(home, "speaker"), await stores.Credentials.FindAsync(second, Ct));
        Assert.Equal(new HashSet<string> { "speaker", "light" }, await stores.Credentials.EndpointsAsync(home, Ct));
        Assert.True(await stores.Credentials.RevokeAsync(home, "speaker", Ct));
        Assert.False(await stores.Credentials.RevokeAsync(home, "speaker", Ct));
        Assert.Null(await stores.Credentials.FindAsync(second, Ct));
        Assert.Null(await stores.Credentials.FindAsync("", Ct));
    }

    [Fact]
    public async Task PostgreSQL_keeps_token_hashes_never_tokens()
    {
        var stores = backends.For(StoreBackends.Postgres);
        var (_, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var token = $"visible-{Guid.NewGuid():N}";
        await stores.Credentials.SetTokenAsync(home, "speaker", token, Ct);

        var stored = await backends.Server.QueryAsync("contract",
            $"SELECT encode(token_hash, 'hex') FROM dure.device_credentials WHERE home_id = '{home}'", Ct);
        Assert.Equal(Convert.ToHexStringLower(Dure.Platform.Tenancy.Secrets.Sha256(token)), stored.Trim());
        var dump = await backends.Server.QueryAsync("contract", "SELECT string_agg(t::text, ' ') FROM dure.device_credentials t", Ct);
        Assert.DoesNotContain(token, dump, StringComparison.Ordinal);
    }
}

/// <summary>IDirectiveOutbox and IDevicePresence behave alike on SQLite and PostgreSQL.</summary>
[Collection(StoreBackendsCollection.Name)]
public sealed class OutboxContractTests(StoreBackends backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OutboxEntry Entry(string id, DateTimeOffset now, TimeSpan life) =>
        new(id, "Device.Control", id == "b" ? null : "turn-1", $$"""{"id":"{{id}}","text":"거실 불 켜줘"}""", now, now + life);

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Directives_come_back_in_sending_order_until_acknowledged_or_expired(string backend)
    {
        var stores = backends.For(backend);
        var home = $"h-{Guid.NewGuid():N}";
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        foreach (var id in new[] { "c", "a", "e", "b" })
        {
            await stores.Outbox.AddAsync(home, "d1", Entry(id, now, id == "e" ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(5)), Ct);
        }

        await stores.Outbox.AddAsync(home, "d1", Entry("a", now, TimeSpan.FromMinutes(5)), Ct); // a retried send is not duplicated
        await stores.Outbox.AddAsync(home, "d2", Entry("z", now, TimeSpan.FromMinutes(5)), Ct);

        var pending = await stores.Outbox.PendingAsync(home, "d1", now, Ct);
        Assert.Equal(["c", "a", "e", "b"], pending.Select(p => p.DirectiveId));
        Assert.Equal(Entry("a", now, TimeSpan.FromMinutes(5)), pending[1]);
        Assert.Null(pending[3].ReplyTo);

        Assert.True(await stores.Outbox.RemoveAsync(home, "d1", "a", Ct));
        Assert.False(await stores.Outbox.RemoveAsync(home, "d1", "a", Ct));
        Assert.False(await stores.Outbox.RemoveAsync(home, "d2", "c", Ct)); // another device's id acknowledges nothing
        Assert.Equal(["c", "b"], (await stores.Outbox.PendingAsync(home, "d1", now + TimeSpan.FromSeconds(2), Ct)).Select(p => p.DirectiveId));
        Assert.Equal(["z"], (await stores.Outbox.PendingAsync(home, "d2", now, Ct)).Select(p => p.DirectiveId));
        Assert.True(await stores.Outbox.PurgeExpiredAsync(now + TimeSpan.FromMinutes(10), Ct) >= 3);
        Assert.Empty(await stores.Outbox.PendingAsync(home, "d2", now, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Concurrent_writers_lose_nothing_and_keep_each_devices_order(string backend)
    {
        var stores = backends.For(backend);
        var home = $"h-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        const int devices = 20;
        const int each = 25;

        // Twenty devices' grains writing at once, each its own directives one after the other, as grains do.
        await Task.WhenAll(Enumerable.Range(0, devices).Select(async d =>
        {
            for (var i = 0; i < each; i++)
            {
                await stores.Outbox.AddAsync(home, $"d{d}", Entry($"x{i:D3}", now, TimeSpan.FromMinutes(5)), Ct);
                await stores.Presence.SetAsync(home, $"d{d}", new DevicePresence($"c{i}", $"observer-{d}"), Ct);
            }
        }));

        for (var d = 0; d < devices; d++)
        {
            var pending = await stores.Outbox.PendingAsync(home, $"d{d}", now, Ct);
            Assert.Equal(Enumerable.Range(0, each).Select(i => $"x{i:D3}"), pending.Select(p => p.DirectiveId));
            Assert.Equal(new DevicePresence($"c{each - 1}", $"observer-{d}"), await stores.Presence.FindAsync(home, $"d{d}", Ct));
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Presence_is_cleared_only_by_the_connection_that_holds_it(string backend)
    {
        var stores = backends.For(backend);
        var home = $"h-{Guid.NewGuid():N}";
        await stores.Presence.SetAsync(home, "speaker", new DevicePresence("old", "o1"), Ct);
        await stores.Presence.SetAsync(home, "speaker", new DevicePresence("new", "o2"), Ct);

        await stores.Presence.ClearAsync(home, "speaker", "old", Ct);
        Assert.Equal(new DevicePresence("new", "o2"), await stores.Presence.FindAsync(home, "speaker", Ct));
        await stores.Presence.ClearAsync(home, "speaker", "new", Ct);
        Assert.Null(await stores.Presence.FindAsync(home, "speaker", Ct));
    }
}
