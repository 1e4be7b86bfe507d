using System.Net;
using System.Text;
using System.Text.Json;
using Dure.Platform.Provisioning;

namespace Dure.Server.Tests.Partners;

/// <summary>
/// The OAuth 2.0 device authorization grant (RFC 8628) through the real server: device clients, every error a device
/// can get, approval placing the device in a home, the token handed out once, and tenancy.
/// </summary>
[Collection(DeviceFlowCollection.Name)]
public sealed class DeviceFlowTests(DeviceFlowLab lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static object Approval(string homeId, string deviceId, string? area = "living_room") => new
    {
        homeId,
        deviceId,
        names = new Dictionary<string, string[]> { ["ko"] = ["안방 스피커"], ["en"] = ["Bedroom Speaker"] },
        area,
    };

    [Fact]
    public async Task A_device_gets_a_device_code_and_a_user_code_as_RFC_8628_describes()
    {
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();

        var (status, body, response) = await device.PostAsync("/v1/oauth/device_authorization", [new("client_id", clientId)], Ct);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        var userCode = body.GetProperty("user_code").GetString()!;
        Assert.Matches($"^[{UserCodes.Alphabet}]{{4}}-[{UserCodes.Alphabet}]{{4}}$", userCode);
        var deviceCode = body.GetProperty("device_code").GetString()!;
        Assert.StartsWith(DeviceFlow.DeviceCodePrefix, deviceCode, StringComparison.Ordinal);
        Assert.True(deviceCode.Length >= 40);
        Assert.Equal($"{lab.Server.BaseUrl.ToString().TrimEnd('/')}/console/#/activate", body.GetProperty("verification_uri").GetString());
        Assert.Equal($"{body.GetProperty("verification_uri").GetString()}?user_code={userCode}", body.GetProperty("verification_uri_complete").GetString());
        Assert.Equal(600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(1, body.GetProperty("interval").GetInt32());

        // The partner sees the code (typed any way) and which product asks; the device code is nowhere on disk.
        using var admin = lab.AcmeAdmin();
        var code = await admin.GetAsync($"/v1/device-codes/{userCode.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()}", Ct);
        Assert.Equal(userCode, code.GetProperty("userCode").GetString());
        Assert.Equal(clientId, code.GetProperty("clientId").GetString());
        Assert.Equal("두레 스피커", code.GetProperty("clientName").GetString());
        Assert.Equal("pending", code.GetProperty("status").GetString());
        Assert.DoesNotContain(deviceCode[DeviceFlow.DeviceCodePrefix.Length..], ReadDataFiles(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_device_authorization_requests_get_OAuth_errors()
    {
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();

        Assert.Equal("invalid_request", await ErrorAsync(device, "/v1/oauth/device_authorization", []));
        Assert.Equal("invalid_request", await ErrorAsync(device, "/v1/oauth/device_authorization", [new("client_id", clientId), new("client_id", clientId)]));
        Assert.Equal("invalid_client", await ErrorAsync(device, "/v1/oauth/device_authorization", [new("client_id", "no-such-product")]));
        var (status, json) = await device.SendAsync("/v1/oauth/device_authorization",
            new StringContent($$"""{"client_id":"{{clientId}}"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (status, json.GetProperty("error").GetString()));
        Assert.Contains("form-encoded", json.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_token_error_of_RFC_8628_comes_from_the_server()
    {
        var clientId = await lab.NewClientAsync(Ct);
        var otherClient = await lab.NewClientAsync(Ct);
        using var device = lab.Device();
        var (deviceCode, _) = await device.AuthorizeAsync(clientId, Ct);

        Assert.Equal("invalid_request", await ErrorAsync(device, "/v1/oauth/token", [new("device_code", deviceCode), new("client_id", clientId)]));
        Assert.Equal("unsupported_grant_type", await ErrorAsync(device, "/v1/oauth/token",
            [new("grant_type", "client_credentials"), new("device_code", deviceCode), new("client_id", clientId)]));
        Assert.Equal("invalid_request", await ErrorAsync(device, "/v1/oauth/token", [new("grant_type", DeviceFlowLab.GrantType), new("client_id", clientId)]));
        Assert.Equal("invalid_request", await ErrorAsync(device, "/v1/oauth/token", [new("grant_type", DeviceFlowLab.GrantType), new("device_code", deviceCode)]));
        Assert.Equal("invalid_client", (await device.PollAsync("no-such-product", deviceCode, Ct)).Error);
        Assert.Equal("invalid_grant", (await device.PollAsync(otherClient, deviceCode, Ct)).Error);
        Assert.Equal("invalid_grant", (await device.PollAsync(clientId, "dure_dc_made-up", Ct)).Error);

        // On time: pending. Sooner than the interval: slow_down, five seconds more, for this and every later poll.
        Assert.Equal("authorization_pending", (await device.PollOnTimeAsync(clientId, deviceCode, Ct)).Error);
        var (_, error, body) = await device.PollAsync(clientId, deviceCode, Ct);
        Assert.Equal(("slow_down", 6), (error, body.GetProperty("interval").GetInt32()));
        (_, error, body) = await device.PollOnTimeAsync(clientId, deviceCode, Ct);
        Assert.Equal(("slow_down", 11), (error, body.GetProperty("interval").GetInt32()));
    }

    [Fact]
    public async Task An_approved_device_is_placed_in_the_home_and_gets_its_token_once()
    {
        var site = await lab.NewHomeAsync(Ct);
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();
        using var admin = lab.AcmeAdmin();
        var (deviceCode, userCode) = await device.AuthorizeAsync(clientId, Ct);
        Assert.Equal("authorization_pending", (await device.PollOnTimeAsync(clientId, deviceCode, Ct)).Error);

        var typed = $" {userCode.ToLowerInvariant()} ";
        var approved = await admin.PostAsync($"/v1/device-codes/{Uri.EscapeDataString(typed)}/approve", Approval(site.HomeId, "speaker.bedroom"), Ct);
        Assert.Equal((site.HomeId, "speaker.bedroom"), (approved.GetProperty("homeId").GetString(), approved.GetProperty("deviceId").GetString()));
        Assert.Equal("approved", (await admin.GetAsync($"/v1/device-codes/{userCode}", Ct)).GetProperty("status").GetString());
        var placed = await admin.GetAsync($"/v1/homes/{site.HomeId}/devices/speaker.bedroom", Ct);
        Assert.Equal(("assist_satellite", "living_room", false), (placed.GetProperty("domain").GetString(), placed.GetProperty("area").GetString(),
            placed.GetProperty("connects").GetBoolean()));

        var (token, error, grant) = await device.PollOnTimeAsync(clientId, deviceCode, Ct);
        Assert.True(token is not null, error);
        Assert.Equal(("Bearer", site.HomeId, "speaker.bedroom"), (grant.GetProperty("token_type").GetString(), grant.GetProperty("home_id").GetString(),
            grant.GetProperty("device_id").GetString()));

        // Once: the same device code is spent, the partner sees it used, and approving it again is a conflict.
        Assert.Equal("invalid_grant", (await device.PollOnTimeAsync(clientId, deviceCode, Ct)).Error);
        Assert.Equal("redeemed", (await admin.GetAsync($"/v1/device-codes/{userCode}", Ct)).GetProperty("status").GetString());
        var (status, again, _) = await admin.SendAsync(HttpMethod.Post, $"/v1/device-codes/{userCode}/approve", Approval(site.HomeId, "speaker.other"), Ct);
        Assert.Equal((HttpStatusCode.Conflict, "code_decided"), (status, again.GetProperty("code").GetString()));
        Assert.True((await admin.GetAsync($"/v1/homes/{site.HomeId}/devices/speaker.bedroom", Ct)).GetProperty("connects").GetBoolean());
        Assert.Contains("device_code.approve", Json.Ids(await admin.GetAsync("/v1/audit", Ct), "action"));

        // The token is a working device token.
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, token!, Ct);
        await speaker.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task A_denied_device_hears_access_denied_and_the_code_cannot_be_decided_again()
    {
        var site = await lab.NewHomeAsync(Ct);
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();
        using var admin = lab.AcmeAdmin();
        var (deviceCode, userCode) = await device.AuthorizeAsync(clientId, Ct);

        var (status, _, _) = await admin.SendAsync(HttpMethod.Post, $"/v1/device-codes/{userCode}/deny", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, status);

        Assert.Equal("access_denied", (await device.PollOnTimeAsync(clientId, deviceCode, Ct)).Error);
        Assert.Equal("denied", (await admin.GetAsync($"/v1/device-codes/{userCode}", Ct)).GetProperty("status").GetString());
        foreach (var action in new[] { "deny", "approve" })
        {
            var (again, body, _) = await admin.SendAsync(HttpMethod.Post, $"/v1/device-codes/{userCode}/{action}", Approval(site.HomeId, "speaker.x"), Ct);
            Assert.Equal((HttpStatusCode.Conflict, "code_decided"), (again, body.GetProperty("code").GetString()));
        }

        var home = await admin.GetAsync($"/v1/homes/{site.HomeId}/devices", Ct);
        Assert.DoesNotContain("speaker.x", Json.Ids(home));
    }

    [Fact]
    public async Task Another_tenants_user_codes_and_clients_are_not_found()
    {
        var site = await lab.NewHomeAsync(Ct);
        var rivalSite = await lab.NewHomeAsync(Ct, lab.RivalAdminKey);
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();
        using var rival = lab.Client(lab.RivalAdminKey);
        using var admin = lab.AcmeAdmin();
        var (deviceCode, userCode) = await device.AuthorizeAsync(clientId, Ct);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v1/device-codes/{userCode}"),
            (HttpMethod.Post, $"/v1/device-codes/{userCode}/approve"),
            (HttpMethod.Post, $"/v1/device-codes/{userCode}/deny"),
            (HttpMethod.Delete, $"/v1/device-clients/{clientId}"),
        })
        {
            var (status, body, _) = await rival.SendAsync(method, path, method == HttpMethod.Get ? null : Approval(rivalSite.HomeId, "stolen"), Ct);
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}: {(int)status} {body}");
            Assert.Equal("not_found", body.GetProperty("code").GetString());
        }

        Assert.DoesNotContain(clientId, Json.Ids(await rival.GetAsync("/v1/device-clients", Ct), "clientId"));
        // Nor can acme place its device in rival's home: that home does not exist for acme, and the code stays pending.
        var (refused, problem, _) = await admin.SendAsync(HttpMethod.Post, $"/v1/device-codes/{userCode}/approve", Approval(rivalSite.HomeId, "stolen"), Ct);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (refused, problem.GetProperty("code").GetString()));
        Assert.Equal("pending", (await admin.GetAsync($"/v1/device-codes/{userCode}", Ct)).GetProperty("status").GetString());
        Assert.Equal("authorization_pending", (await device.PollOnTimeAsync(clientId, deviceCode, Ct)).Error);
        await admin.PostAsync($"/v1/device-codes/{userCode}/approve", Approval(site.HomeId, "speaker.acme"), Ct);
    }

    [Fact]
    public async Task Approval_is_checked_and_a_refused_approval_leaves_the_code_pending()
    {
        var site = await lab.NewHomeAsync(Ct);
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();
        using var admin = lab.AcmeAdmin();
        var (_, userCode) = await device.AuthorizeAsync(clientId, Ct);

        async Task ExpectAsync(string path, object? body, HttpStatusCode expected, string code)
        {
            var (status, json, _) = await admin.SendAsync(HttpMethod.Post, path, body, Ct);
            Assert.True(status == expected, $"{path}: {(int)status} {json}");
            Assert.Equal(code, json.GetProperty("code").GetString());
        }

        var approve = $"/v1/device-codes/{userCode}/approve";
        await ExpectAsync("/v1/device-codes/AEIO-UAEI/approve", Approval(site.HomeId, "a"), HttpStatusCode.BadRequest, "invalid_request");
        await ExpectAsync("/v1/device-codes/BCDF-GHJK/approve", Approval(site.HomeId, "a"), HttpStatusCode.NotFound, "not_found");
        await ExpectAsync(approve, Approval("no-such-home", "a"), HttpStatusCode.NotFound, "not_found");
        await ExpectAsync(approve, Approval(site.HomeId, "speaker"), HttpStatusCode.Conflict, "conflict"); // the home's own speaker
        await ExpectAsync(approve, Approval(site.HomeId, "a", area: "attic"), HttpStatusCode.BadRequest, "invalid_request");
        await ExpectAsync(approve, Approval(site.HomeId, "bad id"), HttpStatusCode.BadRequest, "invalid_request");
        await ExpectAsync(approve, new { homeId = site.HomeId, deviceId = "a", names = new Dictionary<string, string[]>() }, HttpStatusCode.BadRequest,
            "invalid_request");
        await ExpectAsync(approve, new { deviceId = "a", names = new Dictionary<string, string[]> { ["ko"] = ["스피커"] } }, HttpStatusCode.BadRequest,
            "invalid_request");

        Assert.Equal("pending", (await admin.GetAsync($"/v1/device-codes/{userCode}", Ct)).GetProperty("status").GetString());
        Assert.DoesNotContain("a", Json.Ids(await admin.GetAsync($"/v1/homes/{site.HomeId}/devices", Ct)));
        await admin.PostAsync(approve, Approval(site.HomeId, "speaker.checked"), Ct);
    }

    [Fact]
    public async Task A_device_removed_after_approval_hears_access_denied_instead_of_a_token()
    {
        var site = await lab.NewHomeAsync(Ct);
        var clientId = await lab.NewClientAsync(Ct);
        using var device = lab.Device();
        using var admin = lab.AcmeAdmin();
        var (deviceCode, userCode) = await device.AuthorizeAsync(clientId, Ct);
        await admin.PostAsync($"/v1/device-codes/{userCode}/approve", Approval(site.HomeId, "speaker.gone"), Ct);

        await admin.OkAsync(HttpMethod.Delete, $"/v1/homes/{site.HomeId}/devices/speaker.gone", null, Ct);

        Assert.Equal("access_denied", (await device.PollOnTimeAsync(clientId, deviceCode, Ct)).Error);
        Assert.DoesNotContain("speaker.gone", Json.Ids(await admin.GetAsync($"/v1/homes/{site.HomeId}/devices", Ct)));
    }

    [Fact]
    public async Task Device_clients_are_created_listed_and_deleted_and_a_deleted_client_signs_nobody_in()
    {
        using var admin = lab.AcmeAdmin();
        var named = $"acme-tv-{Guid.NewGuid():N}"[..20];
        var created = await admin.PostAsync("/v1/device-clients", new { clientId = named, name = "Acme TV" }, Ct);
        Assert.Equal((named, "Acme TV"), (created.GetProperty("clientId").GetString(), created.GetProperty("name").GetString()));
        var (status, conflict, _) = await admin.SendAsync(HttpMethod.Post, "/v1/device-clients", new { clientId = named, name = "Again" }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (status, conflict.GetProperty("code").GetString()));
        using (var rival = lab.Client(lab.RivalAdminKey))
        {
            (status, _, _) = await rival.SendAsync(HttpMethod.Post, "/v1/device-clients", new { clientId = named, name = "Rival's" }, Ct);
            Assert.Equal(HttpStatusCode.Conflict, status); // a client id names one tenant
        }

        foreach (var bad in new object[] { new { name = "" }, new { clientId = "no spaces", name = "x" }, new { clientId = "ok" } })
        {
            (status, _, _) = await admin.SendAsync(HttpMethod.Post, "/v1/device-clients", bad, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, status);
        }

        Assert.Contains(named, Json.Ids(await admin.GetAsync("/v1/device-clients?limit=500", Ct), "clientId"));
        using var device = lab.Device();
        var (deviceCode, _) = await device.AuthorizeAsync(named, Ct);

        (status, _, _) = await admin.SendAsync(HttpMethod.Delete, $"/v1/device-clients/{named}", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, status);

        Assert.Equal("invalid_client", (await device.PollOnTimeAsync(named, deviceCode, Ct)).Error);
        Assert.Equal("invalid_client", await ErrorAsync(device, "/v1/oauth/device_authorization", [new("client_id", named)]));
        Assert.DoesNotContain(named, Json.Ids(await admin.GetAsync("/v1/device-clients?limit=500", Ct), "clientId"));
        (status, _, _) = await admin.SendAsync(HttpMethod.Delete, $"/v1/device-clients/{named}", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private static async Task<string?> ErrorAsync(OAuthDevice device, string path, KeyValuePair<string, string>[] form)
    {
        var (status, body, response) = await device.PostAsync(path, form, Ct);
        response.Dispose();
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error_description").GetString()));
        return body.GetProperty("error").GetString();
    }

    private string ReadDataFiles() =>
        string.Concat(Directory.GetFiles(lab.Server.DataDirectory).Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return reader.ReadToEnd();
        }));
}
