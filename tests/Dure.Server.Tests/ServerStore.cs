using Dure.Homes;
using Dure.Platform.Storage;

namespace Dure.Server.Tests;

/// <summary>Reads a running server's SQLite file from the test process (WAL allows a second reader).</summary>
internal static class ServerStore
{
    public static async Task<IReadOnlyDictionary<string, DeviceState>> StatesAsync(string dataDirectory, string homeId)
    {
        await using var database = SqliteDatabase.Open(dataDirectory);
        return await new SqliteHomeStore(database, TimeProvider.System).LoadStatesAsync(homeId);
    }

    /// <summary>The home's pending timers, alarms, reminders and wake-up calls.</summary>
    public static async Task<IReadOnlyList<Dure.Skills.Services.Scheduled>> SchedulesAsync(string dataDirectory, string homeId)
    {
        await using var database = SqliteDatabase.Open(dataDirectory);
        return await new SqliteScheduleStore(database, TimeProvider.System).LoadAsync(homeId);
    }

    public static async Task<StoredHome?> HomeAsync(string dataDirectory, string homeId)
    {
        await using var database = SqliteDatabase.Open(dataDirectory);
        return await new SqliteHomeStore(database, TimeProvider.System).FindHomeAsync(homeId);
    }
}
