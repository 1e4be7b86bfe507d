namespace Dure.Platform.Conversations;

/// <summary>
/// Turn latencies counted in fixed log-spaced buckets, so that p50 and p95 of any date range come from daily counts
/// without keeping every latency. Bucket 0 holds latencies under 1 ms; bucket <c>i ≥ 1</c> holds
/// [2^((i-1)/8), 2^(i/8)) ms, eight buckets per doubling up to 2^17 ms (131 s), the last one open-ended. A percentile
/// is reported as its bucket's geometric middle, so it is within ±4.4% (2^(1/16) − 1) of the true value between 1 ms
/// and 131 s, and reported as 0.5 ms below 1 ms.
/// </summary>
public static class LatencyHistogram
{
    public const int StepsPerDoubling = 8;
    public const int Count = 1 + 17 * StepsPerDoubling;

    /// <summary>The largest relative error of a reported percentile between 1 ms and 131 s.</summary>
    public static readonly double RelativePrecision = Math.Pow(2, 1.0 / (2 * StepsPerDoubling)) - 1;

    public static int BucketOf(double milliseconds) =>
        milliseconds < 1 ? 0 : Math.Min(Count - 1, 1 + (int)Math.Floor(Math.Log2(milliseconds) * StepsPerDoubling));

    /// <summary>The value a bucket stands for: its geometric middle.</summary>
    public static double ValueOf(int bucket) => bucket == 0 ? 0.5 : Math.Pow(2, (bucket - 0.5) / StepsPerDoubling);

    /// <summary>
    /// The nearest-rank percentile (the smallest latency that at least <paramref name="fraction"/> of the turns did not
    /// exceed), as its bucket's value; null without turns.
    /// </summary>
    public static double? Percentile(ReadOnlySpan<long> counts, double fraction)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= rank)
            {
                return ValueOf(bucket);
            }
        }

        return ValueOf(counts.Length - 1);
    }

    /// <summary>The non-empty buckets as (bucket byte, count as LEB128 varint) pairs: a day of turns fits in tens of bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<long> counts)
    {
        var buffer = new List<byte>(64);
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            if (counts[bucket] <= 0)
            {
                continue;
            }

            buffer.Add((byte)bucket);
            var value = (ulong)counts[bucket];
            while (value >= 0x80)
            {
                buffer.Add((byte)(value | 0x80));
                value >>= 7;
            }

            buffer.Add((byte)value);
        }

        return [.. buffer];
    }

    /// <summary>Adds the counts of an encoded histogram to <paramref name="into"/>.</summary>
    public static void AddEncoded(ReadOnlySpan<byte> encoded, Span<long> into)
    {
        var position = 0;
        while (position < encoded.Length)
        {
            int bucket = encoded[position++];
            ulong value = 0;
            var shift = 0;
            byte next;
            do
            {
                next = encoded[position++];
                value |= (ulong)(next & 0x7F) << shift;
                shift += 7;
            }
            while ((next & 0x80) != 0);

            if (bucket < into.Length)
            {
                into[bucket] += (long)value;
            }
        }
    }
}
