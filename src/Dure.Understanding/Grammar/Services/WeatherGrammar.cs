using Dure.Homes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>Weather: "내일 서울 날씨 어때?", "비 와?", "what's the weather like in London".</summary>
internal static class WeatherGrammar
{
    public static ParseResult? Interpret(Frame frame, ParseContext context)
    {
        var topic = FreeText.Find(frame, l => l is { Kind: LexKind.Topic, Value: "weather" or "rain" or "snow" or "dust" });
        // A device of another kind named ("outside temperature", "air quality sensor") is read by the home grammar.
        if (topic < 0 || frame.Action != ActionKind.None || frame.Devices.Any(d => !IsWeather(context, d.Name)))
        {
            return null;
        }

        var date = frame.Dates.FirstOrDefault()?.Date;
        var aspect = frame.Has("rain") ? "rain" : frame.Has("snow") ? "snow" : frame.Has("dust") ? "dust" : null;
        return Results.Make(frame, Intents.GetWeather, Location(frame, topic), date is { } d ? Results.Date(d) : null, Results.Text("aspect", aspect));
    }

    private static bool IsWeather(ParseContext context, NameRef name) =>
        name.Ids.Any(id => context.Home.FindDevice(id)?.Domain == DeviceDomains.Weather);

    /// <summary>A weather entity of the home ("London"), else the place said: "서울 날씨", "weather in Busan".</summary>
    private static Slot? Location(Frame frame, int topic)
    {
        if (frame.Devices.FirstOrDefault()?.Name is { } named)
        {
            return Results.Text("location", named.Spoken, named.Spoken);
        }

        var tokens = frame.Utterance.Tokens;
        if (frame.Language == "en")
        {
            var inWord = FreeText.FindWord(frame, 0, "in", "for", "at");
            if (inWord >= 0)
            {
                var end = inWord + 1;
                while (end < tokens.Length && (tokens[end].IsUnknown || tokens[end].Kind is LexKind.Area))
                {
                    end++;
                }

                return Results.Text("location", FreeText.Between(frame, inWord + 1, end));
            }
        }

        // The place may carry a particle of its own ("부산의 날씨", "제주도 날씨"); the text below drops it.
        var start = topic;
        if (start > 1 && tokens[start - 1] is { Kind: LexKind.Particle, StartsWord: false } && tokens[start - 2].IsUnknown)
        {
            start--;
        }

        while (start > 0 && tokens[start - 1].IsUnknown)
        {
            start--;
        }

        return start < topic ? Results.Text("location", FreeText.Between(frame, start, topic)) : null;
    }
}
