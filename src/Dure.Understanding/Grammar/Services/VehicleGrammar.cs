using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// Driving: navigate to a destination ("부산항으로 안내해줘", "take me to Incheon port"), cancel it, the arrival
/// time, and nearby rest areas, gas stations, EV chargers and parking.
/// </summary>
internal static class VehicleGrammar
{
    public static ParseResult? Interpret(Frame frame)
    {
        var navigate = FreeText.Find(frame, FreeText.IsVerb("navigate"));
        if (navigate >= 0 && (frame.Does("cancel") || frame.Action == ActionKind.Off || frame.Does("pause")))
        {
            return Results.Make(frame, Intents.CancelNavigation);
        }

        if (frame.Has("arrival"))
        {
            return Results.Make(frame, Intents.Eta);
        }

        var poi = frame.Topics.FirstOrDefault(t => t.StartsWith("poi:", StringComparison.Ordinal));
        if (poi is not null && (frame.Has("nearby") || navigate >= 0 || frame.IsQuestion || frame.Does("find")) && !frame.Does("bring"))
        {
            return Results.Make(frame, Intents.FindNearby, Results.Text("poi_type", poi["poi:".Length..]));
        }

        return navigate >= 0 ? Results.Make(frame, Intents.Navigate, Results.Text("destination", Destination(frame, navigate))) : null;
    }

    /// <summary>"[부산항]으로 안내해줘", "[서울역]까지 가자"; "navigate to [Busan port]", "take me to [the office]".</summary>
    private static string? Destination(Frame frame, int navigate)
    {
        var tokens = frame.Utterance.Tokens;
        if (frame.Language == "en")
        {
            var start = navigate + 1;
            while (start < tokens.Length && tokens[start].Surface is "to" or "me" or "the")
            {
                start++;
            }

            return FreeText.Between(frame, start, tokens.Length);
        }

        var end = navigate;
        var first = 0;
        while (first < end && tokens[first].Lexeme is { Kind: LexKind.Filler } or { Kind: LexKind.Verb, Value: "navigate" })
        {
            first++;
        }

        return FreeText.Between(frame, first, end);
    }
}
