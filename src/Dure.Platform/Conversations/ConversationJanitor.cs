using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Conversations;

/// <summary>
/// Deletes conversation records older than their tenant's retention period (<c>PATCH /v1/tenant</c> sets it) every
/// <see cref="ConversationOptions.RetentionSweepInterval"/>. The daily analytics stay.
/// </summary>
public sealed partial class ConversationJanitor(IConversationLog log, IOptions<ConversationOptions> options, TimeProvider time,
    ILogger<ConversationJanitor> logger) : PeriodicPurge(options.Value.RetentionSweepInterval, time)
{
    protected override Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        log.PurgeExpiredAsync(now, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} conversation records past their tenant's retention")]
    protected override partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired conversation records failed")]
    protected override partial void LogFailed(Exception e);
}
