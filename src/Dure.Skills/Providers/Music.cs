namespace Dure.Skills.Providers;

/// <summary>Something playable: a track, or an album, playlist or station standing for its tracks.</summary>
/// <param name="Id">The provider's id, sent to the player as the content to play.</param>
/// <param name="Kind">"track", "album", "playlist", "radio".</param>
public sealed record MediaItem(string Id, string Kind, string Title, string? Artist, string? Genre, string Uri);

/// <summary>What the user asked to hear.</summary>
public sealed record MusicQuery(string? Text, string? Artist, string? Song, string? Genre, string? MediaClass);

/// <summary>
/// Music search. Embedded default: a local catalog shipped with Dure; real adapter: a music service's search API
/// by URL and key.
/// </summary>
public interface IMusicProvider
{
    /// <summary>The best matches, best first; empty when nothing fits.</summary>
    Task<IReadOnlyList<MediaItem>> SearchAsync(MusicQuery query, int count, CancellationToken cancellationToken);
}
