using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Dure.Skills.Providers;

/// <summary>
/// Music search against Spotify's Web API search contract — <c>GET {SearchUrl}?q=…&amp;type=track|album|playlist&amp;limit=…&amp;market=…</c>
/// with <c>Authorization: Bearer …</c> — so Spotify itself or any service that speaks the same contract. The token is
/// <see cref="MusicProviderOptions.ApiKey"/>, or one fetched with OAuth client credentials and renewed before it expires.
/// </summary>
public sealed class SpotifyMusicProvider : IMusicProvider
{
    public const string HttpClientName = "Dure.Providers.Music";

    private const string Service = "Music search";
    private const int MaxLimit = 50; // Spotify's largest page
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(1);

    private readonly IHttpClientFactory clients;
    private readonly MusicProviderOptions options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim tokenLock = new(1, 1);
    private (string Value, DateTimeOffset Expires)? token;

    public SpotifyMusicProvider(IHttpClientFactory clients, IOptions<MusicProviderOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.clients = clients;
        this.options = options.Value;
        this.time = time;
        if (string.IsNullOrWhiteSpace(this.options.ApiKey) &&
            (string.IsNullOrWhiteSpace(this.options.ClientId) || string.IsNullOrWhiteSpace(this.options.ClientSecret)))
        {
            throw new ArgumentException($"{MusicProviderOptions.Section}: the spotify provider needs ApiKey, or ClientId and ClientSecret.", nameof(options));
        }
    }

    public async Task<IReadOnlyList<MediaItem>> SearchAsync(MusicQuery query, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var type = query.MediaClass?.Trim().ToLowerInvariant() switch
        {
            "album" => "album",
            "playlist" => "playlist",
            _ => "track",
        };
        var q = SearchText(query, fieldFilters: type != "playlist");
        if (q.Length == 0 || count <= 0)
        {
            return [];
        }

        var client = clients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, ProviderHttp.Url(options.SearchUrl,
            ("q", q), ("type", type), ("limit", Math.Clamp(count, 1, MaxLimit)), ("market", string.IsNullOrWhiteSpace(options.Market) ? null : options.Market)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, cancellationToken).ConfigureAwait(false));
        var reply = await ProviderHttp.SendAsync<SearchReply>(client, Service, request, cancellationToken).ConfigureAwait(false);

        // The service's own order is its relevance ranking; Spotify may put null in a page of playlists.
        var items = type switch
        {
            "album" => reply.Albums?.Items?.OfType<Item>().Select(i => ToMedia(i, "album", query)),
            "playlist" => reply.Playlists?.Items?.OfType<Item>().Select(i => ToMedia(i, "playlist", query)),
            _ => reply.Tracks?.Items?.OfType<Item>().Select(i => ToMedia(i, "track", query)),
        };
        return (items ?? []).OfType<MediaItem>().Take(count).ToList();
    }

    /// <summary>
    /// Spotify's query syntax: free words, then <c>track:</c>, <c>artist:</c>, <c>genre:</c> filters (quoted when
    /// they hold a space). Playlist search has no such fields, so there every part is plain words.
    /// </summary>
    internal static string SearchText(MusicQuery query, bool fieldFilters)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            parts.Add(query.Text.Trim());
        }

        foreach (var (field, value) in new[] { ("track", query.Song), ("artist", query.Artist), ("genre", query.Genre) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                var v = value.Trim().Replace("\"", "", StringComparison.Ordinal);
                parts.Add(fieldFilters ? $"{field}:{(v.Contains(' ', StringComparison.Ordinal) ? $"\"{v}\"" : v)}" : v);
            }
        }

        return string.Join(' ', parts);
    }

    private async Task<string> TokenAsync(HttpClient client, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return options.ApiKey;
        }

        await tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (token is { } current && time.GetUtcNow() < current.Expires)
            {
                return current.Value;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUrl)
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
            var reply = await ProviderHttp.SendAsync<TokenReply>(client, Service + " token", request, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(reply.AccessToken))
            {
                throw new ProviderUnavailableException($"{Service}: the token endpoint gave no access_token.");
            }

            token = (reply.AccessToken, time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, reply.ExpiresIn)) - RenewBeforeExpiry);
            return reply.AccessToken;
        }
        finally
        {
            tokenLock.Release();
        }
    }

    private static MediaItem? ToMedia(Item item, string kind, MusicQuery query)
    {
        var uri = item.Uri ?? item.ExternalUrls?.Spotify;
        if (string.IsNullOrEmpty(item.Id) || string.IsNullOrEmpty(item.Name) || string.IsNullOrEmpty(uri))
        {
            return null;
        }

        var artist = item.Artists is { Count: > 0 } artists ? string.Join(", ", artists.Select(a => a.Name).OfType<string>()) : null;
        // Spotify keeps genres on artists, not tracks: the genre asked for is the one the item was found under.
        return new MediaItem(item.Id, kind, item.Name, artist, string.IsNullOrWhiteSpace(query.Genre) ? null : query.Genre.Trim(), uri);
    }

    private sealed record SearchReply(Page? Tracks, Page? Albums, Page? Playlists);

    private sealed record Page(List<Item?>? Items);

    private sealed record Item(string? Id, string? Name, string? Uri, List<Artist>? Artists,
        [property: JsonPropertyName("external_urls")] ExternalUrls? ExternalUrls);

    private sealed record Artist(string? Name);

    private sealed record ExternalUrls(string? Spotify);

    private sealed record TokenReply(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
