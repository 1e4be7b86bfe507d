using System.Net;

namespace Dure.Skills.CustomSkills;

/// <summary>How Dure calls partners' skill webhooks, bound from <c>Dure:Skills</c> (docs/custom-skills.md).</summary>
public sealed class CustomSkillOptions
{
    public const string Section = "Dure:Skills";

    /// <summary>How long a webhook may take to answer, connection included, before the device hears an apology.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long listing an MCP server's tools may take when a skill is registered, changed or refreshed.</summary>
    public TimeSpan McpListTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest webhook response read, in bytes; a longer one is refused.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Lets a webhook be plain http on a loopback address (127.0.0.1, ::1, localhost), for a partner developing a skill on
    /// the same machine. Off by default: webhooks are https.
    /// </summary>
    public bool AllowInsecureLoopback { get; set; }

    /// <summary>
    /// Certificate files (DER or PEM) trusted for webhook TLS in addition to the system's roots: a private CA or a
    /// pinned self-signed certificate. The host name must still match.
    /// </summary>
    public List<string> TrustedCertificates { get; set; } = [];

    /// <summary>After a secret is rotated, requests are signed with the old one too for this long, so a partner can switch over.</summary>
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a server keeps a home's enabled skills, which every turn reads. A change made through a server takes
    /// effect there at once; the other silos of a cluster follow within this time.
    /// </summary>
    public TimeSpan EnabledCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    public const int MaxUrlLength = 2048;

    /// <summary>Why <paramref name="url"/> cannot be a webhook, or null when it can.</summary>
    public string? WebhookProblem(string? url) => UrlProblem(url, "webhook.url");

    /// <summary>Why <paramref name="url"/> cannot be a skill's endpoint (a webhook, an MCP server), named <paramref name="field"/>; null when it can.</summary>
    public string? UrlProblem(string? url, string field)
    {
        if (url is not { Length: > 0 and <= MaxUrlLength } || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"{field} must be an absolute https URL of at most {MaxUrlLength} characters";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"{field} may not carry credentials or a fragment";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp && AllowInsecureLoopback && IsLoopback(uri)
            ? null
            : AllowInsecureLoopback
                ? $"{field} must be https (plain http only on a loopback address)"
                : $"{field} must be https";
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
