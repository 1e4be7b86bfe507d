using Dure.Platform.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform;

/// <summary>
/// Deletes expired directives periodically. A reconnecting device drops its own expired directives, but one that
/// never comes back would otherwise keep them forever.
/// </summary>
public sealed partial class OutboxJanitor(IDirectiveOutbox outbox, IOptions<DirectiveOptions> options, TimeProvider time,
    ILogger<OutboxJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var purged = await outbox.PurgeExpiredAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    LogPurged(purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e); // try again at the next tick
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired directives")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired directives failed")]
    private partial void LogFailed(Exception e);
}
