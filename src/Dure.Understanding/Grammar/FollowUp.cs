using System.Text.Json.Nodes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar;

/// <summary>
/// Fragments that continue the previous request: another place ("침실도", "what about the kitchen?") or another
/// value ("아니 25도", "make it 8"). The previous request's intent is kept; only what the fragment says replaces
/// its slots. Anything with a verb or a topic of its own is a new request, not a follow-up.
/// </summary>
internal static class FollowUp
{
    private static readonly string[] NumberSlots = ["temperature", "brightness", "position", "volume", "duration", "quantity", "channel"];

    private static readonly string[] TextSlots = ["item", "destination", "contact", "message", "search_query", "location", "name"];

    /// <param name="frame">The fragment.</param>
    /// <param name="context">The home and the speaking device's room.</param>
    /// <param name="previous">The request it continues.</param>
    /// <param name="expecting">A slot the assistant asked for ("time" after "몇 시로 맞출까요?"), filled even when absent.</param>
    public static ParseResult? Merge(Frame frame, ParseContext context, ParseResult previous, string? expecting = null)
    {
        if (expecting is not null && Expected(frame, context, previous, expecting) is { } filled)
        {
            return previous with { Slots = [.. previous.Slots.Where(s => s.Name != filled.Name), filled], Confidence = Math.Round(frame.Coverage, 3) };
        }

        if (previous.Intent is null || frame.Action != ActionKind.None || frame.Topics.Count > 0 || frame.Negation ||
            frame.Verbs.Any(v => v is not ("no" or "yes")) || frame.Nouns.Count > 0 && frame.Areas.Count == 0 && frame.Devices.Count == 0)
        {
            return null;
        }

        var slots = previous.Slots.ToDictionary(s => s.Name);
        var changed = false;

        if (frame.Areas.Count > 0 || frame.Devices.Count > 0 || frame.Floors.Count > 0)
        {
            var use = previous.Intent is Intents.GetState or Intents.ClimateGetTemperature ? TargetUse.Question : TargetUse.Command;
            var domain = slots.TryGetValue("domain", out var d) ? d.Value.GetValue<string>() : null;
            var target = TargetResolver.Resolve(frame, context, use, frame.Devices.Count > 0 ? null : domain, defaultArea: false);
            foreach (var name in new[] { "name", "area", "floor" })
            {
                slots.Remove(name);
            }

            if (!target.DeviceIds.IsEmpty)
            {
                slots.Remove("domain");
                slots.Remove("device_class");
                var ids = target.DeviceIds;
                slots["name"] = new Slot("name", ids.Length == 1 ? JsonValue.Create(ids[0]) : new JsonArray([.. ids.Select(i => (JsonNode?)JsonValue.Create(i))]), target.DeviceName?.Spoken);
            }

            if (target.AreaId is { } area)
            {
                slots["area"] = new Slot("area", JsonValue.Create(area), target.AreaName?.Spoken);
            }

            if (target.Floor is { } floor)
            {
                slots["floor"] = new Slot("floor", JsonValue.Create(floor.Ids[0]), floor.Spoken);
            }

            changed = true;
        }

        var value = frame.Numbers.LastOrDefault();
        var numberSlot = NumberSlots.FirstOrDefault(slots.ContainsKey);
        if (value is not null && numberSlot is not null && numberSlot != "duration")
        {
            slots[numberSlot] = Results.Number(numberSlot, value.Number);
            changed = true;
        }

        if (frame.Durations.FirstOrDefault() is { } duration && slots.ContainsKey("duration"))
        {
            slots["duration"] = Results.Duration((int)duration.Number);
            changed = true;
        }

        if (frame.Times.FirstOrDefault()?.Time is { } time && slots.ContainsKey("time"))
        {
            var hour = !time.Meridiem && time.Hour < 12 && slots["time"].Value.GetValue<string>() is { } before && int.Parse(before[..2], System.Globalization.CultureInfo.InvariantCulture) >= 12
                ? time.Hour + 12 : time.Hour;
            slots["time"] = Results.Time(hour, time.Minute);
            changed = true;
        }

        if (frame.Dates.FirstOrDefault()?.Date is { } date && (slots.ContainsKey("date") || slots.ContainsKey("time")))
        {
            slots["date"] = Results.Date(date);
            changed = true;
        }

        return changed ? previous with { Slots = [.. slots.Values], Confidence = Math.Round(frame.Coverage, 3), AllTargets = !slots.ContainsKey("name") } : null;
    }

    /// <summary>The value for the slot asked for, read from the answer in the slot's own form.</summary>
    private static Slot? Expected(Frame frame, ParseContext context, ParseResult previous, string slot)
    {
        switch (slot)
        {
            case "time":
                var morning = previous.Intent is Intents.SetAlarm or Intents.WakeUpCall;
                return Services.ClockGrammar.TimeOf(frame, context, morning);
            case "date":
                return frame.Dates.FirstOrDefault()?.Date is { } date ? Results.Date(date) : null;
            case "duration":
                return frame.Durations.FirstOrDefault() is { } duration ? Results.Duration((int)duration.Number) : null;
            case "temperature" or "brightness" or "position" or "volume" or "quantity" or "channel":
                return frame.Numbers.LastOrDefault() is { } number ? Results.Number(slot, number.Number) : null;
            default:
                if (!TextSlots.Contains(slot) || frame.Action != ActionKind.None && frame.Verbs.Count == 0 && frame.HasTarget)
                {
                    return null;
                }

                return Results.Text(slot, FreeText.Between(frame, 0, frame.Utterance.Tokens.Length));
        }
    }
}
