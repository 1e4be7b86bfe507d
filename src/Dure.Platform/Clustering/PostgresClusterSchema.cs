using Npgsql;

namespace Dure.Platform.Clustering;

/// <summary>
/// The PostgreSQL tables of Orleans' ADO.NET membership and reminder providers, and the <c>OrleansQuery</c> rows that are
/// their contract: the providers read every query they run from that table by key, bind parameters by the names below
/// (<c>@DeploymentId</c>, <c>@Address</c>, ...) and read columns by name (<c>"IAmAliveTime"</c>, ...). The packages ship no
/// scripts, so this is Dure's own schema; it is created or brought up to date at every start, under an advisory lock so
/// that silos starting together do not race. A version etag is the membership table's integer version, bumped by every
/// successful insert or update that names the version it read (optimistic concurrency).
/// </summary>
public static class PostgresClusterSchema
{
    // Any constant will do: it only has to be the same for every silo.
    private const long InstallLock = 0x447572_65_4331; // "DureC1"

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS orleansquery (
            querykey varchar(64) PRIMARY KEY,
            querytext text NOT NULL);
        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            deployment_id text PRIMARY KEY,
            version integer NOT NULL DEFAULT 0,
            updated timestamptz NOT NULL DEFAULT now());
        CREATE TABLE IF NOT EXISTS orleans_membership (
            deployment_id text NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer,
            suspect_times text,
            start_time timestamptz NOT NULL,
            i_am_alive timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation));
        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id text NOT NULL,
            grain_id text NOT NULL,
            reminder_name text NOT NULL,
            start_time timestamptz NOT NULL,
            period bigint NOT NULL,
            grain_hash integer NOT NULL,
            version integer NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name));
        CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
        """;

    // The columns every membership read returns, named as the provider reads them. The version row is joined from the
    // left so that a cluster without members still reports its version.
    private const string MembershipColumns = """
        SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
               m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
               m.start_time AS "StartTime", m.i_am_alive AS "IAmAliveTime", v.version AS "Version"
        FROM orleans_membership_version v
        """;

    private const string ReminderColumns = """
        SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
        FROM orleans_reminders
        """;

    /// <summary>Query key → SQL, as Orleans.Clustering.AdoNet and Orleans.Reminders.AdoNet 10.4 expect them.</summary>
    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["InsertMembershipVersionKey"] = """
            WITH inserted AS (
                INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
                ON CONFLICT (deployment_id) DO NOTHING RETURNING 1)
            SELECT count(*) > 0 FROM inserted
            """,
        ["MembershipReadAllKey"] = MembershipColumns + """

            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId
            """,
        ["MembershipReadRowKey"] = MembershipColumns + """

            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
                AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId
            """,
        // The version moves only when the expected version still holds and the silo is not yet a member; the row
        // lock on the version row serializes concurrent writers.
        ["InsertMembershipKey"] = """
            WITH bumped AS (
                UPDATE orleans_membership_version SET version = version + 1, updated = now()
                WHERE deployment_id = @DeploymentId AND version = @Version
                  AND NOT EXISTS (SELECT 1 FROM orleans_membership
                                  WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING deployment_id),
            inserted AS (
                INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                                start_time, i_am_alive)
                SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM bumped
                ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*) > 0 FROM inserted
            """,
        ["UpdateMembershipKey"] = """
            WITH bumped AS (
                UPDATE orleans_membership_version SET version = version + 1, updated = now()
                WHERE deployment_id = @DeploymentId AND version = @Version
                  AND EXISTS (SELECT 1 FROM orleans_membership
                              WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING deployment_id),
            updated AS (
                UPDATE orleans_membership m SET status = @Status, suspect_times = @SuspectTimes, i_am_alive = @IAmAliveTime
                FROM bumped
                WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
                RETURNING 1)
            SELECT count(*) > 0 FROM updated
            """,
        ["UpdateIAmAlivetimeKey"] = """
            UPDATE orleans_membership SET i_am_alive = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
            """,
        ["DeleteMembershipTableEntriesKey"] = """
            DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
            """,
        // Dead (status 6) and other silos that stopped sending I-am-alive; never an active one (status 3).
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND i_am_alive < @IAmAliveTime AND status <> 3
            """,
        ["GatewaysQueryKey"] = """
            SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
            """,

        ["UpsertReminderRowKey"] = """
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
                version = orleans_reminders.version + 1
            RETURNING version AS "Version"
            """,
        ["ReadReminderRowsKey"] = ReminderColumns + """

            WHERE service_id = @ServiceId AND grain_id = @GrainId
            """,
        ["ReadReminderRowKey"] = ReminderColumns + """

            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
            """,
        // Hashes are stored as signed integers; the provider picks the first query when (begin, end] does not wrap in
        // signed order, the second when it does.
        ["ReadRangeRows1Key"] = ReminderColumns + """

            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
            """,
        ["ReadRangeRows2Key"] = ReminderColumns + """

            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
            """,
        ["DeleteReminderRowKey"] = """
            WITH deleted AS (
                DELETE FROM orleans_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
                RETURNING 1)
            SELECT count(*) > 0 FROM deleted
            """,
        ["DeleteReminderRowsKey"] = """
            DELETE FROM orleans_reminders WHERE service_id = @ServiceId
            """,
    };

    /// <summary>Creates the tables if missing and writes this build's queries (replacing older texts), in one transaction.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({InstallLock})"));
        foreach (var statement in Tables.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        foreach (var (key, text) in Queries)
        {
            var command = new NpgsqlBatchCommand(
                "INSERT INTO orleansquery (querykey, querytext) VALUES ($1, $2) ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext");
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            command.Parameters.Add(new NpgsqlParameter { Value = text });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
