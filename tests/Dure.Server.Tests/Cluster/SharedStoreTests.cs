using Dure.Platform.Storage;

namespace Dure.Server.Tests.Cluster;

/// <summary>
/// Several silos on one machine share one data directory: each opens the SQLite file with its own group-commit writer.
/// Two databases opened on one file here stand for two processes (separate connections take the same file locks).
/// </summary>
public sealed class SharedStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dure-shared-store-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_writers_on_one_file_open_together_and_commit_every_write()
    {
        // Opened at the same moment: both create or migrate the schema, one after the other.
        var opened = await Task.WhenAll(Task.Run(() => SqliteDatabase.Open(_directory), Ct), Task.Run(() => SqliteDatabase.Open(_directory), Ct));
        await using var first = opened[0];
        await using var second = opened[1];
        var now = DateTimeOffset.UtcNow;
        const int each = 1500;

        // Many small concurrent writes through both writers, as two busy silos make them: none may fail on the lock.
        var writes = new[] { (Database: first, Name: "a"), (Database: second, Name: "b") }.SelectMany(w =>
        {
            var outbox = new SqliteDirectiveOutbox(w.Database);
            var presence = new SqliteDevicePresence(w.Database, TimeProvider.System);
            return Enumerable.Range(0, each).Select(async i =>
            {
                await outbox.AddAsync("home", "device", new OutboxEntry($"{w.Name}{i}", "Device.Control", null, "{}", now, now.AddHours(1)), Ct);
                await presence.SetAsync("home", $"{w.Name}{i % 50}", new DevicePresence($"c{i}", "observer"), Ct);
            });
        });
        await Task.WhenAll(writes);

        var pending = await new SqliteDirectiveOutbox(first).PendingAsync("home", "device", now, Ct);
        Assert.Equal(2 * each, pending.Count);
        Assert.Equal(2 * each, pending.Select(p => p.DirectiveId).Distinct().Count());
        Assert.Equal($"c{each - 1}", (await new SqliteDevicePresence(second, TimeProvider.System).FindAsync("home", "a49", Ct))?.ConnectionId);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
