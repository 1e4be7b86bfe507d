using System.Collections.Concurrent;

namespace Dure.Platform.Storage;

/// <summary>
/// Store reads that every turn repeats and that rarely change (a tenant's alliance routes, a home's enabled skills), kept
/// for <c>lifetime</c>. The process that changes them calls <see cref="Clear"/>, so it never serves an old value; the other
/// silos of a cluster see a change within the lifetime.
/// </summary>
public sealed class ReadCache<TKey, TValue>(TimeSpan lifetime, TimeProvider time, int capacity = 100_000) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (long Expires, TValue Value)> _entries = new();
    private long _generation;

    public async ValueTask<TValue> GetAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now)
        {
            return entry.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await read(key, cancellationToken).ConfigureAwait(false);
        // A read that overlapped a change may hold the old value: it answers this caller but is not kept.
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Clear(); // bounded: a burst of keys costs reads again, not memory
            }

            _entries[key] = (now + (long)(lifetime.TotalSeconds * time.TimestampFrequency), value);
        }

        return value;
    }

    /// <summary>Forgets everything: called after this process changed what the cache holds.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
