using Dure.Skills.Services;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>The pending timers, alarms, reminders and wake-up calls of every home (table <c>schedules</c>).</summary>
public interface IScheduleStore
{
    /// <summary>Inserts or replaces an item; completes once it is durable.</summary>
    Task SaveAsync(string homeId, Scheduled item, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(string homeId, string id, CancellationToken cancellationToken = default);

    /// <summary>The home's items, soonest first.</summary>
    Task<IReadOnlyList<Scheduled>> LoadAsync(string homeId, CancellationToken cancellationToken = default);

    /// <summary>Homes with an item that is not paused and due before <paramref name="until"/>.</summary>
    Task<IReadOnlyList<string>> HomesDueAsync(DateTimeOffset until, CancellationToken cancellationToken = default);
}

/// <summary>The wire and storage names of <see cref="ScheduleKind"/>, as <c>Alert.Start</c> carries them.</summary>
public static class ScheduleKinds
{
    public static string Name(ScheduleKind kind) => kind switch
    {
        ScheduleKind.Timer => "timer",
        ScheduleKind.Alarm => "alarm",
        ScheduleKind.Reminder => "reminder",
        ScheduleKind.WakeUpCall => "wake_up_call",
        ScheduleKind.RestReminder => "rest_reminder",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown schedule kind"),
    };

    public static ScheduleKind Parse(string name) => name switch
    {
        "timer" => ScheduleKind.Timer,
        "alarm" => ScheduleKind.Alarm,
        "reminder" => ScheduleKind.Reminder,
        "wake_up_call" => ScheduleKind.WakeUpCall,
        "rest_reminder" => ScheduleKind.RestReminder,
        _ => throw new FormatException($"unknown schedule kind '{name}'"),
    };
}

public sealed class SqliteScheduleStore(SqliteDatabase database, TimeProvider time) : IScheduleStore
{
    private const string Columns =
        "id, kind, device_id, due, announcement, language, label, message, length_ms, paused_remaining_ms, area_id, command";

    public Task SaveAsync(string homeId, Scheduled item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            $"""
            INSERT INTO schedules (home_id, {Columns}, created)
            VALUES ($home, $id, $kind, $device, $due, $announcement, $language, $label, $message, $length, $paused, $area, $command, $now)
            ON CONFLICT (home_id, id) DO UPDATE SET kind = excluded.kind, device_id = excluded.device_id, due = excluded.due,
                announcement = excluded.announcement, language = excluded.language, label = excluded.label,
                message = excluded.message, length_ms = excluded.length_ms, paused_remaining_ms = excluded.paused_remaining_ms,
                area_id = excluded.area_id, command = excluded.command
            """,
            ("$home", homeId), ("$id", item.Id), ("$kind", ScheduleKinds.Name(item.Kind)), ("$device", item.DeviceId),
            ("$due", item.Due.ToUnixTimeMilliseconds()), ("$announcement", item.Announcement), ("$language", item.Language),
            ("$label", item.Label), ("$message", item.Message), ("$length", Millis(item.Length)), ("$paused", Millis(item.PausedRemaining)),
            ("$area", item.AreaId), ("$command", item.Command), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds())), cancellationToken);
    }

    public Task<bool> RemoveAsync(string homeId, string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM schedules WHERE home_id = $home AND id = $id", ("$home", homeId), ("$id", id)) > 0, cancellationToken);

    public async Task<IReadOnlyList<Scheduled>> LoadAsync(string homeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {Columns} FROM schedules WHERE home_id = $home ORDER BY due, id", ("$home", homeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<Scheduled> items = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    public async Task<IReadOnlyList<string>> HomesDueAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT DISTINCT home_id FROM schedules WHERE paused_remaining_ms IS NULL AND due < $until",
            ("$until", until.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<string> homes = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            homes.Add(reader.GetString(0));
        }

        return homes;
    }

    private static Scheduled Read(SqliteDataReader reader) =>
        new(reader.GetString(0), ScheduleKinds.Parse(reader.GetString(1)), reader.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), reader.GetString(5))
        {
            Label = reader.IsDBNull(6) ? null : reader.GetString(6),
            Message = reader.IsDBNull(7) ? null : reader.GetString(7),
            Length = reader.IsDBNull(8) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(8)),
            PausedRemaining = reader.IsDBNull(9) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(9)),
            AreaId = reader.IsDBNull(10) ? null : reader.GetString(10),
            Command = reader.IsDBNull(11) ? null : reader.GetString(11),
        };

    private static long? Millis(TimeSpan? span) => span is { } value ? (long)value.TotalMilliseconds : null;
}
