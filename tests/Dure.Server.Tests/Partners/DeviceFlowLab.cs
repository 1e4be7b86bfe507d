using System.Net;
using System.Text.Json;

namespace Dure.Server.Tests.Partners;

/// <summary>A partner lab whose device codes ask devices to poll every second (and expire as configured), to keep tests short.</summary>
public class DeviceFlowLab : PartnerLab
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    protected virtual TimeSpan CodeLifetime => TimeSpan.FromMinutes(10);

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Dure__DeviceFlow__Interval"] = "00:00:01",
        ["Dure__DeviceFlow__CodeLifetime"] = CodeLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    internal OAuthDevice Device() => new(Server.BaseUrl);

    /// <summary>A new device client of acme.</summary>
    internal async Task<string> NewClientAsync(CancellationToken cancellationToken)
    {
        using var admin = AcmeAdmin();
        var client = await admin.PostAsync("/v1/device-clients", new { name = "두레 스피커" }, cancellationToken);
        return client.GetProperty("clientId").GetString()!;
    }
}

/// <summary>The device-flow test classes share one server: they run one after the other on it.</summary>
[CollectionDefinition(Name)]
public sealed class DeviceFlowCollection : ICollectionFixture<DeviceFlowLab>
{
    public const string Name = "device flow";
}

/// <summary>The real server's expiry: codes live two seconds.</summary>
public sealed class ShortLivedCodesLab : DeviceFlowLab
{
    protected override TimeSpan CodeLifetime => TimeSpan.FromSeconds(2);
}

/// <summary>A device speaking RFC 8628 by hand: form-encoded posts to the anonymous OAuth endpoints.</summary>
internal sealed class OAuthDevice(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string path,
        IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        var response = await _http.PostAsync(path, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(path, content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Asks for codes; returns the device code and the user code as shown.</summary>
    public async Task<(string DeviceCode, string UserCode)> AuthorizeAsync(string clientId, CancellationToken cancellationToken)
    {
        var (status, body, response) = await PostAsync("/v1/oauth/device_authorization", [new("client_id", clientId)], cancellationToken);
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return (body.GetProperty("device_code").GetString()!, body.GetProperty("user_code").GetString()!);
    }

    /// <summary>One poll of the token endpoint: the token on success, else the OAuth error.</summary>
    public async Task<(string? Token, string? Error, JsonElement Body)> PollAsync(string clientId, string deviceCode, CancellationToken cancellationToken)
    {
        var (status, body, response) = await PostAsync("/v1/oauth/token",
            [new("grant_type", DeviceFlowLab.GrantType), new("device_code", deviceCode), new("client_id", clientId)], cancellationToken);
        response.Dispose();
        if (status == HttpStatusCode.OK)
        {
            return (body.GetProperty("access_token").GetString(), null, body);
        }

        Assert.Equal(HttpStatusCode.BadRequest, status);
        return (null, body.GetProperty("error").GetString(), body);
    }

    /// <summary>Waits out the one-second interval, then polls.</summary>
    public async Task<(string? Token, string? Error, JsonElement Body)> PollOnTimeAsync(string clientId, string deviceCode,
        CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(1100), cancellationToken);
        return await PollAsync(clientId, deviceCode, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
