using System.Data;
using System.Data.Common;
using Npgsql;

namespace Dure.Platform.Storage.Postgres;

/// <summary>
/// The platform's data in PostgreSQL (schema <c>dure</c>) through one pooled <see cref="NpgsqlDataSource"/>. Single
/// statements run on their own (autocommit); what the SQLite stores do in one write transaction runs in
/// <see cref="InTransactionAsync{T}"/>. A connection-level failure (PostgreSQL down or restarted) clears the pool, so the
/// next call reconnects, and surfaces as <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    // Any constant will do: it only has to be the same for every silo ("DureS1").
    private const long MigrationLock = 0x447572_65_5331;
    private const int MaxAttempts = 8;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;

    private readonly Lock _gate = new();
    private Task? _migrated;

    private PostgresDatabase(NpgsqlDataSource dataSource, string where)
    {
        _dataSource = dataSource;
        _where = where;
    }

    public static int SchemaVersion => PostgresSchema.Migrations.Length;

    /// <summary>host:port/database, never the password.</summary>
    public string Where => _where;

    /// <summary>
    /// The database at <paramref name="connectionString"/>; nothing is sent yet. The schema is created or migrated before the
    /// first statement (under an advisory lock, so silos starting together do not race) and again after a failed attempt.
    /// </summary>
    public static PostgresDatabase Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = PostgresSchema.Name };
        return new PostgresDatabase(NpgsqlDataSource.Create(builder.ConnectionString), $"{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>Creates the database object and brings the schema up to date now.</summary>
    public static async Task<PostgresDatabase> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var database = Create(connectionString);
        try
        {
            await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Migrates once per process; a failed attempt (PostgreSQL down) is tried again by the next call.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var migrated = _migrated;
        if (migrated is { IsCompletedSuccessfully: true })
        {
            return migrated;
        }

        lock (_gate)
        {
            if (_migrated is null || _migrated.IsFaulted || _migrated.IsCanceled)
            {
                // Not the caller's token: a cancelled request must not leave the schema half-checked for the others.
                _migrated = MigrateAsync(CancellationToken.None);
            }

            return _migrated.WaitAsync(cancellationToken);
        }
    }

    // Read committed: a silo that waited for the lock must see the tables the one before it created.
    private Task MigrateAsync(CancellationToken cancellationToken) => RunCoreAsync(async connection =>
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        var session = new PostgresSession(connection, transaction);
        await session.ExecuteAsync("SELECT pg_advisory_xact_lock(@lock)", cancellationToken, ("lock", MigrationLock)).ConfigureAwait(false);
        await session.ExecuteAsync($"""
            CREATE SCHEMA IF NOT EXISTS {PostgresSchema.Name};
            CREATE TABLE IF NOT EXISTS {PostgresSchema.Name}.schema_version (version integer NOT NULL)
            """, cancellationToken).ConfigureAwait(false);
        var current = Convert.ToInt32(await session.ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken)
            .ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"the PostgreSQL database {_where} has schema version {current}, newer than this build's {SchemaVersion}; use a newer Dure");
        }

        for (var version = current + 1; version <= SchemaVersion; version++)
        {
            await session.ExecuteAsync(PostgresSchema.Migrations[version - 1], cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@v)", cancellationToken,
                ("v", version)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }, cancellationToken);

    /// <summary>Runs one statement on its own; returns the rows it changed.</summary>
    internal Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        RunAsync(session => session.ExecuteAsync(sql, cancellationToken, parameters), cancellationToken);

    internal Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        RunAsync(session => session.ScalarAsync(sql, cancellationToken, parameters), cancellationToken);

    internal Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        RunAsync(session => session.QueryAsync(sql, map, cancellationToken, parameters), cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. Serializable by default, so a check-then-write behaves as under
    /// SQLite's single writer; a serialization failure or deadlock runs the work again from the start.
    /// </summary>
    internal async Task<T> InTransactionAsync<T>(Func<PostgresSession, Task<T>> work, CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.Serializable)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunAsync(async session =>
                {
                    await using var transaction = await session.Connection.BeginTransactionAsync(isolation, cancellationToken).ConfigureAwait(false);
                    var result = await work(new PostgresSession(session.Connection, transaction)).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }, cancellationToken).ConfigureAwait(false);
            }
            // A unique violation too: a concurrent transaction inserted the row this one found missing; run again, it sees it now.
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                                                  or PostgresErrorCodes.UniqueViolation && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<T> RunAsync<T>(Func<PostgresSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await RunCoreAsync(connection => work(new PostgresSession(connection, null)), cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> RunCoreAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await work(connection).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown && attempt == 1)
            {
                // A pooled connection the server ended while it sat idle (a restart): the server closed it before this
                // statement arrived, so nothing ran; drop the pool's dead connections and try once on a fresh one.
                _dataSource.Clear();
            }
            catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                // Pooled connections to a restarted server are all dead; drop them so the next call connects afresh.
                _dataSource.Clear();
                throw new StorageUnavailableException($"PostgreSQL at {_where} does not answer: {e.Message}", e);
            }
        }
    }

    private static bool IsConnectionFailure(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);
}

/// <summary>One connection, in a transaction or not; parameters are named <c>@name</c> in the SQL and <c>name</c> here.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction? transaction)
{
    public NpgsqlConnection Connection => connection;

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<T> rows = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private NpgsqlCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
