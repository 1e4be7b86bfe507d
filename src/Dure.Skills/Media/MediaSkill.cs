using System.Collections.Immutable;
using System.Text.Json;
using Dure.Homes;
using Dure.Skills.Providers;
using Dure.Understanding;
using static Dure.Skills.Phrases;

namespace Dure.Skills.Media;

/// <summary>
/// Music and TV on a player: search and play from the music provider, pause, resume, next, previous, volume,
/// and TV channels by number or by name from the home's channel map. Each becomes a <c>Device.Control</c> for
/// the player (Home Assistant's media_player services): a named player, else the player in the room, else the
/// speaking device itself.
/// </summary>
internal sealed class MediaSkill : ISkill
{
    public bool Handles(string intent) => intent.StartsWith("media.", StringComparison.Ordinal) || intent == Intents.ChangeChannel;

    public async ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        var player = Player(request);
        return request.Intent switch
        {
            Intents.MediaSearchAndPlay => await PlayAsync(request, player, cancellationToken),
            Intents.ChangeChannel => Channel(request, player),
            Intents.MediaPause => Control(request, player, "media_pause", "일시정지했어요.", "Paused."),
            Intents.MediaResume => Control(request, player, "media_play", "다시 재생할게요.", "Resuming."),
            Intents.MediaNext => Control(request, player, "media_next_track", "다음 곡을 틀게요.", "Skipping to the next one."),
            Intents.MediaPrevious => Control(request, player, "media_previous_track", "이전 곡을 틀게요.", "Going back to the previous one."),
            _ => Volume(request, player),
        };
    }

    private static async ValueTask<TurnOutcome> PlayAsync(SkillRequest request, string player, CancellationToken cancellationToken)
    {
        if (request.Services.Music is not { } music)
        {
            return request.Say("지금은 음악을 틀 수 없어요.", "Music isn't available right now.");
        }

        var parse = request.Parse;
        var query = new MusicQuery(parse.Text("search_query"), parse.Text("artist"), parse.Text("song"), parse.Text("genre"), parse.Text("media_class"));
        if (query.Text is null && query.Genre is null)
        {
            return request.Ask("어떤 음악을 틀까요?", "What should I play?", "search_query");
        }

        var found = await music.SearchAsync(query, 20, cancellationToken);
        if (found.Count == 0)
        {
            return request.Say($"{Called(query.Text ?? query.Genre!)} 음악은 찾지 못했어요.", $"I couldn't find {query.Text ?? query.Genre}.");
        }

        var first = found[0];
        var command = Command(player, "play_media", new Dictionary<string, object?>
        {
            ["media_content_id"] = first.Uri,
            ["media_content_type"] = first.Kind,
            ["title"] = first.Title,
            ["artist"] = first.Artist,
        });
        var what = first.Kind == "track" && first.Artist is { } artist
            ? (Korean: $"{artist}의 '{first.Title}'", English: $"{first.Title} by {artist}")
            : (Korean: $"'{first.Title}'", English: first.Title);
        return Outcome(request, command, $"{Eul(what.Korean)} 틀게요.", $"Playing {what.English}.");
    }

    /// <summary>"KBS 틀어줘", "11번": a channel by name through the home's channel map, or by number.</summary>
    private static TurnOutcome Channel(SkillRequest request, string player)
    {
        var map = request.Profile<TvProfile>("tv")?.Channels ?? DefaultChannels;
        var spoken = request.Parse.Text("channel");
        if (request.Parse.Number("channel") is null && spoken is null)
        {
            return request.Ask("몇 번 채널로 바꿀까요?", "Which channel?", "channel");
        }

        // A number comes as a JSON integer ("11번"), a name as text ("KBS"): read each with its own accessor.
        var (number, name) = request.Parse.Number("channel") is { } said
            ? (said, map.FirstOrDefault(c => c.Number == said)?.Name)
            : map.FirstOrDefault(c => string.Equals(c.Name, spoken, StringComparison.OrdinalIgnoreCase)) is { } entry
                ? (entry.Number, entry.Name)
                : (double.NaN, spoken);
        if (double.IsNaN(number))
        {
            return request.Say($"{name} 채널 번호를 모르겠어요.", $"I don't know the channel number for {name}.");
        }

        var label = name is null ? $"{Number(number)}번" : $"{name}({Number(number)}번)";
        var command = Command(player, "play_media", new Dictionary<string, object?>
        {
            ["media_content_type"] = "channel",
            ["media_content_id"] = Number(number),
            ["channel_name"] = name,
        });
        return Outcome(request, command, $"{Ro(label)} 바꿀게요.", name is null ? $"Switching to channel {Number(number)}." : $"Switching to {name}, channel {Number(number)}.");
    }

    private static TurnOutcome Volume(SkillRequest request, string player)
    {
        if (request.Parse.Number("volume") is { } level)
        {
            return Outcome(request, Command(player, "volume_set", new Dictionary<string, object?> { ["volume_level"] = level }),
                $"볼륨을 {Ro(Number(level))} 맞췄어요.", $"Volume set to {Number(level)}.");
        }

        return request.Parse.Text("volume_step") == "down"
            ? Control(request, player, "volume_down", "소리를 줄였어요.", "Turned it down.")
            : Control(request, player, "volume_up", "소리를 키웠어요.", "Turned it up.");
    }

    private static TurnOutcome Control(SkillRequest request, string player, string action, string korean, string english) =>
        Outcome(request, Command(player, action, []), korean, english);

    private static TurnOutcome Outcome(SkillRequest request, DeviceCommand command, string korean, string english) =>
        new(new Speech(request.Korean ? korean : english, request.Language), [command], ImmutableDictionary<string, DeviceState>.Empty, request.Intent);

    private static DeviceCommand Command(string player, string action, Dictionary<string, object?> parameters) =>
        new(player, DeviceDomains.MediaPlayer, action,
            parameters.Where(p => p.Value is not null).ToImmutableDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)));

    /// <summary>The named player, else a player in the room meant, else the speaking device, which plays itself.</summary>
    private static string Player(SkillRequest request)
    {
        if (request.Parse.DeviceIds is [var named, ..])
        {
            return named;
        }

        var area = request.Parse.Text("area") ?? request.Speaker?.AreaId;
        return request.Home.DevicesIn(area, null).FirstOrDefault(d => d.Domain == DeviceDomains.MediaPlayer)?.Id ?? request.DeviceId;
    }

    private static string Called(string name) => name + (I(name).EndsWith('이') ? "이라는" : "라는");

    private sealed record TvProfile(List<ChannelEntry>? Channels);

    private sealed record ChannelEntry(string Name, double Number);

    /// <summary>Channel numbers common on Korean IPTV; a home's <c>services.tv.channels</c> replaces them.</summary>
    private static readonly List<ChannelEntry> DefaultChannels =
    [
        new("KBS2", 7), new("MBC", 11), new("SBS", 5), new("KBS1", 9), new("EBS", 13), new("JTBC", 15), new("MBN", 16), new("채널A", 18),
        new("TV조선", 19), new("tvN", 17), new("YTN", 24), new("연합뉴스TV", 23), new("OCN", 31), new("Mnet", 27), new("CNN", 95), new("BBC", 96),
    ];
}
