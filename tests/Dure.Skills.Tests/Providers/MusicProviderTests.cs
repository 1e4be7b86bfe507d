using Dure.Skills.Providers;
using Microsoft.Extensions.DependencyInjection;
using static Dure.Skills.Tests.Providers.ProviderTestHost;

namespace Dure.Skills.Tests.Providers;

public sealed class EmbeddedMusicProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly IMusicProvider music = Get<IMusicProvider>();

    private Task<IReadOnlyList<MediaItem>> Search(string? text = null, string? artist = null, string? song = null,
        string? genre = null, string? mediaClass = null, int count = 5) =>
        music.SearchAsync(new MusicQuery(text, artist, song, genre, mediaClass), count, None);

    [Theory]
    [InlineData("밤편지", "밤편지", "아이유")]
    [InlineData("Bohemian Rhapsody", "Bohemian Rhapsody", "Queen")]
    [InlineData("보헤미안 랩소디", "Bohemian Rhapsody", "퀸")] // the title as released, the artist in Korean
    [InlineData("다이너마이트", "Dynamite", "방탄소년단")]
    public async Task A_song_named_in_either_language_comes_first(string song, string title, string artist)
    {
        var best = (await Search(song: song))[0];

        Assert.Equal(("track", title, artist), (best.Kind, best.Title, best.Artist));
        Assert.Equal($"dure-catalog://track/{best.Id}", best.Uri);
    }

    [Theory]
    [InlineData("아이유", "아이유")]
    [InlineData("IU", "IU")]
    [InlineData("방탄", "방탄소년단")]          // an alias
    [InlineData("방탄소녀단", "방탄소년단")]     // one jamo off, as an ASR slip
    [InlineData("블랙 핑크", "블랙핑크")]        // spacing ignored
    public async Task An_artist_by_name_alias_or_a_small_slip_gives_only_that_artists_tracks(string said, string artist)
    {
        var found = await Search(artist: said, count: 10);

        Assert.True(found.Count >= 2, $"{said}: {found.Count} results");
        Assert.All(found, item => Assert.Equal(("track", artist), (item.Kind, item.Artist)));
    }

    [Theory]
    [InlineData("아이유 밤편지", "밤편지")]
    [InlineData("밤편지 아이유", "밤편지")]
    [InlineData("Dynamite BTS", "Dynamite")]
    [InlineData("아이유의 팔레트", "팔레트")]
    public async Task Free_text_splits_between_artist_and_title(string text, string title)
    {
        Assert.Equal(title, (await Search(text))[0].Title);
    }

    [Fact]
    public async Task A_genre_plays_its_station_first_then_its_tracks()
    {
        var jazz = await Search(genre: "재즈", count: 4);

        Assert.Equal(("radio", "재즈", "dure-catalog://genre/jazz"), (jazz[0].Kind, jazz[0].Title, jazz[0].Uri));
        Assert.All(jazz.Skip(1), item => Assert.Equal(("track", "재즈"), (item.Kind, item.Genre)));
    }

    [Theory]
    [InlineData("신나는 노래", "신나는 음악")]
    [InlineData("잔잔한 음악", "잔잔한 음악")]
    [InlineData("relaxing music", "Calm music")]
    public async Task A_mood_names_a_playlist(string text, string playlist)
    {
        var best = (await Search(text))[0];

        Assert.Equal(("playlist", playlist), (best.Kind, best.Title));
    }

    [Fact]
    public async Task Albums_of_an_artist_when_albums_are_asked_for()
    {
        var albums = await Search("아이유 앨범", count: 10);

        Assert.NotEmpty(albums);
        Assert.All(albums, item => Assert.Equal(("album", "아이유"), (item.Kind, item.Artist)));
        Assert.Contains(albums, a => a.Title == "Palette");
    }

    [Fact]
    public async Task English_requests_get_english_titles_and_names()
    {
        var best = (await Search(song: "Through the Night"))[0];

        Assert.Equal(("Through the Night", "IU"), (best.Title, best.Artist));
    }

    [Theory]
    [InlineData("쿠루루 삐리빠", null)]
    [InlineData(null, "Zzyzx Unknownband")]
    public async Task Nothing_that_fits_is_an_empty_list(string? text, string? artist)
    {
        Assert.Empty(await Search(text, artist));
    }

    [Fact]
    public async Task Count_limits_the_results_and_zero_asks_for_none()
    {
        Assert.Equal(3, (await Search(genre: "케이팝", count: 3)).Count);
        Assert.Empty(await Search(genre: "케이팝", count: 0));
    }

    [Fact]
    public async Task A_partners_catalog_file_replaces_the_shipped_one()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dure-music-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "genres": [ { "id": "lounge", "name": "라운지", "englishName": "Lounge", "aliases": [] } ],
              "playlists": [],
              "artists": [
                { "id": "house-band", "name": "두레 하우스 밴드", "englishName": "Dure House Band", "genre": "lounge",
                  "albums": [ { "title": "Lobby", "year": 2026, "tracks": ["로비의 아침|Lobby Morning"] } ] }
              ]
            }
            """, TestContext.Current.CancellationToken);
        try
        {
            var hotel = Get<IMusicProvider>(("Dure:Providers:Music:CatalogFile", file));

            var found = await hotel.SearchAsync(new MusicQuery("로비의 아침", null, null, null, null), 5, None);
            var shipped = await hotel.SearchAsync(new MusicQuery(null, null, "밤편지", null, null), 5, None);

            Assert.Equal(("로비의 아침", "두레 하우스 밴드"), (found[0].Title, found[0].Artist));
            Assert.Empty(shipped);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class SpotifyMusicProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Tracks = """
        { "tracks": { "items": [
          { "id": "3n3Ppam7vgaVa1iaRUc9Lp", "name": "밤편지", "uri": "spotify:track:3n3Ppam7vgaVa1iaRUc9Lp", "artists": [ { "name": "IU" } ] },
          null,
          { "id": "", "name": "no id", "uri": "spotify:track:x" }
        ] } }
        """;

    [Fact]
    public async Task Search_sends_field_filters_and_a_client_credentials_token_it_reuses_against_a_local_stand_in_for_spotify()
    {
        await using var spotify = new LocalStandIn(request => request.Path == "/api/token"
            ? (200, """{ "access_token": "token-1", "token_type": "Bearer", "expires_in": 3600 }""")
            : (200, Tracks));
        var music = Compose(
            ("Dure:Providers:Music:Provider", "spotify"),
            ("Dure:Providers:Music:SearchUrl", spotify.BaseUrl + "/v1/search"),
            ("Dure:Providers:Music:TokenUrl", spotify.BaseUrl + "/api/token"),
            ("Dure:Providers:Music:ClientId", "dure"),
            ("Dure:Providers:Music:ClientSecret", "secret")).GetRequiredService<IMusicProvider>();

        var first = await music.SearchAsync(new MusicQuery(null, "아이유", "밤편지", null, null), 5, None);
        await music.SearchAsync(new MusicQuery("잔잔한 음악", null, null, null, "playlist"), 5, None);

        var item = Assert.Single(first);
        Assert.Equal(new MediaItem("3n3Ppam7vgaVa1iaRUc9Lp", "track", "밤편지", "IU", null, "spotify:track:3n3Ppam7vgaVa1iaRUc9Lp"), item);
        var token = spotify.Single("/api/token");
        Assert.Equal(("POST", "Basic ZHVyZTpzZWNyZXQ=", "grant_type=client_credentials"), (token.Method, token.Authorization, token.Body));
        var searches = spotify.Requests.Where(r => r.Path == "/v1/search").ToList();
        Assert.Equal(2, searches.Count);
        Assert.All(searches, s => Assert.Equal("Bearer token-1", s.Authorization));
        Assert.Equal(("track:밤편지 artist:아이유", "track", "5", "KR"),
            (searches[0].Query["q"], searches[0].Query["type"], searches[0].Query["limit"], searches[0].Query["market"]));
        Assert.Equal(("잔잔한 음악", "playlist"), (searches[1].Query["q"], searches[1].Query["type"]));
    }

    [Fact]
    public async Task A_failing_service_is_unavailable_with_its_status_against_a_local_stand_in_for_spotify()
    {
        await using var spotify = new LocalStandIn(_ => (503, """{ "error": { "status": 503, "message": "busy" } }"""));
        var music = Compose(
            ("Dure:Providers:Music:Provider", "spotify"),
            ("Dure:Providers:Music:SearchUrl", spotify.BaseUrl + "/v1/search"),
            ("Dure:Providers:Music:ApiKey", "fixed-key")).GetRequiredService<IMusicProvider>();

        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => music.SearchAsync(new MusicQuery("x", null, null, null, null), 3, None));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal("Bearer fixed-key", spotify.Single("/v1/search").Authorization);
    }

    [Fact]
    public void Spotify_without_credentials_is_refused_at_start_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => Get<IMusicProvider>(("Dure:Providers:Music:Provider", "spotify")));

        Assert.Contains("ClientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_name_is_refused_with_the_choices()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => Get<IMusicProvider>(("Dure:Providers:Music:Provider", "melon")));

        Assert.Contains("spotify", error.Message, StringComparison.Ordinal);
    }
}
