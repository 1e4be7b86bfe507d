using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Dure.Protocol;

namespace Dure.LoadGenerator;

/// <summary>
/// One device over a real WebSocket, kept lean so tens of thousands fit in one process: it sends utterances, acknowledges
/// every directive and reports when the spoken reply to each utterance arrives.
/// </summary>
internal sealed class SimulatedDevice : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly bool _echo;
    private readonly Action<long, string?> _answered;
    private Task _receiving = Task.CompletedTask;

    /// <param name="answered">Called with the latency in Stopwatch ticks and the error code (null on success) of each answered command.</param>
    public SimulatedDevice(bool echo, Action<long, string?> answered)
    {
        _echo = echo;
        _answered = answered;
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public int Outstanding => _pending.Count;

    public async Task ConnectAsync(Uri endpoint, string token, HttpMessageInvoker? invoker, CancellationToken cancellationToken)
    {
        _socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        if (invoker is null)
        {
            await _socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _socket.ConnectAsync(endpoint, invoker, cancellationToken).ConfigureAwait(false);
        }

        _receiving = ReceiveLoopAsync();
    }

    /// <summary>Sends an utterance; <paramref name="startedAt"/> (Stopwatch ticks) is when it was due, so a late send counts as latency.</summary>
    public async Task<Task> SendAsync(string text, long startedAt, CancellationToken cancellationToken)
    {
        var envelope = Payloads.Event(MessageNames.TextRecognize, new TextRecognize(text), ProtocolJson.Default.TextRecognize);
        var pending = new Pending(startedAt);
        _pending[envelope.Id] = pending;
        await WriteAsync(Payloads.Serialize(envelope), cancellationToken).ConfigureAwait(false);
        return pending.Done.Task;
    }

    /// <summary>Gives up on commands older than <paramref name="timeout"/>; returns how many.</summary>
    public int ExpireOlderThan(TimeSpan timeout)
    {
        var limit = Stopwatch.GetTimestamp() - (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var expired = 0;
        foreach (var (id, pending) in _pending)
        {
            if (pending.StartedAt < limit && _pending.TryRemove(id, out _))
            {
                pending.Done.TrySetResult(false);
                expired++;
            }
        }

        return expired;
    }

    private async Task WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage && count < buffer.Length);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await HandleAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended; outstanding commands time out.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> frame)
    {
        var (name, id, replyTo, code) = Read(frame.Span);
        if (_echo)
        {
            Complete(id, null);
            return;
        }

        if (id is not null && name is not (MessageNames.SystemError or MessageNames.SystemArbitrated))
        {
            var ack = Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: id);
            await WriteAsync(Payloads.Serialize(ack), CancellationToken.None).ConfigureAwait(false);
        }

        if (name == MessageNames.SpeechSpeak)
        {
            Complete(replyTo, null);
        }
        else if (name == MessageNames.SystemError)
        {
            Complete(replyTo, code ?? "unknown");
        }
    }

    private void Complete(string? id, string? error)
    {
        if (id is not null && _pending.TryRemove(id, out var pending))
        {
            _answered(Stopwatch.GetTimestamp() - pending.StartedAt, error);
            pending.Done.TrySetResult(error is null);
        }
    }

    /// <summary>The few fields the generator needs, without building a document per message.</summary>
    private static (string? Name, string? Id, string? ReplyTo, string? Code) Read(ReadOnlySpan<byte> frame)
    {
        string? name = null, id = null, replyTo = null, code = null;
        var reader = new Utf8JsonReader(frame);
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.PropertyName when depth == 1:
                    var property = reader.GetString();
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        switch (property)
                        {
                            case "name": name = reader.GetString(); break;
                            case "id": id = reader.GetString(); break;
                            case "replyTo": replyTo = reader.GetString(); break;
                        }
                    }
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        depth++;
                    }

                    break;
                case JsonTokenType.PropertyName when depth == 2 && reader.ValueTextEquals("code"):
                    reader.Read();
                    code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
            }
        }

        return (name, id, replyTo, code);
    }

    /// <summary>A connect callback that binds the socket to <paramref name="source"/> before connecting.</summary>
    public static HttpMessageInvoker InvokerFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone already.
        }

        _socket.Abort();
        await _receiving.ConfigureAwait(false);
        _socket.Dispose();
        _sending.Dispose();
    }

    private sealed record Pending(long StartedAt)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
