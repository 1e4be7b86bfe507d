using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dure.Skills.CustomSkills;

/// <summary>
/// Certificate validation for webhooks: what the system trusts, plus the certificates configured in
/// <see cref="CustomSkillOptions.TrustedCertificates"/> as extra roots. A host name mismatch is never forgiven.
/// </summary>
internal sealed class WebhookTls
{
    private readonly X509Certificate2Collection _trusted = [];

    public WebhookTls(IEnumerable<string> certificateFiles)
    {
        foreach (var file in certificateFiles)
        {
            _trusted.Add(Load(file, out var problem) ?? throw new InvalidOperationException(problem));
        }
    }

    public static bool CanLoad(string file)
    {
        using var certificate = Load(file, out _);
        return certificate is not null;
    }

    /// <summary>The certificate in <paramref name="file"/>, or null with the reason it cannot be read.</summary>
    public static X509Certificate2? Load(string file, out string? problem)
    {
        try
        {
            problem = null;
            return X509CertificateLoader.LoadCertificateFromFile(file);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            problem = $"{CustomSkillOptions.Section}:TrustedCertificates: cannot read '{file}' as a certificate: {e.Message}";
            return null;
        }
    }

    public SocketsHttpHandler CreateHandler(TimeSpan connectTimeout) => new()
    {
        // A webhook answers where it was registered: no redirects (a redirect could lead to plain http or elsewhere).
        AllowAutoRedirect = false,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = 32,
        UseCookies = false,
        UseProxy = false,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (_trusted.Count == 0 || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return custom.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(copy);
    }
}
