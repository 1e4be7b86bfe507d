using System.Net;

namespace Dure.Platform.Alliance;

/// <summary>How Dure reaches alliance agents, bound from <c>Dure:Alliance</c> (docs/alliance.md).</summary>
public sealed class AllianceOptions
{
    public const string Section = "Dure:Alliance";

    /// <summary>How long an agent may take to answer before the device hears an apology.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Lets an agent be plain http on a loopback address, for development and tests. Off: agents are https.</summary>
    public bool AllowInsecureLoopback { get; set; }

    /// <summary>This server's public address, for the agent card and Open Floor's <c>serviceUrl</c>; default: the request's.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// How long a silo keeps a tenant's routing rules before reading them again. The silo that changes them forgets them at
    /// once; the other silos of a cluster follow within this time.
    /// </summary>
    public TimeSpan RouteCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest answer read from an agent, in bytes.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    public const int MaxUrlLength = 2048;

    /// <summary>Why <paramref name="url"/> cannot be an agent's address, or null when it can.</summary>
    public string? UrlProblem(string? url)
    {
        if (url is not { Length: > 0 and <= MaxUrlLength } || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"url must be an absolute https URL of at most {MaxUrlLength} characters";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "url may not carry credentials or a fragment";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
        return uri.Scheme == Uri.UriSchemeHttp && AllowInsecureLoopback && loopback ? null : "url must be https";
    }
}
