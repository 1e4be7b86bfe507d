using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Dure.Protocol;

namespace Dure.Sdk;

/// <summary>
/// A device's connection to Dure: sends events, receives directives as an async stream, acknowledges them and
/// reconnects with backoff. Thread-safe; one consumer should read <see cref="ReadDirectivesAsync"/>.
/// </summary>
public sealed class DureDeviceClient : IAsyncDisposable
{
    private const int MaxIncomingBytes = 4 * 1024 * 1024;

    private readonly DureDeviceClientOptions _options;
    private readonly Channel<Envelope> _directives = Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ConcurrentDictionary<string, Turn> _turns = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _stateLock = new();
    private TaskCompletionSource<ClientWebSocket> _ready = NewReady();
    private ClientWebSocket? _socket;
    private Task? _run;
    private volatile bool _disposing;

    public DureDeviceClient(DureDeviceClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Endpoint = EndpointOf(options.Server);
    }

    /// <summary>The WebSocket URL the client connects to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Why the client stopped for good (replaced, disposed, reconnecting off, token revoked); null while it runs.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Raised after every successful (re)connection.</summary>
    public event EventHandler? Connected;

    /// <summary>Connects for the first time; throws <see cref="DureAuthenticationException"/> when the token is rejected.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_run is not null)
        {
            throw new InvalidOperationException("already connected");
        }

        var socket = await OpenAsync(cancellationToken).ConfigureAwait(false);
        SetConnected(socket);
        _run = Task.Run(() => RunAsync(socket));
    }

    /// <summary>Every directive received, in order, including <c>Speech.Speak</c> replies and <c>System.Error</c>.</summary>
    public IAsyncEnumerable<Envelope> ReadDirectivesAsync(CancellationToken cancellationToken = default) =>
        _directives.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Sends <c>Text.Recognize</c> and returns the <c>Speech.Speak</c> that answers it.</summary>
    /// <exception cref="DureErrorException">The server answered with <c>System.Error</c>.</exception>
    /// <exception cref="DureArbitratedException">Another device of the home heard the same words and answers them.</exception>
    public async Task<SpeechSpeak> RecognizeTextAsync(string text, string? lang = null, CancellationToken cancellationToken = default) =>
        (await RecognizeTextWithAudioAsync(text, lang, replyAudio: null, cancellationToken).ConfigureAwait(false)).Speech;

    /// <summary>
    /// Sends <c>Text.Recognize</c> asking for the answer as audio (<paramref name="replyAudio"/>), and returns the answer
    /// with its audio. The choice stays for the connection's later answers too.
    /// </summary>
    public async Task<SpokenReply> RecognizeTextWithAudioAsync(string text, string? lang = null, bool? replyAudio = true,
        CancellationToken cancellationToken = default)
    {
        var envelope = Payloads.Event(MessageNames.TextRecognize, new TextRecognize(text, lang, replyAudio), ProtocolJson.Default.TextRecognize);
        var turn = new Turn();
        _turns[envelope.Id] = turn;
        try
        {
            await SendAsync(envelope, cancellationToken).ConfigureAwait(false);
            return await turn.Reply.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turns.TryRemove(envelope.Id, out _);
        }
    }

    /// <summary>
    /// A voice turn: sends <c>Speech.Recognize</c>, streams <paramref name="frames"/> as binary messages until they end
    /// (then <c>Speech.StopCapture</c>) or the server's endpointing ends the stream, and returns the transcript and the
    /// answer with its audio.
    /// </summary>
    /// <exception cref="DureErrorException">The server answered with <c>System.Error</c> (no_speech, speech_unavailable ...).</exception>
    public async Task<VoiceReply> RecognizeSpeechAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> frames, VoiceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        options ??= new VoiceOptions();
        var envelope = Payloads.Event(MessageNames.SpeechRecognize,
            new SpeechRecognize(options.Format, options.SampleRate, 1, options.Lang, options.ReplyAudio), ProtocolJson.Default.SpeechRecognize);
        var turn = new Turn();
        _turns[envelope.Id] = turn;
        try
        {
            await SendAsync(envelope, cancellationToken).ConfigureAwait(false);
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (turn.StreamEnded.Task.IsCompleted || turn.Reply.Task.IsCompleted)
                {
                    break; // the server ended the stream (or failed it): stop sending
                }

                await SendBinaryAsync(frame, cancellationToken).ConfigureAwait(false);
            }

            if (!turn.StreamEnded.Task.IsCompleted && !turn.Reply.Task.IsCompleted)
            {
                await SendAsync(Payloads.Event(MessageNames.SpeechStopCapture, new SpeechStopCapture(), ProtocolJson.Default.SpeechStopCapture),
                    cancellationToken).ConfigureAwait(false);
                turn.StreamEnded.TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
            }

            var reply = await turn.Reply.Task.WaitAsync(_options.ReplyTimeout, cancellationToken).ConfigureAwait(false);
            TimeSpan? latency = turn.FirstAudioAt is { } first && turn.StreamEnded.Task.IsCompletedSuccessfully
                ? System.Diagnostics.Stopwatch.GetElapsedTime(turn.StreamEnded.Task.Result, first)
                : null;
            return new VoiceReply(turn.Transcript ?? "", [.. turn.Partials], reply, latency);
        }
        finally
        {
            _turns.TryRemove(envelope.Id, out _);
        }
    }

    /// <summary>Sends <c>Device.StateReport</c>; <paramref name="device"/> null reports this device's own state.</summary>
    public Task ReportStateAsync(string state, string? device = null, IReadOnlyDictionary<string, JsonElement>? attributes = null,
        CancellationToken cancellationToken = default) =>
        SendAsync(Payloads.Event(MessageNames.DeviceStateReport,
            new DeviceStateReport(state, device, attributes is null ? null : new Dictionary<string, JsonElement>(attributes, StringComparer.Ordinal)),
            ProtocolJson.Default.DeviceStateReport), cancellationToken);

    /// <summary>
    /// Sends <c>Home.Event</c>: something the home network (from a gateway) or a vehicle reports. <paramref name="data"/> is a
    /// JSON object with the type's fields (<see cref="HomeEventTypes"/>); <paramref name="at"/> defaults to now on the server.
    /// The server answers bad shapes with <c>System.Error</c>, which arrives through <see cref="ReadDirectivesAsync"/>.
    /// </summary>
    public Task SendHomeEventAsync(string type, JsonElement? data = null, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        var report = new HomeEventReport(type, data, at);
        if (HomeEventTypes.Validate(report) is { } problem)
        {
            throw new ArgumentException(problem, nameof(data));
        }

        return SendAsync(Payloads.Event(MessageNames.HomeEvent, report, ProtocolJson.Default.HomeEventReport), cancellationToken);
    }

    /// <summary>Acknowledges a directive so the server stops redelivering it.</summary>
    public Task AcknowledgeAsync(string directiveId, CancellationToken cancellationToken = default) =>
        SendAsync(Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: directiveId), cancellationToken);

    /// <summary>Sends any event; waits for the connection while reconnecting.</summary>
    public async Task SendAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var bytes = Payloads.Serialize(envelope);
        Task<ClientWebSocket> ready;
        lock (_stateLock)
        {
            ready = _ready.Task;
        }

        var socket = await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends one binary message (audio of the open stream).</summary>
    public async Task SendBinaryAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        Task<ClientWebSocket> ready;
        lock (_stateLock)
        {
            ready = _ready.Task;
        }

        var socket = await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task RunAsync(ClientWebSocket socket)
    {
        var delay = _options.MinReconnectDelay;
        while (true)
        {
            var status = await ReceiveLoopAsync(socket).ConfigureAwait(false);
            socket.Dispose();
            lock (_stateLock)
            {
                _socket = null;
                if (_ready.Task.IsCompleted)
                {
                    _ready = NewReady();
                }
            }

            if (!_options.Reconnect || _disposing || status == (WebSocketCloseStatus)ProtocolLimits.ReplacedCloseStatus)
            {
                Shutdown(new DureConnectionClosedException(status == (WebSocketCloseStatus)ProtocolLimits.ReplacedCloseStatus
                    ? "a newer connection of this device replaced this one" : "the device connection is closed"));
                return;
            }

            while (true)
            {
                try
                {
                    await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
                    socket = await OpenAsync(_stop.Token).ConfigureAwait(false);
                    delay = _options.MinReconnectDelay;
                    SetConnected(socket);
                    break;
                }
                catch (OperationCanceledException)
                {
                    Shutdown(new DureConnectionClosedException());
                    return;
                }
                catch (DureAuthenticationException e)
                {
                    Shutdown(e);
                    return;
                }
                catch (WebSocketException)
                {
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                }
            }
        }
    }

    /// <summary>Reads until the socket closes; returns the close status (null when the connection broke).</summary>
    private async Task<WebSocketCloseStatus?> ReceiveLoopAsync(ClientWebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        PendingAudio? pending = null;
        try
        {
            while (true)
            {
                message.SetLength(0);
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), _stop.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                        }

                        return socket.CloseStatus;
                    }

                    if (message.Length + result.Count > MaxIncomingBytes)
                    {
                        throw new WebSocketException("the server sent a message larger than the client accepts");
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var bytes = message.GetBuffer().AsMemory(0, (int)message.Length);
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    // Audio of the Speech.Speak just read: collect its bytes, then hand the answer out whole.
                    if (pending is not null && pending.Take(bytes.Span))
                    {
                        await DispatchAsync(pending.Directive, pending.Audio, pending.FirstAt).ConfigureAwait(false);
                        pending = null;
                    }

                    continue;
                }

                if (pending is not null)
                {
                    await DispatchAsync(pending.Directive, pending.Audio, pending.FirstAt).ConfigureAwait(false); // cut short
                    pending = null;
                }

                var read = EnvelopeReader.Read(bytes, knownNames: null, MessageTypes.Directive);
                if (read.Envelope is not { } directive)
                {
                    continue; // not ours to fix; a newer server may send things this client does not understand
                }

                if (directive.Name == MessageNames.SpeechSpeak &&
                    Payloads.TryRead(directive, ProtocolJson.Default.SpeechSpeak, out var speak, out _) &&
                    speak.Audio is { Bytes: > 0 and <= MaxIncomingBytes } audio)
                {
                    pending = new PendingAudio(directive, audio.Bytes);
                    continue;
                }

                await DispatchAsync(directive, default, null).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }

    private async Task DispatchAsync(Envelope directive, ReadOnlyMemory<byte> audio, long? firstAudioAt)
    {
        if (directive.ReplyTo is { } replyTo && _turns.TryGetValue(replyTo, out var turn))
        {
            switch (directive.Name)
            {
                case MessageNames.SystemError when Payloads.TryRead(directive, ProtocolJson.Default.SystemError, out var error, out _):
                    turn.Reply.TrySetException(new DureErrorException(error.Code, error.Message)
                    {
                        RetryAfter = error.RetryAfterMs is { } wait ? TimeSpan.FromMilliseconds(wait) : null,
                    });
                    break;
                case MessageNames.SpeechSpeak when Payloads.TryRead(directive, ProtocolJson.Default.SpeechSpeak, out var speech, out _):
                    turn.FirstAudioAt ??= firstAudioAt;
                    turn.Reply.TrySetResult(new SpokenReply(speech, audio));
                    break;
                case MessageNames.SystemArbitrated when Payloads.TryRead(directive, ProtocolJson.Default.SystemArbitrated, out var arbitrated, out _):
                    turn.Reply.TrySetException(new DureArbitratedException(arbitrated.AnsweredBy));
                    break;
                case MessageNames.SpeechTranscript when Payloads.TryRead(directive, ProtocolJson.Default.SpeechTranscript, out var transcript, out _):
                    if (transcript.Final)
                    {
                        turn.Transcript = transcript.Text;
                    }
                    else
                    {
                        turn.Partials.Enqueue(transcript.Text);
                    }

                    break;
                case MessageNames.SpeechStopCapture:
                    turn.StreamEnded.TrySetResult(System.Diagnostics.Stopwatch.GetTimestamp());
                    break;
            }
        }

        _directives.Writer.TryWrite(directive);
        if (_options.AutoAcknowledge && !MessageNames.Ephemeral.Contains(directive.Name))
        {
            try
            {
                await AcknowledgeAsync(directive.Id, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Unacknowledged directives are redelivered after reconnecting; nothing is lost.
            }
        }
    }

    /// <summary>What the client waits for in one turn.</summary>
    private sealed class Turn
    {
        public TaskCompletionSource<SpokenReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes with a Stopwatch timestamp when the audio stream ended, by either side.</summary>
        public TaskCompletionSource<long> StreamEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Partials { get; } = new();

        public string? Transcript { get; set; }

        public long? FirstAudioAt { get; set; }
    }

    /// <summary>A <c>Speech.Speak</c> whose audio is arriving.</summary>
    private sealed class PendingAudio(Envelope directive, int bytes)
    {
        private readonly byte[] _audio = new byte[bytes];
        private int _filled;

        public Envelope Directive { get; } = directive;

        public ReadOnlyMemory<byte> Audio => _audio.AsMemory(0, _filled);

        public long? FirstAt { get; private set; }

        /// <summary>Adds a binary message; true when all the announced bytes are in.</summary>
        public bool Take(ReadOnlySpan<byte> frame)
        {
            FirstAt ??= System.Diagnostics.Stopwatch.GetTimestamp();
            var take = Math.Min(frame.Length, _audio.Length - _filled);
            frame[..take].CopyTo(_audio.AsSpan(_filled));
            _filled += take;
            return _filled == _audio.Length;
        }
    }

    private async Task<ClientWebSocket> OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {_options.Token}");
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            await socket.ConnectAsync(Endpoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (WebSocketException e) when (socket.HttpStatusCode == HttpStatusCode.Unauthorized)
        {
            socket.Dispose();
            throw new DureAuthenticationException("the server rejected the device token (HTTP 401)", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void SetConnected(ClientWebSocket socket)
    {
        lock (_stateLock)
        {
            _socket = socket;
            _ready.TrySetResult(socket);
        }

        Connected?.Invoke(this, EventArgs.Empty);
    }

    private void Shutdown(Exception reason)
    {
        lock (_stateLock)
        {
            StopReason ??= reason.Message;
            if (!_ready.TrySetException(reason))
            {
                _ready = NewReady();
                _ready.TrySetException(reason);
            }
        }

        foreach (var turn in _turns.Values)
        {
            turn.Reply.TrySetException(reason);
        }

        _directives.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposing)
        {
            return;
        }

        _disposing = true;

        ClientWebSocket? socket;
        lock (_stateLock)
        {
            socket = _socket;
        }

        if (socket is { State: WebSocketState.Open })
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }

                // Let the receive loop see the server's close frame, so the server finishes cleanly.
                if (_run is not null)
                {
                    await _run.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or TimeoutException)
            {
                // Closing is best effort.
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Shutdown(new DureConnectionClosedException());
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private static TaskCompletionSource<ClientWebSocket> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static Uri EndpointOf(Uri server)
    {
        var builder = new UriBuilder(server)
        {
            Scheme = server.Scheme switch
            {
                "http" or "ws" => "ws",
                "https" or "wss" => "wss",
                _ => throw new ArgumentException($"unsupported URL scheme '{server.Scheme}'", nameof(server)),
            },
        };
        if (!builder.Path.EndsWith(ProtocolLimits.ConnectPath, StringComparison.Ordinal))
        {
            builder.Path = builder.Path.TrimEnd('/') + ProtocolLimits.ConnectPath;
        }

        return builder.Uri;
    }
}
