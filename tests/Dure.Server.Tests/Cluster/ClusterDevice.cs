using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Dure.Protocol;

namespace Dure.Server.Tests.Cluster;

/// <summary>
/// A device as a real one behaves in a cluster: it knows every silo's URL, starts at its own, and when the connection breaks
/// reconnects to the next silo that answers. A connection counts once a turn goes through it (a probe question answered),
/// which proves the device's grain holds the new connection. It acknowledges every directive and keeps the brightness of
/// every <c>Device.Control</c> it was sent.
/// </summary>
internal sealed class ClusterDevice : IAsyncDisposable
{
    private static readonly TimeSpan ProbePatience = TimeSpan.FromSeconds(4);

    private readonly string _token;
    private readonly IReadOnlyList<Uri> _servers;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, byte> _brightness = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private ClientWebSocket? _socket;
    private Task _running = Task.CompletedTask;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _controls;

    public ClusterDevice(string token, IReadOnlyList<Uri> servers, int first)
    {
        _token = token;
        _servers = servers;
        Server = first;
    }

    /// <summary>The index of the silo the device is (or was last) connected to.</summary>
    public int Server { get; private set; }

    /// <summary>When the last connection was made usable (Stopwatch timestamp), and how many connections were made.</summary>
    public long ConnectedAt { get; private set; }

    public int Connections { get; private set; }

    /// <summary>Brightness values of every <c>Device.Control</c> received (at least once).</summary>
    public IReadOnlyCollection<int> ControlledBrightness => [.. _brightness.Keys];

    public long ControlsReceived => Interlocked.Read(ref _controls);

    /// <summary>Connects, then keeps the connection up (moving to another silo when it breaks) until disposed.</summary>
    public Task StartAsync()
    {
        _running = Task.Run(KeepConnectedAsync);
        return _connected.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Says <paramref name="text"/>; true when its answer (<c>Speech.Speak</c>) arrives within <paramref name="patience"/>.</summary>
    public async Task<bool> SayAsync(string text, TimeSpan patience)
    {
        await _connected.Task.WaitAsync(patience);
        var envelope = Payloads.Event(MessageNames.TextRecognize, new TextRecognize(text, "ko"), ProtocolJson.Default.TextRecognize);
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[envelope.Id] = answer;
        try
        {
            await SendAsync(_socket!, envelope);
            return await answer.Task.WaitAsync(patience);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _pending.TryRemove(envelope.Id, out _);
        }
    }

    private async Task KeepConnectedAsync()
    {
        var attempt = 0;
        while (!_stop.IsCancellationRequested)
        {
            var server = (Server + attempt) % _servers.Count;
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {_token}");
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(3));
                await socket.ConnectAsync(RawDevice.Endpoint(_servers[server]), connectTimeout.Token);
                var receiving = ReceiveAsync(socket);
                if (!await ProbeAsync(socket))
                {
                    socket.Abort();
                    await receiving;
                    attempt++;
                    continue;
                }

                (Server, _socket, attempt) = (server, socket, 0);
                ConnectedAt = Stopwatch.GetTimestamp();
                Connections++;
                _connected.TrySetResult();
                await receiving;
                _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                attempt = 1; // the silo that dropped us is the last to try again
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                attempt++;
                await Task.Delay(100, CancellationToken.None);
            }
            finally
            {
                if (!ReferenceEquals(socket, _socket))
                {
                    socket.Dispose();
                }
            }
        }
    }

    private async Task<bool> ProbeAsync(ClientWebSocket socket)
    {
        var envelope = Payloads.Event(MessageNames.TextRecognize, new TextRecognize("몇 시야?", "ko"), ProtocolJson.Default.TextRecognize);
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[envelope.Id] = answer;
        try
        {
            await SendAsync(socket, envelope);
            return await answer.Task.WaitAsync(ProbePatience);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException)
        {
            return false;
        }
        finally
        {
            _pending.TryRemove(envelope.Id, out _);
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    await HandleAsync(socket, JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone());
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The silo went away; the caller reconnects elsewhere.
        }
    }

    private async Task HandleAsync(ClientWebSocket socket, JsonElement message)
    {
        var name = message.GetProperty("name").GetString();
        var replyTo = message.TryGetProperty("replyTo", out var reply) ? reply.GetString() : null;
        if (name == MessageNames.SystemError)
        {
            if (replyTo is not null && _pending.TryGetValue(replyTo, out var failed))
            {
                failed.TrySetResult(false);
            }

            return;
        }

        if (name == MessageNames.DeviceControl &&
            message.GetProperty("payload").TryGetProperty("params", out var parameters) &&
            parameters.TryGetProperty("brightness", out var brightness))
        {
            _brightness.TryAdd(brightness.GetInt32(), 0);
            Interlocked.Increment(ref _controls);
        }

        // Acknowledged only once acted on (recorded), as the protocol asks.
        var ack = Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: message.GetProperty("id").GetString());
        try
        {
            await SendAsync(socket, ack);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // Not acknowledged: it comes again on the next connection.
        }

        if (name == MessageNames.SpeechSpeak && replyTo is not null && _pending.TryGetValue(replyTo, out var answered))
        {
            answered.TrySetResult(true);
        }
    }

    private async Task SendAsync(ClientWebSocket socket, Envelope envelope)
    {
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(Payloads.Serialize(envelope), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket?.Abort();
        await _running;
        _socket?.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }
}
