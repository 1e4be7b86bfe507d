using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>TLS to the broker: on or off, a CA certificate (PEM) to trust instead of the system's, or no verification at all.</summary>
public sealed record MqttTls(bool Enabled = false, string? CaCertificate = null, bool AllowUntrusted = false);

/// <summary>Which discovery protocols the bridge reads, under which topics.</summary>
public sealed record MqttDiscovery(bool HomeAssistant = true, bool Zigbee2Mqtt = true, string Prefix = "homeassistant",
    string Zigbee2MqttBaseTopic = "zigbee2mqtt");

/// <summary>Where devices of one Home Assistant area or zigbee2mqtt group go: a home (default: the bridge's) and an area of it.</summary>
public sealed record MqttPlacement(string? HomeId = null, string? AreaId = null);

/// <summary>
/// A site's MQTT bridge as stored (the password apart): the broker, TLS, credentials, discovery, the home discovered
/// devices go into and where particular areas or groups go instead.
/// </summary>
public sealed record MqttSettings(
    string Host,
    int Port,
    MqttTls Tls,
    string? Username,
    string ClientId,
    MqttDiscovery Discovery,
    string? HomeId,
    IReadOnlyDictionary<string, MqttPlacement> Areas)
{
    /// <summary>Every home the bridge puts devices into.</summary>
    [JsonIgnore]
    public IReadOnlySet<string> Homes => new HashSet<string>(
        Areas.Values.Select(p => p.HomeId ?? HomeId).OfType<string>().Append(HomeId).OfType<string>(), StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, HomeNetworkJson.Options);

    public static MqttSettings FromJson(string json) => JsonSerializer.Deserialize<MqttSettings>(json, HomeNetworkJson.Options)!;
}

/// <summary>The body of <c>PUT /v1/sites/{siteId}/mqtt</c>; omitted fields take their defaults, an omitted password keeps the stored one.</summary>
public sealed record MqttBridgeRequest(
    string? Host,
    int? Port,
    MqttTls? Tls,
    string? Username,
    string? Password,
    string? ClientId,
    MqttDiscovery? Discovery,
    string? HomeId,
    Dictionary<string, MqttPlacement>? Areas)
{
    private const int MaxText = 256;

    /// <summary>The settings this request asks for, or a sentence saying what is wrong with it.</summary>
    public (MqttSettings? Settings, string? Error) Validate(string siteId)
    {
        if (Host is not { Length: > 0 and <= MaxText } host || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return (null, "host is required: the broker's host name or IP address");
        }

        var tls = Tls ?? new MqttTls();
        var port = Port ?? (tls.Enabled ? 8883 : 1883);
        if (port is < 1 or > 65535)
        {
            return (null, "port must be between 1 and 65535");
        }

        if (tls.CaCertificate is { } pem)
        {
            if (!tls.Enabled)
            {
                return (null, "tls.caCertificate needs tls.enabled: true");
            }

            try
            {
                using var _ = X509Certificate2.CreateFromPem(pem);
            }
            catch (CryptographicException)
            {
                return (null, "tls.caCertificate must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)");
            }
        }

        if (Username is { Length: > MaxText } || Password is { Length: > MaxText } || ClientId is { Length: > 128 })
        {
            return (null, $"username and password may be at most {MaxText} characters, clientId at most 128");
        }

        if (Password is { Length: > 0 } && string.IsNullOrEmpty(Username))
        {
            return (null, "a password needs a username");
        }

        var discovery = Discovery ?? new MqttDiscovery();
        foreach (var (name, topic) in new[] { ("discovery.prefix", discovery.Prefix), ("discovery.zigbee2mqttBaseTopic", discovery.Zigbee2MqttBaseTopic) })
        {
            if (string.IsNullOrWhiteSpace(topic) || topic.Length > MaxText || topic.IndexOfAny(['+', '#']) >= 0 || topic.StartsWith('/') || topic.EndsWith('/'))
            {
                return (null, $"{name} must be a topic without wildcards or leading or trailing '/'");
            }
        }

        if (!discovery.HomeAssistant && !discovery.Zigbee2Mqtt)
        {
            return (null, "enable at least one of discovery.homeAssistant and discovery.zigbee2mqtt");
        }

        var areas = Areas ?? [];
        if (HomeId is null && (areas.Count == 0 || areas.Values.Any(p => p.HomeId is null)))
        {
            return (null, "homeId is required: the home discovered devices go into (or give every entry of areas its homeId)");
        }

        if (areas.Keys.Any(string.IsNullOrWhiteSpace) || areas.Count > 1000)
        {
            return (null, "areas maps Home Assistant area names or zigbee2mqtt group names (not empty) to {homeId?, areaId?}");
        }

        return (new MqttSettings(host, port, tls, string.IsNullOrEmpty(Username) ? null : Username,
            ClientId is { Length: > 0 } id ? id : $"dure-{siteId}", discovery, HomeId,
            areas.ToDictionary(a => a.Key.Trim(), a => a.Value, StringComparer.Ordinal)), null);
    }
}

internal static class HomeNetworkJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
