using Dure.Homes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// The services of an AI apartment: the elevator, energy usage, parcels, visitors, the parking spot and the
/// management office's notices ("엘리베이터 불러줘", "이번 달 전기 얼마나 썼어?", "택배 왔어?").
/// </summary>
internal static class ApartmentGrammar
{
    public static ParseResult? Interpret(Frame frame, ParseContext context)
    {
        if (frame.Has("elevator"))
        {
            var direction = frame.Has("down") ? "down" : frame.Has("up") ? "up" : null;
            return Results.Make(frame, Intents.CallElevator, Results.Text("direction", direction));
        }

        var date = frame.Dates.FirstOrDefault()?.Date is { } d ? Results.Date(d) : null;
        // A named sensor answers for itself ("water pump usage"); the apartment's meters answer the rest.
        var namedSensor = frame.Devices.Any(d => d.Name.Ids.Any(id => context.Home.FindDevice(id)?.Domain is DeviceDomains.Sensor));
        if (!namedSensor && Utility(frame, context) is { } utility && frame.Action == ActionKind.None &&
            (frame.Has("usage") || (frame.IsQuestion && frame.Devices.Count == 0 && frame.States.Count == 0)))
        {
            return Results.Make(frame, Intents.EnergyUsage, Results.Text("utility", utility), Results.Text("period", Period(frame)));
        }

        if (frame.Has("parcel"))
        {
            return Results.Make(frame, Intents.ParcelCheck, date);
        }

        if (frame.Has("visitor"))
        {
            return Results.Make(frame, Intents.VisitorHistory, date);
        }

        if (frame.Has("parking") && !frame.Has("nearby"))
        {
            return Results.Make(frame, Intents.ParkingLocation);
        }

        return frame.Has("notice") ? Results.Make(frame, Intents.Notices, date) : null;
    }

    /// <summary>Electricity, water, gas or heating; "가스" and "난방" come from the device words.</summary>
    private static string? Utility(Frame frame, ParseContext context)
    {
        var said = frame.Topics.FirstOrDefault(t => t.StartsWith("utility:", StringComparison.Ordinal));
        if (said is not null)
        {
            return said["utility:".Length..];
        }

        if (!frame.Has("usage"))
        {
            return null;
        }

        // "가스 얼마나 썼어?" names the gas (a valve word or the valve itself); the meter is what is meant.
        var kinds = frame.Nouns.SelectMany(n => n)
            .Concat(frame.Devices.SelectMany(d => d.Name.Ids).Select(context.Home.FindDevice).OfType<Device>().Select(d => new Sense(d.Domain, d.DeviceClass)))
            .ToList();
        return kinds.Any(s => s.DeviceClass == "gas") ? "gas"
            : kinds.Any(s => s.Domain == DeviceDomains.Climate) ? "heating"
            : kinds.Any(s => s.DeviceClass == "water") ? "water"
            : "electricity";
    }

    private static string Period(Frame frame) =>
        frame.Has("period:last_month") ? "last_month"
        : frame.Has("period:this_month") ? "this_month"
        : frame.Dates.Count > 0 ? "today"
        : "this_month";
}
