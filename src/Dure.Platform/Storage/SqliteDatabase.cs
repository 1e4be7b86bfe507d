using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>
/// The embedded database: one SQLite file in WAL mode. Creates or migrates the schema on open, funnels every write
/// through one <see cref="SqliteWriter"/> and opens reads on their own pooled connections.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    public const string FileName = "dure.db";

    // Each entry upgrades the schema by one version; never edit a released entry, append a new one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE tenants (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created INTEGER NOT NULL);
        CREATE TABLE homes (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            layout TEXT NOT NULL,
            updated INTEGER NOT NULL);
        CREATE TABLE device_credentials (
            token_hash BLOB PRIMARY KEY,
            home_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            created INTEGER NOT NULL,
            UNIQUE (home_id, device_id));
        CREATE TABLE device_states (
            home_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            state TEXT NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (home_id, device_id)) WITHOUT ROWID;
        CREATE TABLE directive_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            home_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            directive_id TEXT NOT NULL,
            name TEXT NOT NULL,
            reply_to TEXT,
            payload TEXT NOT NULL,
            created INTEGER NOT NULL,
            expires INTEGER NOT NULL,
            UNIQUE (home_id, device_id, directive_id));
        CREATE INDEX directive_outbox_by_device ON directive_outbox (home_id, device_id, seq);
        """,
        """
        CREATE INDEX directive_outbox_by_expiry ON directive_outbox (expires);
        """,
        """
        CREATE TABLE schedules (
            home_id TEXT NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            device_id TEXT NOT NULL,
            due INTEGER NOT NULL,
            announcement TEXT NOT NULL,
            language TEXT NOT NULL,
            label TEXT,
            message TEXT,
            length_ms INTEGER,
            paused_remaining_ms INTEGER,
            area_id TEXT,
            command TEXT,
            created INTEGER NOT NULL,
            PRIMARY KEY (home_id, id)) WITHOUT ROWID;
        CREATE INDEX schedules_by_due ON schedules (due) WHERE paused_remaining_ms IS NULL;
        CREATE TABLE reminders (
            grain_id TEXT NOT NULL,
            name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at INTEGER NOT NULL,
            period INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (grain_id, name)) WITHOUT ROWID;
        CREATE INDEX reminders_by_hash ON reminders (grain_hash);
        CREATE TABLE home_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            home_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            type TEXT NOT NULL,
            at INTEGER NOT NULL,
            data TEXT NOT NULL,
            received INTEGER NOT NULL);
        CREATE INDEX home_events_by_type ON home_events (home_id, type, at);
        CREATE TABLE meter_readings (
            home_id TEXT NOT NULL,
            utility TEXT NOT NULL,
            at INTEGER NOT NULL,
            value REAL NOT NULL,
            unit TEXT NOT NULL,
            PRIMARY KEY (home_id, utility, at)) WITHOUT ROWID;
        CREATE TABLE notices (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            home_id TEXT NOT NULL,
            published INTEGER NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            lang TEXT NOT NULL);
        CREATE INDEX notices_by_home ON notices (home_id, published);
        CREATE TABLE tickets (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            home_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            item TEXT,
            quantity INTEGER NOT NULL,
            language TEXT NOT NULL,
            status TEXT NOT NULL,
            created INTEGER NOT NULL,
            accepted INTEGER,
            completed INTEGER);
        CREATE INDEX tickets_by_tenant ON tickets (tenant_id, status, created);
        CREATE INDEX tickets_by_home ON tickets (home_id, status, created);
        CREATE TABLE partner_keys (
            key_hash BLOB PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            name TEXT NOT NULL,
            scopes TEXT NOT NULL,
            created INTEGER NOT NULL,
            UNIQUE (tenant_id, name));
        """,
        """
        ALTER TABLE tenants ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90;
        CREATE TABLE sites (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            created INTEGER NOT NULL);
        CREATE INDEX sites_by_tenant ON sites (tenant_id, id);
        CREATE TABLE spaces (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            site_id TEXT NOT NULL REFERENCES sites(id),
            parent_id TEXT REFERENCES spaces(id),
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            home_id TEXT UNIQUE,
            created INTEGER NOT NULL);
        CREATE INDEX spaces_by_site ON spaces (site_id, id);
        CREATE INDEX spaces_by_parent ON spaces (parent_id);
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created INTEGER NOT NULL);
        CREATE INDEX users_by_tenant ON users (tenant_id, id);
        CREATE TABLE user_sessions (
            token_hash BLOB PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            expires INTEGER NOT NULL);
        ALTER TABLE partner_keys ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT);
        CREATE INDEX audit_by_tenant ON audit_log (tenant_id, seq);
        CREATE TABLE idempotency_keys (
            tenant_id TEXT NOT NULL,
            key TEXT NOT NULL,
            fingerprint BLOB NOT NULL,
            status INTEGER NOT NULL,
            body TEXT NOT NULL,
            location TEXT,
            created INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, key)) WITHOUT ROWID;
        CREATE INDEX idempotency_by_age ON idempotency_keys (created);
        """,
        """
        CREATE TABLE conversations (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            at INTEGER NOT NULL,
            tenant_id TEXT NOT NULL,
            site_id TEXT,
            home_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            text TEXT NOT NULL,
            lang TEXT,
            intent TEXT,
            reply TEXT,
            latency_us INTEGER NOT NULL,
            error TEXT,
            scheduled INTEGER NOT NULL);
        CREATE INDEX conversations_by_tenant ON conversations (tenant_id, at);
        CREATE INDEX conversations_by_site ON conversations (tenant_id, site_id, at);
        CREATE INDEX conversations_by_home ON conversations (home_id, at);
        CREATE TABLE analytics_days (
            tenant_id TEXT NOT NULL,
            site_id TEXT NOT NULL,
            day TEXT NOT NULL,
            utterances INTEGER NOT NULL,
            understood INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            intents TEXT NOT NULL,
            latency BLOB NOT NULL,
            PRIMARY KEY (tenant_id, site_id, day)) WITHOUT ROWID;
        CREATE INDEX analytics_days_by_day ON analytics_days (tenant_id, day);
        """,
        """
        CREATE TABLE device_clients (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            name TEXT NOT NULL,
            created INTEGER NOT NULL);
        CREATE INDEX device_clients_by_tenant ON device_clients (tenant_id, id);
        CREATE TABLE device_codes (
            device_code_hash BLOB PRIMARY KEY,
            user_code TEXT NOT NULL UNIQUE,
            client_id TEXT NOT NULL REFERENCES device_clients(id) ON DELETE CASCADE,
            tenant_id TEXT NOT NULL,
            status TEXT NOT NULL,
            interval_s INTEGER NOT NULL,
            created INTEGER NOT NULL,
            expires INTEGER NOT NULL,
            last_polled INTEGER,
            home_id TEXT,
            device_id TEXT);
        CREATE INDEX device_codes_by_expiry ON device_codes (expires);
        CREATE INDEX device_codes_by_client ON device_codes (client_id);
        """,
        """
        CREATE TABLE skills (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            name TEXT NOT NULL,
            invocation_names TEXT NOT NULL,
            interaction_model TEXT NOT NULL,
            webhook_url TEXT NOT NULL,
            secret TEXT NOT NULL,
            previous_secret TEXT,
            previous_secret_until INTEGER,
            model_version INTEGER NOT NULL,
            model_status TEXT NOT NULL,
            model_trained INTEGER,
            model_error TEXT,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL);
        CREATE INDEX skills_by_tenant ON skills (tenant_id, id);
        CREATE INDEX skills_awaiting_training ON skills (model_status) WHERE model_status = 'training';
        CREATE TABLE skill_models (
            skill_id TEXT PRIMARY KEY REFERENCES skills(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            data BLOB NOT NULL);
        CREATE TABLE site_skills (
            site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            skill_id TEXT NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
            tenant_id TEXT NOT NULL,
            PRIMARY KEY (site_id, skill_id)) WITHOUT ROWID;
        CREATE INDEX site_skills_by_skill ON site_skills (skill_id);
        """,
        """
        CREATE TABLE site_home_networks (
            site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            tenant_id TEXT NOT NULL,
            settings TEXT NOT NULL,
            secret TEXT,
            previous_secret TEXT,
            rotated INTEGER,
            updated INTEGER NOT NULL,
            PRIMARY KEY (site_id, kind)) WITHOUT ROWID;
        CREATE TABLE wallpad_requests (
            site_id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            received INTEGER NOT NULL,
            PRIMARY KEY (site_id, request_id)) WITHOUT ROWID;
        CREATE INDEX wallpad_requests_by_age ON wallpad_requests (received);
        """,
        """
        CREATE TABLE device_presence (
            home_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            connection_id TEXT NOT NULL,
            observer TEXT NOT NULL,
            connected INTEGER NOT NULL,
            PRIMARY KEY (home_id, device_id)) WITHOUT ROWID;
        """,
        """
        ALTER TABLE partner_keys ADD COLUMN site_id TEXT;
        CREATE TABLE alliance_agents (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            name TEXT NOT NULL,
            protocol TEXT NOT NULL,
            url TEXT NOT NULL,
            token TEXT,
            created INTEGER NOT NULL);
        CREATE INDEX alliance_agents_by_tenant ON alliance_agents (tenant_id, id);
        CREATE TABLE alliance_routes (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            agent_id TEXT NOT NULL REFERENCES alliance_agents(id) ON DELETE CASCADE,
            match TEXT NOT NULL,
            value TEXT,
            priority INTEGER NOT NULL,
            created INTEGER NOT NULL);
        CREATE INDEX alliance_routes_by_tenant ON alliance_routes (tenant_id, priority, id);
        CREATE INDEX alliance_routes_by_agent ON alliance_routes (agent_id);
        """,
        """
        ALTER TABLE skills ADD COLUMN backend TEXT;
        """,
    ];

    private readonly string _connectionString;
    private readonly SqliteWriter _writer;

    private SqliteDatabase(string connectionString, SqliteWriter writer)
    {
        _connectionString = connectionString;
        _writer = writer;
    }

    public static int SchemaVersion => Migrations.Length;

    /// <summary>Opens (creating if needed) <c>{directory}/dure.db</c> and brings its schema up to date.</summary>
    public static SqliteDatabase Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // First, so that every statement below waits for the lock of another process sharing the file (several silos of a
        // cluster on one machine) instead of failing with SQLITE_BUSY.
        Pragma(connection, "PRAGMA busy_timeout = 30000");
        // WAL lets readers run beside the writer; NORMAL syncs the WAL at checkpoints only, which keeps committed
        // transactions across a process crash (kill -9), though not across a power cut.
        Pragma(connection, "PRAGMA journal_mode = WAL");
        Pragma(connection, "PRAGMA synchronous = NORMAL");
        Pragma(connection, "PRAGMA foreign_keys = ON");
        Migrate(connection);
        return new SqliteDatabase(connectionString, new SqliteWriter(connection));
    }

    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken) =>
        _writer.WriteAsync(write, cancellationToken);

    internal async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static void Migrate(SqliteConnection connection)
    {
        Pragma(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        using var transaction = connection.BeginTransaction();
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"the database has schema version {current}, newer than this build's {Migrations.Length}; use a newer Dure");
        }

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[version - 1];
            migrate.ExecuteNonQuery();
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ($v)";
            record.Parameters.AddWithValue("$v", version);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }
}
