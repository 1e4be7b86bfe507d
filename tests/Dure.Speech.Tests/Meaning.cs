using Dure.Homes;
using Dure.Understanding;

namespace Dure.Speech.Tests;

/// <summary>What an utterance asks of the test home: its intent, the devices it acts on and its other slots.</summary>
internal static class Meaning
{
    private static readonly IntentParser Parser = new();
    private static readonly string[] TargetSlots = ["name", "area", "domain", "device_class"];

    private static string? ImpliedDomain(string? intent) => intent switch
    {
        Intents.LightSet => DeviceDomains.Light,
        Intents.ClimateSetTemperature => DeviceDomains.Climate,
        Intents.SetPosition => DeviceDomains.Cover,
        _ => null,
    };

    public static string Of(string text, Home? home = null)
    {
        home ??= Voice.Home;
        var result = Parser.Parse(text, new ParseContext(home, "living_room", "en"));
        var slots = result.Slots.ToDictionary(s => s.Name, s => s.Value.ToString(), StringComparer.Ordinal);
        if (ImpliedDomain(result.Intent) is { } implied)
        {
            slots.TryAdd("domain", implied);
        }

        var targets = slots.TryGetValue("name", out var name) ? [name]
            : slots.ContainsKey("domain") || slots.ContainsKey("area")
                ? home.DevicesIn(slots.GetValueOrDefault("area"), null)
                    .Where(d => !slots.TryGetValue("domain", out var domain) || d.Domain == domain)
                    .Select(d => d.Id).Order(StringComparer.Ordinal).ToList()
                : [];
        var others = slots.Where(s => !TargetSlots.Contains(s.Key)).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}");
        return $"{result.Intent ?? "(none)"} [{string.Join(",", targets)}] {string.Join(" ", others)}";
    }
}
