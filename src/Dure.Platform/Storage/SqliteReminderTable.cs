using Orleans;
using Orleans.Runtime;

namespace Dure.Platform.Storage;

/// <summary>
/// Orleans reminders in the embedded SQLite file (table <c>reminders</c>), so that <c>RegisterOrUpdateReminder</c>
/// persists and reminders tick again after a restart. Orleans ships no SQLite reminder table; this is one.
/// Times are stored as UTC ticks, the grain's uniform hash as an integer for the ring-range reads.
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    public Task Init() => Task.CompletedTask;

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await database.OpenReaderAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_id = $grain", ("$grain", grainId.ToString()));
        return new ReminderTableData(await ReadAsync(command).ConfigureAwait(false));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The range is (begin, end]; when begin >= end it wraps around the ring.
        var sql = begin < end
            ? "SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end"
            : "SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end";
        await using var connection = await database.OpenReaderAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, sql, ("$begin", (long)begin), ("$end", (long)end));
        return new ReminderTableData(await ReadAsync(command).ConfigureAwait(false));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await database.OpenReaderAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT grain_id, name, start_at, period, etag FROM reminders WHERE grain_id = $grain AND name = $name",
            ("$grain", grainId.ToString()), ("$name", reminderName));
        var rows = await ReadAsync(command).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null; // Orleans treats null as "no such reminder"
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        return database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction,
                """
                INSERT INTO reminders (grain_id, name, grain_hash, start_at, period, etag)
                VALUES ($grain, $name, $hash, $start, $period, $etag)
                ON CONFLICT (grain_id, name) DO UPDATE SET
                    start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
                """,
                ("$grain", entry.GrainId.ToString()), ("$name", entry.ReminderName), ("$hash", (long)entry.GrainId.GetUniformHashCode()),
                ("$start", DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc).Ticks), ("$period", entry.Period.Ticks), ("$etag", etag));
            return (string?)etag;
        }, CancellationToken.None);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM reminders WHERE grain_id = $grain AND name = $name AND etag = $etag",
            ("$grain", grainId.ToString()), ("$name", reminderName), ("$etag", eTag)) > 0, CancellationToken.None);

    public Task TestOnlyClearTable() =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction, "DELETE FROM reminders"), CancellationToken.None);

    private static async Task<List<ReminderEntry>> ReadAsync(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        List<ReminderEntry> entries = [];
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }
}
