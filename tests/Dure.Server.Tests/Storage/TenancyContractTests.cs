using Dure.Homes;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Dure.Skills.Services;

namespace Dure.Server.Tests.Storage;

/// <summary>Sites, users, keys, audit and idempotency behave alike on SQLite and PostgreSQL, each tenant seeing only its own.</summary>
[Collection(StoreBackendsCollection.Name)]
public sealed class TenancyContractTests(StoreBackends backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Another_tenants_sites_and_spaces_are_not_found(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, site, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, otherSite, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);

        Assert.NotNull(await stores.Sites.FindSiteAsync(tenant, site, Ct));
        Assert.Null(await stores.Sites.FindSiteAsync(other, site, Ct));
        Assert.Null(await stores.Sites.FindSpaceAsync(other, home, Ct));
        Assert.Equal(StoreOutcome.NotFound, (await stores.Sites.UpdateSiteAsync(other, site, "탈취", null, Ct)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, await stores.Sites.DeleteSpaceAsync(other, home, Ct));
        Assert.Equal(StoreOutcome.NotFound, (await stores.Sites.CreateSpaceAsync(other, site, "x-" + home, null, SpaceKinds.Unit, "x", Ct)).Outcome);
        Assert.Equal(StoreOutcome.NotFound, (await stores.Sites.CreateSpaceAsync(other, otherSite, "y-" + home, home, SpaceKinds.Room, "y", Ct)).Outcome);
        Assert.Equal(StoreOutcome.Conflict, (await stores.Sites.CreateSpaceAsync(tenant, site, home, null, SpaceKinds.Unit, "dup", Ct)).Outcome);
        Assert.Equal([site], (await stores.Sites.ListSitesAsync(tenant, null, 10, Ct)).Items.Select(s => s.Id));
        Assert.Equal(home, (await stores.Sites.FindSpaceOfHomeAsync(home, Ct))!.HomeId);
        Assert.Equal(StoreOutcome.Conflict, await stores.Sites.DeleteSiteAsync(tenant, site, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Deleting_a_space_takes_its_home_credentials_states_and_outbox(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, site, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var token = $"t-{Guid.NewGuid():N}";
        await stores.Credentials.SetTokenAsync(home, "speaker", token, Ct);
        await stores.Homes.SaveStatesAsync(home, new Dictionary<string, DeviceState> { ["light"] = new("on") }, Ct);
        await stores.Outbox.AddAsync(home, "speaker", new OutboxEntry("d1", "Device.Control", null, "{}", DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddHours(1)), Ct);

        Assert.Equal(StoreOutcome.Done, await stores.Sites.DeleteSpaceAsync(tenant, home, Ct));
        Assert.Null(await stores.Homes.FindHomeAsync(home, Ct));
        Assert.Null(await stores.Credentials.FindAsync(token, Ct));
        Assert.Empty(await stores.Homes.LoadStatesAsync(home, Ct));
        Assert.Empty(await stores.Outbox.PendingAsync(home, "speaker", DateTimeOffset.UtcNow, Ct));
        Assert.Equal(StoreOutcome.Done, await stores.Sites.DeleteSiteAsync(tenant, site, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Users_sign_in_and_a_new_password_ends_their_sessions(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var email = $"{Guid.NewGuid():N}@example.kr";
        var (outcome, user) = await stores.Users.CreateAsync(tenant, " " + email.ToUpperInvariant(), "김관리", "admin", "비밀번호-1", Ct);
        Assert.Equal(StoreOutcome.Done, outcome);
        Assert.Equal(StoreOutcome.Conflict, (await stores.Users.CreateAsync(other, email, "다른", "admin", "x", Ct)).Outcome);

        Assert.Null(await stores.Users.SignInAsync(email, "틀림", TimeSpan.FromHours(1), Ct));
        var session = await stores.Users.SignInAsync(email, "비밀번호-1", TimeSpan.FromHours(1), Ct);
        Assert.Equal(user, session!.Value.User);
        Assert.Equal(user, await stores.Users.FindSessionAsync(session.Value.Token, Ct));
        Assert.Null(await stores.Users.FindAsync(other, user!.Id, Ct));
        Assert.Equal(StoreOutcome.NotFound, (await stores.Users.UpdateAsync(other, user.Id, "viewer", null, Ct)).Outcome);

        Assert.Equal("viewer", (await stores.Users.UpdateAsync(tenant, user.Id, "viewer", "비밀번호-2", Ct)).User!.Role);
        Assert.Null(await stores.Users.FindSessionAsync(session.Value.Token, Ct));
        Assert.Equal(StoreOutcome.NotFound, await stores.Users.DeleteAsync(other, user.Id, Ct));
        Assert.Equal(StoreOutcome.Done, await stores.Users.DeleteAsync(tenant, user.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Partner_keys_are_found_by_secret_and_scoped_to_their_tenant(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, site, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (outcome, key, secret) = await stores.Keys.CreateAsync(tenant, "front-desk", [Scopes.Admin], Ct, site);
        Assert.Equal(StoreOutcome.Done, outcome);
        Assert.Equal(StoreOutcome.Conflict, (await stores.Keys.CreateAsync(tenant, "front-desk", [Scopes.Admin], Ct)).Outcome);

        var identity = await stores.Keys.FindAsync(secret!, Ct);
        Assert.Equal((tenant, "front-desk", site), (identity!.TenantId, identity.KeyName, identity.SiteId));
        Assert.Equal([Scopes.Admin], identity.Scopes);
        Assert.Equal(key!.Prefix, (await stores.Keys.ListAsync(tenant, null, 10, Ct)).Items.Single().Prefix);
        Assert.Empty((await stores.Keys.ListAsync(other, null, 10, Ct)).Items);
        Assert.Equal(StoreOutcome.NotFound, await stores.Keys.DeleteAsync(other, "front-desk", Ct));
        Assert.Equal(StoreOutcome.Done, await stores.Keys.DeleteAsync(tenant, "front-desk", Ct));
        Assert.Null(await stores.Keys.FindAsync(secret!, Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Two_silos_setting_the_same_key_at_once_leave_one_working_key(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var secret = $"dure_{Guid.NewGuid():N}";

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => stores.Keys.SetKeyAsync(tenant, "demo", secret, null, Ct)));

        Assert.Equal(tenant, (await stores.Keys.FindAsync(secret, Ct))!.TenantId);
        Assert.Single((await stores.Keys.ListAsync(tenant, null, 10, Ct)).Items);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Audit_and_idempotency_keys_are_per_tenant(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        for (var i = 0; i < 3; i++)
        {
            await stores.Audit.AppendAsync(tenant, "key:demo", "site.create", $"site-{i}", i == 0 ? null : "세부", Ct);
        }

        var first = await stores.Audit.ListAsync(tenant, null, 2, Ct);
        Assert.Equal(["site-2", "site-1"], first.Items.Select(e => e.Target));
        var rest = await stores.Audit.ListAsync(tenant, long.Parse(first.NextCursor!, System.Globalization.CultureInfo.InvariantCulture), 2, Ct);
        Assert.Equal(["site-0"], rest.Items.Select(e => e.Target));
        Assert.Null(rest.Items[0].Detail);
        Assert.Empty((await stores.Audit.ListAsync(other, null, 10, Ct)).Items);

        var response = new IdempotentResponse([1, 2, 3], 201, """{"id":"s1"}""", "/v1/sites/s1");
        Assert.True(await stores.Idempotency.SaveAsync(tenant, "k1", response, Ct));
        Assert.False(await stores.Idempotency.SaveAsync(tenant, "k1", response with { Status = 500 }, Ct));
        var found = await stores.Idempotency.FindAsync(tenant, "k1", Ct);
        Assert.Equal((201, response.Body, response.Location), (found!.Status, found.Body, found.Location));
        Assert.Equal(response.Fingerprint, found.Fingerprint);
        Assert.Null(await stores.Idempotency.FindAsync(other, "k1", Ct));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Tickets_move_once_and_only_within_their_tenant(string backend)
    {
        var stores = backends.For(backend);
        var (tenant, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var (other, _, _) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var ticket = await stores.Tickets.OpenAsync(new Ticket("", home, "speaker", "amenity", "수건", 2, "ko", TicketStatus.Open, default), Ct);

        Assert.Equal(TicketChange.NotFound, (await stores.Tickets.AcceptAsync(other, ticket.Id, Ct)).Change);
        var accepts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stores.Tickets.AcceptAsync(tenant, ticket.Id, Ct)));
        Assert.Single(accepts, a => a.Change == TicketChange.Changed);
        Assert.Equal(TicketChange.Changed, (await stores.Tickets.CompleteAsync(tenant, ticket.Id, Ct)).Change);
        Assert.Equal(TicketChange.Conflict, (await stores.Tickets.AcceptAsync(tenant, ticket.Id, Ct)).Change);
        var stored = await stores.Tickets.FindAsync(tenant, ticket.Id, Ct);
        Assert.Equal(TicketStatus.Completed, stored!.Ticket.Status);
        Assert.NotNull(stored.AcceptedAt);
        Assert.Equal([ticket.Id], (await stores.Tickets.ListAsync(tenant, [TicketStatus.Completed], null, 10, Ct)).Items.Select(t => t.Ticket.Id));
        Assert.Empty((await stores.Tickets.ListAsync(tenant, [TicketStatus.Open], null, 10, Ct)).Items);
        Assert.Empty(await stores.Tickets.OpenTicketsAsync(home, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            stores.Tickets.OpenAsync(new Ticket("", "no-home", "d", "amenity", null, 1, "ko", TicketStatus.Open, default), Ct));
    }
}
