using System.Data;
using Dure.Platform.Provisioning;
using Dure.Platform.Tenancy;

namespace Dure.Platform.Storage.Postgres;

/// <summary>Device clients and device codes in PostgreSQL; device codes only as SHA-256 hashes.</summary>
public sealed class PostgresDeviceFlow(PostgresDatabase database, TimeProvider time) : IDeviceFlowStore
{
    public async Task<(StoreOutcome Outcome, DeviceClientRecord? Client)> CreateClientAsync(string tenantId, string clientId, string name,
        CancellationToken cancellationToken = default)
    {
        var client = new DeviceClientRecord(clientId, tenantId, name, Sql.Now(time));
        var inserted = await database.ExecuteAsync(
            "INSERT INTO device_clients (id, tenant_id, name, created) VALUES (@id, @tenant, @name, @now) ON CONFLICT (id) DO NOTHING",
            cancellationToken, ("id", clientId), ("tenant", tenantId), ("name", name), ("now", client.Created.ToUnixTimeMilliseconds()))
            .ConfigureAwait(false);
        return inserted == 1 ? (StoreOutcome.Done, client) : (StoreOutcome.Conflict, null);
    }

    public async Task<DeviceClientRecord?> FindClientAsync(string clientId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.DeviceClientColumns} FROM device_clients WHERE id = @id", Rows.DeviceClient, cancellationToken,
            ("id", clientId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<Page<DeviceClientRecord>> ListClientsAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync(
            $"SELECT {Rows.DeviceClientColumns} FROM device_clients WHERE tenant_id = @tenant AND id > @after ORDER BY id LIMIT @limit",
            Rows.DeviceClient, cancellationToken, ("tenant", tenantId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit,
            c => c.Id);

    // The client's codes go with it (ON DELETE CASCADE).
    public async Task<StoreOutcome> DeleteClientAsync(string tenantId, string clientId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM device_clients WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("id", clientId),
            ("tenant", tenantId)).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public Task<bool> CreateCodeAsync(byte[] deviceCodeHash, DeviceCodeRecord code, int intervalSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return database.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync("DELETE FROM device_codes WHERE expires < @before", cancellationToken,
                ("before", (code.Created - DeviceFlowRules.KeptAfterExpiry).ToUnixTimeMilliseconds())).ConfigureAwait(false);
            return await session.ExecuteAsync(
                """
                INSERT INTO device_codes (device_code_hash, user_code, client_id, tenant_id, status, interval_s, created, expires)
                VALUES (@hash, @user, @client, @tenant, @status, @interval, @created, @expires) ON CONFLICT DO NOTHING
                """,
                cancellationToken, ("hash", deviceCodeHash), ("user", code.UserCode), ("client", code.ClientId), ("tenant", code.TenantId),
                ("status", code.Status), ("interval", intervalSeconds), ("created", code.Created.ToUnixTimeMilliseconds()),
                ("expires", code.Expires.ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1;
        }, cancellationToken, IsolationLevel.ReadCommitted);
    }

    public async Task<DeviceCodeRecord?> FindCodeAsync(string tenantId, string userCode, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.DeviceCodeColumns} FROM device_codes WHERE user_code = @user AND tenant_id = @tenant",
            Rows.DeviceCode, cancellationToken, ("user", userCode), ("tenant", tenantId)).ConfigureAwait(false)).FirstOrDefault();

    public Task<PollResult> PollAsync(byte[] deviceCodeHash, string clientId, DateTimeOffset now, TimeSpan leeway,
        CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async session =>
        {
            var rows = await session.QueryAsync(
                """
                SELECT client_id, status, expires, interval_s, COALESCE(last_polled, created), home_id, device_id FROM device_codes
                WHERE device_code_hash = @hash FOR UPDATE
                """,
                r => new DeviceFlowRules.PolledCode(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt32(3), r.GetInt64(4), Rows.Text(r, 5),
                    Rows.Text(r, 6)),
                cancellationToken, ("hash", deviceCodeHash)).ConfigureAwait(false);
            var (result, touch) = DeviceFlowRules.Poll(rows.FirstOrDefault(), clientId, now.ToUnixTimeMilliseconds(), leeway);
            if (touch)
            {
                await session.ExecuteAsync("UPDATE device_codes SET last_polled = @now, interval_s = @interval WHERE device_code_hash = @hash",
                    cancellationToken, ("now", now.ToUnixTimeMilliseconds()), ("interval", result.IntervalSeconds), ("hash", deviceCodeHash))
                    .ConfigureAwait(false);
            }

            return result;
        }, cancellationToken, IsolationLevel.ReadCommitted);

    public Task<bool> RedeemAsync(byte[] deviceCodeHash, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var tokenHash = Secrets.Sha256(token);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.InTransactionAsync(async session =>
        {
            // The status change is the claim: of two redeemers, one updates the row and the other finds it redeemed.
            var claimed = await session.QueryAsync(
                "UPDATE device_codes SET status = @redeemed WHERE device_code_hash = @hash AND status = @approved RETURNING home_id, device_id",
                r => (Home: r.GetString(0), Device: r.GetString(1)), cancellationToken, ("redeemed", DeviceCodeStatus.Redeemed), ("hash", deviceCodeHash),
                ("approved", DeviceCodeStatus.Approved)).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                return false;
            }

            await DeviceCredentialRows.ReplaceAsync(session, claimed[0].Home, claimed[0].Device, tokenHash, now, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken, IsolationLevel.ReadCommitted);
    }

    public Task WithdrawAsync(byte[] deviceCodeHash, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE device_codes SET status = @denied WHERE device_code_hash = @hash AND status = @approved", cancellationToken,
            ("denied", DeviceCodeStatus.Denied), ("hash", deviceCodeHash), ("approved", DeviceCodeStatus.Approved));

    public Task<DecisionOutcome> BeginApprovalAsync(string tenantId, string userCode, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        DecideAsync(tenantId, userCode, now, DeviceCodeStatus.Approving, cancellationToken);

    public Task<DecisionOutcome> DenyAsync(string tenantId, string userCode, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        DecideAsync(tenantId, userCode, now, DeviceCodeStatus.Denied, cancellationToken);

    public Task CompleteApprovalAsync(string tenantId, string userCode, string homeId, string deviceId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            """
            UPDATE device_codes SET status = @approved, home_id = @home, device_id = @device
            WHERE user_code = @user AND tenant_id = @tenant AND status = @approving
            """,
            cancellationToken, ("approved", DeviceCodeStatus.Approved), ("home", homeId), ("device", deviceId), ("user", userCode),
            ("tenant", tenantId), ("approving", DeviceCodeStatus.Approving));

    public Task AbandonApprovalAsync(string tenantId, string userCode, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE device_codes SET status = @pending WHERE user_code = @user AND tenant_id = @tenant AND status = @approving",
            cancellationToken, ("pending", DeviceCodeStatus.Pending), ("user", userCode), ("tenant", tenantId), ("approving", DeviceCodeStatus.Approving));

    private Task<DecisionOutcome> DecideAsync(string tenantId, string userCode, DateTimeOffset now, string status, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async session =>
        {
            var rows = await session.QueryAsync("SELECT status, expires FROM device_codes WHERE user_code = @user AND tenant_id = @tenant FOR UPDATE",
                r => (Status: r.GetString(0), Expires: r.GetInt64(1)), cancellationToken, ("user", userCode), ("tenant", tenantId)).ConfigureAwait(false);
            var outcome = DeviceFlowRules.Decide(rows.Count == 0 ? null : rows[0], now.ToUnixTimeMilliseconds());
            if (outcome == DecisionOutcome.Done)
            {
                await session.ExecuteAsync("UPDATE device_codes SET status = @status WHERE user_code = @user AND tenant_id = @tenant", cancellationToken,
                    ("status", status), ("user", userCode), ("tenant", tenantId)).ConfigureAwait(false);
            }

            return outcome;
        }, cancellationToken, IsolationLevel.ReadCommitted);
}

/// <summary>The device flow's rules on a stored code, the same whatever stores it.</summary>
internal static class DeviceFlowRules
{
    /// <summary>Codes are kept this long past their expiry, so a late poll hears <c>expired_token</c> rather than <c>invalid_grant</c>.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    private const int SlowDownSeconds = 5;

    public sealed record PolledCode(string ClientId, string Status, long Expires, int Interval, long Previous, string? HomeId, string? DeviceId);

    /// <summary>The poll's answer, and whether the code's last poll and interval are to be written back.</summary>
    public static (PollResult Result, bool Touch) Poll(PolledCode? code, string clientId, long at, TimeSpan leeway)
    {
        if (code is null || code.ClientId != clientId)
        {
            return (new PollResult(PollOutcome.InvalidGrant, 0), false);
        }

        if (code.Status == DeviceCodeStatus.Redeemed)
        {
            return (new PollResult(PollOutcome.InvalidGrant, code.Interval), false);
        }

        if (code.Status == DeviceCodeStatus.Denied)
        {
            return (new PollResult(PollOutcome.Denied, code.Interval), false);
        }

        if (at >= code.Expires)
        {
            return (new PollResult(PollOutcome.Expired, code.Interval), false);
        }

        var tooSoon = at - code.Previous < (long)(TimeSpan.FromSeconds(code.Interval) - leeway).TotalMilliseconds;
        var interval = tooSoon ? code.Interval + SlowDownSeconds : code.Interval;
        return (tooSoon ? new PollResult(PollOutcome.SlowDown, interval)
            : code.Status == DeviceCodeStatus.Approved ? new PollResult(PollOutcome.Approved, interval, code.HomeId, code.DeviceId)
            : new PollResult(PollOutcome.Pending, interval), true);
    }

    /// <summary>Whether a pending code may be claimed or denied now.</summary>
    public static DecisionOutcome Decide((string Status, long Expires)? code, long at) =>
        code is not { } found ? DecisionOutcome.NotFound
        : found.Status != DeviceCodeStatus.Pending ? DecisionOutcome.NotPending
        : at >= found.Expires ? DecisionOutcome.Expired
        : DecisionOutcome.Done;
}
