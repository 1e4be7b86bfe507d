using Dure.Platform.Storage;

namespace Dure.Server.Tests.Storage;

public sealed class ReadCacheTests
{
    private readonly SteppedClock _clock = new();
    private int _reads;

    private Task<string> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult($"{key}#{Interlocked.Increment(ref _reads)}");

    [Fact]
    public async Task A_value_is_read_once_within_its_lifetime_and_again_after_it()
    {
        var cache = new ReadCache<string, string>(TimeSpan.FromSeconds(5), _clock);
        Assert.Equal("t1#1", await cache.GetAsync("t1", ReadAsync, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal("t1#1", await cache.GetAsync("t1", ReadAsync, CancellationToken.None));
        Assert.Equal("t2#2", await cache.GetAsync("t2", ReadAsync, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal("t1#3", await cache.GetAsync("t1", ReadAsync, CancellationToken.None));
    }

    [Fact]
    public async Task Clear_makes_the_next_get_read_the_store()
    {
        var cache = new ReadCache<string, string>(TimeSpan.FromMinutes(1), _clock);
        await cache.GetAsync("t1", ReadAsync, CancellationToken.None);
        cache.Clear();
        Assert.Equal("t1#2", await cache.GetAsync("t1", ReadAsync, CancellationToken.None));
    }

    [Fact]
    public async Task A_read_that_overlapped_a_change_answers_its_caller_but_is_not_kept()
    {
        var cache = new ReadCache<string, string>(TimeSpan.FromMinutes(1), _clock);
        var release = new TaskCompletionSource();
        var slow = cache.GetAsync("t1", async (key, ct) =>
        {
            await release.Task;
            return "old";
        }, CancellationToken.None);
        cache.Clear(); // the routes changed while the old ones were being read
        release.SetResult();
        Assert.Equal("old", await slow);
        Assert.Equal("t1#1", await cache.GetAsync("t1", ReadAsync, CancellationToken.None));
    }

    [Fact]
    public async Task The_cache_stays_within_its_capacity()
    {
        var cache = new ReadCache<string, string>(TimeSpan.FromMinutes(1), _clock, capacity: 3);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            await cache.GetAsync(key, ReadAsync, CancellationToken.None);
        }

        // Full at "d": everything was dropped and "d" kept, so "a" is read again and "d" is not.
        Assert.Equal("d#4", await cache.GetAsync("d", ReadAsync, CancellationToken.None));
        Assert.Equal("a#5", await cache.GetAsync("a", ReadAsync, CancellationToken.None));
    }
}
