namespace Dure.Skills.Providers;

/// <summary>Configuration section <c>Dure:Providers:Music</c>.</summary>
public sealed class MusicProviderOptions
{
    public const string Section = "Dure:Providers:Music";
    public const string Embedded = "embedded";
    public const string Spotify = "spotify";

    /// <summary><c>embedded</c> (the shipped catalog, or <see cref="CatalogFile"/>) or <c>spotify</c> (any service with Spotify's search contract).</summary>
    public string Provider { get; set; } = Embedded;

    /// <summary>A catalog file in the embedded catalog's format that replaces it: a partner's own music library.</summary>
    public string? CatalogFile { get; set; }

    /// <summary>The search endpoint (<c>GET {SearchUrl}?q=…&amp;type=track&amp;limit=…</c>).</summary>
    public string SearchUrl { get; set; } = "https://api.spotify.com/v1/search";

    /// <summary>A fixed bearer token for services that issue one; otherwise <see cref="ClientId"/> and <see cref="ClientSecret"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>OAuth client-credentials token endpoint, used when <see cref="ClientId"/> is set.</summary>
    public string TokenUrl { get; set; } = "https://accounts.spotify.com/api/token";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>ISO 3166 country whose catalog to search (<c>market</c>); unset, the service's default.</summary>
    public string? Market { get; set; } = "KR";

    /// <summary>How long one call to the music service may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
