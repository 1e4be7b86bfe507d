using System.Diagnostics;
using System.Globalization;

namespace Dure.Testing;

/// <summary>
/// A PostgreSQL server of the test's own (scripts/postgres.sh), on a free loopback port with a fresh data directory, so
/// tests never meet another run's cluster. Stop and start it again to test an outage; disposing stops it and deletes its data.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        // Not created here: the script creates it and gives it to the postgres user when run as root.
        var directory = Path.Combine(Path.GetTempPath(), $"dure-pg-{Guid.NewGuid():N}");
        var server = new PostgresServer(directory, ServerProcess.FreePort());
        await server.RunAsync(cancellationToken, "start");
        return server;
    }

    /// <summary>Creates a database (a cluster of its own) and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        (await RunAsync(cancellationToken, "createdb", name)).Trim();

    /// <summary>Runs one statement; returns psql's unaligned output (rows by line, columns by '|').</summary>
    public Task<string> QueryAsync(string database, string sql, CancellationToken cancellationToken = default) =>
        RunAsync(cancellationToken, "sql", database, sql);

    /// <summary>Stops the server (fast shutdown: connections are cut, as in a crash or a failover).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => RunAsync(cancellationToken, "stop");

    public Task StartAgainAsync(CancellationToken cancellationToken = default) => RunAsync(cancellationToken, "start");

    private async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(ServerProcess.RepositoryRoot, "scripts", "postgres.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DURE_PG_DIR"] = _directory;
        start.Environment["DURE_PG_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; it is a temp directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by the postgres user when not run as root.
        }
    }
}
