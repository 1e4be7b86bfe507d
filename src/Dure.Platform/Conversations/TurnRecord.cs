namespace Dure.Platform.Conversations;

/// <summary>
/// One turn of a device as the conversation log keeps it. <c>At</c> is when the device's words arrived; the latency
/// runs from then until the spoken answer was handed to the device's grain. <c>Intent</c> is null when nothing was
/// understood; <c>Error</c> is a stable code (<c>Dure.Skills.TurnErrors</c>) when the turn went wrong.
/// </summary>
public sealed record TurnRecord(
    string Id,
    DateTimeOffset At,
    string TenantId,
    string? SiteId,
    string HomeId,
    string DeviceId,
    string Text,
    string? Language,
    string? Intent,
    string? Reply,
    double LatencyMs,
    string? Error,
    bool Scheduled)
{
    public bool Understood => Intent is not null;

    public static string NewId() => "cv_" + Guid.CreateVersion7().ToString("N");
}

/// <summary>Which conversation records to list or delete; every query is scoped to <c>TenantId</c>.</summary>
public sealed record ConversationQuery(string TenantId, string? SiteId = null, string? HomeId = null, string? DeviceId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>Turn recording and the conversation log, bound from <c>Dure:Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Dure:Conversations";

    /// <summary>Records every turn in the conversation log and the daily analytics. Off only for measuring its cost.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Records waiting to be written; when storage falls this far behind, turns wait for room instead of losing records.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>Most records written in one transaction.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>How long the writer gathers records before writing a batch that is not full.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often records older than their tenant's retention are deleted.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);
}
