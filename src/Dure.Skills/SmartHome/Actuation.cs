using System.Collections.Immutable;
using System.Text.Json;
using Dure.Homes;

namespace Dure.Skills.SmartHome;

/// <summary>
/// The command a device gets for an intent, named like a Home Assistant service, and the state the device is
/// expected to report afterwards (applied at once, corrected by the device's own report).
/// </summary>
internal static class Actuation
{
    public static (DeviceCommand Command, DeviceState State) TurnOn(Device device, DeviceState current) => device.Domain switch
    {
        DeviceDomains.Cover => (Command(device, "open_cover"), current.WithValue("open").With("position", 100)),
        DeviceDomains.Valve => (Command(device, "open_valve"), current.WithValue("open")),
        DeviceDomains.Lock => (Command(device, "lock"), current.WithValue("locked")),
        DeviceDomains.Climate => (Command(device, "turn_on"), current.WithValue(current.Text("hvac_mode") ?? "heat")),
        _ => (Command(device, "turn_on"), current.WithValue("on")),
    };

    public static (DeviceCommand Command, DeviceState State) TurnOff(Device device, DeviceState current) => device.Domain switch
    {
        DeviceDomains.Cover => (Command(device, "close_cover"), current.WithValue("closed").With("position", 0)),
        DeviceDomains.Valve => (Command(device, "close_valve"), current.WithValue("closed")),
        DeviceDomains.Lock => (Command(device, "unlock"), current.WithValue("unlocked")),
        _ => (Command(device, "turn_off"), current.WithValue("off")),
    };

    public static (DeviceCommand Command, DeviceState State) SetLight(Device device, DeviceState current, double? brightness, string? color)
    {
        if (brightness is 0)
        {
            return TurnOff(device, current);
        }

        var parameters = ImmutableDictionary.CreateBuilder<string, JsonElement>();
        var state = current.WithValue("on");
        if (brightness is { } level)
        {
            parameters["brightness"] = JsonSerializer.SerializeToElement(level);
            state = state.With("brightness", level);
        }

        if (color is not null)
        {
            parameters["color"] = JsonSerializer.SerializeToElement(color);
            state = state.With("color", color);
        }

        return (new DeviceCommand(device.Id, device.Domain, "turn_on", parameters.ToImmutable()), state);
    }

    public static (DeviceCommand Command, DeviceState State) SetTemperature(Device device, DeviceState current, double temperature)
    {
        var parameters = ImmutableDictionary.CreateBuilder<string, JsonElement>();
        parameters["temperature"] = JsonSerializer.SerializeToElement(temperature);
        var state = current.With("temperature", temperature);

        // Asking for a temperature means wanting the heating or cooling on.
        if (current.Value == "off")
        {
            var mode = current.Text("hvac_mode") ?? "heat";
            parameters["hvac_mode"] = JsonSerializer.SerializeToElement(mode);
            state = state.WithValue(mode);
        }

        return (new DeviceCommand(device.Id, device.Domain, "set_temperature", parameters.ToImmutable()), state);
    }

    public static (DeviceCommand Command, DeviceState State) SetPosition(Device device, DeviceState current, double position)
    {
        var action = device.Domain == DeviceDomains.Valve ? "set_valve_position" : "set_cover_position";
        var parameters = ImmutableDictionary<string, JsonElement>.Empty.Add("position", JsonSerializer.SerializeToElement(position));
        return (new DeviceCommand(device.Id, device.Domain, action, parameters),
            current.WithValue(position > 0 ? "open" : "closed").With("position", position));
    }

    private static DeviceCommand Command(Device device, string action) =>
        new(device.Id, device.Domain, action, ImmutableDictionary<string, JsonElement>.Empty);
}
