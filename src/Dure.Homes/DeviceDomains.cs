namespace Dure.Homes;

/// <summary>Home Assistant domain names, used as Dure's device kinds.</summary>
public static class DeviceDomains
{
    public const string Light = "light";
    public const string Switch = "switch";
    public const string Fan = "fan";
    public const string Cover = "cover";
    public const string Lock = "lock";
    public const string Climate = "climate";
    public const string Valve = "valve";
    public const string Sensor = "sensor";
    public const string BinarySensor = "binary_sensor";
    public const string MediaPlayer = "media_player";
    public const string Scene = "scene";
    public const string Script = "script";
    public const string Vacuum = "vacuum";
    public const string Person = "person";
    public const string Todo = "todo";
    public const string Weather = "weather";

    /// <summary>A device the user talks to: a wall pad, speaker, set-top box or phone app.</summary>
    public const string AssistSatellite = "assist_satellite";

    public static IReadOnlyList<string> All { get; } =
    [
        Light, Switch, Fan, Cover, Lock, Climate, Valve, Sensor, BinarySensor, MediaPlayer, Scene, Script,
        Vacuum, Person, Todo, Weather, AssistSatellite,
    ];

    public static string OfEntityId(string entityId)
    {
        var dot = entityId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? entityId[..dot] : entityId;
    }
}
