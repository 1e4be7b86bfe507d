using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Dure.Protocol;
using Dure.Server.Voice;
using Dure.Speech;
using Dure.Speech.Audio;
using Dure.Speech.Recognition;
using Dure.Speech.Synthesis;
using Microsoft.Extensions.Logging;

namespace Dure.Server.Devices;

/// <summary>
/// One device's WebSocket: reads events (64 KiB per message), answers bad input with <c>System.Error</c> and keeps going,
/// and writes directives through a single writer so frames never interleave. Binary frames are the audio of the open
/// <c>Speech.Recognize</c> stream (<see cref="VoiceStream"/>); a <c>Speech.Speak</c> for a device that asked for audio is
/// followed by its synthesized audio in binary frames, written together so nothing comes in between.
/// </summary>
public sealed partial class DeviceSession : IVoiceConnection
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SynthesisTimeout = TimeSpan.FromSeconds(10);
    private const int SmallMessageBytes = 1024;

    private readonly WebSocket _socket;
    private readonly DeviceIdentity _device;
    private IDeviceGrain? _deviceGrain;
    private IHomeGrain? _homeGrain;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventBudget _budget;
    private readonly Channel<Outgoing> _outgoing;
    private readonly TimeSpan _sendTimeout;
    private readonly CancellationTokenSource _sendAbort = new();
    private readonly VoiceServices _voice;
    private readonly CancellationTokenSource _receiveAbort = new();
    private readonly string _connectionId = Guid.NewGuid().ToString("N");

    // Orleans holds observers weakly: this field keeps the session's observer alive as long as the session.
    private readonly Connection _observer;
    private int _closing;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "bye";

    // Frames the device sent before it saw the server end its stream are dropped quietly for this long.
    private static readonly TimeSpan LateFrameGrace = TimeSpan.FromSeconds(2);

    // Voice: the last audio stream, whether answers carry audio, and until when the device may still be playing one.
    private VoiceStream? _stream;
    private bool _reportedStrayFrame;
    private volatile bool _replyAudio;

    // Whether this connection asked for replies sentence by sentence (Text.Recognize streamReply); others get the whole reply only.
    private volatile bool _streamReply;
    private long _playingUntilTicks;

    public DeviceSession(WebSocket socket, DeviceIdentity device, IGrainFactory grains, VoiceServices voice, TimeProvider time,
        ILogger<DeviceSession> logger, EventBudget budget, DeviceConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(options.MaxQueuedMessages) { SingleReader = true });
        _sendTimeout = options.SendTimeout;
        _budget = budget;
        _socket = socket;
        _device = device;
        _grains = grains;
        _voice = voice;
        _time = time;
        _logger = logger;
        _observer = new Connection(this);
    }

    // Resolved once: Orleans reads the interface's attributes by reflection on every GetGrain, a cost per message otherwise.
    private IDeviceGrain DeviceGrain => _deviceGrain ??= _grains.GetGrain<IDeviceGrain>(DeviceKey.Of(_device.HomeId, _device.DeviceId));

    private IHomeGrain HomeGrain => _homeGrain ??= _grains.GetGrain<IHomeGrain>(_device.HomeId);

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
            _stream?.Cancel();
            Interlocked.Exchange(ref _closing, 1);
            _outgoing.Writer.TryComplete();
            await writer;
            _receiveAbort.Dispose();
            _sendAbort.Dispose();
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
        // An idle device waits on a small buffer of its own; a message that outgrows it moves to a pooled 64 KiB one for as
        // long as it takes to handle, so tens of thousands of idle connections do not each pin 64 KiB.
        var small = new byte[SmallMessageBytes];
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var buffer = small;
            byte[]? rented = null;
            var count = 0;
            var tooLarge = false;
            ValueWebSocketReceiveResult result;
            try
            {
                do
                {
                    if (count == buffer.Length && rented is null)
                    {
                        rented = ArrayPool<byte>.Shared.Rent(ProtocolLimits.MaxMessageBytes);
                        small.CopyTo(rented, 0);
                        buffer = rented;
                    }

                    var limit = Math.Min(buffer.Length, ProtocolLimits.MaxMessageBytes);
                    // Past the limit the rest of the message is drained into the small buffer and dropped.
                    var target = count < limit ? buffer.AsMemory(count, limit - count) : small.AsMemory();
                    result = await _socket.ReceiveAsync(target, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (count < limit)
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
                    await HandleAudioAsync(buffer.AsSpan(0, count).ToArray(), cancellationToken);
                }
                else
                {
                    await HandleAsync(buffer.AsMemory(0, count));
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
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
                MessageNames.SpeechRecognize => await OpenStreamAsync(envelope),
                MessageNames.SpeechStopCapture => StopCapture(),
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
        finally
        {
            // Stray frames are reported once per burst; an event ends the burst.
            _reportedStrayFrame = false;
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

        if (payload.ReplyAudio is { } replyAudio)
        {
            _replyAudio = replyAudio;
        }

        if (payload.StreamReply is { } streamReply)
        {
            _streamReply = streamReply;
        }

        return await HomeGrain.Recognize(_device.DeviceId, payload.Text, payload.Lang, envelope.Id, receivedAt);
    }

    /// <summary><c>Speech.Recognize</c>: checks the format and the language's engine, barges in, and opens the stream.</summary>
    private async Task<ProtocolProblem?> OpenStreamAsync(Envelope envelope)
    {
        if (!Payloads.TryRead(envelope, ProtocolJson.Default.SpeechRecognize, out var payload, out var problem))
        {
            return Invalid(problem);
        }

        if (payload.Lang is not (null or "ko" or "en"))
        {
            return new ProtocolProblem(ErrorCodes.InvalidMessage, "lang must be \"ko\" or \"en\" when given");
        }

        var format = new AudioInputFormat(payload.Format ?? AudioEncodings.Pcm16, payload.SampleRate ?? ProtocolLimits.SpeechSampleRate, payload.Channels ?? 1);
        if (format.Problem() is { } unsupported)
        {
            return new ProtocolProblem(ErrorCodes.UnsupportedAudioFormat, unsupported);
        }

        // Barge-in: the user speaks over the answer, so the device stops playing it; a stream still open is dropped.
        if (_time.GetUtcNow().UtcTicks < Interlocked.Read(ref _playingUntilTicks))
        {
            SendNow(MessageNames.SpeechStopPlayback, Payloads.ToElement(new SpeechStopPlayback("barge_in"), ProtocolJson.Default.SpeechStopPlayback),
                envelope.Id);
            Interlocked.Exchange(ref _playingUntilTicks, 0);
        }

        _stream?.Cancel();
        _stream = null;

        var (engine, language, unavailable) = _voice.Recognition.For(payload.Lang);
        if (engine is null)
        {
            return new ProtocolProblem(ErrorCodes.SpeechUnavailable, unavailable!);
        }

        IRecognitionSession session;
        try
        {
            var home = await _voice.HomeAsync(_device.HomeId, HomeGrain);
            session = await engine.StartAsync(new RecognitionContext(language, home), _receiveAbort.Token);
        }
        catch (SpeechRecognitionException e)
        {
            return new ProtocolProblem(ErrorCodes.SpeechUnavailable, e.Message);
        }

        _replyAudio = payload.ReplyAudio ?? true;
        _stream = new VoiceStream(envelope.Id, new UtteranceListener(format, _voice.Endpointing, session), language, _voice.Endpointing, this, _time,
            _logger);
        return null;
    }

    /// <summary><c>Speech.StopCapture</c> from the device: the open stream's utterance is complete.</summary>
    private ProtocolProblem? StopCapture()
    {
        if (_stream is { Open: true } stream)
        {
            stream.StopCapture();
            return null;
        }

        // The server may have ended the stream just before the device stopped: that is no mistake of the device's.
        return _stream is not null ? null : new ProtocolProblem(ErrorCodes.NoAudioStream, "no audio stream is open: send Speech.Recognize first");
    }

    /// <summary>A binary frame: audio of the open stream. Frames after the server ended a stream are dropped.</summary>
    private async Task HandleAudioAsync(byte[] frame, CancellationToken cancellationToken)
    {
        if (_stream is { Open: true } stream && await stream.WriteAsync(frame, cancellationToken))
        {
            return;
        }

        var late = _stream is { } last && _time.GetUtcNow() - last.StoppedAt < LateFrameGrace;
        if (!late && !_reportedStrayFrame)
        {
            // Once per burst: a device streaming into nothing hears about it, not once per frame.
            _reportedStrayFrame = true;
            SendError(ErrorCodes.NoAudioStream, "a binary frame is audio of a stream: send Speech.Recognize first", null);
        }
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

    public void SendError(string code, string message, string? replyTo, int? retryAfterMs = null) =>
        Queue(new Outgoing(Payloads.Serialize(Payloads.Error(code, message, replyTo, retryAfterMs))));

    public void SendNow(string name, JsonElement payload, string? replyTo) =>
        Queue(new Outgoing(Payloads.Serialize(new Envelope
        {
            Type = MessageTypes.Directive,
            Name = name,
            Id = Envelope.NewId(),
            ReplyTo = replyTo,
            Payload = payload,
        })));

    Task<ProtocolProblem?> IVoiceConnection.RecognizeAsync(string text, string? language, string eventId, DateTimeOffset receivedAt) =>
        HomeGrain.Recognize(_device.DeviceId, text, language, eventId, receivedAt);

    private void Enqueue(Directive directive)
    {
        if (directive.Name == MessageNames.SpeechSpeakPart && !_streamReply)
        {
            return;
        }

        using var payload = JsonDocument.Parse(directive.PayloadJson);
        var envelope = new Envelope
        {
            Type = MessageTypes.Directive,
            Name = directive.Name,
            Id = directive.Id,
            ReplyTo = directive.ReplyTo,
            Payload = payload.RootElement.Clone(),
        };

        // The answer's audio is made on the way out, so the outbox keeps text only and a redelivered answer speaks again.
        var speech = directive.Name == MessageNames.SpeechSpeak && _replyAudio &&
            Payloads.TryRead(envelope, ProtocolJson.Default.SpeechSpeak, out var speak, out _) ? speak : null;
        Queue(new Outgoing(Payloads.Serialize(envelope), speech is null ? null : envelope, speech));
    }

    // A full queue means the device stopped reading: closing it bounds the memory it holds, and what it was not sent
    // stays in the outbox (directives) or was never owed (errors, parts of a streamed reply).
    private void Queue(Outgoing item)
    {
        if (!_outgoing.Writer.TryWrite(item) && _outgoing.Writer.TryComplete())
        {
            LogTooSlow(_device.HomeId, _device.DeviceId, _outgoing.Reader.Count);
            try
            {
                _sendAbort.Cancel();
                _receiveAbort.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The session ended meanwhile.
            }

            _socket.Abort();
        }
    }

    // Each write may wait for the device this long; the one timer is re-armed per message instead of a new one each time.
    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type)
    {
        _sendAbort.CancelAfter(_sendTimeout);
        await _socket.SendAsync(bytes, type, endOfMessage: true, _sendAbort.Token);
        _sendAbort.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var item in _outgoing.Reader.ReadAllAsync())
            {
                if (item.Speech is { } speech && item.Envelope is { } envelope)
                {
                    await SpeakAsync(envelope, speech);
                    continue;
                }

                await SendAsync(item.Json, WebSocketMessageType.Text);
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

    /// <summary>
    /// Writes a <c>Speech.Speak</c> with its audio: the directive (whose <c>audio</c> says how many bytes follow), then the
    /// PCM16 in binary frames. When synthesis fails the answer goes out as text alone.
    /// </summary>
    private async Task SpeakAsync(Envelope envelope, SpeechSpeak speech)
    {
        PcmAudio? audio = null;
        try
        {
            using var timeout = new CancellationTokenSource(SynthesisTimeout);
            audio = await _voice.Synthesizer.SynthesizeAsync(speech.Text, speech.Lang, timeout.Token);
        }
        catch (Exception e) when (e is SpeechSynthesisException or OperationCanceledException)
        {
            LogSynthesisFailed(e, _device.DeviceId);
        }

        if (audio is null || audio.Samples.Length == 0)
        {
            await SendAsync(Payloads.Serialize(envelope), WebSocketMessageType.Text);
            return;
        }

        var bytes = Pcm16.ToBytes(audio.Samples);
        var described = envelope with
        {
            Payload = Payloads.ToElement(speech with { Audio = new SpeechAudio(AudioEncodings.Pcm16, audio.SampleRate, 1, bytes.Length) },
                ProtocolJson.Default.SpeechSpeak),
        };
        await SendAsync(Payloads.Serialize(described), WebSocketMessageType.Text);
        for (var offset = 0; offset < bytes.Length; offset += ProtocolLimits.AudioChunkBytes)
        {
            var length = Math.Min(ProtocolLimits.AudioChunkBytes, bytes.Length - offset);
            await SendAsync(bytes.AsMemory(offset, length), WebSocketMessageType.Binary);
        }

        Interlocked.Exchange(ref _playingUntilTicks, (_time.GetUtcNow() + audio.Duration).UtcTicks);
    }

    /// <summary>A text message to write, or a <c>Speech.Speak</c> to write with its audio.</summary>
    private sealed record Outgoing(byte[] Json, Envelope? Envelope = null, SpeechSpeak? Speech = null);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Home}/{Device} does not read its connection ({Queued} messages waiting): closed; its directives wait in the outbox")]
    private partial void LogTooSlow(string home, string device, int queued);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {Home}/{Device} disconnected")]
    private partial void LogDisconnected(string home, string device);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Event} from {Device} failed")]
    private partial void LogEventFailed(Exception e, string @event, string device);

    [LoggerMessage(Level = LogLevel.Error, Message = "Device {Device}: attaching the connection failed")]
    private partial void LogConnectFailed(Exception e, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: the answer's audio could not be synthesized; sent as text")]
    private partial void LogSynthesisFailed(Exception e, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {Device}: could not tell its grain about the disconnection")]
    private partial void LogDisconnectFailed(Exception e, string device);
}
