namespace Dure.Understanding;

/// <summary>Dure's intent names (PRODUCT.md §5) and the Home Assistant names they map to one-to-one.</summary>
public static class Intents
{
    public const string TurnOn = "home.turn_on";
    public const string TurnOff = "home.turn_off";
    public const string LightSet = "home.light_set";
    public const string GetState = "home.get_state";
    public const string ClimateSetTemperature = "home.climate_set_temperature";
    public const string ClimateGetTemperature = "home.climate_get_temperature";
    public const string SetPosition = "home.set_position";
    public const string GetTime = "clock.get_time";
    public const string GetDate = "clock.get_date";
    public const string Nevermind = "system.nevermind";

    private static readonly Dictionary<string, string> HomeAssistantNames = new(StringComparer.Ordinal)
    {
        [TurnOn] = "HassTurnOn",
        [TurnOff] = "HassTurnOff",
        [LightSet] = "HassLightSet",
        [GetState] = "HassGetState",
        [ClimateSetTemperature] = "HassClimateSetTemperature",
        [ClimateGetTemperature] = "HassClimateGetTemperature",
        [SetPosition] = "HassSetPosition",
        [GetTime] = "HassGetCurrentTime",
        [GetDate] = "HassGetCurrentDate",
        [Nevermind] = "HassNevermind",
    };

    /// <summary>The Home Assistant intent name, or null when the intent has no HA counterpart.</summary>
    public static string? ToHomeAssistant(string intent) => HomeAssistantNames.GetValueOrDefault(intent);

    public static IEnumerable<string> All => HomeAssistantNames.Keys;
}
