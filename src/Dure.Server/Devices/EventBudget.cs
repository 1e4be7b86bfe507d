namespace Dure.Server.Devices;

/// <summary>
/// One connection's budget of events: a token bucket of <see cref="Burst"/> events refilled at <see cref="PerSecond"/>.
/// It refills lazily from the elapsed time when asked, so a million idle connections cost no timers. Not thread-safe:
/// the session's receive loop is its only caller.
/// </summary>
public sealed class EventBudget
{
    private readonly TimeProvider _time;
    private double _tokens;
    private long _refilled;

    public EventBudget(int perSecond, int burst, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        PerSecond = Math.Max(1, perSecond);
        Burst = Math.Max(1, burst);
        _time = time;
        _tokens = Burst;
        _refilled = time.GetTimestamp();
    }

    public int PerSecond { get; }

    public int Burst { get; }

    /// <summary>Spends one event; false when the bucket is empty, with how long until it holds one again.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(Burst, _tokens + (_time.GetElapsedTime(_refilled, now).TotalSeconds * PerSecond));
        _refilled = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromSeconds((1 - _tokens) / PerSecond);
        return false;
    }
}
