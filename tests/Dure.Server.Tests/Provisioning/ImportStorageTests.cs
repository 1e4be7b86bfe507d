using Dure.Platform.Storage;

namespace Dure.Server.Tests.Provisioning;

/// <summary>The import's single write: many homes' layouts with their new devices' tokens, all or nothing per home.</summary>
public sealed class ImportStorageTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dure-import-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteHomeStore _homes = null!;
    private SqliteDeviceCredentials _credentials = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = SqliteDatabase.Open(_directory);
        _homes = new SqliteHomeStore(_database, TimeProvider.System);
        _credentials = new SqliteDeviceCredentials(_database, TimeProvider.System);
        await _homes.UpsertTenantAsync("acme", "Acme", Ct);
        await _homes.UpsertTenantAsync("rival", "Rival", Ct);
        await _homes.UpsertHomeAsync(new StoredHome("h1", "acme", "id: h1\n"), Ct);
        await _homes.UpsertHomeAsync(new StoredHome("h2", "acme", "id: h2\n"), Ct);
        await _homes.UpsertHomeAsync(new StoredHome("h3", "rival", "id: h3\n"), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Layouts_and_tokens_are_written_together_and_a_home_edited_meanwhile_is_left_out()
    {
        await _credentials.SetTokenAsync("h1", "speaker", "dure_old-speaker-token", Ct);

        var skipped = await _homes.ApplyLayoutChangesAsync(
        [
            new LayoutChange("h1", "acme", "id: h1\n", "id: h1\nname: one\n",
                [new NewDeviceToken("speaker", "dure_new-speaker-token"), new NewDeviceToken("light.a", "dure_light-token")]),
            new LayoutChange("h2", "acme", "id: h2\nname: stale\n", "id: h2\nname: two\n", [new NewDeviceToken("fan", "dure_fan-token")]),
            new LayoutChange("h3", "acme", "id: h3\n", "id: h3\nname: taken\n", [new NewDeviceToken("pad", "dure_pad-token")]),
        ], Ct);

        Assert.Equal(["h2", "h3"], skipped.Order());
        Assert.Equal("id: h1\nname: one\n", (await _homes.FindHomeAsync("h1", Ct))!.Layout);
        Assert.Equal(new DeviceIdentity("h1", "speaker"), await _credentials.FindAsync("dure_new-speaker-token", Ct));
        Assert.Null(await _credentials.FindAsync("dure_old-speaker-token", Ct)); // the device's earlier token is replaced
        Assert.Equal(new DeviceIdentity("h1", "light.a"), await _credentials.FindAsync("dure_light-token", Ct));
        // A home someone else changed, or of another tenant, keeps its layout and gets no token.
        Assert.Equal("id: h2\n", (await _homes.FindHomeAsync("h2", Ct))!.Layout);
        Assert.Null(await _credentials.FindAsync("dure_fan-token", Ct));
        Assert.Equal("id: h3\n", (await _homes.FindHomeAsync("h3", Ct))!.Layout);
        Assert.Null(await _credentials.FindAsync("dure_pad-token", Ct));
    }
}
