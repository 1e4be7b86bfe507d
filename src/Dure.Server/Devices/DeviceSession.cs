using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Dure.Protocol;
using Microsoft.Extensions.Logging;

namespace Dure.Server.Devices;

/// <summary>
/// One device's WebSocket: reads events (64 KiB per message), answers bad input with <c>System.Error</c> and keeps going,
/// and writes directives through a single writer so frames never interleave.
/// </summary>
public sealed partial class DeviceSession
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly DeviceIdentity _device;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventBudget _budget;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _receiveAbort = new();
    private readonly string _connectionId = Guid.NewGuid().ToString("N");

    // Orleans holds observers weakly: this field keeps the session's observer alive as long as the session.
    private readonly Connection _observer;
    private int _closing;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "bye";

    public DeviceSession(WebSocket socket, DeviceIdentity device, IGrainFactory grains, TimeProvider time, ILogger<DeviceSession> logger,
        EventBudget budget)
    {
        _budget = budget;
        _socket = socket;
        _device = device;
        _grains = grains;
        _time = time;
        _logger = logger;
        _observer = new Connection(this);
    }

    private IDeviceGrain DeviceGrain => _grains.GetGrain<IDeviceGrain>(DeviceKey.Of(_device.HomeId, _device.DeviceId));

    private IHomeGrain HomeGrain => _grains.GetGrain<IHomeGrain>(_device.HomeId);

    public async Task RunAsync()
    {
        var writer = WriteLoopAsync();
        var reference = _grains.CreateObjectReference<IDeviceConnection>(_observer);
        LogConnected(_device.HomeId, _device.DeviceId);
        try
        {
            await DeviceGrain.Connect(_connectionId, reference);
            await ReceiveLoopAsync(_receiveAbort.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The peer vanished or did not finish the close handshake in time; nothing to tell it.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The device's grain could not take the connection (storage or silo trouble): tell the device, which retries.
            LogConnectFailed(e, _device.DeviceId);
            SendError(ErrorCodes.InternalError, "the server could not attach this connection; reconnect later", null);
            Close(WebSocketCloseStatus.InternalServerError, "internal error");
        }
        finally
        {
            try
            {
                await DeviceGrain.Disconnect(_connectionId).WaitAsync(GrainCallTimeout);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogDisconnectFailed(e, _device.DeviceId);
            }

            _grains.DeleteObjectReference<IDeviceConnection>(reference);
            Interlocked.Exchange(ref _closing, 1);
            _outgoing.Writer.TryComplete();
            await writer;
            _receiveAbort.Dispose();
            LogDisconnected(_device.HomeId, _device.DeviceId);
        }
    }

    /// <summary>Flushes what is queued, then closes with <paramref name="status"/>. Safe to call from any thread, more than once.</summary>
    public void Close(WebSocketCloseStatus status, string description)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            _closeStatus = status;
            _closeDescription = description;
            _outgoing.Writer.TryComplete();
            try
            {
                // The peer gets a moment to answer the close frame; then the receive is cancelled, which aborts the socket.
                _receiveAbort.CancelAfter(CloseHandshakeTimeout);
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        var overflow = new byte[4096];
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var count = 0;
            var tooLarge = false;
            ValueWebSocketReceiveResult result;
            do
            {
                var target = count < buffer.Length ? buffer.AsMemory(count) : overflow.AsMemory();
                result = await _socket.ReceiveAsync(target, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (count < buffer.Length)
                {
                    count += result.Count;
                }
                else if (result.Count > 0)
                {
                    tooLarge = true; // keep draining so the next message starts clean
                }
            }
            while (!result.EndOfMessage);

            if (tooLarge)
            {
                SendError(ErrorCodes.MessageTooLarge, $"a message may be at most {ProtocolLimits.MaxMessageBytes} bytes", null);
            }
            else if (result.MessageType == WebSocketMessageType.Binary)
            {
                SendError(ErrorCodes.UnsupportedFrame, "binary frames are not supported yet; send JSON text messages", null);
            }
            else
            {
                await HandleAsync(buffer.AsMemory(0, count));
            }
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message)
    {
        var receivedAt = _time.GetUtcNow();
        var read = EnvelopeReader.Read(message, MessageNames.Events, MessageTypes.Event);
        if (read.Envelope is not { } envelope)
        {
            SendError(read.ErrorCode!, read.ErrorMessage!, read.Id);
            return;
        }

        // Acknowledgements are not limited: dropping one would only make the server send its directive again.
        if (envelope.Name != MessageNames.SystemAck && !_budget.TryTake(out var wait))
        {
            var retryAfterMs = (int)Math.Ceiling(wait.TotalMilliseconds);
            SendError(ErrorCodes.RateLimited, $"too many events from this device ({_budget.PerSecond} per second, bursts of {_budget.Burst}); " +
                $"retry in {retryAfterMs} ms", envelope.Id, retryAfterMs);
            return;
        }

        try
        {
            var problem = envelope.Name switch
            {
                MessageNames.TextRecognize => await RecognizeAsync(envelope, receivedAt),
                MessageNames.DeviceStateReport => await ReportStateAsync(envelope),
                MessageNames.HomeEvent => await ReportEventAsync(envelope),
                MessageNames.SystemAck => await AcknowledgeAsync(envelope),
                _ => new ProtocolProblem(ErrorCodes.UnknownMessage, $"unknown event '{envelope.Name}'"),
            };
            if (problem is not null)
            {
                SendError(problem.Code, problem.Message, envelope.Id);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogEventFailed(e, envelope.Name, _device.DeviceId);
            SendError(ErrorCodes.InternalError, "the server could not handle this event", envelope.Id);
        }
    }

    private async Task<ProtocolProblem?> RecognizeAsync(Envelope envelope, DateTimeOffset receivedAt)
    {
        if (!Payloads.TryRead(envelope, ProtocolJson.Default.TextRecognize, out var payload, out var problem))
        {
            return Invalid(problem);
        }

        if (payload.Text.Length > ProtocolLimits.MaxTextLength)
        {
            return new ProtocolProblem(ErrorCodes.TextTooLong, $"text may be at most {ProtocolLimits.MaxTextLength} characters");
        }

        if (string.IsNullOrWhiteSpace(payload.Text))
        {
            return new ProtocolProblem(ErrorCodes.InvalidMessage, "text must not be empty");
        }

        if (payload.Lang is not (null or "ko" or "en"))
        {
            return new ProtocolProblem(ErrorCodes.InvalidMessage, "lang must be \"ko\" or \"en\" when given");
        }

        return await HomeGrain.Recognize(_device.DeviceId, payload.Text, payload.Lang, envelope.Id, receivedAt);
    }

    private async Task<ProtocolProblem?> ReportStateAsync(Envelope envelope)
    {
        if (!Payloads.TryRead(envelope, ProtocolJson.Default.DeviceStateReport, out var payload, out var problem))
        {
            return Invalid(problem);
        }

        if (string.IsNullOrEmpty(payload.State))
        {
            return new ProtocolProblem(ErrorCodes.InvalidMessage, "state must not be empty");
        }

        var attributes = payload.Attributes is null ? null
            : JsonSerializer.Serialize(payload.Attributes, ProtocolJson.Default.DictionaryStringJsonElement);
        return await HomeGrain.ReportState(_device.DeviceId, new StateReport(payload.Device ?? _device.DeviceId, payload.State, attributes));
    }

    private async Task<ProtocolProblem?> ReportEventAsync(Envelope envelope)
    {
        if (!Payloads.TryRead(envelope, ProtocolJson.Default.HomeEventReport, out var payload, out var problem))
        {
            return Invalid(problem);
        }

        if (HomeEventTypes.Validate(payload) is { } shape)
        {
            return new ProtocolProblem(ErrorCodes.InvalidMessage, shape);
        }

        var data = payload.Data is { ValueKind: JsonValueKind.Object } given ? given.GetRawText() : "{}";
        return await HomeGrain.ReportEvent(_device.DeviceId, new HomeEventData(payload.Type, data, payload.At));
    }

    private async Task<ProtocolProblem?> AcknowledgeAsync(Envelope envelope)
    {
        if (string.IsNullOrEmpty(envelope.ReplyTo))
        {
            return new ProtocolProblem(ErrorCodes.InvalidMessage, "System.Ack needs 'replyTo': the id of the acknowledged directive");
        }

        await DeviceGrain.Acknowledge(envelope.ReplyTo);
        return null;
    }

    private static ProtocolProblem Invalid(string? detail) =>
        new(ErrorCodes.InvalidMessage, $"the payload is missing a field or has one of the wrong type: {detail}");

    private void SendError(string code, string message, string? replyTo, int? retryAfterMs = null) =>
        _outgoing.Writer.TryWrite(Payloads.Serialize(Payloads.Error(code, message, replyTo, retryAfterMs)));

    private void Enqueue(Directive directive)
    {
        using var payload = JsonDocument.Parse(directive.PayloadJson);
        var envelope = new Envelope
        {
            Type = MessageTypes.Directive,
            Name = directive.Name,
            Id = directive.Id,
            ReplyTo = directive.ReplyTo,
            Payload = payload.RootElement,
        };
        _outgoing.Writer.TryWrite(Payloads.Serialize(envelope));
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var frame in _outgoing.Reader.ReadAllAsync())
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
                await _socket.CloseOutputAsync(_closeStatus, _closeDescription, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is gone; undelivered directives stay in the outbox for the next connection.
            _receiveAbort.Cancel();
        }
    }

    /// <summary>The session as Orleans sees it; both calls only queue work so a grain never waits on the network.</summary>
    private sealed class Connection(DeviceSession session) : IDeviceConnection
    {
        public Task Deliver(Directive[] directives)
        {
            foreach (var directive in directives)
            {
                session.Enqueue(directive);
            }

            return Task.CompletedTask;
        }

        public Task Replace()
        {
            session.Close((WebSocketCloseStatus)ProtocolLimits.ReplacedCloseStatus, "replaced by a newer connection");
            return Task.CompletedTask;
        }

        public Task Revoke()
        {
            session.Close((WebSocketCloseStatus)ProtocolLimits.RevokedCloseStatus, "credentials revoked");
            return Task.CompletedTask;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {Home}/{Device} connected")]
    private partial void LogConnected(string home, string device);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {Home}/{Device} disconnected")]
    private partial void LogDisconnected(string home, string device);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Event} from {Device} failed")]
    private partial void LogEventFailed(Exception e, string @event, string device);

    [LoggerMessage(Level = LogLevel.Error, Message = "Device {Device}: attaching the connection failed")]
    private partial void LogConnectFailed(Exception e, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: could not tell its grain about the disconnection")]
    private partial void LogDisconnectFailed(Exception e, string device);
}
