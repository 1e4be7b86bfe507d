using Dure.Platform.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform;

/// <summary>
/// Deletes expired directives periodically. A reconnecting device drops its own expired directives, but one that
/// never comes back would otherwise keep them forever.
/// </summary>
public sealed partial class OutboxJanitor(IDirectiveOutbox outbox, IOptions<DirectiveOptions> options, TimeProvider time,
    ILogger<OutboxJanitor> logger) : PeriodicPurge(options.Value.PurgeInterval, time)
{
    protected override Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.PurgeExpiredAsync(now, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired directives")]
    protected override partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired directives failed")]
    protected override partial void LogFailed(Exception e);
}
