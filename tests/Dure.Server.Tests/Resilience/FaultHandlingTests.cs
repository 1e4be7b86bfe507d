using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dure.Protocol;
using Dure.Testing;

namespace Dure.Server.Tests.Resilience;

/// <summary>
/// Clients that misbehave at the transport: a device that never reads what it is sent, and a client that opens thousands
/// of sockets and never finishes a request. The server bounds what they hold and closes them; a well-behaved device on
/// the same server keeps being answered.
/// </summary>
public sealed class FaultHandlingTests : IAsyncLifetime
{
    private const int IdleTimeoutSeconds = 3;

    private readonly string _homes = Directory.CreateTempSubdirectory("dure-faults-").FullName;
    private TestHome _home = null!;
    private ServerProcess _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _home = TestHomes.Write(_homes, speakers: 2);
        _server = await ServerProcess.StartAsync(new ServerSettings
        {
            HomeFiles = [_home.Path],
            Environment = new Dictionary<string, string>
            {
                ["Dure__Devices__MaxQueuedMessages"] = "64",
                ["Dure__Devices__SendTimeout"] = "00:00:05",
                ["Dure__RateLimits__DevicePerSecond"] = "100000",
                ["Dure__RateLimits__DeviceBurst"] = "100000",
                // Sockets that never send a request, or stop in its headers, are closed after this.
                ["Kestrel__Limits__KeepAliveTimeout"] = $"00:00:0{IdleTimeoutSeconds}",
                ["Kestrel__Limits__RequestHeadersTimeout"] = $"00:00:0{IdleTimeoutSeconds}",
            },
        }, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_homes, recursive: true);
    }

    [Fact]
    public async Task A_device_that_never_reads_is_closed_and_the_others_are_still_answered()
    {
        await using var healthy = await RawDevice.ConnectAsync(_server.BaseUrl, _home.Tokens["s1"], Ct);
        using var stubborn = await ConnectNotReadingAsync(_home.Tokens["s2"]);

        // Every broken message earns a System.Error the device never reads: they pile up in the kernel, then in the server.
        var junk = Encoding.UTF8.GetBytes("{ not json " + new string('x', 200));
        var clock = Stopwatch.StartNew();
        var sent = 0;
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(20) && !_server.Output.Contains("does not read its connection", StringComparison.Ordinal))
            {
                await stubborn.SendAsync(junk, WebSocketMessageType.Text, true, Ct);
                sent++;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The server cut it off while it was still sending.
        }

        await WaitForAsync(() => _server.Output.Contains("does not read its connection", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.True(sent > 64, $"only {sent} messages were sent before the close");

        // The connection is gone: whatever the kernel still held, reading ends in a close or a reset.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var buffer = new byte[64 * 1024];
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (true)
            {
                var result = await stubborn.ReceiveAsync(buffer, patience.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new WebSocketException("closed");
                }
            }
        });

        // The well-behaved speaker on the same server and in the same home is answered as usual, in Korean and English.
        Assert.Equal("주방 불을 켰어요.", await AnswerAsync(healthy, "주방 불 켜줘"));
        Assert.Contains("kitchen light", await AnswerAsync(healthy, "turn off the kitchen light"), StringComparison.OrdinalIgnoreCase);
        Assert.False(_server.HasExited);
    }

    [Fact]
    public async Task Thousands_of_sockets_that_never_finish_a_request_are_closed_and_cost_bounded_memory()
    {
        var count = Math.Min(2_000, OpenFileLimit() - 300);
        Assert.True(count >= 500, $"the open-file limit leaves room for only {count} sockets (raise ulimit -n)");
        using var http = new HttpClient { BaseAddress = _server.BaseUrl };
        var before = await ProcessFiguresAsync(http);

        // Half connect and send nothing; half start a WebSocket upgrade and stop in the middle of its headers.
        var endpoint = new IPEndPoint(IPAddress.Loopback, _server.BaseUrl.Port);
        var sockets = new List<Socket>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(endpoint, Ct);
                if (i % 2 == 1)
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {ProtocolLimits.ConnectPath} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"), Ct);
                }

                sockets.Add(socket);
            }

            var held = await ProcessFiguresAsync(http);
            // Unfinished requests hold a connection each and nothing more: well under 16 KiB a socket here.
            var perSocket = (held.WorkingSet - before.WorkingSet) / (double)count;
            Assert.True(perSocket < 16 * 1024, $"{perSocket:F0} bytes per open socket");

            // While they are open, a device connects and is answered.
            await using (var device = await RawDevice.ConnectAsync(_server.BaseUrl, _home.Tokens["s1"], Ct))
            {
                Assert.Equal("거실 불을 껐어요.", await AnswerAsync(device, "거실 불 꺼줘"));
            }

            // And the server closes every one of them once its timeout has passed.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(IdleTimeoutSeconds + 30));
            var closed = await Task.WhenAll(sockets.Select(async socket =>
            {
                var buffer = new byte[1024];
                try
                {
                    while (await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token) > 0)
                    {
                        // A 408 or a close is what an unfinished request may get before the end of the stream.
                    }

                    return true;
                }
                catch (SocketException)
                {
                    return true; // reset by the server
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }));
            Assert.Equal(count, closed.Count(c => c));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }

        Assert.False(_server.HasExited);
    }

    private async Task<ClientWebSocket> ConnectNotReadingAsync(string token)
    {
        // A tiny receive buffer, so that what the device does not read backs up into the server quickly.
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await socket.ConnectAsync(RawDevice.Endpoint(_server.BaseUrl), new HttpMessageInvoker(handler), Ct);
        return socket;
    }

    private static async Task<string> AnswerAsync(RawDevice device, string text)
    {
        var id = await device.SayAsync(text, Ct);
        var spoken = await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: id);
        return spoken.GetProperty("payload").GetProperty("text").GetString()!;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, "the server did not close the device that does not read");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<(long WorkingSet, long GcHeap)> ProcessFiguresAsync(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/health/process?collect=true", Ct));
        return (json.RootElement.GetProperty("workingSetBytes").GetInt64(), json.RootElement.GetProperty("gcHeapBytes").GetInt64());
    }

    // The soft limit on open files of this process, from /proc (Linux; the test needs one descriptor per socket).
    private static int OpenFileLimit()
    {
        var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft == "unlimited" ? int.MaxValue : int.Parse(soft, System.Globalization.CultureInfo.InvariantCulture);
    }
}
