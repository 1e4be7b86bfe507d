using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dure.Server.Tests.HomeNetworks;

/// <summary>A control request the vendor's server received, and whether its signature verified.</summary>
internal sealed record VendorRequest(JsonElement Body, bool SignatureValid, int AnsweredWith);

/// <summary>
/// A wall-pad vendor's home-network server on loopback (Kestrel), written from the vendor guide of docs/home-networks.md
/// alone: it verifies Dure's signature on each control request, can answer 503 a few times to make Dure retry, and posts
/// signed states and events to Dure.
/// </summary>
internal sealed class VendorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<VendorRequest> _requests = Channel.CreateUnbounded<VendorRequest>();
    private int _failures;

    private VendorServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The site's shared secret as Dure showed it once.</summary>
    public string Secret { get; set; } = "";

    /// <summary>How many of the next control requests are answered 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public static async Task<VendorServer> StartAsync()
    {
        var url = new Uri($"http://127.0.0.1:{Dure.Testing.ServerProcess.FreePort()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new VendorServer(app, url);
        app.MapPost("/dure/v1/control", server.ControlAsync);
        await app.StartAsync();
        return server;
    }

    private async Task<IResult> ControlAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var valid = Verify(request.Headers["Dure-Signature"].ToString(), body, Secret);
        var status = !valid ? 401 : Interlocked.Decrement(ref _failures) >= 0 ? 503 : 200;
        using var json = JsonDocument.Parse(body);
        _requests.Writer.TryWrite(new VendorRequest(json.RootElement.Clone(), valid, status));
        return status == 200 ? Results.Ok(new { ok = true }) : Results.StatusCode(status);
    }

    /// <summary>The next control request, waiting up to 20 s.</summary>
    public async Task<VendorRequest> NextAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        return await _requests.Reader.ReadAsync(limit.Token);
    }

    /// <summary>Posts a state or event to Dure, signed with <paramref name="secret"/> at <paramref name="timestamp"/> (default now).</summary>
    public static async Task<(int Status, JsonElement Body)> PostAsync(Uri dure, string siteId, string body, string secret, CancellationToken cancellationToken,
        long? timestamp = null, string? signature = null)
    {
        using var http = new HttpClient { BaseAddress = dure };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/wallpad/{siteId}/events") { Content = content };
        request.Headers.TryAddWithoutValidation("Dure-Signature", signature ?? Sign(secret, timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"an error must be problem+json: {response.Content.Headers.ContentType} {text}");
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The documented signature: t=unix seconds, v1=hex(HMAC-SHA256(secret, t + "." + body)).</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }

    private static bool Verify(string header, byte[] body, string secret)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, CultureInfo.InvariantCulture, out var seconds) ||
            Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        return Sign(secret, seconds, Encoding.UTF8.GetString(body)) == $"t={t},v1={v1}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
