using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>
/// The single writer of the SQLite file. Callers queue work; the writer runs everything queued so far in one
/// transaction (group commit) and completes each caller's task only after the commit, so an acknowledged
/// write survives a crash while many concurrent writes cost one fsync-free WAL commit together.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly SqliteConnection _connection;

    // Every write's statements, and the savepoint each write runs in, prepared once: compiling them anew each time cost as
    // much as the writes themselves under load.
    private readonly PreparedStatements _statements;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;
        _statements = PreparedStatements.KeepFor(connection);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Runs <paramref name="write"/> inside the next group transaction and returns its result after commit.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = new Work((connection, transaction) => write(connection, transaction),
            result => completion.TrySetResult((T)result!), error => completion.TrySetException(error));
        if (!_queue.Writer.TryWrite(work))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }

        return completion.Task;
    }

    private async Task RunAsync()
    {
        List<Work> batch = new(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            Commit(batch);
        }
    }

    private void Commit(List<Work> batch)
    {
        var results = new object?[batch.Count];
        var errors = new Exception?[batch.Count];
        try
        {
            // IMMEDIATE: take the write lock up front, so a second process on the same file waits (busy_timeout) instead of
            // failing on a read-to-write upgrade.
            using var transaction = _connection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                // A savepoint per caller: one failing write rolls back alone instead of failing its neighbours.
                Execute("SAVEPOINT w", transaction);
                try
                {
                    results[i] = batch[i].Write(_connection, transaction);
                    Execute("RELEASE w", transaction);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    errors[i] = e;
                    Execute("ROLLBACK TO w", transaction);
                    Execute("RELEASE w", transaction);
                }
            }

            transaction.Commit();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The commit itself failed (disk full, I/O error): nothing of the batch is durable, so every caller fails,
            // and the loop lives on for the next batch.
            foreach (var work in batch)
            {
                work.Fail(e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Fail(error);
            }
            else
            {
                batch[i].Complete(results[i]);
            }
        }
    }

    private void Execute(string sql, SqliteTransaction transaction) => _statements.Get(sql, transaction).ExecuteNonQuery();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _statements.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record Work(Func<SqliteConnection, SqliteTransaction, object?> Write, Action<object?> Complete, Action<Exception> Fail);
}
