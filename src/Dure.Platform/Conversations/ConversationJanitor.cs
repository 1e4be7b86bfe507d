using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Conversations;

/// <summary>
/// Deletes conversation records older than their tenant's retention period (<c>PATCH /v1/tenant</c> sets it) every
/// <see cref="ConversationOptions.RetentionSweepInterval"/>. The daily analytics stay.
/// </summary>
public sealed partial class ConversationJanitor(IConversationLog log, IOptions<ConversationOptions> options, TimeProvider time,
    ILogger<ConversationJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var deleted = await log.PurgeExpiredAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    LogDeleted(deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e); // try again at the next tick
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} conversation records past their tenant's retention")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired conversation records failed")]
    private partial void LogFailed(Exception e);
}
