using System.Globalization;
using System.Text;
using System.Text.Json;
using Dure.Platform.Conversations;
using Dure.Platform.Tenancy;
using Dure.Platform.Storage.Postgres;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>
/// The conversation log (table <c>conversations</c>) and the daily counts (<c>analytics_days</c>: one row per tenant,
/// site and UTC day with the intents as a JSON object and the latency histogram as <see cref="LatencyHistogram.Encode"/>
/// bytes) in SQLite. A batch of records and its counts are one transaction. Every query names its tenant.
/// </summary>
public sealed class SqliteConversations(SqliteDatabase database) : IConversationLog
{
    // Large deletes go in slices so that the single writer is never held long by one of them.
    private const int DeleteSlice = 2000;
    private const string NoSite = "";

    public Task AddAsync(IReadOnlyList<TurnRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Counted before the write so the transaction does only storage work.
        Dictionary<(string Tenant, string Site, string Day), DailyCounts> days = [];
        foreach (var record in records.Where(r => !r.Scheduled))
        {
            var key = (record.TenantId, record.SiteId ?? NoSite, Day(record.At));
            if (!days.TryGetValue(key, out var counts))
            {
                days[key] = counts = new DailyCounts();
            }

            counts.Add(record);
        }

        return database.WriteAsync((connection, transaction) =>
        {
            InsertRecords(connection, transaction, records);
            foreach (var ((tenant, site, day), counts) in days)
            {
                AddToDay(connection, transaction, tenant, site, day, counts);
            }

            return records.Count;
        }, cancellationToken);
    }

    private static void InsertRecords(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<TurnRecord> records)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO conversations (id, at, tenant_id, site_id, home_id, device_id, text, lang, intent, reply, latency_us, error, scheduled)
            VALUES ($id, $at, $tenant, $site, $home, $device, $text, $lang, $intent, $reply, $latency, $error, $scheduled)
            """;
        string[] names = ["$id", "$at", "$tenant", "$site", "$home", "$device", "$text", "$lang", "$intent", "$reply", "$latency", "$error", "$scheduled"];
        // Untyped, so each value binds as what it is (integers stay integers).
        var parameters = names.Select(name => insert.Parameters.Add(new SqliteParameter(name, DBNull.Value))).ToArray();
        insert.Prepare();
        foreach (var record in records)
        {
            object?[] values =
            [
                record.Id, record.At.ToUnixTimeMilliseconds(), record.TenantId, record.SiteId, record.HomeId, record.DeviceId, record.Text,
                record.Language, record.Intent, record.Reply, (long)Math.Round(record.LatencyMs * 1000), record.Error, record.Scheduled ? 1 : 0,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Adds a batch's counts to the day's row (read, add, write: the single writer makes it safe).</summary>
    private static void AddToDay(SqliteConnection connection, SqliteTransaction transaction, string tenant, string site, string day, DailyCounts counts)
    {
        using (var read = Sql.Command(connection, transaction,
            "SELECT utterances, understood, errors, intents, latency FROM analytics_days WHERE tenant_id = $tenant AND site_id = $site AND day = $day",
            ("$tenant", tenant), ("$site", site), ("$day", day)))
        using (var reader = read.ExecuteReader())
        {
            if (reader.Read())
            {
                counts.Add(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Intents(reader.GetString(3)));
                LatencyHistogram.AddEncoded((byte[])reader.GetValue(4), counts.Latency);
            }
        }

        Sql.Execute(connection, transaction,
            """
            INSERT INTO analytics_days (tenant_id, site_id, day, utterances, understood, errors, intents, latency)
            VALUES ($tenant, $site, $day, $utterances, $understood, $errors, $intents, $latency)
            ON CONFLICT (tenant_id, site_id, day) DO UPDATE SET utterances = excluded.utterances, understood = excluded.understood,
                errors = excluded.errors, intents = excluded.intents, latency = excluded.latency
            """,
            ("$tenant", tenant), ("$site", site), ("$day", day), ("$utterances", counts.Utterances), ("$understood", counts.Understood),
            ("$errors", counts.Errors), ("$intents", JsonSerializer.Serialize(counts.Intents)), ("$latency", LatencyHistogram.Encode(counts.Latency)));
    }

    public async Task<Page<TurnRecord>> ListAsync(ConversationQuery query, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = ConversationDays.ListQuery(query, after, limit);
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<(long Seq, TurnRecord Record)> rows = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Rows.Turn(reader));
        }

        var page = Rows.Paged(rows, limit, r => ConversationDays.Cursor(r.Record.At, r.Seq));
        return new Page<TurnRecord>([.. page.Items.Select(r => r.Record)], page.NextCursor);
    }

    /// <summary>True when <paramref name="cursor"/> is one <see cref="ListAsync"/> returned.</summary>
    public static bool IsCursor(string cursor) => ConversationDays.TryParseCursor(cursor, out _, out _);

    public Task<int> DeleteAsync(string tenantId, string homeId, string? deviceId, CancellationToken cancellationToken = default) =>
        DeleteInSlicesAsync(
            deviceId is null
                ? "SELECT seq FROM conversations WHERE home_id = $home AND tenant_id = $tenant LIMIT $slice"
                : "SELECT seq FROM conversations WHERE home_id = $home AND device_id = $device AND tenant_id = $tenant LIMIT $slice",
            [("$tenant", tenantId), ("$home", homeId), ("$device", deviceId)], cancellationToken);

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        List<(string Tenant, int Days)> tenants = [];
        await using (var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = Sql.Command(connection, null, "SELECT id, retention_days FROM tenants");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tenants.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        var deleted = 0;
        foreach (var (tenant, days) in tenants)
        {
            deleted += await DeleteInSlicesAsync(
                "SELECT seq FROM conversations WHERE tenant_id = $tenant AND at < $before LIMIT $slice",
                [("$tenant", tenant), ("$before", (now - TimeSpan.FromDays(days)).ToUnixTimeMilliseconds())], cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private async Task<int> DeleteInSlicesAsync(string select, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var deleted = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
                $"DELETE FROM conversations WHERE seq IN ({select})", [.. parameters, ("$slice", DeleteSlice)]), cancellationToken).ConfigureAwait(false);
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
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"""
            SELECT day, utterances, understood, errors, intents, latency FROM analytics_days
            WHERE tenant_id = $tenant AND day >= $from AND day <= $to{(siteId is null ? "" : " AND site_id = $site")}
            """,
            ("$tenant", tenantId), ("$from", Day(from)), ("$to", Day(to)), ("$site", siteId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<DateOnly, DailyCounts> days = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!days.TryGetValue(day, out var counts))
            {
                days[day] = counts = new DailyCounts();
            }

            counts.Add(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), Intents(reader.GetString(4)));
            LatencyHistogram.AddEncoded((byte[])reader.GetValue(5), counts.Latency);
        }

        return days;
    }

    private static string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(at.UtcDateTime));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, long> Intents(string json) => JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [];
}
