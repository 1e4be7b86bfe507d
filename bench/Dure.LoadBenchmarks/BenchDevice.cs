using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dure.Protocol;

namespace Dure.LoadBenchmarks;

/// <summary>A device that says the given texts in turn, one after another, acknowledges every directive and times each answer.</summary>
internal sealed class BenchDevice : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly string[] _texts;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _next;

    private BenchDevice(ClientWebSocket socket, string[] texts)
    {
        _socket = socket;
        _texts = texts;
    }

    public static async Task<BenchDevice> ConnectAsync(Uri server, string token, string[] texts)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await socket.ConnectAsync(new Uri(server.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + ProtocolLimits.ConnectPath.TrimStart('/')),
            CancellationToken.None);
        return new BenchDevice(socket, texts);
    }

    public async Task<List<double>> TalkAsync(int turns)
    {
        List<double> latencies = new(turns);
        for (var i = 0; i < turns; i++)
        {
            var envelope = Payloads.Event(MessageNames.TextRecognize, new TextRecognize(_texts[_next++ % _texts.Length]), ProtocolJson.Default.TextRecognize);
            var clock = Stopwatch.StartNew();
            await _socket.SendAsync(Payloads.Serialize(envelope), WebSocketMessageType.Text, true, CancellationToken.None);
            while (true)
            {
                using var message = await ReceiveAsync();
                var root = message.RootElement;
                var name = root.GetProperty("name").GetString();
                if (name != MessageNames.SystemError)
                {
                    var ack = Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: root.GetProperty("id").GetString());
                    await _socket.SendAsync(Payloads.Serialize(ack), WebSocketMessageType.Text, true, CancellationToken.None);
                }

                if (name == MessageNames.SpeechSpeak && root.TryGetProperty("replyTo", out var replyTo) && replyTo.GetString() == envelope.Id)
                {
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                    break;
                }
            }
        }

        return latencies;
    }

    private async Task<JsonDocument> ReceiveAsync()
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer.AsMemory(count), CancellationToken.None);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(Encoding.UTF8.GetString(_buffer, 0, count));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Best effort.
        }

        _socket.Dispose();
    }
}
