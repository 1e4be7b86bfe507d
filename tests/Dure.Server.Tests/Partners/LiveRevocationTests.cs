using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Dure.Protocol;

namespace Dure.Server.Tests.Partners;

/// <summary>
/// Token rotation and revocation take effect on live connections: the connected device is closed with 4001 at once, its
/// old token is refused from then on, and a new token connects and works. Removing the device or its space does the same.
/// </summary>
public sealed class LiveRevocationTests(PartnerLab lab) : IClassFixture<PartnerLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotating_the_token_closes_the_live_connection_and_only_the_new_token_works()
    {
        var site = await lab.NewHomeAsync(Ct);
        await using var speaker = await ConnectedAsync(site.SpeakerToken);
        using var admin = lab.AcmeAdmin();

        var rotated = await admin.PostAsync($"/v1/homes/{site.HomeId}/devices/speaker/token", null, Ct);

        await AssertRevokedAsync(speaker, site.SpeakerToken);
        var token = rotated.GetProperty("token").GetString()!;
        Assert.NotEqual(site.SpeakerToken, token);
        await using var again = await ConnectedAsync(token);
    }

    [Fact]
    public async Task Revoking_the_token_closes_the_live_connection_and_refuses_the_token()
    {
        var site = await lab.NewHomeAsync(Ct);
        await using var speaker = await ConnectedAsync(site.SpeakerToken);
        using var admin = lab.AcmeAdmin();

        var (status, _, _) = await admin.SendAsync(HttpMethod.Delete, $"/v1/homes/{site.HomeId}/devices/speaker/token", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, status);
        await AssertRevokedAsync(speaker, site.SpeakerToken);
        Assert.False((await admin.GetAsync($"/v1/homes/{site.HomeId}/devices/speaker", Ct)).GetProperty("connects").GetBoolean());
        // A new token brings the device back.
        var issued = await admin.PostAsync($"/v1/homes/{site.HomeId}/devices/speaker/token", null, Ct);
        await using var again = await ConnectedAsync(issued.GetProperty("token").GetString()!);
    }

    [Fact]
    public async Task Removing_the_device_closes_its_live_connection_and_refuses_its_token()
    {
        var site = await lab.NewHomeAsync(Ct);
        await using var speaker = await ConnectedAsync(site.SpeakerToken);
        using var admin = lab.AcmeAdmin();

        var (status, _, _) = await admin.SendAsync(HttpMethod.Delete, $"/v1/homes/{site.HomeId}/devices/speaker", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, status);
        await AssertRevokedAsync(speaker, site.SpeakerToken);
    }

    [Fact]
    public async Task Deleting_the_space_closes_its_devices_live_connections_and_refuses_their_tokens()
    {
        var site = await lab.NewHomeAsync(Ct);
        using var admin = lab.AcmeAdmin();
        var light = (await admin.PostAsync($"/v1/homes/{site.HomeId}/devices/light.living_room/token", null, Ct)).GetProperty("token").GetString()!;
        await using var speaker = await ConnectedAsync(site.SpeakerToken);
        await using var lamp = await RawDevice.ConnectAsync(lab.Server.BaseUrl, light, Ct);

        var (status, _, _) = await admin.SendAsync(HttpMethod.Delete, $"/v1/spaces/{site.HomeId}", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, status);
        await AssertRevokedAsync(speaker, site.SpeakerToken);
        await AssertRevokedAsync(lamp, light);
    }

    [Fact]
    public async Task A_device_given_a_token_takes_its_commands_itself_from_then_on()
    {
        var site = await lab.NewHomeAsync(Ct);
        await using var speaker = await ConnectedAsync(site.SpeakerToken);
        using var admin = lab.AcmeAdmin();
        await speaker.SayAsync("거실 조명 켜줘", Ct);
        var relayed = await speaker.ReceiveAsync(MessageNames.DeviceControl, Ct);
        Assert.Equal("light.living_room", RawDevice.Payload(relayed).GetProperty("device").GetString()); // through the gateway

        var token = (await admin.PostAsync($"/v1/homes/{site.HomeId}/devices/light.living_room/token", null, Ct)).GetProperty("token").GetString()!;
        await using var light = await RawDevice.ConnectAsync(lab.Server.BaseUrl, token, Ct);
        await speaker.SayAsync("거실 조명 꺼줘", Ct);

        var direct = await light.ReceiveAsync(MessageNames.DeviceControl, Ct);
        Assert.Equal(("light.living_room", "turn_off"), (RawDevice.Payload(direct).GetProperty("device").GetString(),
            RawDevice.Payload(direct).GetProperty("action").GetString()));
    }

    /// <summary>A device that is connected and answered a turn: the connection really is live before the change.</summary>
    private async Task<RawDevice> ConnectedAsync(string token)
    {
        var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, token, Ct);
        await device.AssertStillAnswersAsync(Ct);
        return device;
    }

    /// <summary>The server closed the connection with 4001 (revoked), and the old token no longer opens one.</summary>
    private async Task AssertRevokedAsync(RawDevice device, string oldToken)
    {
        await device.Closed.WaitAsync(RawDevice.Patience, Ct);
        Assert.Equal((WebSocketCloseStatus)ProtocolLimits.RevokedCloseStatus, device.CloseStatus);
        Assert.Equal(4001, (int)device.CloseStatus!);

        using var http = new HttpClient { BaseAddress = lab.Server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, ProtocolLimits.ConnectPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => RawDevice.ConnectAsync(lab.Server.BaseUrl, oldToken, Ct));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }
}
