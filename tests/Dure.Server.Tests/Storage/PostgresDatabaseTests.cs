using Dure.Platform.Storage;
using Dure.Platform.Storage.Postgres;

namespace Dure.Server.Tests.Storage;

/// <summary>The PostgreSQL backend's own duties: migrating once among many starters, refusing a newer schema, outliving an outage.</summary>
[Collection(StoreBackendsCollection.Name)]
public sealed class PostgresDatabaseTests(StoreBackends backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Silos_starting_together_migrate_a_new_database_once()
    {
        var connectionString = await backends.Server.CreateDatabaseAsync("migrate_together", Ct);

        // Separate data sources hold separate connections, as separate processes do; all of them open the new database at once.
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresDatabase.OpenAsync(connectionString, Ct), Ct)));
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }

        Assert.Equal($"{PostgresDatabase.SchemaVersion}", (await backends.Server.QueryAsync("migrate_together",
            "SELECT string_agg(version::text, ',') FROM dure.schema_version", Ct)).Trim());
        await using var again = await PostgresDatabase.OpenAsync(connectionString, Ct);
        await new PostgresHomeStore(again, TimeProvider.System).UpsertTenantAsync("acme", "에이크미", Ct);
        Assert.Equal("에이크미", await new PostgresHomeStore(again, TimeProvider.System).FindTenantAsync("acme", Ct));
    }

    [Fact]
    public async Task A_database_of_a_newer_schema_is_refused_with_the_reason()
    {
        var connectionString = await backends.Server.CreateDatabaseAsync("newer_schema", Ct);
        await (await PostgresDatabase.OpenAsync(connectionString, Ct)).DisposeAsync();
        await backends.Server.QueryAsync("newer_schema", "UPDATE dure.schema_version SET version = 999", Ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresDatabase.OpenAsync(connectionString, Ct));
        Assert.Contains("schema version 999, newer than this build's", error.Message, StringComparison.Ordinal);

        // A store on a database created lazily fails the same way on its first call, instead of writing into the newer schema.
        await using var lazy = PostgresDatabase.Create(connectionString);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgresHomeStore(lazy, TimeProvider.System).FindTenantAsync("acme", Ct));
    }

    [Fact]
    public async Task A_restart_of_PostgreSQL_fails_calls_clearly_and_the_same_stores_recover()
    {
        var stores = backends.For(StoreBackends.Postgres);
        var (_, _, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var now = DateTimeOffset.UtcNow;
        await stores.Outbox.AddAsync(home, "speaker", new OutboxEntry("before", "Device.Control", null, "{}", now, now.AddHours(1)), Ct);

        await backends.Server.StopAsync(Ct);
        try
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => stores.Outbox.PendingAsync(home, "speaker", now, Ct));
            Assert.StartsWith("PostgreSQL at 127.0.0.1:", error.Message, StringComparison.Ordinal);
            Assert.Contains("does not answer", error.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<StorageUnavailableException>(() =>
                stores.Outbox.AddAsync(home, "speaker", new OutboxEntry("lost", "Device.Control", null, "{}", now, now.AddHours(1)), Ct));
        }
        finally
        {
            await backends.Server.StartAgainAsync(Ct);
        }

        // The pool was cleared on the failure: the very next calls connect again, nothing acknowledged is gone.
        await stores.Outbox.AddAsync(home, "speaker", new OutboxEntry("after", "Device.Control", null, "{}", now, now.AddHours(1)), Ct);
        Assert.Equal(["before", "after"], (await stores.Outbox.PendingAsync(home, "speaker", now, Ct)).Select(e => e.DirectiveId));
    }
}
