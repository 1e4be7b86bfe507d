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

    private string _homeId = "";
    private string _deviceId = "";
    private IDeviceConnection? _connection;
    private string? _connectionId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_homeId, _deviceId) = DeviceKey.Parse(this.GetPrimaryKeyString());
        // A connection made while the grain lived on a silo that has since failed: the socket may well be alive on another
        // silo, so take it up again. If it is gone, the first push fails and drops it.
        if (await presence.FindAsync(_homeId, _deviceId, cancellationToken) is { } known)
        {
            _connection = GrainFactory.GetGrain<IDeviceConnection>(GrainId.Parse(known.Observer));
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

    public Task Acknowledge(string directiveId) => outbox.RemoveAsync(_homeId, _deviceId, directiveId);

    public async Task Connect(string connectionId, IDeviceConnection connection)
    {
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
            DelayDeactivation(TimeSpan.FromSeconds(-1)); // back to normal idle collection
        }

        await presence.ClearAsync(_homeId, _deviceId, connectionId);
    }

    public async Task Revoke()
    {
        if (_connection is not { } connection)
        {
            return;
        }

        var connectionId = _connectionId!;
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
        if (_connection is not { } connection)
        {
            return;
        }

        try
        {
            await connection.Deliver(directives).WaitAsync(ObserverTimeout);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The directives stay in the outbox and go out again when the device reconnects.
            LogObserverFailed(e, this.GetPrimaryKeyString());
            if (ReferenceEquals(_connection, connection))
            {
                var connectionId = _connectionId!;
                _connection = null;
                _connectionId = null;
                await presence.ClearAsync(_homeId, _deviceId, connectionId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: its connection did not answer; dropping it")]
    private partial void LogObserverFailed(Exception e, string device);
}
