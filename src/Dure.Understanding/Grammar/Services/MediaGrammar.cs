using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// Music, video and TV on the speaking device or a named player: play by song, artist, album, genre or
/// playlist ("아이유의 좋은날 틀어줘", "play Bohemian Rhapsody by Queen"), pause, resume, next, previous, volume,
/// and TV channels by number or name ("KBS 틀어줘", "채널 11번").
/// </summary>
internal static class MediaGrammar
{
    public static ParseResult? Interpret(Frame frame, ParseContext context)
    {
        // Something other than a media player is the target: "에어컨 틀어줘" turns on the air conditioner.
        if (frame.Devices.Any(d => !IsMedia(context, d.Name)) || frame.Nouns.Any(n => n.All(s => s.Domain is not (null or DeviceDomains.MediaPlayer))))
        {
            return null;
        }

        var player = frame.Devices.Select(d => d.Name).FirstOrDefault();
        var play = frame.Language == "en" ? FreeText.Find(frame, FreeText.IsVerb("play")) : FreeText.FindLast(frame, FreeText.IsVerb("play"));
        var where = Where(frame, context, player, play);
        if (frame.Does("next"))
        {
            return Results.Make(frame, Intents.MediaNext, where);
        }

        if (frame.Does("previous"))
        {
            return Results.Make(frame, Intents.MediaPrevious, where);
        }

        if (Volume(frame) is { } volume)
        {
            return Results.Make(frame, Intents.MediaSetVolume, [.. where, volume]);
        }

        if (Channel(frame) is { } channel)
        {
            return Results.Make(frame, Intents.ChangeChannel, [.. where, channel]);
        }

        // "음악 계속 틀어", "continue playing": playing again what was paused.
        if (frame.Does("resume") && (play < 0 || Query(frame, play) is not { } resumed || resumed.All(s => s is null || s.Name == "media_class" || frame.Does("resume") && ResumeWord(frame, s))))
        {
            return Results.Make(frame, Intents.MediaResume, where);
        }

        if (play >= 0 && Query(frame, play) is { } query)
        {
            return Results.Make(frame, Intents.MediaSearchAndPlay, [.. where, .. query]);
        }

        if (frame.Does("resume") && (player is not null || !frame.HasTarget || frame.Areas.Count > 0))
        {
            return Results.Make(frame, Intents.MediaResume, where);
        }

        if (frame.Does("pause") && !frame.Has("timer"))
        {
            return Results.Make(frame, Intents.MediaPause, where);
        }

        return null;
    }

    private static bool ResumeWord(Frame frame, Slot slot) =>
        slot.Value is JsonValue value && value.TryGetValue(out string? text) &&
        frame.Utterance.Tokens.Any(t => t.Surface == text && t.Readings.Any(FreeText.IsVerb("resume")));

    private static bool IsMedia(ParseContext context, NameRef name) =>
        name.Ids.Any(id => context.Home.FindDevice(id)?.Domain == DeviceDomains.MediaPlayer);

    /// <summary>
    /// The player and room: named ones, else the speaking device's room when it has a player. Only the place
    /// clause counts ("on the TV in the kitchen"), never words inside a title ("play The Office").
    /// </summary>
    private static Slot?[] Where(Frame frame, ParseContext context, NameRef? player, int play)
    {
        var tokens = frame.Utterance.Tokens;
        var placeStart = play < 0 ? 0 : frame.Language == "en" ? TrailingPlace(frame, tokens.Length) : 0;
        var placeEnd = play < 0 || frame.Language == "en" ? tokens.Length : LeadingPlaceEnd(frame, play);
        var area = tokens.Skip(placeStart).Take(placeEnd - placeStart).FirstOrDefault(t => t.Kind == LexKind.Area)?.Lexeme?.Name;
        if (player is null && area is null && context.AreaId is { } here &&
            context.Home.DevicesIn(here, null).Any(d => d.Domain == DeviceDomains.MediaPlayer))
        {
            return [new Slot("area", JsonValue.Create(here))];
        }

        return
        [
            player is null ? null : new Slot("name", JsonValue.Create(player.Ids[0]), player.Spoken),
            area is null ? null : new Slot("area", JsonValue.Create(area.Ids[0]), area.Spoken),
        ];
    }

    private static int LeadingPlaceEnd(Frame frame, int play)
    {
        var tokens = frame.Utterance.Tokens;
        var end = 0;
        while (end < play && (tokens[end].Kind is LexKind.Device or LexKind.Area or LexKind.Noun or LexKind.Filler || IsParticle(tokens[end])))
        {
            end++;
        }

        return end;
    }

    private static Slot? Volume(Frame frame)
    {
        if (frame.Has("mute"))
        {
            return Results.Number("volume", 0);
        }

        // A level said wins over the direction: "turn the volume down to 20 percent" sets 20.
        var level = frame.Numbers.LastOrDefault();
        if ((frame.Attributes.Contains("volume") || frame.Has("volume_up") || frame.Has("volume_down")) && level is not null)
        {
            return Results.Number("volume", Math.Clamp(level.Number, 0, 100));
        }

        return frame.Has("volume_up") ? Results.Text("volume_step", "up")
            : frame.Has("volume_down") ? Results.Text("volume_step", "down")
            : frame.Attributes.Contains("volume") && frame.Action is ActionKind.Raise ? Results.Text("volume_step", "up")
            : frame.Attributes.Contains("volume") && frame.Action is ActionKind.Lower ? Results.Text("volume_step", "down")
            : null;
    }

    /// <summary>A channel by name ("KBS", "JTBC") or number ("11번", "channel 7").</summary>
    private static Slot? Channel(Frame frame)
    {
        var named = frame.Topics.FirstOrDefault(t => t.StartsWith("channel:", StringComparison.Ordinal));
        if (named is not null && (frame.Does("play") || frame.Action is ActionKind.On or ActionKind.Set or ActionKind.None || frame.Has("channel")))
        {
            return Results.Text("channel", named["channel:".Length..]);
        }

        var number = frame.Numbers.FirstOrDefault(n => n.Unit == Dure.Language.Units.Channel) ??
            (frame.Has("channel") ? frame.Numbers.FirstOrDefault() : null);
        return number is null ? null : Results.Number("channel", number.Number);
    }

    /// <summary>What to play, with its class, artist, song or genre when they can be told apart.</summary>
    private static Slot?[]? Query(Frame frame, int play)
    {
        var tokens = frame.Utterance.Tokens;
        int start, end;
        if (frame.Language == "en")
        {
            start = play + 1;
            end = TrailingPlace(frame, tokens.Length);
        }
        else
        {
            start = LeadingPlaceEnd(frame, play);
            end = play;
        }

        // Strip "the ... playlist", "track ...", "... 노래" and remember the class said.
        string? mediaClass = null;
        while (start < end && (IsSkippable(tokens[start]) || MediaClass(tokens[start]) is not null))
        {
            mediaClass ??= MediaClass(tokens[start]);
            start++;
        }

        while (end > start && (IsSkippable(tokens[end - 1]) || MediaClass(tokens[end - 1]) is not null))
        {
            mediaClass ??= MediaClass(tokens[end - 1]);
            end--;
        }

        var query = FreeText.Between(frame, start, end);
        if (query is null)
        {
            return mediaClass is null ? null : [Results.Text("media_class", mediaClass)];
        }

        var genre = end - start == 1 ? tokens[start].Readings.FirstOrDefault(FreeText.IsTopic("genre"))?.Value?["genre:".Length..] : null;
        string? artist = null, song = null;
        var by = FreeText.FindWord(frame, start, frame.Language == "en" ? "by" : "의");
        if (genre is not null)
        {
            // A genre is all there is to it: "재즈 틀어줘", "신나는 노래".
        }
        else if (by > start && by < end)
        {
            (song, artist) = frame.Language == "en"
                ? (FreeText.Between(frame, start, by), FreeText.Between(frame, by + 1, end))
                : (FreeText.Between(frame, by + 1, end), FreeText.Between(frame, start, by));
        }
        else if (frame.Language == "ko" && mediaClass == "track" && genre is null && end < play && tokens[end].Readings.Any(FreeText.IsTopic("media:track")))
        {
            artist = query; // "아이유 노래 틀어줘": songs by 아이유
        }
        else if (mediaClass == "artist")
        {
            artist = query;
        }
        else if (mediaClass == "track")
        {
            song = query;
        }

        return
        [
            Results.Text("search_query", query),
            Results.Text("media_class", genre is not null ? "genre" : mediaClass),
            Results.Text("artist", artist),
            Results.Text("song", song),
            Results.Text("genre", genre),
        ];
    }

    /// <summary>Where an English request's trailing "on the TV" / "in the kitchen" starts.</summary>
    private static int TrailingPlace(Frame frame, int end)
    {
        var tokens = frame.Utterance.Tokens;
        while (true)
        {
            var cut = end;
            while (cut > 0 && tokens[cut - 1].Kind is LexKind.Device or LexKind.Area or LexKind.Floor or LexKind.Noun or LexKind.Here)
            {
                cut--;
            }

            if (cut == end)
            {
                return end;
            }

            while (cut > 0 && tokens[cut - 1].Surface is "the" or "my" or "our")
            {
                cut--;
            }

            if (cut > 0 && tokens[cut - 1].Surface is "on" or "in" or "at")
            {
                end = cut - 1;
                continue;
            }

            return end;
        }
    }

    private static string? MediaClass(Token token) =>
        token.Readings.FirstOrDefault(FreeText.IsTopic("media"))?.Value?["media:".Length..];

    private static bool IsSkippable(Token token) => token.Surface is "the" or "a" or "some" or "my" || IsParticle(token);

    private static bool IsParticle(Token token) => token.Lexeme is { Kind: LexKind.Particle or LexKind.Ending };
}
