using System.Collections.Immutable;
using System.Text.Json;
using Dure.Homes;
using Dure.Platform;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Microsoft.Data.Sqlite;

namespace Dure.Server.Tests;

/// <summary>The SQLite stores against a real database file in a temporary directory.</summary>
public sealed class StorageTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dure-store-").FullName;
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _database = SqliteDatabase.Open(_directory);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Homes_and_states_round_trip_and_survive_reopening()
    {
        var homes = new SqliteHomeStore(_database, TimeProvider.System);
        await homes.UpsertTenantAsync("acme", "Acme", Ct);
        await homes.UpsertHomeAsync(new StoredHome("h1", "acme", "id: h1\ndevices: []\n"), Ct);
        await homes.UpsertHomeAsync(new StoredHome("h1", "acme", "id: h1\nname: second\n"), Ct);
        var on = new DeviceState("on").With("brightness", 40).With("color", "red");
        await homes.SaveStatesAsync("h1", new Dictionary<string, DeviceState> { ["light.a"] = on, ["lock.door"] = new("locked") }, Ct);
        await homes.SaveStatesAsync("h1", new Dictionary<string, DeviceState> { ["lock.door"] = new("unlocked") }, Ct);

        await _database.DisposeAsync();
        _database = SqliteDatabase.Open(_directory);
        homes = new SqliteHomeStore(_database, TimeProvider.System);

        Assert.Equal("id: h1\nname: second\n", (await homes.FindHomeAsync("h1", Ct))!.Layout);
        Assert.Null(await homes.FindHomeAsync("h2", Ct));
        var states = await homes.LoadStatesAsync("h1", Ct);
        Assert.Equal(on, states["light.a"]);
        Assert.Equal(40, states["light.a"].Number("brightness"));
        Assert.Equal("unlocked", states["lock.door"].Value);
        Assert.Empty(await homes.LoadStatesAsync("h2", Ct));
    }

    [Fact]
    public async Task A_home_needs_an_existing_tenant()
    {
        var homes = new SqliteHomeStore(_database, TimeProvider.System);

        await Assert.ThrowsAsync<SqliteException>(() => homes.UpsertHomeAsync(new StoredHome("h1", "nobody", "id: h1"), Ct));
    }

    [Fact]
    public async Task Tokens_are_found_by_hash_replaced_per_device_and_never_stored_in_clear()
    {
        var credentials = new SqliteDeviceCredentials(_database, TimeProvider.System);
        await credentials.SetTokenAsync("h1", "wallpad", "secret-token-one", Ct);
        await credentials.SetTokenAsync("h1", "speaker", "secret-token-two", Ct);

        Assert.Equal(new DeviceIdentity("h1", "wallpad"), await credentials.FindAsync("secret-token-one", Ct));
        Assert.Null(await credentials.FindAsync("secret-token-ONE", Ct));
        Assert.Null(await credentials.FindAsync("", Ct));
        Assert.Equal(["speaker", "wallpad"], (await credentials.EndpointsAsync("h1", Ct)).Order());

        await credentials.SetTokenAsync("h1", "wallpad", "secret-token-three", Ct);
        Assert.Null(await credentials.FindAsync("secret-token-one", Ct));
        Assert.Equal(new DeviceIdentity("h1", "wallpad"), await credentials.FindAsync("secret-token-three", Ct));

        await _database.DisposeAsync();
        var bytes = Directory.GetFiles(_directory).SelectMany(File.ReadAllBytes).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf("secret-token"u8));
        _database = SqliteDatabase.Open(_directory);
    }

    [Fact]
    public async Task Outbox_keeps_order_removes_acknowledged_and_drops_expired()
    {
        var outbox = new SqliteDirectiveOutbox(_database);
        var now = DateTimeOffset.UtcNow;
        await outbox.AddAsync("h1", "d1", Entry("a", now, TimeSpan.FromMinutes(5)), Ct);
        await outbox.AddAsync("h1", "d1", Entry("b", now, TimeSpan.FromSeconds(1)), Ct);
        await outbox.AddAsync("h1", "d1", Entry("c", now, TimeSpan.FromMinutes(5)), Ct);
        await outbox.AddAsync("h1", "d2", Entry("z", now, TimeSpan.FromMinutes(5)), Ct);
        await outbox.AddAsync("h1", "d1", Entry("a", now, TimeSpan.FromMinutes(5)), Ct); // a retried send is not duplicated

        Assert.Equal(["a", "b", "c"], (await outbox.PendingAsync("h1", "d1", now, Ct)).Select(e => e.DirectiveId));
        Assert.True(await outbox.RemoveAsync("h1", "d1", "a", Ct));
        Assert.False(await outbox.RemoveAsync("h1", "d1", "a", Ct));
        Assert.False(await outbox.RemoveAsync("h1", "d2", "c", Ct));

        var later = await outbox.PendingAsync("h1", "d1", now + TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(["c"], later.Select(e => e.DirectiveId));
        Assert.Equal("""{"n":"c"}""", later[0].PayloadJson);
        Assert.Equal("reply-c", later[0].ReplyTo);
        Assert.Equal(["c"], (await outbox.PendingAsync("h1", "d1", now, Ct)).Select(e => e.DirectiveId)); // b is gone for good
        Assert.Equal(["z"], (await outbox.PendingAsync("h1", "d2", now, Ct)).Select(e => e.DirectiveId));
    }

    [Fact]
    public async Task Purging_deletes_expired_directives_of_every_device_and_keeps_the_rest()
    {
        var outbox = new SqliteDirectiveOutbox(_database);
        var now = DateTimeOffset.UtcNow;
        await outbox.AddAsync("h1", "gone", Entry("old", now, TimeSpan.FromSeconds(1)), Ct);
        await outbox.AddAsync("h2", "gone", Entry("old2", now, TimeSpan.FromSeconds(1)), Ct);
        await outbox.AddAsync("h1", "gone", Entry("fresh", now, TimeSpan.FromHours(1)), Ct);

        Assert.Equal(2, await outbox.PurgeExpiredAsync(now + TimeSpan.FromSeconds(5), Ct));

        Assert.Equal(["fresh"], (await outbox.PendingAsync("h1", "gone", now, Ct)).Select(e => e.DirectiveId));
        Assert.Empty(await outbox.PendingAsync("h2", "gone", now, Ct));
    }

    [Fact]
    public async Task Concurrent_writes_are_group_committed_and_a_failing_write_fails_alone()
    {
        var homes = new SqliteHomeStore(_database, TimeProvider.System);
        await homes.UpsertTenantAsync("acme", "Acme", Ct);
        var writes = Enumerable.Range(0, 300).Select(i => homes.SaveStatesAsync("h1",
            new Dictionary<string, DeviceState> { [$"light.{i}"] = new DeviceState("on").With("brightness", i) }, Ct)).ToList();
        var bad = homes.UpsertHomeAsync(new StoredHome("h9", "nobody", "x"), Ct);
        writes.Add(homes.SaveStatesAsync("h1", new Dictionary<string, DeviceState> { ["light.last"] = new("off") }, Ct));

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<SqliteException>(() => bad);

        var states = await homes.LoadStatesAsync("h1", Ct);
        Assert.Equal(301, states.Count);
        Assert.Equal(299, states["light.299"].Number("brightness"));
        Assert.Null(await homes.FindHomeAsync("h9", Ct));
    }

    [Fact]
    public async Task A_write_that_throws_anything_fails_alone_and_the_writer_keeps_going()
    {
        var homes = new SqliteHomeStore(_database, TimeProvider.System);
        await homes.UpsertTenantAsync("acme", "Acme", Ct);

        var queued = new[]
        {
            homes.SaveStatesAsync("h1", new Dictionary<string, DeviceState> { ["light.before"] = new("on") }, Ct),
            _database.WriteAsync<int>((_, _) => throw new JsonException("a bug in some store"), Ct),
            homes.SaveStatesAsync("h1", new Dictionary<string, DeviceState> { ["light.after"] = new("on") }, Ct),
        };

        await Assert.ThrowsAsync<JsonException>(() => queued[1]);
        await queued[0];
        await queued[2];
        await homes.SaveStatesAsync("h1", new Dictionary<string, DeviceState> { ["light.y"] = new("on") }, Ct);
        Assert.Equal(["light.after", "light.before", "light.y"], (await homes.LoadStatesAsync("h1", Ct)).Keys.Order());
    }

    [Fact]
    public async Task Schema_version_is_recorded_and_reopening_does_not_migrate_again()
    {
        await _database.DisposeAsync();
        _database = SqliteDatabase.Open(_directory);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, SqliteDatabase.FileName)};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(version) FROM schema_version";
        Assert.Equal(SqliteDatabase.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), await command.ExecuteScalarAsync(Ct));
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task An_older_database_is_migrated_forward_keeping_its_data()
    {
        var outbox = new SqliteDirectiveOutbox(_database);
        await outbox.AddAsync("h1", "d1", Entry("kept", DateTimeOffset.UtcNow, TimeSpan.FromHours(1)), Ct);
        await _database.DisposeAsync();
        var file = Path.Combine(_directory, SqliteDatabase.FileName);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var downgrade = connection.CreateCommand();
            // Back to version 1: without the expiry index (2), the service tables (3), tenancy (4), the conversation log (5),
            // device provisioning (6), skills (7), the home networks (8), device presence (9), the alliance (10) and skills'
            // backends (11, a column of the skills table dropped here).
            downgrade.CommandText = """
                DROP TABLE alliance_routes; DROP TABLE alliance_agents;
                ALTER TABLE partner_keys DROP COLUMN site_id;
                DROP TABLE device_presence; DROP TABLE wallpad_requests; DROP TABLE site_home_networks;
                DROP TABLE site_skills; DROP TABLE skill_models; DROP TABLE skills;
                DROP TABLE device_codes; DROP TABLE device_clients; DROP TABLE analytics_days; DROP TABLE conversations;
                DROP TABLE idempotency_keys; DROP TABLE audit_log; DROP TABLE user_sessions; DROP TABLE users; DROP TABLE spaces;
                DROP TABLE sites; ALTER TABLE tenants DROP COLUMN retention_days;
                DROP INDEX directive_outbox_by_expiry;
                DROP TABLE schedules; DROP TABLE reminders; DROP TABLE home_events; DROP TABLE meter_readings;
                DROP TABLE notices; DROP TABLE tickets; DROP TABLE partner_keys;
                UPDATE schema_version SET version = 1
                """;
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        _database = SqliteDatabase.Open(_directory);

        await using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        await check.OpenAsync(Ct);
        await using var command = check.CreateCommand();
        command.CommandText = """
            SELECT (SELECT version FROM schema_version) || ',' ||
                (SELECT count(*) FROM sqlite_master WHERE name IN ('directive_outbox_by_expiry', 'schedules', 'reminders', 'tickets', 'sites', 'users',
                    'conversations', 'analytics_days', 'device_clients', 'device_codes', 'skills', 'site_skills',
                    'site_home_networks', 'wallpad_requests', 'device_presence', 'alliance_agents', 'alliance_routes')) || ',' ||
                (SELECT count(*) FROM pragma_table_info('partner_keys') WHERE name = 'site_id') || ',' ||
                (SELECT count(*) FROM pragma_table_info('skills') WHERE name = 'backend')
            """;
        Assert.Equal($"{SqliteDatabase.SchemaVersion},17,1,1", await command.ExecuteScalarAsync(Ct));
        Assert.Equal(11, SqliteDatabase.SchemaVersion);
        Assert.Equal(["kept"], (await new SqliteDirectiveOutbox(_database).PendingAsync("h1", "d1", DateTimeOffset.UtcNow, Ct)).Select(e => e.DirectiveId));
    }

    [Fact]
    public async Task Importing_a_home_file_provisions_tokens_and_strips_them_from_the_layout()
    {
        var homes = new SqliteHomeStore(_database, TimeProvider.System);
        var credentials = new SqliteDeviceCredentials(_database, TimeProvider.System);
        var provisioning = new HomeProvisioning(homes, credentials, new SqlitePartnerKeys(_database, TimeProvider.System),
            new SqliteSites(_database, TimeProvider.System), new SqliteUserAccounts(_database, TimeProvider.System));
        var yaml = """
            id: villa
            tenant: acme
            areas:
              - id: hall
                names: [홀]
            devices:
              - id: pad
                domain: assist_satellite
                gateway: true
                token: pad-secret-123
                names: [월패드]
              - id: light.hall
                area: hall
                names: [홀 조명]
            """;

        var (home, provisioned) = await provisioning.ImportAsync(HomeProvisioning.DemoTenant, yaml, "fallback", Ct);

        Assert.Equal("villa", home.Id);
        Assert.Equal(["pad"], provisioned);
        Assert.Equal(new DeviceIdentity("villa", "pad"), await credentials.FindAsync("pad-secret-123", Ct));
        var stored = (await homes.FindHomeAsync("villa", Ct))!;
        Assert.Equal("acme", stored.TenantId);
        Assert.DoesNotContain("pad-secret-123", stored.Layout, StringComparison.Ordinal);
        var reloaded = HomeFile.Parse(stored.Layout);
        Assert.Equal("pad", reloaded.Gateway!.Id);
        Assert.Equal("홀 조명", reloaded.FindDevice("light.hall")!.Names.Display("ko", "?"));
        var space = await new SqliteSites(_database, TimeProvider.System).FindSpaceOfHomeAsync("villa", Ct);
        Assert.Equal(("acme-homes", "villa", "unit"), (space!.SiteId, space.Id, space.Kind));
    }

    [Fact]
    public async Task Demo_is_seeded_once_and_its_token_is_replaced_at_every_seed()
    {
        var homes = new SqliteHomeStore(_database, TimeProvider.System);
        var credentials = new SqliteDeviceCredentials(_database, TimeProvider.System);
        var provisioning = new HomeProvisioning(homes, credentials, new SqlitePartnerKeys(_database, TimeProvider.System),
            new SqliteSites(_database, TimeProvider.System), new SqliteUserAccounts(_database, TimeProvider.System));

        var first = await provisioning.SeedDemoAsync(null, Ct);
        await homes.SaveStatesAsync(HomeProvisioning.DemoHomeId, new Dictionary<string, DeviceState> { ["light.kitchen"] = new("on") }, Ct);
        var second = await provisioning.SeedDemoAsync("fixed", Ct);

        Assert.Equal("fixed", second);
        Assert.Null(await credentials.FindAsync(first, Ct));
        Assert.Equal(new DeviceIdentity(HomeProvisioning.DemoHomeId, HomeProvisioning.DemoSpeakerId), await credentials.FindAsync("fixed", Ct));
        Assert.Equal("on", (await homes.LoadStatesAsync(HomeProvisioning.DemoHomeId, Ct))["light.kitchen"].Value);
        var demo = HomeFile.Parse((await homes.FindHomeAsync(HomeProvisioning.DemoHomeId, Ct))!.Layout);
        Assert.Equal("wallpad", demo.Gateway!.Id);
    }

    [Fact]
    public async Task Demo_console_owner_is_seeded_once_and_its_password_is_reset_at_every_seed()
    {
        var users = new SqliteUserAccounts(_database, TimeProvider.System);
        var provisioning = new HomeProvisioning(new SqliteHomeStore(_database, TimeProvider.System),
            new SqliteDeviceCredentials(_database, TimeProvider.System), new SqlitePartnerKeys(_database, TimeProvider.System),
            new SqliteSites(_database, TimeProvider.System), users);
        await provisioning.SeedDemoAsync(null, Ct);

        var random = await provisioning.SeedDemoConsoleUserAsync(null, Ct);
        var session = await users.SignInAsync(HomeProvisioning.DemoConsoleEmail, random, TimeSpan.FromHours(1), Ct);
        Assert.True(random.Length >= 20, random);
        Assert.Equal(("demo", Roles.Owner), (session!.Value.User.TenantId, session.Value.User.Role));
        await users.UpdateAsync(HomeProvisioning.DemoTenant, session.Value.User.Id, Roles.Viewer, null, Ct);

        var configured = await provisioning.SeedDemoConsoleUserAsync("configured-password", Ct);

        Assert.Equal("configured-password", configured);
        Assert.Null(await users.SignInAsync(HomeProvisioning.DemoConsoleEmail, random, TimeSpan.FromHours(1), Ct));
        Assert.Null(await users.FindSessionAsync(session.Value.Token, Ct)); // the old password's sessions end with it
        var again = await users.SignInAsync(HomeProvisioning.DemoConsoleEmail, "configured-password", TimeSpan.FromHours(1), Ct);
        Assert.Equal(Roles.Owner, again!.Value.User.Role);
        var listed = await users.ListAsync(HomeProvisioning.DemoTenant, null, 10, Ct);
        Assert.Equal([HomeProvisioning.DemoConsoleEmail], listed.Items.Select(u => u.Email));
    }

    [Fact]
    public void Device_state_json_round_trips_attributes_of_every_kind()
    {
        var state = new DeviceState("heat", ImmutableDictionary<string, JsonElement>.Empty
            .Add("temperature", JsonSerializer.SerializeToElement(23.5))
            .Add("hvac_mode", JsonSerializer.SerializeToElement("heat"))
            .Add("presets", JsonSerializer.SerializeToElement(new[] { "eco", "away" })));

        var json = DeviceStateJson.Write(state);

        Assert.Equal(state, DeviceStateJson.Parse(json));
        Assert.Contains("\"state\":\"heat\"", json, StringComparison.Ordinal);
    }

    private static OutboxEntry Entry(string id, DateTimeOffset now, TimeSpan ttl) =>
        new(id, "Device.Control", $"reply-{id}", $$"""{"n":"{{id}}"}""", now, now + ttl);
}
