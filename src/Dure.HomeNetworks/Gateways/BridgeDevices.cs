using Dure.Homes;

namespace Dure.HomeNetworks.Gateways;

/// <summary>
/// The devices Dure adds to a home for its server-side bridges. Each is the device whose grain queues the directives
/// its bridge carries out: the MQTT bridge relays for the devices it discovered (they name it in <c>controlled_by</c>),
/// the wall-pad server is the home's gateway and relays everything else, the elevator included.
/// </summary>
public static class BridgeDevices
{
    public const string MqttBridge = "mqtt-bridge";
    public const string WallPadServer = "wallpad-server";

    /// <summary>The domain of a bridge device: nothing people talk to or control, and hidden from the assistant.</summary>
    public const string Domain = "bridge";

    public static DeviceUpsert Mqtt() => new(Fields(MqttBridge, "MQTT 브리지", "MQTT Bridge", gateway: false));

    /// <summary>First in the list, so that it is the home's gateway even when a talking wall pad is marked as one too.</summary>
    public static DeviceUpsert WallPad() => new(Fields(WallPadServer, "월패드 서버", "Wall-pad Server", gateway: true), First: true);

    private static Dictionary<string, object?> Fields(string id, string korean, string english, bool gateway) => new(StringComparer.Ordinal)
    {
        ["id"] = id,
        ["domain"] = Domain,
        ["gateway"] = gateway ? true : null,
        ["exposed"] = false,
        ["names"] = new Dictionary<string, object?> { ["ko"] = new List<object?> { korean }, ["en"] = new List<object?> { english } },
    };
}
