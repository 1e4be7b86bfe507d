using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dure.Sdk.AspNetCore;
using Dure.Sdk.Skills;
using Dure.Server.Tests.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dure.Server.Tests.Skills;

/// <summary>
/// A real Dure server (tenants acme and rival) and a partner's skill webhooks served by Kestrel over HTTPS on 127.0.0.1,
/// with a self-signed certificate made here that the Dure server is configured to trust. The webhooks check every
/// request with the published <see cref="SkillRequestVerifier"/> (through <see cref="DureSkillEndpoints"/>), so a turn
/// they answer proves Dure signed it right. Acme's site <see cref="Enabled"/> has every skill enabled; <see cref="Other"/> none.
/// </summary>
public sealed class SkillLab : PartnerLab
{
    private readonly string _certificateDirectory = Directory.CreateTempSubdirectory("dure-skill-cert-").FullName;
    private readonly X509Certificate2 _certificate;
    private WebApplication? _webhooks;

    public SkillLab()
    {
        _certificate = SelfSignedLoopbackCertificate();
        CertificateFile = Path.Combine(_certificateDirectory, "webhooks.cer");
        File.WriteAllBytes(CertificateFile, _certificate.Export(X509ContentType.Cert));
        WebhookPort = Dure.Testing.ServerProcess.FreePort();
    }

    public string CertificateFile { get; }

    public int WebhookPort { get; }

    internal TestSite Enabled { get; private set; } = null!;

    internal TestSite Other { get; private set; } = null!;

    /// <summary>Secrets Dure gave each skill when it was registered.</summary>
    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request the webhooks received, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>What the "rotating" skill's webhook accepts; tests change it as they rotate secrets.</summary>
    public SkillRequestVerifier RotatingVerifier { get; set; } = new("not yet");

    /// <summary>The webhooks' clock, which a test may move to replay a request later.</summary>
    public ShiftedClock WebhookClock { get; } = new();

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Dure__Skills__TrustedCertificates__0"] = CertificateFile,
    };

    public Uri Webhook(string path) => new($"https://127.0.0.1:{WebhookPort}/{path}");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        Enabled = await NewHomeAsync(ct);
        Other = await NewHomeAsync(ct);
        using var admin = AcmeAdmin();
        foreach (var skill in TestSkills.All(this))
        {
            var created = await admin.PostAsync("/v1/skills", skill, ct);
            var id = created.GetProperty("id").GetString()!;
            Secrets[id] = created.GetProperty("secret").GetString()!;
            await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{Enabled.SiteId}/skills/{id}", null, ct);
        }

        _webhooks = StartWebhooks();
        await _webhooks.StartAsync(ct);
        foreach (var id in Secrets.Keys)
        {
            await WaitUntilTrainedAsync(id, ct);
        }

        // The server's first webhook call pays for loading and compiling its HTTPS client; not inside any test's time.
        await using var speaker = await RawDevice.ConnectAsync(Server.BaseUrl, Enabled.SpeakerToken, ct);
        var said = await speaker.SayAsync("별자리친구 열어줘", ct);
        var answer = await speaker.ReceiveAsync(Dure.Protocol.MessageNames.SpeechSpeak, ct, replyTo: said);
        await speaker.AckAsync(answer.GetProperty("id").GetString()!, ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_webhooks is not null)
        {
            await _webhooks.StopAsync();
            await _webhooks.DisposeAsync();
        }

        await base.DisposeAsync();
        _certificate.Dispose();
        Directory.Delete(_certificateDirectory, recursive: true);
    }

    /// <summary>Waits for the skill's model to be trained; returns the skill as GET shows it.</summary>
    public async Task<JsonElement> WaitUntilTrainedAsync(string skillId, CancellationToken cancellationToken)
    {
        using var admin = AcmeAdmin();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var skill = await admin.GetAsync($"/v1/skills/{skillId}", cancellationToken);
            var status = skill.GetProperty("model").GetProperty("status").GetString();
            if (status == "ready")
            {
                return skill;
            }

            Assert.True(status == "training" && DateTime.UtcNow < deadline, $"skill {skillId}: model {skill.GetProperty("model")}");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The requests received since <paramref name="count"/> were received.</summary>
    public List<ReceivedRequest> Since(int count) => [.. Received.Skip(count)];

    private WebApplication StartWebhooks()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, WebhookPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(_certificate);
        }));
        builder.Services.AddSingleton<TimeProvider>(WebhookClock);
        var app = builder.Build();

        // Keeps each request as it came, for tests that look at the signature or replay it.
        app.Use(async (http, next) =>
        {
            http.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
            http.Request.Body.Position = 0;
            Received.Enqueue(new ReceivedRequest(http.Request.Path, http.Request.Headers[SkillRequestVerifier.SignatureHeader].ToString(),
                http.Request.Headers[SkillRequestVerifier.RequestIdHeader].ToString(), copy.ToArray(), DateTimeOffset.UtcNow));
            await next(http);
        });
        TestSkills.Map(app, this);
        return app;
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}

/// <summary>A webhook request as it arrived: the raw body and the headers Dure signs it with.</summary>
public sealed record ReceivedRequest(string Path, string Signature, string RequestId, byte[] Body, DateTimeOffset At)
{
    public SkillRequest Parsed => JsonSerializer.Deserialize(Body, SkillJson.Default.SkillRequest)!;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>The system clock moved by <see cref="Offset"/>.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
