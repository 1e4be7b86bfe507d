using Microsoft.Extensions.Options;

namespace Dure.Skills.Providers;

/// <summary>
/// Music search over a local catalog: the shipped <c>music-catalog.json</c> (a few hundred Korean and international
/// tracks, genres and mood playlists) or <see cref="MusicProviderOptions.CatalogFile"/>. Artist, song, genre and
/// free text match in Korean or English, ignoring case and spacing and forgiving a small typo; results are ranked by
/// how much of the request they explain (a title counts most, then the artist, the album, the genre), ties in
/// catalog order. Items play as <c>dure-catalog://track/{id}</c> (album, playlist, genre likewise).
/// </summary>
public sealed class EmbeddedMusicProvider : IMusicProvider
{
    internal const string ResourceName = "music-catalog.json";

    // How much a matched field says about what the user wants: naming the song says the most.
    private const double TitleWeight = 3;
    private const double ArtistWeight = 2;
    private const double AlbumWeight = 1.5;
    private const double GenreWeight = 1;
    private const double CollectionWeight = 3.5; // a playlist or genre station named outright beats any one track
    private const double MemberWeight = 0.5;     // the tracks of that playlist follow it

    // Words that say "music" without saying which; "by" joins a song and its artist.
    private static readonly HashSet<string> FillerWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "노래", "노래들", "음악", "음악들", "곡", "곡들", "좀", "거", "것", "by", "song", "songs", "music", "track", "tracks", "some", "a",
    };

    private static readonly HashSet<string> AlbumWords = new(StringComparer.OrdinalIgnoreCase) { "앨범", "음반", "album", "albums" };

    private readonly MusicCatalog catalog;
    private readonly NameIndex<CatalogTrack> titles = new();
    private readonly NameIndex<CatalogArtist> artists = new();
    private readonly NameIndex<CatalogAlbum> albums = new();
    private readonly NameIndex<CatalogGenre> genres = new();
    private readonly NameIndex<CatalogPlaylist> playlists = new();
    private readonly List<(string Key, CatalogTrack Track)> titleKeys = [];
    private readonly Dictionary<CatalogTrack, List<CatalogPlaylist>> playlistsOfTrack = [];

    public EmbeddedMusicProvider(IOptions<MusicProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.CatalogFile;
        catalog = new MusicCatalog(EmbeddedData.Load<MusicCatalogFile>(path, ResourceName), string.IsNullOrWhiteSpace(path) ? ResourceName : path);
        foreach (var track in catalog.Tracks)
        {
            for (var i = 0; i < track.Titles.Count; i++)
            {
                titles.Add(track, track.Titles[i], i == 0 ? NameMatchKind.Name : NameMatchKind.Alias);
                titleKeys.Add((NameKey.Normalize(track.Titles[i]), track));
            }

            playlistsOfTrack[track] = catalog.Playlists.Where(p => p.Genres?.Contains(track.Genre.Id) == true).ToList();
        }

        foreach (var artist in catalog.Tracks.Select(t => t.Artist).Distinct())
        {
            AddNames(artists, artist, artist.Name, artist.EnglishName, artist.Aliases);
        }

        foreach (var album in catalog.Albums)
        {
            albums.Add(album, album.Title, NameMatchKind.Name);
        }

        foreach (var genre in catalog.Genres)
        {
            AddNames(genres, genre, genre.Name, genre.EnglishName, genre.Aliases);
        }

        foreach (var playlist in catalog.Playlists)
        {
            AddNames(playlists, playlist, playlist.Name, playlist.EnglishName, playlist.Aliases);
        }
    }

    public Task<IReadOnlyList<MediaItem>> SearchAsync(MusicQuery query, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Search(query, count));
    }

    private IReadOnlyList<MediaItem> Search(MusicQuery query, int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var english = !new[] { query.Text, query.Artist, query.Song, query.Genre }.Any(NameKey.HasHangul);
        var mediaClass = query.MediaClass?.Trim().ToLowerInvariant();

        // A structured part that names nothing in its own field (a song given as the artist) is searched as free text.
        var text = new List<string>();
        var song = Structured(query.Song, s => Match(s).Titles, text);
        var artist = Structured(query.Artist, s => Match(s).Artists, text);
        var genreMatch = query.Genre is { } g && !string.IsNullOrWhiteSpace(g) ? Match(g) : null;
        var genre = genreMatch is { Genres.Count: > 0 } ? genreMatch.Genres : null;
        var playlist = genreMatch is { Playlists.Count: > 0 } ? genreMatch.Playlists : null;
        if (genreMatch is not null && genre is null && playlist is null)
        {
            text.Add(query.Genre!);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            text.Add(query.Text);
        }

        var words = Words(string.Join(' ', text), out var albumWanted);
        if (albumWanted && mediaClass is null)
        {
            mediaClass = "album";
        }

        var segments = new Dictionary<(int Start, int End), Matches>();
        Matches Segment(int start, int end) => segments.TryGetValue((start, end), out var m)
            ? m
            : segments[(start, end)] = Match(string.Join(' ', words[start..end]));

        var structured = song is not null || artist is not null || genre is not null;
        var whole = words.Length > 0 ? Segment(0, words.Length) : null;
        if (whole is not null && text.Count > 0)
        {
            // A name may hold a filler word itself ("relaxing music", "운동 음악"): the words as said count too.
            whole.Add(Match(string.Join(' ', text)));
        }

        var results = new List<(MediaItem Item, double Score, int Order)>();

        foreach (var track in catalog.Tracks)
        {
            var score = 0.0;
            if (song is not null && !Add(ref score, song.GetValueOrDefault(track) * TitleWeight)) { continue; }
            if (artist is not null && !Add(ref score, artist.GetValueOrDefault(track.Artist) * ArtistWeight)) { continue; }
            if (genre is not null && !Add(ref score, genre.GetValueOrDefault(track.Genre) * GenreWeight)) { continue; }
            if (playlist is not null && !structured)
            {
                score += playlistsOfTrack[track].Select(p => playlist.GetValueOrDefault(p)).DefaultIfEmpty().Max() * MemberWeight;
            }

            if (words.Length > 0)
            {
                var textScore = TextScore(track, words.Length, Segment);
                if (textScore == 0)
                {
                    continue;
                }

                score += textScore;
            }

            if (score > 0)
            {
                results.Add((TrackItem(track, english), score, 1000 + track.Order));
            }
        }

        // Albums: named outright, or one artist's albums when albums were asked for.
        foreach (var album in catalog.Albums)
        {
            var score = whole?.Albums.GetValueOrDefault(album) * TitleWeight ?? 0;
            if (words.Length > 1)
            {
                for (var k = 1; k < words.Length; k++)
                {
                    score = Math.Max(score, Both(Segment(0, k).Artists.GetValueOrDefault(album.Artist) * ArtistWeight, Segment(k, words.Length).Albums.GetValueOrDefault(album) * TitleWeight));
                }
            }

            if (mediaClass == "album")
            {
                score = Math.Max(score, (artist?.GetValueOrDefault(album.Artist) ?? whole?.Artists.GetValueOrDefault(album.Artist) ?? 0) * ArtistWeight);
                if (genre is not null)
                {
                    score = genre.ContainsKey(album.Genre) ? score + GenreWeight : 0;
                }
            }

            if (score > 0 && song is null)
            {
                results.Add((AlbumItem(album, english), score, 500 + album.Order));
            }
        }

        // A mood playlist or a genre station, when that is all the request names.
        if (!(song is not null || artist is not null))
        {
            var named = playlist ?? (genre is null && whole is not null ? whole.Playlists : null);
            foreach (var (list, quality) in named ?? [])
            {
                results.Add((PlaylistItem(list, english), quality * CollectionWeight, 0));
            }

            var stations = genre ?? (whole is not null && !structured ? whole.Genres : null);
            foreach (var (station, quality) in stations ?? [])
            {
                results.Add((GenreItem(station, english), quality * CollectionWeight, 100));
            }
        }

        IEnumerable<(MediaItem Item, double Score, int Order)> ranked = results.OrderByDescending(r => r.Score).ThenBy(r => r.Order);
        var kinds = mediaClass switch
        {
            "track" or "song" or "music" or "artist" => ["track"],
            "album" => ["album"],
            "playlist" => ["playlist", "radio"],
            "radio" or "genre" or "station" or "channel" => ["radio", "playlist"],
            _ => (string[]?)null,
        };
        if (kinds is not null && ranked.Any(r => kinds.Contains(r.Item.Kind)))
        {
            ranked = ranked.Where(r => kinds.Contains(r.Item.Kind));
        }

        return ranked.Select(r => r.Item).Take(count).ToList();
    }

    // How well the free-text words describe this track: all of them as one field ("밤편지", "아이유"), or the
    // words split in two between two fields ("아이유 밤편지", "Dynamite BTS"). Zero when some words fit nothing.
    private double TextScore(CatalogTrack track, int length, Func<int, int, Matches> segment)
    {
        var best = FieldScores(track, segment(0, length)).Max();
        for (var k = 1; k < length; k++)
        {
            var left = FieldScores(track, segment(0, k));
            var right = FieldScores(track, segment(k, length));
            for (var a = 0; a < left.Length; a++)
            {
                for (var b = 0; b < right.Length; b++)
                {
                    if (a != b)
                    {
                        best = Math.Max(best, Both(left[a], right[b]));
                    }
                }
            }
        }

        return best;
    }

    // A playlist is a field too: "신나는 노래" lets the playlist's tracks follow it, "신나는 아이유" picks IU's upbeat ones.
    private double[] FieldScores(CatalogTrack track, Matches m) =>
    [
        m.Titles.GetValueOrDefault(track) * TitleWeight,
        m.Artists.GetValueOrDefault(track.Artist) * ArtistWeight,
        m.Albums.GetValueOrDefault(track.Album) * AlbumWeight,
        m.Genres.GetValueOrDefault(track.Genre) * GenreWeight,
        m.Playlists.Count == 0 ? 0 : playlistsOfTrack[track].Select(p => m.Playlists.GetValueOrDefault(p)).DefaultIfEmpty().Max() * MemberWeight,
    ];

    private static double Both(double a, double b) => a > 0 && b > 0 ? a + b : 0;

    private static bool Add(ref double score, double part)
    {
        score += part;
        return part > 0;
    }

    private Dictionary<TKey, double>? Structured<TKey>(string? value, Func<string, Dictionary<TKey, double>> field, List<string> fallback)
        where TKey : notnull
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var matches = field(value);
        if (matches.Count > 0)
        {
            return matches;
        }

        fallback.Add(value);
        return null;
    }

    private static string[] Words(string text, out bool albumWanted)
    {
        var all = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        albumWanted = all.Any(AlbumWords.Contains);
        return all.Where(w => !FillerWords.Contains(w) && !AlbumWords.Contains(w)).ToArray();
    }

    /// <summary>Everything a piece of text could name, each with how well (1 name, 0.95 alias, 0.9/0.8/0.7 typo, under 0.7 part of a title).</summary>
    private Matches Match(string text)
    {
        var matches = new Matches();
        foreach (var variant in Variants(text))
        {
            Merge(matches.Titles, titles.Find(variant));
            Merge(matches.Artists, artists.Find(variant));
            Merge(matches.Albums, albums.Find(variant));
            Merge(matches.Genres, genres.Find(variant));
            Merge(matches.Playlists, playlists.Find(variant));
            if (matches.Titles.Count == 0)
            {
                PartOfTitle(NameKey.Normalize(variant), matches.Titles);
            }
        }

        return matches;
    }

    // "아이유의" is 아이유 with the possessive the caller may have left on.
    private static IEnumerable<string> Variants(string text)
    {
        yield return text;
        var trimmed = text.TrimEnd();
        if (trimmed.Length > 2 && trimmed.EndsWith('의') && NameKey.HasHangul(trimmed))
        {
            yield return trimmed[..^1];
        }
    }

    // "Bohemian" for "Bohemian Rhapsody": part of a title, worth less the less of the title it covers.
    private void PartOfTitle(string key, Dictionary<CatalogTrack, double> into)
    {
        var longEnough = NameKey.HasHangul(key) ? key.Length >= 2 : key.Length >= 4;
        if (!longEnough)
        {
            return;
        }

        foreach (var (title, track) in titleKeys)
        {
            if (title.Length > key.Length && title.Contains(key, StringComparison.Ordinal))
            {
                var quality = 0.4 + (0.3 * key.Length / title.Length);
                into[track] = Math.Max(into.GetValueOrDefault(track), quality);
            }
        }
    }

    private static void Merge<T>(Dictionary<T, double> into, IReadOnlyList<NameMatch<T>> found) where T : notnull
    {
        foreach (var match in found)
        {
            var quality = match.Kind switch
            {
                NameMatchKind.Name => 1.0,
                NameMatchKind.Alias => 0.95,
                _ => Math.Max(0.5, 0.9 - (0.1 * (match.Distance - 1))),
            };
            into[match.Item] = Math.Max(into.GetValueOrDefault(match.Item), quality);
        }
    }

    private static void AddNames<T>(NameIndex<T> index, T item, string name, string? englishName, List<string>? aliases)
    {
        index.Add(item, name, NameMatchKind.Name);
        index.Add(item, englishName, NameMatchKind.Name);
        foreach (var alias in aliases ?? [])
        {
            index.Add(item, alias, NameMatchKind.Alias);
        }
    }

    private static string Say(string name, string? englishName, bool english) => english && englishName is not null ? englishName : name;

    private static MediaItem TrackItem(CatalogTrack track, bool english) =>
        new(track.Id, "track", english ? track.EnglishTitle : track.Titles[0], Say(track.Artist.Name, track.Artist.EnglishName, english),
            Say(track.Genre.Name, track.Genre.EnglishName, english), $"dure-catalog://track/{track.Id}");

    private static MediaItem AlbumItem(CatalogAlbum album, bool english) =>
        new(album.Id, "album", album.Title, Say(album.Artist.Name, album.Artist.EnglishName, english),
            Say(album.Genre.Name, album.Genre.EnglishName, english), $"dure-catalog://album/{album.Id}");

    private static MediaItem PlaylistItem(CatalogPlaylist playlist, bool english) =>
        new($"playlist-{playlist.Id}", "playlist", Say(playlist.Name, playlist.EnglishName, english), null, null, $"dure-catalog://playlist/{playlist.Id}");

    private static MediaItem GenreItem(CatalogGenre genre, bool english)
    {
        var name = Say(genre.Name, genre.EnglishName, english);
        return new($"genre-{genre.Id}", "radio", name, null, name, $"dure-catalog://genre/{genre.Id}");
    }

    private sealed class Matches
    {
        public Dictionary<CatalogTrack, double> Titles { get; } = [];
        public Dictionary<CatalogArtist, double> Artists { get; } = [];
        public Dictionary<CatalogAlbum, double> Albums { get; } = [];
        public Dictionary<CatalogGenre, double> Genres { get; } = [];
        public Dictionary<CatalogPlaylist, double> Playlists { get; } = [];

        public void Add(Matches other)
        {
            Keep(Titles, other.Titles);
            Keep(Artists, other.Artists);
            Keep(Albums, other.Albums);
            Keep(Genres, other.Genres);
            Keep(Playlists, other.Playlists);
        }

        private static void Keep<T>(Dictionary<T, double> into, Dictionary<T, double> from) where T : notnull
        {
            foreach (var (item, quality) in from)
            {
                into[item] = Math.Max(into.GetValueOrDefault(item), quality);
            }
        }
    }
}
