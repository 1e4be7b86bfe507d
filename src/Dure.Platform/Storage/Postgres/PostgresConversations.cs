using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dure.Platform.Conversations;
using Dure.Platform.Tenancy;

namespace Dure.Platform.Storage.Postgres;

/// <summary>
/// The conversation log and the daily counts in PostgreSQL. A batch of records and its counts are one transaction; the
/// day rows are locked while they are added to, so silos flushing at the same time add up instead of overwriting.
/// </summary>
public sealed class PostgresConversations(PostgresDatabase database) : IConversationLog
{
    private const int DeleteSlice = 2000;

    public Task AddAsync(IReadOnlyList<TurnRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var days = ConversationDays.Count(records);
        return database.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(
                """
                INSERT INTO conversations (id, at, tenant_id, site_id, home_id, device_id, text, lang, intent, reply, latency_us, error, scheduled)
                SELECT * FROM unnest(@id, @at, @tenant, @site, @home, @device, @text, @lang, @intent, @reply, @latency, @error, @scheduled)
                """,
                cancellationToken,
                ("id", records.Select(r => r.Id).ToArray()), ("at", records.Select(r => r.At.ToUnixTimeMilliseconds()).ToArray()),
                ("tenant", records.Select(r => r.TenantId).ToArray()), ("site", records.Select(r => r.SiteId).ToArray()),
                ("home", records.Select(r => r.HomeId).ToArray()), ("device", records.Select(r => r.DeviceId).ToArray()),
                ("text", records.Select(r => r.Text).ToArray()), ("lang", records.Select(r => r.Language).ToArray()),
                ("intent", records.Select(r => r.Intent).ToArray()), ("reply", records.Select(r => r.Reply).ToArray()),
                ("latency", records.Select(r => (long)Math.Round(r.LatencyMs * 1000)).ToArray()), ("error", records.Select(r => r.Error).ToArray()),
                ("scheduled", records.Select(r => r.Scheduled ? 1L : 0L).ToArray())).ConfigureAwait(false);
            // In key order, so two batches lock their common days in the same order (no deadlock).
            foreach (var ((tenant, site, day), counts) in days.OrderBy(d => d.Key))
            {
                await AddToDayAsync(session, tenant, site, day, counts, cancellationToken).ConfigureAwait(false);
            }

            return records.Count;
        }, cancellationToken, IsolationLevel.ReadCommitted);
    }

    private static async Task AddToDayAsync(PostgresSession session, string tenant, string site, string day, DailyCounts counts,
        CancellationToken cancellationToken)
    {
        (string, object?)[] key = [("tenant", tenant), ("site", site), ("day", day)];
        await session.ExecuteAsync(
            """
            INSERT INTO analytics_days (tenant_id, site_id, day, utterances, understood, errors, intents, latency)
            VALUES (@tenant, @site, @day, 0, 0, 0, '{}', '\x'::bytea) ON CONFLICT DO NOTHING
            """,
            cancellationToken, key).ConfigureAwait(false);
        var stored = await session.QueryAsync(
            "SELECT utterances, understood, errors, intents, latency FROM analytics_days WHERE tenant_id = @tenant AND site_id = @site AND day = @day FOR UPDATE",
            r => (Utterances: r.GetInt64(0), Understood: r.GetInt64(1), Errors: r.GetInt64(2), Intents: r.GetString(3), Latency: (byte[])r.GetValue(4)),
            cancellationToken, key).ConfigureAwait(false);
        var row = stored[0];
        counts.Add(row.Utterances, row.Understood, row.Errors, ConversationDays.Intents(row.Intents));
        if (row.Latency.Length > 0)
        {
            LatencyHistogram.AddEncoded(row.Latency, counts.Latency);
        }

        await session.ExecuteAsync(
            """
            UPDATE analytics_days SET utterances = @utterances, understood = @understood, errors = @errors, intents = @intents, latency = @latency
            WHERE tenant_id = @tenant AND site_id = @site AND day = @day
            """,
            cancellationToken, [.. key, ("utterances", counts.Utterances), ("understood", counts.Understood), ("errors", counts.Errors),
                ("intents", JsonSerializer.Serialize(counts.Intents)), ("latency", LatencyHistogram.Encode(counts.Latency))]).ConfigureAwait(false);
    }

    public async Task<Page<TurnRecord>> ListAsync(ConversationQuery query, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = ConversationDays.ListQuery(query, after, limit);
        var rows = await database.QueryAsync(sql, Rows.Turn, cancellationToken, parameters).ConfigureAwait(false);
        var page = Rows.Paged(rows, limit, r => ConversationDays.Cursor(r.Record.At, r.Seq));
        return new Page<TurnRecord>([.. page.Items.Select(r => r.Record)], page.NextCursor);
    }

    public Task<int> DeleteAsync(string tenantId, string homeId, string? deviceId, CancellationToken cancellationToken = default) =>
        DeleteInSlicesAsync(
            "home_id = @home AND (@device::text IS NULL OR device_id = @device::text) AND tenant_id = @tenant",
            [("tenant", tenantId), ("home", homeId), ("device", deviceId)], cancellationToken);

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var tenants = await database.QueryAsync("SELECT id, retention_days FROM tenants", r => (Tenant: r.GetString(0), Days: r.GetInt32(1)),
            cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var (tenant, days) in tenants)
        {
            deleted += await DeleteInSlicesAsync("tenant_id = @tenant AND at < @before",
                [("tenant", tenant), ("before", (now - TimeSpan.FromDays(days)).ToUnixTimeMilliseconds())], cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    // In slices, so that no single delete holds many row locks for long.
    private async Task<int> DeleteInSlicesAsync(string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var deleted = await database.ExecuteAsync($"DELETE FROM conversations WHERE seq IN (SELECT seq FROM conversations WHERE {where} LIMIT @slice)",
                cancellationToken, [.. parameters, ("slice", DeleteSlice)]).ConfigureAwait(false);
            total += deleted;
            if (deleted < DeleteSlice)
            {
                return total;
            }
        }
    }

    public async Task<IReadOnlyDictionary<DateOnly, DailyCounts>> DailyAsync(string tenantId, string? siteId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            """
            SELECT day, utterances, understood, errors, intents, latency FROM analytics_days
            WHERE tenant_id = @tenant AND day >= @from AND day <= @to AND (@site::text IS NULL OR site_id = @site::text)
            """,
            r => (Day: r.GetString(0), Utterances: r.GetInt64(1), Understood: r.GetInt64(2), Errors: r.GetInt64(3), Intents: r.GetString(4),
                Latency: (byte[])r.GetValue(5)),
            cancellationToken, ("tenant", tenantId), ("from", ConversationDays.Day(from)), ("to", ConversationDays.Day(to)), ("site", siteId))
            .ConfigureAwait(false);
        Dictionary<DateOnly, DailyCounts> days = [];
        foreach (var row in rows)
        {
            var day = DateOnly.ParseExact(row.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!days.TryGetValue(day, out var counts))
            {
                days[day] = counts = new DailyCounts();
            }

            counts.Add(row.Utterances, row.Understood, row.Errors, ConversationDays.Intents(row.Intents));
            LatencyHistogram.AddEncoded(row.Latency, counts.Latency);
        }

        return days;
    }
}
