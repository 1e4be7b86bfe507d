using Dure.Protocol;
using Dure.Sdk;
using Dure.Testing;

namespace Dure.Server.Tests;

/// <summary><c>DureDeviceClient</c> against the real server: replies, errors, reconnecting and being replaced.</summary>
public sealed class SdkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_reconnects_after_the_server_is_killed_and_gets_its_pending_directives()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: Ct);
        var connections = 0;
        await using var client = new DureDeviceClient(new DureDeviceClientOptions
        {
            Server = server.BaseUrl,
            Token = server.DemoToken,
            AutoAcknowledge = false,
            MinReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        });
        client.Connected += (_, _) => Interlocked.Increment(ref connections);
        await client.ConnectAsync(Ct);
        var reply = await client.RecognizeTextAsync("안녕", "ko", Ct);
        Assert.Equal("ko", reply.Lang);

        await server.RestartAsync(kill: true, Ct);

        var directives = client.ReadDirectivesAsync(Ct).GetAsyncEnumerator(Ct);
        Assert.True(await directives.MoveNextAsync()); // the first delivery
        var first = directives.Current;
        Assert.True(await directives.MoveNextAsync()); // redelivered after the reconnect, not acknowledged
        Assert.Equal(first.Id, directives.Current.Id);
        Assert.Equal(MessageNames.SpeechSpeak, directives.Current.Name);
        Assert.Equal(2, Volatile.Read(ref connections));
        await client.AcknowledgeAsync(first.Id, Ct);
        var again = await client.RecognizeTextAsync("hello", "en", Ct);
        Assert.Equal("en", again.Lang);
    }

    [Fact]
    public async Task Error_replies_fail_the_call_with_their_code_and_a_replaced_client_stops()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: Ct);
        await using var older = new DureDeviceClient(new DureDeviceClientOptions { Server = server.BaseUrl, Token = server.DemoToken });
        await older.ConnectAsync(Ct);

        var error = await Assert.ThrowsAsync<DureErrorException>(() => older.RecognizeTextAsync(new string('a', 1001), cancellationToken: Ct));
        Assert.Equal(ErrorCodes.TextTooLong, error.Code);

        await using var newer = new DureDeviceClient(new DureDeviceClientOptions { Server = server.BaseUrl, Token = server.DemoToken });
        await newer.ConnectAsync(Ct);

        // The older client's stream ends instead of reconnecting (which would steal the connection back).
        await foreach (var _ in older.ReadDirectivesAsync(Ct))
        {
        }

        await Assert.ThrowsAsync<DureConnectionClosedException>(() => older.RecognizeTextAsync("안녕", cancellationToken: Ct));
        Assert.NotNull(await newer.RecognizeTextAsync("안녕", cancellationToken: Ct));
    }
}
