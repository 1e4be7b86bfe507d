using System.Data;
using Dure.Homes;
using Dure.Platform.Tenancy;

namespace Dure.Platform.Storage.Postgres;

/// <summary>Tenants, homes and device states in PostgreSQL.</summary>
public sealed class PostgresHomeStore(PostgresDatabase database, TimeProvider time) : IHomeStore
{
    public Task UpsertTenantAsync(string tenantId, string name, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            "INSERT INTO tenants (id, name, created) VALUES (@id, @name, @now) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            cancellationToken, ("id", tenantId), ("name", name), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));

    public Task UpsertHomeAsync(StoredHome home, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(home);
        return database.ExecuteAsync(
            """
            INSERT INTO homes (id, tenant_id, layout, updated) VALUES (@id, @tenant, @layout, @now)
            ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, layout = excluded.layout, updated = excluded.updated
            """,
            cancellationToken, ("id", home.Id), ("tenant", home.TenantId), ("layout", home.Layout),
            ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public Task<IReadOnlySet<string>> ApplyLayoutChangesAsync(IReadOnlyList<LayoutChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var hashed = changes.Select(c => (Change: c, Hashes: c.Tokens.Select(t => (t.DeviceId, Hash: Secrets.Sha256(t.Token))).ToList())).ToList();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Read committed is enough: the compare-and-set on the layout decides, and the row lock it takes orders editors.
        return database.InTransactionAsync<IReadOnlySet<string>>(async session =>
        {
            HashSet<string> skipped = new(StringComparer.Ordinal);
            foreach (var (change, hashes) in hashed)
            {
                var updated = await session.ExecuteAsync(
                    "UPDATE homes SET layout = @layout, updated = @now WHERE id = @id AND tenant_id = @tenant AND layout = @expected",
                    cancellationToken, ("layout", change.Layout), ("now", now), ("id", change.HomeId), ("tenant", change.TenantId),
                    ("expected", change.ExpectedLayout)).ConfigureAwait(false);
                if (updated != 1)
                {
                    skipped.Add(change.HomeId);
                    continue;
                }

                foreach (var (deviceId, hash) in hashes)
                {
                    await DeviceCredentialRows.ReplaceAsync(session, change.HomeId, deviceId, hash, now, cancellationToken).ConfigureAwait(false);
                }
            }

            return skipped;
        }, cancellationToken, IsolationLevel.ReadCommitted);
    }

    public async Task<string?> FindTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await database.ScalarAsync("SELECT name FROM tenants WHERE id = @id", cancellationToken, ("id", tenantId)).ConfigureAwait(false) as string;

    public async Task<StoredHome?> FindHomeAsync(string homeId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT tenant_id, layout FROM homes WHERE id = @id",
            r => new StoredHome(homeId, r.GetString(0), r.GetString(1)), cancellationToken, ("id", homeId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyDictionary<string, DeviceState>> LoadStatesAsync(string homeId, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync("SELECT device_id, state FROM device_states WHERE home_id = @home",
            r => (Device: r.GetString(0), State: DeviceStateJson.Parse(r.GetString(1))), cancellationToken, ("home", homeId)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Device, r => r.State, StringComparer.Ordinal);
    }

    public Task SaveStatesAsync(string homeId, IReadOnlyDictionary<string, DeviceState> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return Task.CompletedTask;
        }

        // One statement for all of them: atomic as SQLite's one transaction, and one round trip.
        return database.ExecuteAsync(
            """
            INSERT INTO device_states (home_id, device_id, state, updated)
            SELECT @home, d, s, @now FROM unnest(@devices, @states) AS t(d, s)
            ON CONFLICT (home_id, device_id) DO UPDATE SET state = excluded.state, updated = excluded.updated
            """,
            cancellationToken, ("home", homeId), ("devices", states.Keys.ToArray()), ("states", states.Values.Select(DeviceStateJson.Write).ToArray()),
            ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}

/// <summary>Device tokens in PostgreSQL, as SHA-256 hashes only.</summary>
public sealed class PostgresDeviceCredentials(PostgresDatabase database, TimeProvider time) : IDeviceCredentials
{
    public Task SetTokenAsync(string homeId, string deviceId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var hash = Secrets.Sha256(token);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.InTransactionAsync(session => DeviceCredentialRows.ReplaceAsync(session, homeId, deviceId, hash, now, cancellationToken),
            cancellationToken, IsolationLevel.ReadCommitted);
    }

    public async Task<DeviceIdentity?> FindAsync(string token, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(token)
            ? null
            : (await database.QueryAsync("SELECT home_id, device_id FROM device_credentials WHERE token_hash = @hash",
                r => new DeviceIdentity(r.GetString(0), r.GetString(1)), cancellationToken, ("hash", Secrets.Sha256(token))).ConfigureAwait(false))
            .FirstOrDefault();

    public async Task<IReadOnlySet<string>> EndpointsAsync(string homeId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT device_id FROM device_credentials WHERE home_id = @home", r => r.GetString(0), cancellationToken,
            ("home", homeId)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

    public async Task<bool> RevokeAsync(string homeId, string deviceId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM device_credentials WHERE home_id = @home AND device_id = @device", cancellationToken,
            ("home", homeId), ("device", deviceId)).ConfigureAwait(false) == 1;
}

internal static class DeviceCredentialRows
{
    /// <summary>The device's token replaced: whatever row held the device or the hash goes first.</summary>
    public static async Task<int> ReplaceAsync(PostgresSession session, string homeId, string deviceId, byte[] hash, long now,
        CancellationToken cancellationToken)
    {
        await session.ExecuteAsync("DELETE FROM device_credentials WHERE (home_id = @home AND device_id = @device) OR token_hash = @hash",
            cancellationToken, ("home", homeId), ("device", deviceId), ("hash", hash)).ConfigureAwait(false);
        return await session.ExecuteAsync(
            "INSERT INTO device_credentials (token_hash, home_id, device_id, created) VALUES (@hash, @home, @device, @now)",
            cancellationToken, ("hash", hash), ("home", homeId), ("device", deviceId), ("now", now)).ConfigureAwait(false);
    }
}

/// <summary>The directive outbox in PostgreSQL; the identity column keeps each device's directives in sending order.</summary>
public sealed class PostgresDirectiveOutbox(PostgresDatabase database) : IDirectiveOutbox
{
    public Task AddAsync(string homeId, string deviceId, OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.ExecuteAsync(
            """
            INSERT INTO directive_outbox (home_id, device_id, directive_id, name, reply_to, payload, created, expires)
            VALUES (@home, @device, @id, @name, @replyTo, @payload, @created, @expires)
            ON CONFLICT (home_id, device_id, directive_id) DO NOTHING
            """,
            cancellationToken, ("home", homeId), ("device", deviceId), ("id", entry.DirectiveId), ("name", entry.Name),
            ("replyTo", entry.ReplyTo), ("payload", entry.PayloadJson),
            ("created", entry.Created.ToUnixTimeMilliseconds()), ("expires", entry.Expires.ToUnixTimeMilliseconds()));
    }

    public async Task<bool> RemoveAsync(string homeId, string deviceId, string directiveId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM directive_outbox WHERE home_id = @home AND device_id = @device AND directive_id = @id",
            cancellationToken, ("home", homeId), ("device", deviceId), ("id", directiveId)).ConfigureAwait(false) > 0;

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("DELETE FROM directive_outbox WHERE expires <= @now", cancellationToken, ("now", now.ToUnixTimeMilliseconds()));

    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(string homeId, string deviceId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await database.ExecuteAsync("DELETE FROM directive_outbox WHERE home_id = @home AND device_id = @device AND expires <= @now",
            cancellationToken, ("home", homeId), ("device", deviceId), ("now", nowMs)).ConfigureAwait(false);
        return await database.QueryAsync(
            $"SELECT {Rows.OutboxColumns} FROM directive_outbox WHERE home_id = @home AND device_id = @device AND expires > @now ORDER BY seq",
            Rows.Outbox, cancellationToken, ("home", homeId), ("device", deviceId), ("now", nowMs)).ConfigureAwait(false);
    }
}

/// <summary>Devices' live connections in PostgreSQL: what lets a grain on any silo find a socket on any other.</summary>
public sealed class PostgresDevicePresence(PostgresDatabase database, TimeProvider time) : IDevicePresence
{
    public Task SetAsync(string homeId, string deviceId, DevicePresence presence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return database.ExecuteAsync(
            """
            INSERT INTO device_presence (home_id, device_id, connection_id, observer, connected) VALUES (@home, @device, @connection, @observer, @now)
            ON CONFLICT (home_id, device_id) DO UPDATE SET
                connection_id = excluded.connection_id, observer = excluded.observer, connected = excluded.connected
            """,
            cancellationToken, ("home", homeId), ("device", deviceId), ("connection", presence.ConnectionId), ("observer", presence.Observer),
            ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public Task ClearAsync(string homeId, string deviceId, string connectionId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("DELETE FROM device_presence WHERE home_id = @home AND device_id = @device AND connection_id = @connection",
            cancellationToken, ("home", homeId), ("device", deviceId), ("connection", connectionId));

    public async Task<DevicePresence?> FindAsync(string homeId, string deviceId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT connection_id, observer FROM device_presence WHERE home_id = @home AND device_id = @device",
            r => new DevicePresence(r.GetString(0), r.GetString(1)), cancellationToken, ("home", homeId), ("device", deviceId))
            .ConfigureAwait(false)).FirstOrDefault();
}
