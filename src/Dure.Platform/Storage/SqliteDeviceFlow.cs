using Dure.Platform.Provisioning;
using Dure.Platform.Tenancy;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>Device clients and device codes in SQLite; device codes only as SHA-256 hashes.</summary>
public sealed class SqliteDeviceFlow(SqliteDatabase database, TimeProvider time) : IDeviceFlowStore
{
    /// <summary>Codes are kept this long past their expiry, so a late poll hears <c>expired_token</c> rather than <c>invalid_grant</c>.</summary>
    private static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    private const int SlowDownSeconds = 5;
    private const string CodeColumns = "user_code, client_id, tenant_id, status, created, expires, home_id, device_id";

    public async Task<(StoreOutcome Outcome, DeviceClientRecord? Client)> CreateClientAsync(string tenantId, string clientId, string name,
        CancellationToken cancellationToken = default)
    {
        var client = new DeviceClientRecord(clientId, tenantId, name, Sql.Now(time));
        var inserted = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "INSERT INTO device_clients (id, tenant_id, name, created) VALUES ($id, $tenant, $name, $now) ON CONFLICT (id) DO NOTHING",
            ("$id", clientId), ("$tenant", tenantId), ("$name", name), ("$now", client.Created.ToUnixTimeMilliseconds())),
            cancellationToken).ConfigureAwait(false);
        return inserted == 1 ? (StoreOutcome.Done, client) : (StoreOutcome.Conflict, null);
    }

    public async Task<DeviceClientRecord?> FindClientAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT id, tenant_id, name, created FROM device_clients WHERE id = $id", ("$id", clientId));
        return (await ReadClientsAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<Page<DeviceClientRecord>> ListClientsAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT id, tenant_id, name, created FROM device_clients WHERE tenant_id = $tenant AND id > $after ORDER BY id LIMIT $limit",
            ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        return Rows.Paged(await ReadClientsAsync(command, cancellationToken).ConfigureAwait(false), limit, c => c.Id);
    }

    public async Task<StoreOutcome> DeleteClientAsync(string tenantId, string clientId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction,
                "DELETE FROM device_codes WHERE client_id IN (SELECT id FROM device_clients WHERE id = $id AND tenant_id = $tenant)",
                ("$id", clientId), ("$tenant", tenantId));
            return Sql.Execute(connection, transaction, "DELETE FROM device_clients WHERE id = $id AND tenant_id = $tenant",
                ("$id", clientId), ("$tenant", tenantId));
        }, cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public Task<bool> CreateCodeAsync(byte[] deviceCodeHash, DeviceCodeRecord code, int intervalSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction, "DELETE FROM device_codes WHERE expires < $before",
                ("$before", (code.Created - KeptAfterExpiry).ToUnixTimeMilliseconds()));
            return Sql.Execute(connection, transaction,
                """
                INSERT INTO device_codes (device_code_hash, user_code, client_id, tenant_id, status, interval_s, created, expires)
                VALUES ($hash, $user, $client, $tenant, $status, $interval, $created, $expires) ON CONFLICT DO NOTHING
                """,
                ("$hash", deviceCodeHash), ("$user", code.UserCode), ("$client", code.ClientId), ("$tenant", code.TenantId),
                ("$status", code.Status), ("$interval", intervalSeconds), ("$created", code.Created.ToUnixTimeMilliseconds()),
                ("$expires", code.Expires.ToUnixTimeMilliseconds())) == 1;
        }, cancellationToken);
    }

    public async Task<DeviceCodeRecord?> FindCodeAsync(string tenantId, string userCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {CodeColumns} FROM device_codes WHERE user_code = $user AND tenant_id = $tenant",
            ("$user", userCode), ("$tenant", tenantId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCode(reader) : null;
    }

    public Task<PollResult> PollAsync(byte[] deviceCodeHash, string clientId, DateTimeOffset now, TimeSpan leeway,
        CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            string status;
            long expires, previous;
            int interval;
            string? homeId, deviceId;
            using (var read = Sql.Command(connection, transaction,
                "SELECT client_id, status, expires, interval_s, COALESCE(last_polled, created), home_id, device_id FROM device_codes WHERE device_code_hash = $hash",
                ("$hash", deviceCodeHash)))
            using (var reader = read.ExecuteReader())
            {
                if (!reader.Read() || reader.GetString(0) != clientId)
                {
                    return new PollResult(PollOutcome.InvalidGrant, 0);
                }

                (status, expires, interval, previous) = (reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt64(4));
                (homeId, deviceId) = (Rows.Text(reader, 5), Rows.Text(reader, 6));
            }

            var at = now.ToUnixTimeMilliseconds();
            if (status == DeviceCodeStatus.Redeemed)
            {
                return new PollResult(PollOutcome.InvalidGrant, interval);
            }

            if (status == DeviceCodeStatus.Denied)
            {
                return new PollResult(PollOutcome.Denied, interval);
            }

            if (at >= expires)
            {
                return new PollResult(PollOutcome.Expired, interval);
            }

            var tooSoon = at - previous < (long)(TimeSpan.FromSeconds(interval) - leeway).TotalMilliseconds;
            if (tooSoon)
            {
                interval += SlowDownSeconds;
            }

            Sql.Execute(connection, transaction, "UPDATE device_codes SET last_polled = $now, interval_s = $interval WHERE device_code_hash = $hash",
                ("$now", at), ("$interval", interval), ("$hash", deviceCodeHash));
            return tooSoon ? new PollResult(PollOutcome.SlowDown, interval)
                : status == DeviceCodeStatus.Approved ? new PollResult(PollOutcome.Approved, interval, homeId, deviceId)
                : new PollResult(PollOutcome.Pending, interval);
        }, cancellationToken);

    public Task<bool> RedeemAsync(byte[] deviceCodeHash, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var tokenHash = Secrets.Sha256(token);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.WriteAsync((connection, transaction) =>
        {
            string homeId, deviceId;
            using (var read = Sql.Command(connection, transaction,
                "SELECT home_id, device_id FROM device_codes WHERE device_code_hash = $hash AND status = $approved",
                ("$hash", deviceCodeHash), ("$approved", DeviceCodeStatus.Approved)))
            using (var reader = read.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return false;
                }

                (homeId, deviceId) = (reader.GetString(0), reader.GetString(1));
            }

            Sql.Execute(connection, transaction, "UPDATE device_codes SET status = $redeemed WHERE device_code_hash = $hash",
                ("$redeemed", DeviceCodeStatus.Redeemed), ("$hash", deviceCodeHash));
            Sql.Execute(connection, transaction, "DELETE FROM device_credentials WHERE (home_id = $home AND device_id = $device) OR token_hash = $token",
                ("$home", homeId), ("$device", deviceId), ("$token", tokenHash));
            Sql.Execute(connection, transaction,
                "INSERT INTO device_credentials (token_hash, home_id, device_id, created) VALUES ($token, $home, $device, $now)",
                ("$token", tokenHash), ("$home", homeId), ("$device", deviceId), ("$now", now));
            return true;
        }, cancellationToken);
    }

    public Task WithdrawAsync(byte[] deviceCodeHash, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE device_codes SET status = $denied WHERE device_code_hash = $hash AND status = $approved",
            ("$denied", DeviceCodeStatus.Denied), ("$hash", deviceCodeHash), ("$approved", DeviceCodeStatus.Approved)), cancellationToken);

    public Task<DecisionOutcome> BeginApprovalAsync(string tenantId, string userCode, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        DecideAsync(tenantId, userCode, now, DeviceCodeStatus.Approving, cancellationToken);

    public Task<DecisionOutcome> DenyAsync(string tenantId, string userCode, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        DecideAsync(tenantId, userCode, now, DeviceCodeStatus.Denied, cancellationToken);

    public Task CompleteApprovalAsync(string tenantId, string userCode, string homeId, string deviceId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            UPDATE device_codes SET status = $approved, home_id = $home, device_id = $device
            WHERE user_code = $user AND tenant_id = $tenant AND status = $approving
            """,
            ("$approved", DeviceCodeStatus.Approved), ("$home", homeId), ("$device", deviceId), ("$user", userCode), ("$tenant", tenantId),
            ("$approving", DeviceCodeStatus.Approving)), cancellationToken);

    public Task AbandonApprovalAsync(string tenantId, string userCode, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE device_codes SET status = $pending WHERE user_code = $user AND tenant_id = $tenant AND status = $approving",
            ("$pending", DeviceCodeStatus.Pending), ("$user", userCode), ("$tenant", tenantId), ("$approving", DeviceCodeStatus.Approving)),
            cancellationToken);

    /// <summary>Moves a pending, unexpired code to <paramref name="status"/>, or says why it cannot move.</summary>
    private Task<DecisionOutcome> DecideAsync(string tenantId, string userCode, DateTimeOffset now, string status, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var read = Sql.Command(connection, transaction, "SELECT status, expires FROM device_codes WHERE user_code = $user AND tenant_id = $tenant",
                ("$user", userCode), ("$tenant", tenantId));
            string current;
            long expires;
            using (var reader = read.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return DecisionOutcome.NotFound;
                }

                (current, expires) = (reader.GetString(0), reader.GetInt64(1));
            }

            if (current != DeviceCodeStatus.Pending)
            {
                return DecisionOutcome.NotPending;
            }

            if (now.ToUnixTimeMilliseconds() >= expires)
            {
                return DecisionOutcome.Expired;
            }

            Sql.Execute(connection, transaction, "UPDATE device_codes SET status = $status WHERE user_code = $user AND tenant_id = $tenant",
                ("$status", status), ("$user", userCode), ("$tenant", tenantId));
            return DecisionOutcome.Done;
        }, cancellationToken);

    private static async Task<List<DeviceClientRecord>> ReadClientsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<DeviceClientRecord> clients = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            clients.Add(new DeviceClientRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Rows.Time(reader, 3)));
        }

        return clients;
    }

    private static DeviceCodeRecord ReadCode(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Rows.Time(reader, 4), Rows.Time(reader, 5),
            Rows.Text(reader, 6), Rows.Text(reader, 7));
}
