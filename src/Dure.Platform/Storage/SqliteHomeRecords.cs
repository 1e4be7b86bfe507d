using System.Text.Json;
using Dure.Protocol;
using Dure.Skills.Services;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>
/// What homes' networks reported and what partners published: <c>home_events</c> (elevator, parcels, visitors,
/// parking, driving), <c>meter_readings</c> (kept apart for range queries) and <c>notices</c>. Every query names its home.
/// </summary>
public sealed class SqliteHomeRecords(SqliteDatabase database, TimeProvider time) : IHomeRecordStore
{
    /// <summary>Stores one event; a <c>meter.reading</c> goes to the readings table only.</summary>
    public Task AddEventAsync(string homeId, string deviceId, HomeEvent homeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(homeEvent);
        var at = homeEvent.At.ToUnixTimeMilliseconds();
        if (homeEvent.Type == HomeEventTypes.MeterReading)
        {
            var data = homeEvent.Data;
            return database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
                """
                INSERT INTO meter_readings (home_id, utility, at, value, unit) VALUES ($home, $utility, $at, $value, $unit)
                ON CONFLICT (home_id, utility, at) DO UPDATE SET value = excluded.value, unit = excluded.unit
                """,
                ("$home", homeId), ("$utility", data.GetProperty("utility").GetString()), ("$at", at),
                ("$value", data.GetProperty("value").GetDouble()), ("$unit", data.GetProperty("unit").GetString())), cancellationToken);
        }

        var json = homeEvent.Data.ValueKind == JsonValueKind.Object ? homeEvent.Data.GetRawText() : "{}";
        return database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO home_events (home_id, device_id, type, at, data, received) VALUES ($home, $device, $type, $at, $data, $now)
            """,
            ("$home", homeId), ("$device", deviceId), ("$type", homeEvent.Type), ("$at", at), ("$data", json),
            ("$now", time.GetUtcNow().ToUnixTimeMilliseconds())), cancellationToken);
    }

    public async Task<IReadOnlyList<HomeEvent>> EventsAsync(string homeId, string type, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (type == HomeEventTypes.MeterReading)
        {
            var readings = await ReadingsAsync(homeId, null, since, DateTimeOffset.MaxValue, includePrevious: false, cancellationToken)
                .ConfigureAwait(false);
            return [.. readings.Reverse().Select(r => new HomeEvent(type, r.At, JsonSerializer.SerializeToElement(
                new Dictionary<string, object> { ["utility"] = r.Utility, ["value"] = r.Value, ["unit"] = r.Unit })))];
        }

        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT at, data FROM home_events WHERE home_id = $home AND type = $type AND at >= $since ORDER BY at DESC, seq DESC LIMIT 1000",
            ("$home", homeId), ("$type", type), ("$since", since.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<HomeEvent> events = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var data = JsonDocument.Parse(reader.GetString(1));
            events.Add(new HomeEvent(type, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), data.RootElement.Clone()));
        }

        return events;
    }

    public Task<IReadOnlyList<MeterReading>> ReadingsAsync(string homeId, string utility, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken) =>
        ReadingsAsync(homeId, utility, from, to, includePrevious: true, cancellationToken);

    private async Task<IReadOnlyList<MeterReading>> ReadingsAsync(string homeId, string? utility, DateTimeOffset from, DateTimeOffset to,
        bool includePrevious, CancellationToken cancellationToken)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to == DateTimeOffset.MaxValue ? long.MaxValue : to.ToUnixTimeMilliseconds();
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        List<MeterReading> readings = [];
        if (includePrevious && utility is not null)
        {
            // The last reading before the period is the baseline its usage is measured from.
            await using var previous = Sql.Command(connection, null,
                "SELECT utility, at, value, unit FROM meter_readings WHERE home_id = $home AND utility = $utility AND at < $from ORDER BY at DESC LIMIT 1",
                ("$home", homeId), ("$utility", utility), ("$from", fromMs));
            readings.AddRange(await ReadReadingsAsync(previous, cancellationToken).ConfigureAwait(false));
        }

        await using var command = Sql.Command(connection, null,
            """
            SELECT utility, at, value, unit FROM meter_readings
            WHERE home_id = $home AND ($utility IS NULL OR utility = $utility) AND at >= $from AND at < $to ORDER BY at LIMIT 10000
            """,
            ("$home", homeId), ("$utility", utility), ("$from", fromMs), ("$to", toMs));
        readings.AddRange(await ReadReadingsAsync(command, cancellationToken).ConfigureAwait(false));
        return readings;
    }

    private static async Task<List<MeterReading>> ReadReadingsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        List<MeterReading> readings = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            readings.Add(new MeterReading(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetDouble(2), reader.GetString(3)));
        }

        return readings;
    }

    /// <summary>Stores a notice a partner published for one of its homes.</summary>
    public Task AddNoticeAsync(string tenantId, string homeId, Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO notices (id, tenant_id, home_id, published, title, body, lang) VALUES ($id, $tenant, $home, $at, $title, $body, $lang)
            """,
            ("$id", notice.Id), ("$tenant", tenantId), ("$home", homeId), ("$at", notice.PublishedAt.ToUnixTimeMilliseconds()),
            ("$title", notice.Title), ("$body", notice.Body), ("$lang", notice.Language)), cancellationToken);
    }

    public async Task<IReadOnlyList<Notice>> NoticesAsync(string homeId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            """
            SELECT id, published, title, body, lang FROM notices WHERE home_id = $home AND published >= $since
            ORDER BY published DESC, id DESC LIMIT 1000
            """,
            ("$home", homeId), ("$since", since.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<Notice> notices = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            notices.Add(new Notice(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return notices;
    }
}
