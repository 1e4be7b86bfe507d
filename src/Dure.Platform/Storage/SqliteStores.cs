using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dure.Homes;
using Dure.Platform.Tenancy;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>Tenants, homes and device states in the embedded SQLite file.</summary>
public sealed class SqliteHomeStore(SqliteDatabase database, TimeProvider time) : IHomeStore
{
    public Task UpsertTenantAsync(string tenantId, string name, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "INSERT INTO tenants (id, name, created) VALUES ($id, $name, $now) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            ("$id", tenantId), ("$name", name), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds())), cancellationToken);

    public Task UpsertHomeAsync(StoredHome home, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO homes (id, tenant_id, layout, updated) VALUES ($id, $tenant, $layout, $now)
            ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id, layout = excluded.layout, updated = excluded.updated
            """,
            ("$id", home.Id), ("$tenant", home.TenantId), ("$layout", home.Layout),
            ("$now", time.GetUtcNow().ToUnixTimeMilliseconds())), cancellationToken);

    public Task<IReadOnlySet<string>> ApplyLayoutChangesAsync(IReadOnlyList<LayoutChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        // Hashing happens here, outside the single writer, so the transaction only does SQL.
        var hashed = changes.Select(c => (Change: c, Hashes: c.Tokens.Select(t => (t.DeviceId, Hash: Secrets.Sha256(t.Token))).ToList())).ToList();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.WriteAsync<IReadOnlySet<string>>((connection, transaction) =>
        {
            HashSet<string> skipped = new(StringComparer.Ordinal);
            using var update = Sql.Command(connection, transaction,
                "UPDATE homes SET layout = $layout, updated = $now WHERE id = $id AND tenant_id = $tenant AND layout = $expected",
                ("$layout", ""), ("$now", now), ("$id", ""), ("$tenant", ""), ("$expected", ""));
            // REPLACE drops whatever row holds the device or the hash, as SetTokenAsync does with its DELETE.
            using var insert = Sql.Command(connection, transaction,
                "INSERT OR REPLACE INTO device_credentials (token_hash, home_id, device_id, created) VALUES ($hash, $home, $device, $now)",
                ("$hash", Array.Empty<byte>()), ("$home", ""), ("$device", ""), ("$now", now));
            foreach (var (change, hashes) in hashed)
            {
                update.Parameters["$layout"].Value = change.Layout;
                update.Parameters["$id"].Value = change.HomeId;
                update.Parameters["$tenant"].Value = change.TenantId;
                update.Parameters["$expected"].Value = change.ExpectedLayout;
                if (update.ExecuteNonQuery() != 1)
                {
                    skipped.Add(change.HomeId);
                    continue;
                }

                foreach (var (deviceId, hash) in hashes)
                {
                    insert.Parameters["$home"].Value = change.HomeId;
                    insert.Parameters["$device"].Value = deviceId;
                    insert.Parameters["$hash"].Value = hash;
                    insert.ExecuteNonQuery();
                }
            }

            return skipped;
        }, cancellationToken);
    }

    public async Task<string?> FindTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT name FROM tenants WHERE id = $id", ("$id", tenantId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<StoredHome?> FindHomeAsync(string homeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT tenant_id, layout FROM homes WHERE id = $id", ("$id", homeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredHome(homeId, reader.GetString(0), reader.GetString(1))
            : null;
    }

    public async Task<IReadOnlyDictionary<string, DeviceState>> LoadStatesAsync(string homeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT device_id, state FROM device_states WHERE home_id = $home", ("$home", homeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, DeviceState> states = new(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states[reader.GetString(0)] = DeviceStateJson.Parse(reader.GetString(1));
        }

        return states;
    }

    public Task SaveStatesAsync(string homeId, IReadOnlyDictionary<string, DeviceState> states, CancellationToken cancellationToken = default)
    {
        if (states.Count == 0)
        {
            return Task.CompletedTask;
        }

        var rows = states.Select(s => (s.Key, DeviceStateJson.Write(s.Value))).ToList();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.WriteAsync((connection, transaction) =>
        {
            foreach (var (deviceId, json) in rows)
            {
                Sql.Execute(connection, transaction,
                    """
                    INSERT INTO device_states (home_id, device_id, state, updated) VALUES ($home, $device, $state, $now)
                    ON CONFLICT (home_id, device_id) DO UPDATE SET state = excluded.state, updated = excluded.updated
                    """,
                    ("$home", homeId), ("$device", deviceId), ("$state", json), ("$now", now));
            }

            return rows.Count;
        }, cancellationToken);
    }
}

/// <summary>Device tokens, stored as SHA-256 hashes only.</summary>
public sealed class SqliteDeviceCredentials(SqliteDatabase database, TimeProvider time) : IDeviceCredentials
{
    public Task SetTokenAsync(string homeId, string deviceId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var hash = Hash(token);
        return database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction, "DELETE FROM device_credentials WHERE (home_id = $home AND device_id = $device) OR token_hash = $hash",
                ("$home", homeId), ("$device", deviceId), ("$hash", hash));
            return Sql.Execute(connection, transaction,
                "INSERT INTO device_credentials (token_hash, home_id, device_id, created) VALUES ($hash, $home, $device, $now)",
                ("$hash", hash), ("$home", homeId), ("$device", deviceId), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        }, cancellationToken);
    }

    public async Task<DeviceIdentity?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT home_id, device_id FROM device_credentials WHERE token_hash = $hash", ("$hash", Hash(token)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new DeviceIdentity(reader.GetString(0), reader.GetString(1))
            : null;
    }

    public async Task<IReadOnlySet<string>> EndpointsAsync(string homeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT device_id FROM device_credentials WHERE home_id = $home", ("$home", homeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        HashSet<string> devices = new(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            devices.Add(reader.GetString(0));
        }

        return devices;
    }

    public async Task<bool> RevokeAsync(string homeId, string deviceId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM device_credentials WHERE home_id = $home AND device_id = $device", ("$home", homeId), ("$device", deviceId)),
            cancellationToken).ConfigureAwait(false) == 1;

    // Tokens are random and long, so a plain (unsalted) SHA-256 is enough and lets us look a token up by its hash.
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

/// <summary>The directive outbox in SQLite; the autoincrement sequence keeps each device's directives in sending order.</summary>
public sealed class SqliteDirectiveOutbox(SqliteDatabase database) : IDirectiveOutbox
{
    public Task AddAsync(string homeId, string deviceId, OutboxEntry entry, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO directive_outbox (home_id, device_id, directive_id, name, reply_to, payload, created, expires)
            VALUES ($home, $device, $id, $name, $replyTo, $payload, $created, $expires)
            ON CONFLICT (home_id, device_id, directive_id) DO NOTHING
            """,
            ("$home", homeId), ("$device", deviceId), ("$id", entry.DirectiveId), ("$name", entry.Name),
            ("$replyTo", entry.ReplyTo), ("$payload", entry.PayloadJson),
            ("$created", entry.Created.ToUnixTimeMilliseconds()), ("$expires", entry.Expires.ToUnixTimeMilliseconds())),
            cancellationToken);

    public async Task<bool> RemoveAsync(string homeId, string deviceId, string directiveId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM directive_outbox WHERE home_id = $home AND device_id = $device AND directive_id = $id",
            ("$home", homeId), ("$device", deviceId), ("$id", directiveId)), cancellationToken).ConfigureAwait(false) > 0;

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM directive_outbox WHERE expires <= $now", ("$now", now.ToUnixTimeMilliseconds())), cancellationToken);

    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(string homeId, string deviceId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM directive_outbox WHERE home_id = $home AND device_id = $device AND expires <= $now",
            ("$home", homeId), ("$device", deviceId), ("$now", nowMs)), cancellationToken).ConfigureAwait(false);

        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            """
            SELECT directive_id, name, reply_to, payload, created, expires FROM directive_outbox
            WHERE home_id = $home AND device_id = $device AND expires > $now ORDER BY seq
            """,
            ("$home", homeId), ("$device", deviceId), ("$now", nowMs));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<OutboxEntry> pending = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(new OutboxEntry(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return pending;
    }
}

/// <summary>A device state as stored: <c>{"state":"on","attributes":{...}}</c>.</summary>
public static class DeviceStateJson
{
    public static string Write(DeviceState state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("state", state.Value);
            writer.WriteStartObject("attributes");
            foreach (var (name, value) in state.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static DeviceState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var value = root.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String ? state.GetString()! : "unknown";
        var attributes = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("attributes", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in map.EnumerateObject())
            {
                attributes[property.Name] = property.Value.Clone();
            }
        }

        return new DeviceState(value, attributes.ToImmutable());
    }
}

internal static class Sql
{
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text,
        params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return Bind(command, parameters);
    }

    public static int Execute(SqliteConnection connection, SqliteTransaction transaction, string text,
        params (string Name, object? Value)[] parameters)
    {
        if (PreparedStatements.Of(connection) is { } statements)
        {
            return Bind(statements.Get(text, transaction), parameters).ExecuteNonQuery();
        }

        using var command = Command(connection, transaction, text, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Now, to the millisecond the store keeps, so a created record reads back equal.</summary>
    public static DateTimeOffset Now(TimeProvider time) => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
}
