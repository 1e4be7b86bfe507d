using Dure.Platform.Storage;
using Dure.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Grains;

public sealed partial class DeviceGrain(IDirectiveOutbox outbox, IDevicePresence presence, IOptions<DirectiveOptions> options,
    TimeProvider time, ILogger<DeviceGrain> logger) : Grain, IDeviceGrain
{
    // Observer calls only enqueue on the session side; a slow answer means the session is gone.
    private static readonly TimeSpan ObserverTimeout = TimeSpan.FromSeconds(5);

    // A failed push is not the end of a connection: during a silo failover, or with a second activation of this grain
    // for a moment, an observer call can fail while the socket is fine. What is pending is pushed again this often, to the
    // connection the store names (perhaps a newer one), for a while before the connection is given up.
    private static readonly TimeSpan RedeliveryPeriod = TimeSpan.FromSeconds(2);
    private const int RedeliveryAttempts = 15;
    private IGrainTimer? _redelivery;
    private int _redeliveryAttempt;

    private string _homeId = "";
    private string _deviceId = "";
    private IDeviceConnection? _connection;
    private string? _connectionId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_homeId, _deviceId) = DeviceKey.Parse(this.GetPrimaryKeyString());
        // A connection made while the grain lived on a silo that has since failed: the socket may well be alive on another
        // silo, so take it up again. If it is gone, pushes fail and the redelivery gives it up.
        if (await presence.FindAsync(_homeId, _deviceId, cancellationToken) is { } known)
        {
            _connection = Observer(known);
            _connectionId = known.ConnectionId;
            DelayDeactivation(TimeSpan.FromDays(365));
        }
    }

    public async Task Send(Directive directive)
    {
        var now = time.GetUtcNow();
        var ttl = directive.Name == MessageNames.SpeechSpeak ? options.Value.SpeechTtl : options.Value.ControlTtl;
        await outbox.AddAsync(_homeId, _deviceId,
            new OutboxEntry(directive.Id, directive.Name, directive.ReplyTo, directive.PayloadJson, now, now + ttl));
        await PushAsync([directive]);
    }

    public async Task SendNow(Directive directive)
    {
        // A part of a reply that is lost with its connection is not missed: the whole reply follows through the outbox.
        if (_connection is { } connection)
        {
            await TryDeliverAsync(connection, [directive]);
        }
    }

    public Task Acknowledge(string directiveId) => outbox.RemoveAsync(_homeId, _deviceId, directiveId);

    public async Task Connect(string connectionId, IDeviceConnection connection)
    {
        StopRedelivery(); // what is pending goes to the new connection below
        if (_connection is not null && _connectionId != connectionId)
        {
            var old = _connection;
            _connection = null;
            try
            {
                await old.Replace().WaitAsync(ObserverTimeout);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogObserverFailed(e, this.GetPrimaryKeyString());
            }
        }

        _connection = connection;
        _connectionId = connectionId;
        // The observer reference lives in this activation, and in the store for an activation elsewhere after a silo
        // failure: keep the activation alive while the device is connected.
        DelayDeactivation(TimeSpan.FromDays(365));
        await presence.SetAsync(_homeId, _deviceId, new DevicePresence(connectionId, connection.GetGrainId().ToString()));

        var pending = await outbox.PendingAsync(_homeId, _deviceId, time.GetUtcNow());
        if (pending.Count > 0)
        {
            await PushAsync([.. pending.Select(e => new Directive(e.DirectiveId, e.Name, e.ReplyTo, e.PayloadJson))]);
        }
    }

    public async Task Disconnect(string connectionId)
    {
        if (_connectionId == connectionId)
        {
            _connection = null;
            _connectionId = null;
            StopRedelivery();
            DelayDeactivation(TimeSpan.FromSeconds(-1)); // back to normal idle collection
        }

        await presence.ClearAsync(_homeId, _deviceId, connectionId);
    }

    public async Task Revoke()
    {
        StopRedelivery();
        var connection = _connection;
        var connectionId = _connectionId;
        if (connection is null && await presence.FindAsync(_homeId, _deviceId) is { } known)
        {
            // Between a failed push and its redelivery the connection is only in the store.
            (connection, connectionId) = (Observer(known), known.ConnectionId);
        }

        if (connection is null || connectionId is null)
        {
            return;
        }

        _connection = null;
        _connectionId = null;
        await presence.ClearAsync(_homeId, _deviceId, connectionId);
        try
        {
            await connection.Revoke().WaitAsync(ObserverTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogObserverFailed(e, this.GetPrimaryKeyString());
        }
    }

    private async Task PushAsync(Directive[] directives)
    {
        if (_connection is { } connection && !await TryDeliverAsync(connection, directives) && ReferenceEquals(_connection, connection))
        {
            // The directives stay in the outbox; the redelivery pushes them again (or the next connection gets them).
            _connection = null;
            StartRedelivery();
        }
    }

    private async Task<bool> TryDeliverAsync(IDeviceConnection connection, Directive[] directives)
    {
        try
        {
            await connection.Deliver(directives).WaitAsync(ObserverTimeout);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogObserverFailed(e, this.GetPrimaryKeyString());
            return false;
        }
    }

    private void StartRedelivery()
    {
        if (_redelivery is null)
        {
            _redeliveryAttempt = 0;
            _redelivery = this.RegisterGrainTimer(RedeliverAsync, new GrainTimerCreationOptions(RedeliveryPeriod, RedeliveryPeriod) { KeepAlive = true });
        }
    }

    private void StopRedelivery()
    {
        _redelivery?.Dispose();
        _redelivery = null;
    }

    private async Task RedeliverAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null || await presence.FindAsync(_homeId, _deviceId, cancellationToken) is not { } known)
        {
            // Connected again meanwhile (Connect pushed what was pending), or the device has gone.
            StopRedelivery();
            return;
        }

        var connection = Observer(known);
        var pending = await outbox.PendingAsync(_homeId, _deviceId, time.GetUtcNow(), cancellationToken);
        if (pending.Count == 0 || await TryDeliverAsync(connection, [.. pending.Select(e => new Directive(e.DirectiveId, e.Name, e.ReplyTo, e.PayloadJson))]))
        {
            (_connection, _connectionId) = (connection, known.ConnectionId);
            StopRedelivery();
            return;
        }

        if (++_redeliveryAttempt >= RedeliveryAttempts)
        {
            // The session is gone for good without saying so (its silo died): the device gets its directives when it
            // connects again.
            LogConnectionDropped(this.GetPrimaryKeyString());
            StopRedelivery();
            _connectionId = null;
            await presence.ClearAsync(_homeId, _deviceId, known.ConnectionId, cancellationToken);
            DelayDeactivation(TimeSpan.FromSeconds(-1));
        }
    }

    private IDeviceConnection Observer(DevicePresence known) => GrainFactory.GetGrain<IDeviceConnection>(GrainId.Parse(known.Observer));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: its connection stopped answering; its directives wait for the next one")]
    private partial void LogConnectionDropped(string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: its connection did not answer; trying again")]
    private partial void LogObserverFailed(Exception e, string device);
}
