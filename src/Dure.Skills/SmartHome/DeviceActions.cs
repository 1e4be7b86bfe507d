using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Understanding;

namespace Dure.Skills.SmartHome;

/// <summary>
/// One action on one device as an agent asks for it (an MCP client, the LLM agent): <c>turn_on</c>, <c>turn_off</c>,
/// <c>lock</c>, <c>unlock</c>, <c>open</c>, <c>close</c>, <c>set_brightness</c>, <c>set_temperature</c>,
/// <c>set_position</c>; <paramref name="Value"/> is the number the <c>set_</c> actions take.
/// </summary>
public sealed record DeviceAction(string DeviceId, string Action, double? Value = null);

/// <summary>
/// Turns a <see cref="DeviceAction"/> into the request the home skill carries out, so an agent's action is checked,
/// confirmed and answered exactly like the spoken command: unlocking a door or opening a gas valve needs a yes.
/// Only the home's exposed devices can be acted on.
/// </summary>
public static class DeviceActions
{
    public static IReadOnlyList<string> All { get; } =
        ["turn_on", "turn_off", "lock", "unlock", "open", "close", "set_brightness", "set_temperature", "set_position"];

    /// <summary>The home's devices an agent may see and act on: exposed, and not a device people talk to.</summary>
    public static IEnumerable<Device> Exposed(Home home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return home.Controllable.Where(d => d.Exposed);
    }

    /// <summary>The request for <paramref name="action"/>, or why it cannot be done (unknown device, an action the device lacks).</summary>
    public static (ParseResult? Request, string? Problem) Request(Home home, DeviceAction action, string language)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(action);
        if (home.FindDevice(action.DeviceId) is not { Exposed: true } device || device.Domain == DeviceDomains.AssistSatellite)
        {
            return (null, $"the home has no device '{action.DeviceId}' that can be controlled");
        }

        var domain = device.Domain;
        var (intent, slot, range) = action.Action switch
        {
            "turn_on" => (Intents.TurnOn, null, null),
            "turn_off" => (Intents.TurnOff, null, null),
            "lock" when domain == DeviceDomains.Lock => (Intents.TurnOn, null, null),
            "unlock" when domain == DeviceDomains.Lock => (Intents.TurnOff, null, null),
            "open" when domain is DeviceDomains.Cover or DeviceDomains.Valve => (Intents.TurnOn, null, null),
            "close" when domain is DeviceDomains.Cover or DeviceDomains.Valve => (Intents.TurnOff, null, null),
            "set_brightness" when domain == DeviceDomains.Light => (Intents.LightSet, "brightness", (0d, 100d)),
            "set_temperature" when domain == DeviceDomains.Climate => (Intents.ClimateSetTemperature, "temperature", (5d, 40d)),
            "set_position" when domain is DeviceDomains.Cover or DeviceDomains.Valve => (Intents.SetPosition, "position", (0d, 100d)),
            _ => ((string?)null, (string?)null, ((double, double)?)null),
        };
        if (intent is null)
        {
            return (null, All.Contains(action.Action, StringComparer.Ordinal)
                ? $"a {domain} device cannot '{action.Action}'"
                : $"unknown action '{action.Action}'; use one of {string.Join(", ", All)}");
        }

        var slots = ImmutableArray.Create(new Slot("name", JsonValue.Create(device.Id)), new Slot("domain", JsonValue.Create(domain)));
        if (slot is not null)
        {
            if (action.Value is not { } value || !double.IsFinite(value) || value < range!.Value.Item1 || value > range.Value.Item2)
            {
                return (null, $"'{action.Action}' needs a value between {range!.Value.Item1} and {range.Value.Item2}");
            }

            slots = slots.Add(new Slot(slot, JsonValue.Create(value)));
        }

        return (new ParseResult { Intent = intent, Slots = slots, Confidence = 1, Language = language }, null);
    }
}
