namespace Dure.HomeNetworks;

/// <summary>
/// Exponential back-off with jitter for reconnecting: the ceiling doubles from <c>initial</c> up to <c>max</c>, and each
/// wait is drawn from the upper half below it, so that many bridges that lost one broker do not all return at once.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private int _attempt;

    /// <summary>The next wait; each call without <see cref="Reset"/> doubles the ceiling.</summary>
    public TimeSpan Next()
    {
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    public void Reset() => _attempt = 0;
}
