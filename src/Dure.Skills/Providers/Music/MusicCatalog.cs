using System.Text;

namespace Dure.Skills.Providers;

/// <summary>The catalog file's shape (docs/providers.md): genres, playlists by genre, artists with albums of tracks.</summary>
internal sealed record MusicCatalogFile(List<CatalogGenre>? Genres, List<CatalogPlaylist>? Playlists, List<CatalogArtist>? Artists);

internal sealed record CatalogGenre(string Id, string Name, string? EnglishName, List<string>? Aliases);

internal sealed record CatalogPlaylist(string Id, string Name, string? EnglishName, List<string>? Aliases, List<string>? Genres);

internal sealed record CatalogArtist(string Id, string Name, string? EnglishName, List<string>? Aliases, string Genre, List<CatalogAlbumEntry>? Albums);

/// <param name="Tracks">"Title|other title|…": the first is the title, the others what people also call it.</param>
internal sealed record CatalogAlbumEntry(string Title, int? Year, string? Genre, List<string>? Tracks);

internal sealed class CatalogAlbum(string id, string title, CatalogArtist artist, CatalogGenre genre, int order)
{
    public string Id { get; } = id;
    public string Title { get; } = title;
    public CatalogArtist Artist { get; } = artist;
    public CatalogGenre Genre { get; } = genre;
    public int Order { get; } = order;
}

internal sealed class CatalogTrack(string id, IReadOnlyList<string> titles, CatalogAlbum album, int order)
{
    public string Id { get; } = id;

    /// <summary>The title first, then the other names of the song.</summary>
    public IReadOnlyList<string> Titles { get; } = titles;
    public CatalogAlbum Album { get; } = album;
    public CatalogArtist Artist => Album.Artist;
    public CatalogGenre Genre => Album.Genre;
    public int Order { get; } = order;

    /// <summary>The title in Latin script for an English answer: the title itself, else its first Latin-script other name.</summary>
    public string EnglishTitle => !NameKey.HasHangul(Titles[0]) ? Titles[0] : Titles.FirstOrDefault(t => !NameKey.HasHangul(t)) ?? Titles[0];
}

/// <summary>The catalog read and checked: every genre a track points at exists, ids are unique.</summary>
internal sealed class MusicCatalog
{
    public MusicCatalog(MusicCatalogFile file, string source)
    {
        if (file.Artists is not { Count: > 0 } || file.Genres is not { Count: > 0 })
        {
            throw new InvalidDataException($"{source}: a catalog needs genres and artists.");
        }

        Genres = file.Genres;
        Playlists = file.Playlists ?? [];
        var genres = Genres.ToDictionary(g => g.Id, StringComparer.Ordinal);
        CatalogGenre GenreOf(string? id, string owner) => id is not null && genres.TryGetValue(id, out var genre)
            ? genre
            : throw new InvalidDataException($"{source}: {owner} has genre '{id}', which is not in genres.");

        foreach (var playlist in Playlists)
        {
            foreach (var genre in playlist.Genres ?? [])
            {
                GenreOf(genre, $"playlist {playlist.Id}");
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var albums = new List<CatalogAlbum>();
        var tracks = new List<CatalogTrack>();
        foreach (var artist in file.Artists)
        {
            var artistGenre = GenreOf(artist.Genre, $"artist {artist.Id}");
            foreach (var entry in artist.Albums ?? [])
            {
                var album = new CatalogAlbum($"album-{artist.Id}-{StableHash(artist.Id + "|" + entry.Title)}", entry.Title, artist,
                    entry.Genre is null ? artistGenre : GenreOf(entry.Genre, $"album {entry.Title}"), albums.Count);
                albums.Add(album);
                foreach (var track in entry.Tracks ?? [])
                {
                    var titles = track.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (titles.Length == 0)
                    {
                        throw new InvalidDataException($"{source}: an empty track on {entry.Title}.");
                    }

                    var id = $"{artist.Id}-{StableHash(artist.Id + "|" + titles[0])}";
                    if (!ids.Add(id))
                    {
                        throw new InvalidDataException($"{source}: {artist.Id} has '{titles[0]}' twice.");
                    }

                    tracks.Add(new CatalogTrack(id, titles, album, tracks.Count));
                }
            }
        }

        Albums = albums;
        Tracks = tracks;
    }

    public IReadOnlyList<CatalogGenre> Genres { get; }
    public IReadOnlyList<CatalogPlaylist> Playlists { get; }
    public IReadOnlyList<CatalogAlbum> Albums { get; }
    public IReadOnlyList<CatalogTrack> Tracks { get; }

    // FNV-1a: the same id on every machine and run (string.GetHashCode is randomized per process).
    private static string StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
