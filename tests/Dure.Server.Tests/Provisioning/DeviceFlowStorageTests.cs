using Dure.Platform.Provisioning;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;

namespace Dure.Server.Tests.Provisioning;

/// <summary>Device clients and device codes in a real SQLite file: hashing, pacing, one-time use and tenancy.</summary>
public sealed class DeviceFlowStorageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
    private static readonly TimeSpan Leeway = TimeSpan.FromMilliseconds(250);

    private readonly string _directory = Directory.CreateTempSubdirectory("dure-flow-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteDeviceFlow _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = SqliteDatabase.Open(_directory);
        _store = new SqliteDeviceFlow(_database, TimeProvider.System);
        var homes = new SqliteHomeStore(_database, TimeProvider.System);
        await homes.UpsertTenantAsync("acme", "Acme", Ct);
        await homes.UpsertTenantAsync("rival", "Rival", Ct);
        await _store.CreateClientAsync("acme", "acme-speaker", "Acme speaker", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<byte[]> NewCodeAsync(string userCode, string deviceCode = "dure_dc_secret-device-code", int interval = 5,
        TimeSpan? lifetime = null)
    {
        var hash = Secrets.Sha256(deviceCode);
        var code = new DeviceCodeRecord(userCode, "acme-speaker", "acme", DeviceCodeStatus.Pending, Start, Start + (lifetime ?? TimeSpan.FromMinutes(10)),
            null, null);
        Assert.True(await _store.CreateCodeAsync(hash, code, interval, Ct));
        return hash;
    }

    [Fact]
    public async Task Client_ids_are_unique_across_tenants_and_listed_per_tenant()
    {
        Assert.Equal(StoreOutcome.Conflict, (await _store.CreateClientAsync("rival", "acme-speaker", "Copy", Ct)).Outcome);
        Assert.Equal(StoreOutcome.Done, (await _store.CreateClientAsync("acme", "acme-tv", "Acme TV", Ct)).Outcome);

        Assert.Equal("acme", (await _store.FindClientAsync("acme-speaker", Ct))!.TenantId);
        Assert.Null(await _store.FindClientAsync("nobody", Ct));
        var first = await _store.ListClientsAsync("acme", null, 1, Ct);
        Assert.Equal(["acme-speaker"], first.Items.Select(c => c.Id));
        Assert.Equal(["acme-tv"], (await _store.ListClientsAsync("acme", first.NextCursor, 1, Ct)).Items.Select(c => c.Id));
        Assert.Empty((await _store.ListClientsAsync("rival", null, 10, Ct)).Items);
        Assert.Equal(StoreOutcome.NotFound, await _store.DeleteClientAsync("rival", "acme-tv", Ct));
        Assert.Equal(StoreOutcome.Done, await _store.DeleteClientAsync("acme", "acme-tv", Ct));
    }

    [Fact]
    public async Task Device_codes_are_stored_only_as_hashes()
    {
        await NewCodeAsync("BCDFGHJK", "dure_dc_never-written-anywhere");
        await _database.DisposeAsync();

        var bytes = Directory.GetFiles(_directory).SelectMany(File.ReadAllBytes).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf("never-written-anywhere"u8));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf("BCDFGHJK"u8)); // the user code is what the partner looks up

        _database = SqliteDatabase.Open(_directory);
        _store = new SqliteDeviceFlow(_database, TimeProvider.System);
        Assert.Equal(PollOutcome.Pending,
            (await _store.PollAsync(Secrets.Sha256("dure_dc_never-written-anywhere"), "acme-speaker", Start.AddSeconds(6), Leeway, Ct)).Outcome);
    }

    [Fact]
    public async Task A_user_code_in_use_is_refused_so_another_is_drawn()
    {
        await NewCodeAsync("BCDFGHJK", "dure_dc_one");
        var again = new DeviceCodeRecord("BCDFGHJK", "acme-speaker", "acme", DeviceCodeStatus.Pending, Start, Start.AddMinutes(10), null, null);

        Assert.False(await _store.CreateCodeAsync(Secrets.Sha256("dure_dc_two"), again, 5, Ct));
    }

    [Fact]
    public async Task Polling_sooner_than_the_interval_slows_the_device_down_by_five_seconds_each_time()
    {
        var hash = await NewCodeAsync("BCDFGHJK", interval: 5);

        var tooSoon = await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(2), Leeway, Ct);
        Assert.Equal((PollOutcome.SlowDown, 10), (tooSoon.Outcome, tooSoon.IntervalSeconds));
        // The old interval is no longer enough: this and every later poll must wait ten seconds.
        var stillTooSoon = await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(8), Leeway, Ct);
        Assert.Equal((PollOutcome.SlowDown, 15), (stillTooSoon.Outcome, stillTooSoon.IntervalSeconds));
        var onTime = await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(23), Leeway, Ct);
        Assert.Equal((PollOutcome.Pending, 15), (onTime.Outcome, onTime.IntervalSeconds));
        // A quarter of a second early still counts as on time.
        Assert.Equal(PollOutcome.Pending, (await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(37.8), Leeway, Ct)).Outcome);
    }

    [Fact]
    public async Task An_approved_code_is_redeemed_once_and_sets_the_token()
    {
        var hash = await NewCodeAsync("BCDFGHJK");
        Assert.Equal(DecisionOutcome.Done, await _store.BeginApprovalAsync("acme", "BCDFGHJK", Start.AddSeconds(1), Ct));
        Assert.Equal(DecisionOutcome.NotPending, await _store.BeginApprovalAsync("acme", "BCDFGHJK", Start.AddSeconds(1), Ct));
        // While the device is being added, the device still hears "pending".
        Assert.Equal(PollOutcome.Pending, (await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(5), Leeway, Ct)).Outcome);
        Assert.Equal(DeviceCodeStatus.Pending, (await _store.FindCodeAsync("acme", "BCDFGHJK", Ct))!.StatusAt(Start.AddSeconds(5)));

        await _store.CompleteApprovalAsync("acme", "BCDFGHJK", "h1", "speaker", Ct);
        var approved = await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(10), Leeway, Ct);
        Assert.Equal((PollOutcome.Approved, "h1", "speaker"), (approved.Outcome, approved.HomeId, approved.DeviceId));

        Assert.True(await _store.RedeemAsync(hash, "dure_minted-token", Ct));
        Assert.False(await _store.RedeemAsync(hash, "dure_second-token", Ct));
        Assert.Equal(new DeviceIdentity("h1", "speaker"), await new SqliteDeviceCredentials(_database, TimeProvider.System).FindAsync("dure_minted-token", Ct));
        Assert.Null(await new SqliteDeviceCredentials(_database, TimeProvider.System).FindAsync("dure_second-token", Ct));
        Assert.Equal(PollOutcome.InvalidGrant, (await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(15), Leeway, Ct)).Outcome);
        Assert.Equal(DeviceCodeStatus.Redeemed, (await _store.FindCodeAsync("acme", "BCDFGHJK", Ct))!.StatusAt(Start.AddSeconds(15)));
    }

    [Fact]
    public async Task A_failed_approval_gives_the_code_back()
    {
        await NewCodeAsync("BCDFGHJK");
        await _store.BeginApprovalAsync("acme", "BCDFGHJK", Start, Ct);
        await _store.AbandonApprovalAsync("acme", "BCDFGHJK", Ct);

        Assert.Equal(DecisionOutcome.Done, await _store.BeginApprovalAsync("acme", "BCDFGHJK", Start, Ct));
    }

    [Fact]
    public async Task Denied_expired_and_foreign_codes_answer_as_RFC_8628_says()
    {
        var denied = await NewCodeAsync("BCDFGHJK", "dure_dc_denied");
        var expiring = await NewCodeAsync("CDFGHJKL", "dure_dc_expiring", lifetime: TimeSpan.FromSeconds(30));

        Assert.Equal(DecisionOutcome.NotFound, await _store.DenyAsync("rival", "BCDFGHJK", Start, Ct));
        Assert.Null(await _store.FindCodeAsync("rival", "BCDFGHJK", Ct));
        Assert.Equal(DecisionOutcome.Done, await _store.DenyAsync("acme", "BCDFGHJK", Start, Ct));
        Assert.Equal(DecisionOutcome.NotPending, await _store.DenyAsync("acme", "BCDFGHJK", Start, Ct));
        Assert.Equal(PollOutcome.Denied, (await _store.PollAsync(denied, "acme-speaker", Start.AddSeconds(10), Leeway, Ct)).Outcome);

        Assert.Equal(PollOutcome.Expired, (await _store.PollAsync(expiring, "acme-speaker", Start.AddSeconds(30), Leeway, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.Expired, await _store.BeginApprovalAsync("acme", "CDFGHJKL", Start.AddSeconds(31), Ct));
        Assert.Equal(DeviceCodeStatus.Expired, (await _store.FindCodeAsync("acme", "CDFGHJKL", Ct))!.StatusAt(Start.AddSeconds(31)));

        Assert.Equal(PollOutcome.InvalidGrant, (await _store.PollAsync(expiring, "another-client", Start.AddSeconds(10), Leeway, Ct)).Outcome);
        Assert.Equal(PollOutcome.InvalidGrant, (await _store.PollAsync(Secrets.Sha256("dure_dc_unknown"), "acme-speaker", Start, Leeway, Ct)).Outcome);
    }

    [Fact]
    public async Task Deleting_a_client_deletes_its_codes()
    {
        var hash = await NewCodeAsync("BCDFGHJK");

        Assert.Equal(StoreOutcome.Done, await _store.DeleteClientAsync("acme", "acme-speaker", Ct));

        Assert.Null(await _store.FindCodeAsync("acme", "BCDFGHJK", Ct));
        Assert.Equal(PollOutcome.InvalidGrant, (await _store.PollAsync(hash, "acme-speaker", Start.AddSeconds(10), Leeway, Ct)).Outcome);
    }
}
