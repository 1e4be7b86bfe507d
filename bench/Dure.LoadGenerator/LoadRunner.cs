using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;

namespace Dure.LoadGenerator;

/// <summary>
/// Runs one load test: connects the devices, warms up, measures for the duration and reports throughput, latency
/// percentiles (HdrHistogram, with open-loop latency measured from when each command was due, so a slow server
/// cannot hide its queueing), errors and the server's CPU and memory.
/// </summary>
public sealed class LoadRunner(LoadOptions options)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private readonly LongHistogram _latency = new(TimeSpan.FromMinutes(5).Ticks / 10, 3); // microseconds
    private readonly Lock _latencyLock = new();
    private readonly Dictionary<string, long> _errorCodes = new(StringComparer.Ordinal);
    private readonly List<SimulatedDevice> _devices = [];
    private volatile bool _measuring;
    private long _commands;
    private long _answered;
    private long _errors;
    private long _timeouts;
    private int _connectFailures;

    public async Task<LoadReport> RunAsync(IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options.Tokens);
        ArgumentOutOfRangeException.ThrowIfZero(options.Servers.Count);
        var http = options.Servers.Select(server => new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        try
        {
            return await RunAsync(http, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in http)
            {
                client.Dispose();
            }
        }
    }

    private async Task<LoadReport> RunAsync(HttpClient[] http, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var beforeConnect = options.Idle ? await ReadServerAsync(http, collect: true, cancellationToken).ConfigureAwait(false) : null;

        var connectClock = Stopwatch.StartNew();
        using (var reporting = Report(progress, "connecting", total, cancellationToken))
        {
            await ConnectAllAsync(cancellationToken).ConfigureAwait(false);
        }

        var connectSeconds = connectClock.Elapsed.TotalSeconds;
        try
        {
            return options.Idle
                ? await HoldIdleAsync(http, beforeConnect, connectSeconds, progress, total, cancellationToken).ConfigureAwait(false)
                : await DriveAsync(http, connectSeconds, progress, total, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await Parallel.ForEachAsync(_devices, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency },
                async (device, _) => await device.DisposeAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private async Task ConnectAllAsync(CancellationToken cancellationToken)
    {
        var endpoints = options.Servers.Select(server => new Uri(new Uri(server.ToString().Replace("http://", "ws://", StringComparison.Ordinal)
            .Replace("https://", "wss://", StringComparison.Ordinal)), "/v1/devices/connect")).ToArray();
        var invokers = options.SourceAddresses.Select(SimulatedDevice.InvokerFrom).ToArray();
        var slots = new SimulatedDevice?[options.Tokens.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Tokens.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var device = new SimulatedDevice(options.Echo, Answered);
                try
                {
                    await device.ConnectAsync(endpoints[i % endpoints.Length], options.Tokens[i], invokers.Length == 0 ? null : invokers[i % invokers.Length], ct)
                        .ConfigureAwait(false);
                    slots[i] = device;
                }
                catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException or IOException)
                {
                    Interlocked.Increment(ref _connectFailures);
                    await device.DisposeAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        _devices.AddRange(slots.OfType<SimulatedDevice>());
    }

    private async Task<LoadReport> DriveAsync(HttpClient[] http, double connectSeconds, IProgress<LoadProgress>? progress, Stopwatch total,
        CancellationToken cancellationToken)
    {
        if (_devices.Count == 0)
        {
            return Build("commands", connectSeconds, 0, null);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sweeper = SweepAsync(stop.Token);
        var load = options.Rate is { } rate ? OpenLoopAsync(rate, stop.Token) : ClosedLoopAsync(stop.Token);

        using (Report(progress, "warming up", total, cancellationToken))
        {
            await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        }

        var before = await ReadServerAsync(http, collect: false, cancellationToken).ConfigureAwait(false);
        lock (_latencyLock)
        {
            _latency.Reset();
        }

        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _answered, 0);
        Interlocked.Exchange(ref _errors, 0);
        Interlocked.Exchange(ref _timeouts, 0);
        _measuring = true;
        var measured = Stopwatch.StartNew();
        using (Report(progress, "measuring", total, cancellationToken))
        {
            await Task.Delay(options.Duration, cancellationToken).ConfigureAwait(false);
        }

        _measuring = false;
        var seconds = measured.Elapsed.TotalSeconds;
        var after = await ReadServerAsync(http, collect: false, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(load, sweeper).ConfigureAwait(false);
        return Build(options.Echo ? "echo" : "commands", connectSeconds, seconds, Usage(before, after, seconds, null));
    }

    private async Task<LoadReport> HoldIdleAsync(HttpClient[] http, ProcessFigures? before, double connectSeconds, IProgress<LoadProgress>? progress,
        Stopwatch total, CancellationToken cancellationToken)
    {
        using (Report(progress, "idle", total, cancellationToken))
        {
            await Task.Delay(options.Duration, cancellationToken).ConfigureAwait(false);
        }

        var after = await ReadServerAsync(http, collect: true, cancellationToken).ConfigureAwait(false);
        return Build("idle", connectSeconds, options.Duration.TotalSeconds, Usage(before, after, options.Duration.TotalSeconds, _devices.Count));
    }

    /// <summary>Every device sends its next command when the last one is answered.</summary>
    private Task ClosedLoopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_devices.Select(async (device, index) =>
        {
            var turn = index;
            while (!cancellationToken.IsCancellationRequested && device.IsOpen)
            {
                try
                {
                    var done = await device.SendAsync(options.Phrases[turn++ % options.Phrases.Count], Stopwatch.GetTimestamp(), cancellationToken)
                        .ConfigureAwait(false);
                    Count();
                    await done.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }));

    /// <summary>Commands due at a fixed rate, spread over the devices in turn, whether or not earlier ones were answered.</summary>
    private async Task OpenLoopAsync(double rate, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        var next = (double)Stopwatch.GetTimestamp();
        var turn = 0L;
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                while (next <= now)
                {
                    var device = _devices[(int)(turn % _devices.Count)];
                    var due = (long)next;
                    var phrase = options.Phrases[(int)(turn / _devices.Count % options.Phrases.Count)];
                    turn++;
                    next += interval;
                    if (device.IsOpen)
                    {
                        Count();
                        _ = SendQuietlyAsync(device, phrase, due, cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static async Task SendQuietlyAsync(SimulatedDevice device, string phrase, long due, CancellationToken cancellationToken)
    {
        try
        {
            await device.SendAsync(phrase, due, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // Counted as a timeout by the sweeper if it was registered.
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var expired = _devices.Sum(d => d.ExpireOlderThan(options.ReplyTimeout));
                if (_measuring)
                {
                    Interlocked.Add(ref _timeouts, expired);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    private void Count()
    {
        if (_measuring)
        {
            Interlocked.Increment(ref _commands);
        }
    }

    private void Answered(long ticks, string? error)
    {
        if (!_measuring)
        {
            return;
        }

        if (error is not null)
        {
            Interlocked.Increment(ref _errors);
            lock (_errorCodes)
            {
                _errorCodes[error] = _errorCodes.GetValueOrDefault(error) + 1;
            }

            return;
        }

        Interlocked.Increment(ref _answered);
        var microseconds = Math.Max(1, ticks * 1_000_000 / Stopwatch.Frequency);
        lock (_latencyLock)
        {
            _latency.RecordValue(Math.Min(microseconds, _latency.HighestTrackableValue));
        }
    }

    private LoadReport Build(string mode, double connectSeconds, double seconds, ServerUsage? server)
    {
        LatencySummary? latency = null;
        lock (_latencyLock)
        {
            if (_latency.TotalCount > 0)
            {
                latency = new LatencySummary(Ms(_latency.GetValueAtPercentile(50)), Ms(_latency.GetValueAtPercentile(95)),
                    Ms(_latency.GetValueAtPercentile(99)), Ms(_latency.GetMaxValue()), _latency.GetMean() / 1000);
            }
        }

        Dictionary<string, long> codes;
        lock (_errorCodes)
        {
            codes = new Dictionary<string, long>(_errorCodes, StringComparer.Ordinal);
        }

        var answered = Interlocked.Read(ref _answered);
        return new LoadReport(mode, options.Tokens.Count, _devices.Count, _connectFailures, Math.Round(connectSeconds, 2), Math.Round(seconds, 2),
            Interlocked.Read(ref _commands), answered, seconds > 0 ? Math.Round(answered / seconds, 1) : 0, latency,
            Interlocked.Read(ref _errors), Interlocked.Read(ref _timeouts), codes, server);
    }

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);

    private IDisposable Report(IProgress<LoadProgress>? progress, string phase, Stopwatch total, CancellationToken cancellationToken)
    {
        if (progress is null)
        {
            return new CancellationTokenSource();
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = Task.Run(async () =>
        {
            var lastAnswered = Interlocked.Read(ref _answered);
            var lastTime = total.Elapsed;
            using var ticker = new PeriodicTimer(ProgressInterval);
            try
            {
                while (await ticker.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
                {
                    var answered = Interlocked.Read(ref _answered);
                    var now = total.Elapsed;
                    double? p99;
                    lock (_latencyLock)
                    {
                        p99 = _latency.TotalCount > 0 ? Ms(_latency.GetValueAtPercentile(99)) : null;
                    }

                    var rate = (answered - lastAnswered) / Math.Max(0.001, (now - lastTime).TotalSeconds);
                    progress.Report(new LoadProgress(phase, _devices.Count, options.Tokens.Count, answered, Math.Max(0, rate), p99,
                        Interlocked.Read(ref _errors) + Interlocked.Read(ref _timeouts), now));
                    (lastAnswered, lastTime) = (answered, now);
                }
            }
            catch (OperationCanceledException)
            {
                // Phase over.
            }
        }, CancellationToken.None);
        return stop;
    }

    private static ServerUsage? Usage(ProcessFigures? before, ProcessFigures? after, double seconds, int? devices)
    {
        if (before is null || after is null || seconds <= 0)
        {
            return null;
        }

        const double MiB = 1024 * 1024;
        var cpu = (after.CpuSeconds - before.CpuSeconds) / seconds * 100;
        var delta = after.WorkingSetBytes - before.WorkingSetBytes;
        return new ServerUsage(Math.Round(cpu, 1), after.ProcessorCount, Math.Round(after.WorkingSetBytes / MiB, 1), Math.Round(delta / MiB, 1),
            Math.Round(after.GcHeapBytes / MiB, 1), devices is > 0 ? Math.Round((double)delta / devices.Value) : null);
    }

    /// <summary>
    /// The servers' <c>/health/process</c>, added up (CPU seconds and memory of every silo); null when one has none (then CPU
    /// and memory are not reported).
    /// </summary>
    private static async Task<ProcessFigures?> ReadServerAsync(HttpClient[] http, bool collect, CancellationToken cancellationToken)
    {
        var figures = await Task.WhenAll(http.Select(client => ReadServerAsync(client, collect, cancellationToken))).ConfigureAwait(false);
        return figures.Any(f => f is null) ? null : figures.Aggregate((a, b) => new ProcessFigures(a!.CpuSeconds + b!.CpuSeconds,
            a.WorkingSetBytes + b.WorkingSetBytes, a.GcHeapBytes + b.GcHeapBytes, a.ProcessorCount));
    }

    private static async Task<ProcessFigures?> ReadServerAsync(HttpClient http, bool collect, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetFromJsonAsync<ProcessFigures>(collect ? "/health/process?collect=true" : "/health/process",
                new JsonSerializerOptions(JsonSerializerDefaults.Web), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    private sealed record ProcessFigures(double CpuSeconds, long WorkingSetBytes, long GcHeapBytes, int ProcessorCount);
}
