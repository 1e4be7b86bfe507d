using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Conversations;

/// <summary>Takes the record of a turn; the home grain calls it after the answer is out.</summary>
public interface ITurnRecorder
{
    /// <summary>Queues the record; completes at once unless the buffer is full (storage far behind).</summary>
    ValueTask RecordAsync(TurnRecord record);

    /// <summary>Completes once every record queued before the call is written, so that a deletion that follows covers it.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Turn records off the grains' path: a bounded buffer that a background writer empties in batches (one transaction
/// each, gathered for up to <see cref="ConversationOptions.FlushInterval"/>). Stopping the host writes what is still
/// buffered before the database closes. The host stops it after the silo, which registered after it, so no grain
/// records anything once it has flushed.
/// </summary>
public sealed partial class ConversationRecorder : ITurnRecorder, IHostedService, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private const int Attempts = 3;

    private readonly IConversationLog _log;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ConversationRecorder> _logger;
    private readonly Channel<Entry> _buffer;
    private readonly CancellationTokenSource _stopping = new();
    private Task _writer = Task.CompletedTask;

    public ConversationRecorder(IConversationLog log, IOptions<ConversationOptions> options, TimeProvider time, ILogger<ConversationRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _log = log;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _buffer = Channel.CreateBounded<Entry>(new BoundedChannelOptions(Math.Max(1, _options.BufferCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ValueTask RecordAsync(TurnRecord record)
    {
        if (!_options.Enabled || _buffer.Writer.TryWrite(new Entry(record, null)))
        {
            return ValueTask.CompletedTask;
        }

        return WaitForRoomAsync(record);
    }

    private async ValueTask WaitForRoomAsync(TurnRecord record)
    {
        try
        {
            await _buffer.Writer.WriteAsync(new Entry(record, null)).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            LogLost(1); // a turn that ended after shutdown had flushed the buffer
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _buffer.Writer.WriteAsync(new Entry(null, flushed), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false); // stopping: the writer is writing everything
            return;
        }

        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Ends the gathering wait, then writes everything still buffered.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<TurnRecord>(Math.Max(1, _options.MaxBatch));
        List<TaskCompletionSource> flushes = [];
        while (await _buffer.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await GatherAsync(batch, flushes).ConfigureAwait(false);
            await WriteAsync(batch).ConfigureAwait(false);
            batch.Clear();
            foreach (var flushed in flushes)
            {
                flushed.TrySetResult();
            }

            flushes.Clear();
        }
    }

    /// <summary>
    /// Fills the batch with what is buffered, waiting up to the flush interval for more while it is not full; a flush
    /// request ends the wait.
    /// </summary>
    private async Task GatherAsync(List<TurnRecord> batch, List<TaskCompletionSource> flushes)
    {
        var max = Math.Max(1, _options.MaxBatch);
        using var interval = new CancellationTokenSource(_options.FlushInterval > TimeSpan.Zero ? _options.FlushInterval : TimeSpan.Zero, _time);
        using var gathering = CancellationTokenSource.CreateLinkedTokenSource(interval.Token, _stopping.Token);
        while (true)
        {
            while (batch.Count < max && flushes.Count == 0 && _buffer.Reader.TryRead(out var entry))
            {
                if (entry.Record is { } record)
                {
                    batch.Add(record);
                }
                else
                {
                    flushes.Add(entry.Flushed!);
                }
            }

            if (batch.Count >= max || flushes.Count > 0 || gathering.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (!await _buffer.Reader.WaitToReadAsync(gathering.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(List<TurnRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _log.AddAsync(batch, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (attempt == Attempts || _stopping.IsCancellationRequested)
                {
                    LogWriteFailed(e, batch.Count);
                    LogLost(batch.Count);
                    return;
                }

                LogRetrying(e, batch.Count);
                await Task.Delay(RetryDelay, _time).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>A record to write, or a flush request to complete once what came before it is written.</summary>
    private readonly record struct Entry(TurnRecord? Record, TaskCompletionSource? Flushed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} turn records failed; retrying")]
    private partial void LogRetrying(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} turn records failed")]
    private partial void LogWriteFailed(Exception e, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} turn records were not written to the conversation log")]
    private partial void LogLost(int count);
}
