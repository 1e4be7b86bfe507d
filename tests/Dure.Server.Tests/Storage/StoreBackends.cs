using Dure.Platform.Alliance;
using Dure.Platform.Conversations;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Provisioning;
using Dure.Platform.Storage;
using Dure.Platform.Storage.Postgres;
using Dure.Platform.Tenancy;
using Dure.Testing;

namespace Dure.Server.Tests.Storage;

/// <summary>Every platform store of one backend, over one database.</summary>
public sealed record StoreSet(
    IHomeStore Homes,
    IDeviceCredentials Credentials,
    IDirectiveOutbox Outbox,
    IDevicePresence Presence,
    IScheduleStore Schedules,
    IHomeRecordStore Records,
    ITicketQueue Tickets,
    IPartnerKeys Keys,
    ISiteStore Sites,
    IUserAccounts Users,
    IAuditLog Audit,
    IIdempotencyKeys Idempotency,
    IDeviceFlowStore DeviceFlow,
    ISkillStore Skills,
    IAllianceStore Alliance,
    IConversationLog Conversations,
    IHomeNetworkStore HomeNetworks)
{
    public static StoreSet Sqlite(SqliteDatabase db, TimeProvider time) => new(
        new SqliteHomeStore(db, time), new SqliteDeviceCredentials(db, time), new SqliteDirectiveOutbox(db), new SqliteDevicePresence(db, time),
        new SqliteScheduleStore(db, time), new SqliteHomeRecords(db, time), new SqliteTicketDesk(db, time), new SqlitePartnerKeys(db, time),
        new SqliteSites(db, time), new SqliteUserAccounts(db, time), new SqliteAuditLog(db, time), new SqliteIdempotencyKeys(db, time),
        new SqliteDeviceFlow(db, time), new SqliteSkills(db, time), new SqliteAlliance(db, time), new SqliteConversations(db), new SqliteHomeNetworks(db));

    public static StoreSet Postgres(PostgresDatabase db, TimeProvider time) => new(
        new PostgresHomeStore(db, time), new PostgresDeviceCredentials(db, time), new PostgresDirectiveOutbox(db), new PostgresDevicePresence(db, time),
        new PostgresScheduleStore(db, time), new PostgresHomeRecords(db, time), new PostgresTicketDesk(db, time), new PostgresPartnerKeys(db, time),
        new PostgresSites(db, time), new PostgresUserAccounts(db, time), new PostgresAuditLog(db, time), new PostgresIdempotencyKeys(db, time),
        new PostgresDeviceFlow(db, time), new PostgresSkills(db, time), new PostgresAlliance(db, time), new PostgresConversations(db),
        new PostgresHomeNetworks(db));
}

/// <summary>
/// Both backends for the contract tests: a SQLite file in a temporary directory and a real PostgreSQL server of the
/// fixture's own (scripts/postgres.sh). Tests share the databases and keep apart by ids of their own.
/// </summary>
public sealed class StoreBackends : IAsyncLifetime
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string _directory = Directory.CreateTempSubdirectory("dure-contract-").FullName;
    private SqliteDatabase _sqlite = null!;

    public PostgresServer Server { get; private set; } = null!;

    public PostgresDatabase PostgresDatabase { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public static TheoryData<string> Both => new(Sqlite, Postgres);

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _sqlite = SqliteDatabase.Open(_directory);
        Server = await PostgresServer.StartAsync(cancellationToken);
        ConnectionString = await Server.CreateDatabaseAsync("contract", cancellationToken);
        PostgresDatabase = await PostgresDatabase.OpenAsync(ConnectionString, cancellationToken);
    }

    public StoreSet For(string backend, TimeProvider? time = null) => backend == Sqlite
        ? StoreSet.Sqlite(_sqlite, time ?? TimeProvider.System)
        : StoreSet.Postgres(PostgresDatabase, time ?? TimeProvider.System);

    /// <summary>A fresh tenant with a site and a home (its space), named after a new id.</summary>
    public static async Task<(string Tenant, string Site, string Home)> TenantWithHomeAsync(StoreSet stores, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var tenant = $"t-{id}";
        await stores.Homes.UpsertTenantAsync(tenant, $"테넌트 {id}", cancellationToken);
        await stores.Sites.CreateSiteAsync(tenant, $"s-{id}", "단지", "apartment_complex", cancellationToken);
        await stores.Sites.CreateSpaceAsync(tenant, $"s-{id}", $"h-{id}", null, SpaceKinds.Unit, "101호", cancellationToken);
        await stores.Homes.UpsertHomeAsync(new StoredHome($"h-{id}", tenant, $"id: h-{id}\n"), cancellationToken);
        await stores.Sites.AttachHomeAsync(tenant, $"h-{id}", cancellationToken);
        return (tenant, $"s-{id}", $"h-{id}");
    }

    public async ValueTask DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        if (PostgresDatabase is not null)
        {
            await PostgresDatabase.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class StoreBackendsCollection : ICollectionFixture<StoreBackends>
{
    public const string Name = "store backends";
}
