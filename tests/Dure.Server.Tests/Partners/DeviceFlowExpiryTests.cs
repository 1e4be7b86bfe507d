using System.Net;
using Dure.Sdk;

namespace Dure.Server.Tests.Partners;

/// <summary>Codes expire: on a server whose codes live two seconds, late polls, approvals and denials are refused.</summary>
public sealed class DeviceFlowExpiryTests(ShortLivedCodesLab lab) : IClassFixture<ShortLivedCodesLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_expired_code_can_be_neither_redeemed_nor_decided()
    {
        var site = await lab.NewHomeAsync(Ct);
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();
        using var admin = lab.AcmeAdmin();
        var (status, body, response) = await device.PostAsync("/v1/oauth/device_authorization", [new("client_id", clientId)], Ct);
        response.Dispose();
        Assert.Equal((HttpStatusCode.OK, 2), (status, body.GetProperty("expires_in").GetInt32()));
        var (deviceCode, userCode) = (body.GetProperty("device_code").GetString()!, body.GetProperty("user_code").GetString()!);

        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);

        Assert.Equal("expired_token", (await device.PollAsync(clientId, deviceCode, Ct)).Error);
        Assert.Equal("expired", (await admin.GetAsync($"/v1/device-codes/{userCode}", Ct)).GetProperty("status").GetString());
        foreach (var action in new[] { "approve", "deny" })
        {
            var (refused, problem, _) = await admin.SendAsync(HttpMethod.Post, $"/v1/device-codes/{userCode}/{action}",
                DeviceFlowTests.Approval(site.HomeId, "speaker.late"), Ct);
            Assert.Equal((HttpStatusCode.Conflict, "code_expired"), (refused, problem.GetProperty("code").GetString()));
        }

        Assert.DoesNotContain("speaker.late", Json.Ids(await admin.GetAsync($"/v1/homes/{site.HomeId}/devices", Ct)));
    }

    [Fact]
    public async Task The_SDK_gives_up_when_the_code_expires()
    {
        var clientId = await lab.NewClientAsync(Ct);
        using var authorization = new DureDeviceAuthorization(new DureDeviceAuthorizationOptions { Server = lab.Server.BaseUrl, ClientId = clientId });

        var error = await Assert.ThrowsAsync<DureDeviceAuthorizationException>(() => authorization.AuthorizeAsync((_, _) => Task.CompletedTask, Ct));

        Assert.Equal("expired_token", error.Error);
    }
}
