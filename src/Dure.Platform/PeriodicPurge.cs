using Microsoft.Extensions.Hosting;

namespace Dure.Platform;

/// <summary>
/// A background sweep that deletes what has expired once every <paramref name="interval"/>; a sweep that fails is
/// logged and tried again at the next tick.
/// </summary>
public abstract class PeriodicPurge(TimeSpan interval, TimeProvider time) : BackgroundService
{
    /// <summary>Deletes what expired before <paramref name="now"/>; returns how many were deleted.</summary>
    protected abstract Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken);

    protected abstract void LogPurged(int count);

    protected abstract void LogFailed(Exception e);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var purged = await PurgeAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    LogPurged(purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }
}
