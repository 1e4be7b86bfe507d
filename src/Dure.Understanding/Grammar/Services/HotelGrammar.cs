using Dure.Homes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// Hotel guest services: amenities ("수건 두 장 더 갖다 주세요"), checkout and late checkout, Wi-Fi,
/// housekeeping and facilities ("수영장 몇 시까지 해?"). Wake-up calls are in the clock grammar.
/// </summary>
internal static class HotelGrammar
{
    public static ParseResult? Interpret(Frame frame, ParseContext context)
    {
        if (frame.Has("checkout"))
        {
            return Results.Make(frame, frame.Has("late") ? Intents.LateCheckout : Intents.CheckoutInfo);
        }

        if (frame.Has("wifi"))
        {
            return Results.Make(frame, Intents.WifiInfo);
        }

        var amenity = FreeText.Find(frame, FreeText.IsTopic("amenity"));
        if (amenity >= 0 && frame.Action is ActionKind.None or ActionKind.Set && !frame.Has("nearby"))
        {
            var quantity = frame.Numbers.FirstOrDefault(n => n.Unit is null or "count" or "sheet" or "cup" or "person");
            return Results.Make(frame, Intents.RequestAmenity,
                Results.Text("item", frame.Utterance.Tokens[amenity].Surface),
                quantity is null ? null : Results.Number("quantity", quantity.Number));
        }

        // "청소해 주세요" is housekeeping unless the home has a robot vacuum to send.
        if (frame.Has("housekeeping") && !context.Home.Devices.Any(d => d.Domain == DeviceDomains.Vacuum))
        {
            return Results.Make(frame, Intents.Housekeeping);
        }

        var facility = frame.Topics.FirstOrDefault(t => t.StartsWith("facility:", StringComparison.Ordinal));
        // "수영장 몇 시에 열어?" asks about opening hours: a facility is never a device to open or close.
        if (facility is not null && !frame.Has("nearby") && (frame.Action == ActionKind.None || frame.Has("hours") || frame.TimeQuestion))
        {
            return Results.Make(frame, Intents.FacilityInfo, Results.Text("facility", facility["facility:".Length..]));
        }

        return null;
    }
}
