namespace Dure.Platform.Storage;

/// <summary>Devices' live connections in the embedded SQLite file (table <c>device_presence</c>).</summary>
public sealed class SqliteDevicePresence(SqliteDatabase database, TimeProvider time) : IDevicePresence
{
    public Task SetAsync(string homeId, string deviceId, DevicePresence presence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO device_presence (home_id, device_id, connection_id, observer, connected) VALUES ($home, $device, $connection, $observer, $now)
            ON CONFLICT (home_id, device_id) DO UPDATE SET
                connection_id = excluded.connection_id, observer = excluded.observer, connected = excluded.connected
            """,
            ("$home", homeId), ("$device", deviceId), ("$connection", presence.ConnectionId), ("$observer", presence.Observer),
            ("$now", time.GetUtcNow().ToUnixTimeMilliseconds())), cancellationToken);
    }

    public Task ClearAsync(string homeId, string deviceId, string connectionId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM device_presence WHERE home_id = $home AND device_id = $device AND connection_id = $connection",
            ("$home", homeId), ("$device", deviceId), ("$connection", connectionId)), cancellationToken);

    public async Task<DevicePresence?> FindAsync(string homeId, string deviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT connection_id, observer FROM device_presence WHERE home_id = $home AND device_id = $device",
            ("$home", homeId), ("$device", deviceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new DevicePresence(reader.GetString(0), reader.GetString(1)) : null;
    }
}
