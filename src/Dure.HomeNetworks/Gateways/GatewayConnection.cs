using Dure.Platform.Grains;
using Microsoft.Extensions.Logging;

namespace Dure.HomeNetworks.Gateways;

/// <summary>What became of one directive a bridge tried to carry out.</summary>
public enum Delivery
{
    /// <summary>Carried out (published with a broker's acknowledgement, answered 2xx by a vendor): acknowledged.</summary>
    Done,

    /// <summary>Cannot ever be carried out (no such device on the network, refused as invalid): acknowledged so it does not come back.</summary>
    Rejected,

    /// <summary>Not carried out now (network down, timeout, server error): left in the outbox to be pushed again.</summary>
    Retry,
}

/// <summary>
/// A server-side connection of a home's bridge device (the MQTT bridge, the wall-pad server) to its device grain, so that
/// the same durable, at-least-once outbox that feeds a wall pad's WebSocket feeds the bridge. Directives are carried out
/// one at a time in the order the grain pushed them, and each is acknowledged only once carried out. When one must be
/// retried the connection detaches and, after a back-off, attaches again: the grain then pushes everything still
/// unacknowledged, in order.
/// </summary>
/// <remarks>
/// The observer is a plain object in this process registered with <see cref="IGrainFactory.CreateObjectReference{T}"/>,
/// as the WebSocket session does; Orleans holds it weakly, so this class keeps it referenced while attached.
/// </remarks>
public sealed partial class GatewayConnection : IAsyncDisposable
{
    private static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly Func<Directive, CancellationToken, Task<Delivery>> _deliver;
    private readonly Backoff _backoff;
    private readonly ILogger _logger;
    private readonly System.Threading.Channels.Channel<(int Generation, Directive Directive)> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<(int, Directive)>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Observer? _observer;
    private IDeviceConnection? _reference;
    private string? _connectionId;
    private int _generation;
    private Task? _worker;
    private bool _wanted;

    public GatewayConnection(IGrainFactory grains, string homeId, string deviceId, Func<Directive, CancellationToken, Task<Delivery>> deliver,
        Backoff backoff, ILogger logger)
    {
        _grains = grains;
        HomeId = homeId;
        DeviceId = deviceId;
        _deliver = deliver;
        _backoff = backoff;
        _logger = logger;
    }

    public string HomeId { get; }

    public string DeviceId { get; }

    /// <summary>True while the grain pushes directives to this connection.</summary>
    public bool IsAttached => _reference is not null;

    // Resolved once: Orleans reads the interface's attributes by reflection on every GetGrain.
    private IDeviceGrain Grain => _grain ??= _grains.GetGrain<IDeviceGrain>(DeviceKey.Of(HomeId, DeviceId));

    private IDeviceGrain? _grain;

    /// <summary>Attaches (again) to the device's grain, which pushes what is pending. Idempotent.</summary>
    public async Task AttachAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _wanted = true;
            _worker ??= Task.Run(() => WorkAsync(_stop.Token), CancellationToken.None);
            await AttachLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Detaches: new directives wait in the outbox, and those queued here but not yet carried out are pushed again on the next attach.</summary>
    public async Task DetachAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _wanted = false;
            await DetachLockedAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task AttachLockedAsync(CancellationToken cancellationToken)
    {
        if (_reference is not null)
        {
            return;
        }

        var generation = Interlocked.Increment(ref _generation);
        _observer = new Observer(this, generation);
        _reference = _grains.CreateObjectReference<IDeviceConnection>(_observer);
        _connectionId = $"bridge-{Guid.NewGuid():N}";
        try
        {
            await Grain.Connect(_connectionId, _reference).WaitAsync(GrainCallTimeout, cancellationToken).ConfigureAwait(false);
            LogAttached(HomeId, DeviceId);
        }
        catch
        {
            Release();
            throw;
        }
    }

    private async Task DetachLockedAsync()
    {
        if (_reference is null)
        {
            return;
        }

        Interlocked.Increment(ref _generation); // whatever is still queued is pushed again on the next attach
        var connectionId = _connectionId!;
        Release();
        try
        {
            await Grain.Disconnect(connectionId).WaitAsync(GrainCallTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogDetachFailed(e, HomeId, DeviceId);
        }
    }

    private void Release()
    {
        if (_reference is { } reference)
        {
            _grains.DeleteObjectReference<IDeviceConnection>(reference);
        }

        _reference = null;
        _observer = null;
        _connectionId = null;
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (generation, directive) in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (generation != Volatile.Read(ref _generation))
                {
                    continue; // pushed to an earlier attachment: the outbox pushes it again
                }

                Delivery outcome;
                try
                {
                    outcome = await _deliver(directive, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                {
                    LogDeliveryFailed(e, HomeId, DeviceId, directive.Id);
                    outcome = Delivery.Retry;
                }

                if (outcome == Delivery.Retry)
                {
                    await RetryLaterAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                _backoff.Reset();
                try
                {
                    await Grain.Acknowledge(directive.Id).WaitAsync(GrainCallTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                {
                    LogAcknowledgeFailed(e, HomeId, DeviceId, directive.Id); // it comes back once more after a reattach
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Detaches, waits, and attaches again so that the grain pushes the failed directive and those after it.</summary>
    private async Task RetryLaterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DetachLockedAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        var wait = _backoff.Next();
        LogRetrying(HomeId, DeviceId, (int)wait.TotalMilliseconds);
        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_wanted)
                {
                    return; // detached on purpose meanwhile (the broker is down): whoever wants it back attaches
                }

                await AttachLockedAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
            {
                LogDeliveryFailed(e, HomeId, DeviceId, "(attach)");
            }
            finally
            {
                _gate.Release();
            }

            await Task.Delay(_backoff.Next(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DetachAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        if (_worker is { } worker)
        {
            await worker.ConfigureAwait(false);
        }

        _stop.Dispose();
        _gate.Dispose();
    }

    /// <summary>The connection as the grain sees it: every call only queues, so the grain never waits on a network.</summary>
    private sealed class Observer(GatewayConnection connection, int generation) : IDeviceConnection
    {
        public Task Deliver(Directive[] directives)
        {
            foreach (var directive in directives)
            {
                connection._queue.Writer.TryWrite((generation, directive));
            }

            return Task.CompletedTask;
        }

        public Task Replace()
        {
            connection.Lost(generation, "another connection of the same device replaced it");
            return Task.CompletedTask;
        }

        public Task Revoke()
        {
            connection.Lost(generation, "the device was removed or its credentials changed");
            return Task.CompletedTask;
        }
    }

    /// <summary>The grain dropped this connection; the bridge does not fight for the device, it stays detached until attached again.</summary>
    private void Lost(int generation, string why)
    {
        if (Interlocked.CompareExchange(ref _generation, generation + 1, generation) == generation)
        {
            LogLost(HomeId, DeviceId, why);
            _ = Task.Run(async () =>
            {
                await _gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    _wanted = false;
                    Release();
                }
                finally
                {
                    _gate.Release();
                }
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bridge device {Home}/{Device} attached")]
    private partial void LogAttached(string home, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge device {Home}/{Device} lost its connection: {Why}")]
    private partial void LogLost(string home, string device, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge device {Home}/{Device}: detaching failed")]
    private partial void LogDetachFailed(Exception e, string home, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge device {Home}/{Device}: directive {Directive} failed")]
    private partial void LogDeliveryFailed(Exception e, string home, string device, string directive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge device {Home}/{Device}: acknowledging {Directive} failed")]
    private partial void LogAcknowledgeFailed(Exception e, string home, string device, string directive);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bridge device {Home}/{Device}: retrying in {Ms} ms")]
    private partial void LogRetrying(string home, string device, int ms);
}
