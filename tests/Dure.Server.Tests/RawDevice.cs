using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dure.Protocol;

namespace Dure.Server.Tests;

/// <summary>
/// A device speaking the protocol by hand over a plain WebSocket, so tests can send anything, including garbage.
/// Every message it receives is checked against its JSON Schema; the audio that follows a <c>Speech.Speak</c> is
/// collected and kept by the directive's id (<see cref="AudioOf"/>).
/// </summary>
internal sealed class RawDevice : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _audio = new(StringComparer.Ordinal);
    private readonly Task _receiving;
    private Exception? _schemaFailure;

    private RawDevice(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Completes when the server has closed the connection.</summary>
    public Task Closed => _receiving;

    public static async Task<RawDevice> ConnectAsync(Uri server, string token, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await socket.ConnectAsync(Endpoint(server), cancellationToken);
        return new RawDevice(socket);
    }

    public static Uri Endpoint(Uri server) => new(new Uri(server.ToString().Replace("http://", "ws://", StringComparison.Ordinal)),
        ProtocolLimits.ConnectPath);

    public Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    public Task SendAsync(Envelope envelope, CancellationToken cancellationToken) =>
        _socket.SendAsync(Payloads.Serialize(envelope), WebSocketMessageType.Text, true, cancellationToken);

    public async Task<string> SayAsync(string text, CancellationToken cancellationToken, string? lang = null, bool? streamReply = null)
    {
        var envelope = Payloads.Event(MessageNames.TextRecognize, new TextRecognize(text, lang, StreamReply: streamReply), ProtocolJson.Default.TextRecognize);
        await SendAsync(envelope, cancellationToken);
        return envelope.Id;
    }

    public Task AckAsync(string directiveId, CancellationToken cancellationToken) =>
        SendAsync(Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: directiveId), cancellationToken);

    public Task SendBytesAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type, bool endOfMessage, CancellationToken cancellationToken) =>
        _socket.SendAsync(bytes, type, endOfMessage, cancellationToken).AsTask();

    /// <summary>The next message that matches; earlier ones are skipped.</summary>
    public async Task<JsonElement> ReceiveAsync(Func<JsonElement, bool> match, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? Patience);
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(limit.Token);
                ThrowIfSchemaFailed();
                if (match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("the expected message did not arrive");
        }
    }

    public Task<JsonElement> ReceiveAsync(string name, CancellationToken cancellationToken, string? replyTo = null) =>
        ReceiveAsync(m => Name(m) == name && (replyTo is null || m.GetProperty("replyTo").GetString() == replyTo), cancellationToken);

    /// <summary>Every message that arrives within <paramref name="window"/>.</summary>
    public async Task<List<JsonElement>> DrainAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        List<JsonElement> messages = [];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(window);
        try
        {
            while (true)
            {
                messages.Add(await _received.Reader.ReadAsync(limit.Token));
            }
        }
        catch (Exception e) when (e is ChannelClosedException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ThrowIfSchemaFailed();
            return messages;
        }
    }

    /// <summary>Sends a valid turn and returns its <c>Speech.Speak</c>: proof that the connection still works.</summary>
    public async Task<JsonElement> AssertStillAnswersAsync(CancellationToken cancellationToken)
    {
        var id = await SayAsync("안녕", cancellationToken);
        var speech = await ReceiveAsync(MessageNames.SpeechSpeak, cancellationToken, replyTo: id);
        Assert.False(string.IsNullOrWhiteSpace(speech.GetProperty("payload").GetProperty("text").GetString()));
        return speech;
    }

    private void ThrowIfSchemaFailed()
    {
        if (_schemaFailure is { } failure)
        {
            throw failure;
        }
    }

    public static string? Name(JsonElement message) => message.GetProperty("name").GetString();

    /// <summary>The audio that followed a <c>Speech.Speak</c> (empty when it came without).</summary>
    public byte[] AudioOf(JsonElement speak) => _audio.GetValueOrDefault(speak.GetProperty("id").GetString()!) ?? [];

    /// <summary>Sends <c>Speech.Recognize</c>; returns its id.</summary>
    public async Task<string> RecognizeSpeechAsync(CancellationToken cancellationToken, string? lang = "en", string? format = null, int? sampleRate = null)
    {
        var envelope = Payloads.Event(MessageNames.SpeechRecognize, new SpeechRecognize(format, sampleRate, 1, lang), ProtocolJson.Default.SpeechRecognize);
        await SendAsync(envelope, cancellationToken);
        return envelope.Id;
    }

    /// <summary>Streams PCM16 in frames of <paramref name="frameBytes"/>, pausing <paramref name="pause"/> between them.</summary>
    public async Task StreamAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken, int frameBytes = 3200, TimeSpan? pause = null)
    {
        for (var offset = 0; offset < audio.Length; offset += frameBytes)
        {
            await SendBytesAsync(audio.Slice(offset, Math.Min(frameBytes, audio.Length - offset)), WebSocketMessageType.Binary, true, cancellationToken);
            if (pause is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    public static JsonElement Payload(JsonElement message) => message.GetProperty("payload");

    /// <summary>
    /// Sends the close frame and waits until the receive loop has read the server's. Only the close frame is sent here:
    /// <c>CloseAsync</c> would read on its own while the loop reads, and directives still arriving could be split
    /// between the two readers.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
        }

        await _receiving.WaitAsync(cancellationToken);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        (string Id, byte[] Audio, int Filled, JsonElement Message)? pending = null;
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    if (pending is not { } speech || speech.Filled + count > speech.Audio.Length)
                    {
                        _schemaFailure ??= new Xunit.Sdk.XunitException("a binary message arrived that no Speech.Speak announced");
                        continue;
                    }

                    buffer.AsSpan(0, count).CopyTo(speech.Audio.AsSpan(speech.Filled));
                    pending = speech with { Filled = speech.Filled + count };
                    if (pending.Value.Filled == speech.Audio.Length)
                    {
                        _audio[speech.Id] = speech.Audio;
                        _received.Writer.TryWrite(speech.Message);
                        pending = null;
                    }

                    continue;
                }

                if (pending is not null)
                {
                    _schemaFailure ??= new Xunit.Sdk.XunitException("a message came between a Speech.Speak and the last byte of its audio");
                }

                var json = Encoding.UTF8.GetString(buffer, 0, count);
                try
                {
                    Schemas.AssertValid(json);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    _schemaFailure ??= e; // surfaced by the next ReceiveAsync or DrainAsync
                }
                catch (JsonException e)
                {
                    _schemaFailure ??= new Xunit.Sdk.XunitException($"a message that is not JSON ({e.Message}): {json}");
                    continue;
                }

                using var document = JsonDocument.Parse(json);
                var message = document.RootElement.Clone();
                if (Name(message) == MessageNames.SpeechSpeak && Payload(message).TryGetProperty("audio", out var audio))
                {
                    // Published once all of its audio is in.
                    pending = (message.GetProperty("id").GetString()!, new byte[audio.GetProperty("bytes").GetInt32()], 0, message);
                    continue;
                }

                _received.Writer.TryWrite(message);
            }
        }
        catch (WebSocketException)
        {
            // The server went away; tests that care look at Closed and CloseStatus.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await CloseAsync(timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // Best effort.
        }

        _socket.Dispose();
    }
}
