using System.Net.WebSockets;
using Dure.Sdk;
using Dure.Testing;

namespace Dure.Server.Tests;

/// <summary>The demo wall pad's token: fixed by <c>Dure__Demo__DeviceToken</c>, otherwise new at every start.</summary>
public sealed class DemoTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Configured_demo_token_is_printed_and_works_across_restarts()
    {
        var token = "fixed-" + Guid.NewGuid().ToString("N");
        await using var server = await ServerProcess.StartAsync(new ServerSettings { DemoToken = token }, Ct);
        Assert.Contains($"Demo wall pad token: {token}", server.Output, StringComparison.Ordinal);

        await server.RestartAsync(kill: false, Ct);

        Assert.Equal(token, server.DemoToken);
        await using var client = new DureDeviceClient(new DureDeviceClientOptions { Server = server.BaseUrl, Token = token, Reconnect = false });
        await client.ConnectAsync(Ct);
        var speech = await client.RecognizeTextAsync("안녕", cancellationToken: Ct);
        Assert.False(string.IsNullOrWhiteSpace(speech.Text));
    }

    [Fact]
    public async Task Without_configuration_each_start_generates_a_new_token_and_revokes_the_previous_one()
    {
        await using var server = await ServerProcess.StartAsync(new ServerSettings { DemoToken = null }, Ct);
        var first = server.DemoToken;
        Assert.True(first.Length >= 24, first);

        await server.RestartAsync(kill: false, Ct);

        var second = server.DemoToken;
        Assert.NotEqual(first, second);
        await using var stale = new DureDeviceClient(new DureDeviceClientOptions { Server = server.BaseUrl, Token = first, Reconnect = false });
        await Assert.ThrowsAsync<DureAuthenticationException>(() => stale.ConnectAsync(Ct));
        await using var fresh = await RawDevice.ConnectAsync(server.BaseUrl, second, Ct);
        await fresh.AssertStillAnswersAsync(Ct);
    }
}
