using Dure.Protocol;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// Music and IPTV through the real server, with the household of samples/homes/settop-home.yaml: the set-top box talks
/// (its remote has a microphone) and plays TV, changing channels by number or by name through the operator's channel
/// map; the bedroom speaker plays music from the embedded catalog on the player it controls. Every command is a
/// <c>Device.Control</c> with Home Assistant's media_player services, sent to the device that plays.
/// </summary>
public sealed class MediaScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private const string Home = ScenarioHomes.Iptv;
    private const string SetTop = "media_player.settop";
    private const string Player = "media_player.speaker";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_set_top_box_changes_channel_by_number_or_by_name_from_the_channel_map()
    {
        await using var tv = await Lab.ConnectAsync(Home, SetTop, Ct);
        (string Said, string Answer, string Number, string? Name)[] turns =
        [
            ("KBS2 틀어줘", "KBS2(7번)으로 바꿀게요.", "7", "KBS2"),
            ("11번 틀어줘", "MBC(11번)으로 바꿀게요.", "11", "MBC"),
            ("채널 24번으로 바꿔줘", "YTN(24번)으로 바꿀게요.", "24", "YTN"),
            ("30번 틀어줘", "30번으로 바꿀게요.", "30", null),
            ("put on tvN", "Switching to tvN, channel 17.", "17", "tvN"),
            ("change to channel 9", "Switching to KBS1, channel 9.", "9", "KBS1"),
            ("change to channel 30", "Switching to channel 30.", "30", null),
        ];

        foreach (var (said, answer, number, name) in turns)
        {
            var reply = await tv.SayAsync(said);
            Assert.Equal(answer, reply.Text);
            var channel = name is null ? "" : $",\"channel_name\":\"{name}\"";
            Expect.Control(Expect.OneControl(reply.Before), SetTop, "media_player", "play_media",
                $$"""{"media_content_type":"channel","media_content_id":"{{number}}"{{channel}}}""");
        }

        // The operator's map replaces the built-in one: OCN is not on it.
        var unknown = await tv.SayAsync("OCN 틀어줘");
        Assert.Equal("OCN 채널 번호를 모르겠어요.", unknown.Text);
        Assert.Empty(unknown.Named(MessageNames.DeviceControl));
    }

    [Fact]
    public async Task The_set_top_box_sets_its_volume()
    {
        await using var tv = await Lab.ConnectAsync(Home, SetTop, Ct);
        (string Said, string Answer, string Action, string Params)[] turns =
        [
            ("볼륨 30으로 해줘", "볼륨을 30으로 맞췄어요.", "volume_set", """{"volume_level":30}"""),
            ("소리 줄여줘", "소리를 줄였어요.", "volume_down", "{}"),
            ("volume up", "Turned it up.", "volume_up", "{}"),
            ("set the volume to 15", "Volume set to 15.", "volume_set", """{"volume_level":15}"""),
        ];

        foreach (var (said, answer, action, parameters) in turns)
        {
            var reply = await tv.SayAsync(said);
            Assert.Equal(answer, reply.Text);
            Expect.Control(Expect.OneControl(reply.Before), SetTop, "media_player", action, parameters);
        }
    }

    [Fact]
    public async Task The_speaker_finds_music_by_artist_song_or_genre_and_controls_playback_in_korean()
    {
        await using var speaker = await Lab.ConnectAsync(Home, "speaker", Ct);
        var song = await speaker.SayAsync("아이유의 좋은날 틀어줘");
        Assert.Equal("아이유의 '좋은 날'을 틀게요.", song.Text);
        Expect.Control(Expect.OneControl(song.Before), Player, "media_player", "play_media",
            """{"media_content_id":"dure-catalog://track/iu-2cb7cfb2","media_content_type":"track","title":"좋은 날","artist":"아이유"}""");

        var genre = await speaker.SayAsync("재즈 틀어줘");
        Assert.Equal("'재즈'를 틀게요.", genre.Text);
        Expect.Control(Expect.OneControl(genre.Before), Player, "media_player", "play_media",
            """{"media_content_id":"dure-catalog://genre/jazz","media_content_type":"radio","title":"재즈"}""");

        await AssertPlaybackAsync(speaker,
            ("멈춰", "일시정지했어요.", "media_pause"), ("다시 재생", "다시 재생할게요.", "media_play"),
            ("다음 곡", "다음 곡을 틀게요.", "media_next_track"), ("이전 곡", "이전 곡을 틀게요.", "media_previous_track"));

        Assert.Equal("어떤 음악을 틀까요?", (await speaker.AskedAsync("노래 틀어줘")).Text);
        var answered = await speaker.SayAsync("아이유");
        Assert.Matches("^아이유의 '.+'(을|를) 틀게요\\.$", answered.Text);
        Assert.Equal("아이유", RawDevice.Payload(Expect.OneControl(answered.Before)).GetProperty("params").GetProperty("artist").GetString());
    }

    [Fact]
    public async Task The_speaker_finds_music_by_artist_song_or_genre_and_controls_playback_in_english()
    {
        await using var speaker = await Lab.ConnectAsync(Home, "speaker", Ct);
        var song = await speaker.SayAsync("play Dynamite by BTS");
        Assert.Equal("Playing Dynamite by BTS.", song.Text);
        Expect.Control(Expect.OneControl(song.Before), Player, "media_player", "play_media",
            """{"media_content_id":"dure-catalog://track/bts-ff330d6f","media_content_type":"track","title":"Dynamite","artist":"BTS"}""");

        var genre = await speaker.SayAsync("play some jazz");
        Assert.Equal("Playing Jazz.", genre.Text);
        Expect.Control(Expect.OneControl(genre.Before), Player, "media_player", "play_media",
            """{"media_content_id":"dure-catalog://genre/jazz","media_content_type":"radio","title":"Jazz"}""");

        await AssertPlaybackAsync(speaker,
            ("pause", "Paused.", "media_pause"), ("resume the music", "Resuming.", "media_play"),
            ("next song", "Skipping to the next one.", "media_next_track"), ("previous track", "Going back to the previous one.", "media_previous_track"));

        Assert.Equal("What should I play?", (await speaker.AskedAsync("play some music")).Text);
        var answered = await speaker.SayAsync("BTS");
        Assert.StartsWith("Playing ", answered.Text, StringComparison.Ordinal);
        Assert.EndsWith(" by BTS.", answered.Text, StringComparison.Ordinal);
        Assert.Equal("BTS", RawDevice.Payload(Expect.OneControl(answered.Before)).GetProperty("params").GetProperty("artist").GetString());
    }

    private static async Task AssertPlaybackAsync(Talker speaker, params (string Said, string Answer, string Action)[] turns)
    {
        foreach (var (said, answer, action) in turns)
        {
            var reply = await speaker.SayAsync(said);
            Assert.Equal(answer, reply.Text);
            Expect.Control(Expect.OneControl(reply.Before), Player, "media_player", action);
        }
    }
}
