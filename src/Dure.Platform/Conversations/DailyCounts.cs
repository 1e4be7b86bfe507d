using Dure.Platform.Tenancy;

namespace Dure.Platform.Conversations;

/// <summary>
/// The counts of spoken turns (scheduled ones are not utterances) of one tenant, site and UTC day, or of several added
/// together: no text, no device — nothing personal, so they outlive the conversation log.
/// </summary>
public sealed class DailyCounts
{
    public long Utterances { get; private set; }

    public long Understood { get; private set; }

    public long Errors { get; private set; }

    public SortedDictionary<string, long> Intents { get; } = new(StringComparer.Ordinal);

    /// <summary>Turns per <see cref="LatencyHistogram"/> bucket.</summary>
    public long[] Latency { get; } = new long[LatencyHistogram.Count];

    public double? UnderstoodRate => Utterances == 0 ? null : (double)Understood / Utterances;

    public double? LatencyP50Ms => LatencyHistogram.Percentile(Latency, 0.50);

    public double? LatencyP95Ms => LatencyHistogram.Percentile(Latency, 0.95);

    public void Add(TurnRecord turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        Utterances++;
        if (turn.Intent is { } intent)
        {
            Understood++;
            Intents[intent] = Intents.GetValueOrDefault(intent) + 1;
        }

        if (turn.Error is not null)
        {
            Errors++;
        }

        Latency[LatencyHistogram.BucketOf(turn.LatencyMs)]++;
    }

    public void Add(DailyCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Add(other.Utterances, other.Understood, other.Errors, other.Intents);
        for (var i = 0; i < Latency.Length; i++)
        {
            Latency[i] += other.Latency[i];
        }
    }

    public void Add(long utterances, long understood, long errors, IEnumerable<KeyValuePair<string, long>> intents)
    {
        ArgumentNullException.ThrowIfNull(intents);
        Utterances += utterances;
        Understood += understood;
        Errors += errors;
        foreach (var (intent, count) in intents)
        {
            Intents[intent] = Intents.GetValueOrDefault(intent) + count;
        }
    }
}

/// <summary>The conversation log and the daily analytics kept beside it.</summary>
public interface IConversationLog
{
    /// <summary>Stores the records and adds the spoken ones to their day's counts, in one transaction.</summary>
    Task AddAsync(IReadOnlyList<TurnRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="after"/> is the cursor of the previous page.</summary>
    Task<Page<TurnRecord>> ListAsync(ConversationQuery query, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the home's records (of one device when given); the day counts stay. Returns how many.</summary>
    Task<int> DeleteAsync(string tenantId, string homeId, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every record older than its tenant's retention period; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The counts per UTC day from <paramref name="from"/> to <paramref name="to"/> (inclusive); days without turns are missing.</summary>
    Task<IReadOnlyDictionary<DateOnly, DailyCounts>> DailyAsync(string tenantId, string? siteId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default);
}
