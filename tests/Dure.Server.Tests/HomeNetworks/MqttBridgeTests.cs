using System.Net;
using System.Text.Json;
using Dure.Server.Tests.Partners;
using static Dure.Server.Tests.HomeNetworks.NetworkHomes;

namespace Dure.Server.Tests.HomeNetworks;

/// <summary>
/// The MQTT bridge through the real server against a real Mosquitto: devices announced by Home Assistant discovery and
/// by zigbee2mqtt appear in the home, spoken commands are published on their command topics, published states and
/// availability become Dure's states, and a broker restart is survived without duplicate devices or lost commands.
/// </summary>
public sealed class MqttBridgeTests(MqttLab lab) : IClassFixture<MqttLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    /// <summary>Topics of this test only, so that tests sharing the broker never see each other's retained messages.</summary>
    private string Prefix => $"ha-{_suffix}";

    private string Zigbee => $"z2m-{_suffix}";

    private string LightTopic => $"dure-test/{_suffix}/living/light";

    private string LightId => $"light.mqtt_living_light_{_suffix}";

    private object Bridge(TestSite site, object? tls = null, int? port = null) => new
    {
        host = "127.0.0.1",
        port = port ?? lab.Broker.Port,
        tls,
        username = lab.Broker.Username,
        password = lab.Broker.Password,
        discovery = new { homeAssistant = true, zigbee2mqtt = true, prefix = Prefix, zigbee2mqttBaseTopic = Zigbee },
        homeId = site.HomeId,
    };

    /// <summary>A light as a Home Assistant MQTT device announces itself, with abbreviated keys and a base topic.</summary>
    private string LightConfig => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["name"] = null,
        ["uniq_id"] = $"living-light-{_suffix}",
        ["~"] = LightTopic,
        ["cmd_t"] = "~/set",
        ["stat_t"] = "~/state",
        ["avty_t"] = "~/availability",
        ["dev"] = new Dictionary<string, object> { ["ids"] = new[] { $"dev-{_suffix}" }, ["name"] = "거실 조명", ["sa"] = "거실" },
    });

    private async Task<(TestSite Site, TestMqttClient Network, RawDevice Speaker, PartnerClient Admin)> BridgedHomeAsync()
    {
        var site = await NewAsync(lab.Dure, Ct);
        var admin = lab.Dure.AcmeAdmin();
        var put = await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt", Bridge(site), Ct);
        Assert.True(put.GetProperty("passwordSet").GetBoolean());
        Assert.False(put.TryGetProperty("password", out _));
        var network = await TestMqttClient.ConnectAsync(lab.Broker, Ct);
        await network.SubscribeAsync($"{LightTopic}/set", Ct);
        await network.SubscribeAsync($"{Zigbee}/+/+/set", Ct);
        var speaker = await RawDevice.ConnectAsync(lab.Dure.Server.BaseUrl, site.SpeakerToken, Ct);
        return (site, network, speaker, admin);
    }

    [Fact]
    public async Task A_light_announced_by_Home_Assistant_discovery_is_controlled_by_voice_and_its_published_states_are_reflected()
    {
        var (site, network, speaker, admin) = await BridgedHomeAsync();
        await using var _ = network;
        await using var __ = speaker;
        using var ___ = admin;

        await network.PublishAsync($"{Prefix}/light/living_{_suffix}/config", LightConfig, Ct, retain: true);
        var home = await UntilAsync(admin, site.HomeId, h => Device(h, LightId) is not null, Ct, "the discovered light appearing");
        var light = Device(home, LightId)!.Value;
        Assert.Equal("living_room", light.GetProperty("area").GetString());
        Assert.Equal("mqtt-bridge", light.GetProperty("controlledBy").GetString());
        Assert.Equal(["거실 조명"], light.GetProperty("names").GetProperty("ko").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Living Room Light"], light.GetProperty("names").GetProperty("en").EnumerateArray().Select(n => n.GetString()));

        Assert.Equal("거실 조명을 켰어요.", await SpeechAsync(speaker, "거실 불 켜줘", Ct));
        Assert.Equal("ON", await network.ReceiveAsync($"{LightTopic}/set", Ct));

        await network.PublishAsync($"{LightTopic}/state", "OFF", Ct);
        await UntilAsync(admin, site.HomeId, h => State(h, LightId) == "off", Ct, "the published OFF");
        Assert.Equal("아니요, 거실 조명은 꺼져 있어요.", await SpeechAsync(speaker, "거실 불 켜져 있어?", Ct));
        await network.PublishAsync($"{LightTopic}/state", "ON", Ct);
        await UntilAsync(admin, site.HomeId, h => State(h, LightId) == "on", Ct, "the published ON");
        Assert.Equal("네, 거실 조명은 켜져 있어요.", await SpeechAsync(speaker, "거실 불 켜져 있어?", Ct));

        // The device goes offline: Dure says so instead of its last state, and sends it nothing.
        await network.PublishAsync($"{LightTopic}/availability", "offline", Ct, retain: true);
        home = await UntilAsync(admin, site.HomeId, h => State(h, LightId) == "unavailable", Ct, "the light going offline");
        Assert.False(Device(home, LightId)!.Value.GetProperty("attributes").GetProperty("available").GetBoolean());
        Assert.Equal("거실 조명은 지금 응답하지 않아서 상태를 알 수 없어요.", await SpeechAsync(speaker, "거실 불 켜져 있어?", Ct));
        Assert.Equal("The Living Room Light isn't responding right now, so I can't tell its state.",
            await SpeechAsync(speaker, "is the living room light on?", Ct, "en"));
        Assert.Equal("거실 조명은 지금 응답하지 않아요. 연결 상태를 확인해 주세요.", await SpeechAsync(speaker, "거실 불 꺼줘", Ct));
        Assert.DoesNotContain(await network.DrainAsync(TimeSpan.FromMilliseconds(500), Ct), m => m.Topic == $"{LightTopic}/set");

        // Back online, with the state it had.
        await network.PublishAsync($"{LightTopic}/availability", "online", Ct, retain: true);
        await UntilAsync(admin, site.HomeId, h => State(h, LightId) == "on", Ct, "the light coming back");
        Assert.Equal("거실 조명을 껐어요.", await SpeechAsync(speaker, "거실 불 꺼줘", Ct));
        Assert.Equal("OFF", await network.ReceiveAsync($"{LightTopic}/set", Ct));

        // An empty retained config removes the device.
        await network.PublishAsync($"{Prefix}/light/living_{_suffix}/config", "", Ct, retain: true);
        await UntilAsync(admin, site.HomeId, h => Device(h, LightId) is null, Ct, "the light leaving the home");
    }

    [Fact]
    public async Task A_zigbee2mqtt_light_is_found_in_the_bridge_device_list_and_commanded_on_its_set_topic()
    {
        var (site, network, speaker, admin) = await BridgedHomeAsync();
        await using var _ = network;
        await using var __ = speaker;
        using var ___ = admin;
        const string ieee = "0x00158d0001a2b3c4";
        var devices = JsonSerializer.Serialize(new object[]
        {
            new { ieee_address = "0x00124b0000000001", type = "Coordinator", friendly_name = "Coordinator", definition = (object?)null },
            new
            {
                ieee_address = ieee,
                type = "Router",
                friendly_name = "침실/무드등",
                supported = true,
                definition = new
                {
                    model = "LED1545G12",
                    vendor = "IKEA",
                    exposes = new object[]
                    {
                        new
                        {
                            type = "light",
                            features = new object[]
                            {
                                new { type = "binary", name = "state", property = "state", value_on = "ON", value_off = "OFF", access = 7 },
                                new { type = "numeric", name = "brightness", property = "brightness", value_min = 0, value_max = 254, access = 7 },
                            },
                        },
                        new { type = "numeric", name = "linkquality", property = "linkquality", access = 1 },
                    },
                },
            },
        });
        await network.PublishAsync($"{Zigbee}/bridge/devices", devices, Ct, retain: true);
        var lampId = $"light.z2m_{ieee}";
        var home = await UntilAsync(admin, site.HomeId, h => Device(h, lampId) is not null, Ct, "the zigbee lamp appearing");
        Assert.Equal("bedroom", Device(home, lampId)!.Value.GetProperty("area").GetString());
        Assert.DoesNotContain(home.GetProperty("devices").EnumerateArray(), d => d.GetProperty("id").GetString()!.Contains("0x00124b", StringComparison.Ordinal));

        Assert.Equal("침실 무드등을 켰어요.", await SpeechAsync(speaker, "침실 무드등 켜줘", Ct));
        Assert.Equal("""{"state":"ON"}""", await network.ReceiveAsync($"{Zigbee}/침실/무드등/set", Ct));
        Assert.Equal("침실 무드등 밝기를 50%로 맞췄어요.", await SpeechAsync(speaker, "침실 무드등 밝기 50%로 해줘", Ct));
        Assert.Equal("""{"state":"ON","brightness":127}""", await network.ReceiveAsync($"{Zigbee}/침실/무드등/set", Ct));

        await network.PublishAsync($"{Zigbee}/침실/무드등", """{"state":"OFF","brightness":254,"linkquality":120}""", Ct);
        home = await UntilAsync(admin, site.HomeId, h => State(h, lampId) == "off", Ct, "the lamp's published state");
        Assert.Equal(100, Device(home, lampId)!.Value.GetProperty("attributes").GetProperty("brightness").GetDouble());
        await network.PublishAsync($"{Zigbee}/침실/무드등/availability", """{"state":"offline"}""", Ct);
        await UntilAsync(admin, site.HomeId, h => State(h, lampId) == "unavailable", Ct, "the lamp going offline");

        // The lamp leaves the network: zigbee2mqtt's list no longer has it.
        await network.PublishAsync($"{Zigbee}/bridge/devices", "[]", Ct, retain: true);
        await UntilAsync(admin, site.HomeId, h => Device(h, lampId) is null, Ct, "the lamp leaving the home");
    }

    [Fact]
    public async Task A_broker_restart_is_survived_without_duplicate_devices_and_a_command_given_meanwhile_arrives_after()
    {
        var (site, network, speaker, admin) = await BridgedHomeAsync();
        await using var _ = network;
        await using var __ = speaker;
        using var ___ = admin;
        await network.PublishAsync($"{Prefix}/light/living_{_suffix}/config", LightConfig, Ct, retain: true);
        var before = await UntilAsync(admin, site.HomeId, h => Device(h, LightId) is not null, Ct, "the discovered light appearing");
        Assert.Equal("거실 조명을 켰어요.", await SpeechAsync(speaker, "거실 불 켜줘", Ct));
        Assert.Equal("ON", await network.ReceiveAsync($"{LightTopic}/set", Ct));

        await lab.Broker.StopAsync(Ct);
        await UntilBridgeAsync(admin, site.SiteId, connected: false);
        // Said while the broker is down: the command waits in the bridge device's durable outbox.
        Assert.Equal("거실 조명을 껐어요.", await SpeechAsync(speaker, "거실 불 꺼줘", Ct));
        await lab.Broker.StartProcessAsync(Ct);
        await network.ReconnectAsync(Ct);
        await UntilBridgeAsync(admin, site.SiteId, connected: true);
        try
        {
            // Delivery is at least once: the ON whose acknowledgement the broker's stop cut off may come again first.
            var redelivered = 0;
            string command;
            while ((command = await network.ReceiveAsync($"{LightTopic}/set", Ct)) == "ON" && redelivered++ < 3)
            {
            }

            Assert.Equal("OFF", command);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{lab.Dure.Server.Output}\n{lab.Broker.Log}", e);
        }

        // Commands still work, and the retained config the bridge read again added nothing.
        Assert.Equal("거실 조명을 켰어요.", await SpeechAsync(speaker, "거실 불 켜줘", Ct));
        Assert.Equal("ON", await network.ReceiveAsync($"{LightTopic}/set", Ct));
        await Task.Delay(500, Ct); // more than a discovery burst's quiet time
        var after = await admin.GetAsync($"/v1/homes/{site.HomeId}", Ct);
        Assert.Equal(Ids(before), Ids(after));
        Assert.Single(Ids(after), id => id == LightId);
    }

    [Fact]
    public async Task A_broker_behind_TLS_with_a_private_CA_is_trusted_through_that_CA_only()
    {
        var site = await NewAsync(lab.Dure, Ct);
        using var admin = lab.Dure.AcmeAdmin();
        await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt",
            Bridge(site, new { enabled = true, caCertificate = lab.Broker.CaCertificatePem }, lab.Broker.TlsPort), Ct);
        await UntilBridgeAsync(admin, site.SiteId, connected: true);
        await using var network = await TestMqttClient.ConnectAsync(lab.Broker, Ct);
        await network.PublishAsync($"{Prefix}/switch/fan_{_suffix}/config", JsonSerializer.Serialize(new
        {
            name = "침실 환풍기",
            unique_id = $"fan-switch-{_suffix}",
            command_topic = $"dure-test/{_suffix}/fan/set",
            state_topic = $"dure-test/{_suffix}/fan/state",
        }), Ct, retain: true);
        await UntilAsync(admin, site.HomeId, h => Device(h, $"switch.mqtt_fan_switch_{_suffix}") is not null, Ct, "the switch found over TLS");

        // Without the CA the same broker's certificate is not trusted.
        await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt", Bridge(site, new { enabled = true }, lab.Broker.TlsPort), Ct);
        var refused = await UntilBridgeAsync(admin, site.SiteId, connected: false, withError: true);
        Assert.False(string.IsNullOrEmpty(refused.GetProperty("status").GetProperty("lastError").GetString()));
    }

    [Fact]
    public async Task Settings_are_validated_scoped_to_the_tenant_and_deleting_them_takes_the_devices_out()
    {
        var site = await NewAsync(lab.Dure, Ct);
        var other = await NewAsync(lab.Dure, Ct);
        using var admin = lab.Dure.AcmeAdmin();
        using var rival = lab.Dure.Client(lab.Dure.RivalAdminKey);

        var (status, body, _) = await admin.SendAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt", new { host = "", homeId = site.HomeId }, Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (status, body.GetProperty("code").GetString()));
        (status, body, _) = await admin.SendAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt", new { host = "127.0.0.1", homeId = other.HomeId }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(other.HomeId, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (status, _, _) = await rival.SendAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt", Bridge(site), Ct);
        Assert.Equal(HttpStatusCode.NotFound, status);

        await admin.OkAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt", Bridge(site), Ct);
        await using var network = await TestMqttClient.ConnectAsync(lab.Broker, Ct);
        await network.PublishAsync($"{Prefix}/light/living_{_suffix}/config", LightConfig, Ct, retain: true);
        await UntilAsync(admin, site.HomeId, h => Device(h, LightId) is not null && Device(h, "mqtt-bridge") is not null, Ct, "the light appearing");
        var view = await admin.GetAsync($"/v1/sites/{site.SiteId}/mqtt", Ct);
        Assert.Equal(lab.Broker.Username, view.GetProperty("username").GetString());
        Assert.DoesNotContain(lab.Broker.Password, view.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await rival.SendAsync(HttpMethod.Get, $"/v1/sites/{site.SiteId}/mqtt", null, Ct)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/v1/sites/{site.SiteId}/mqtt", null, Ct)).Status);
        await UntilAsync(admin, site.HomeId, h => Device(h, LightId) is null && Device(h, "mqtt-bridge") is null, Ct, "the bridge's devices leaving");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Get, $"/v1/sites/{site.SiteId}/mqtt", null, Ct)).Status);
        var audit = await admin.GetAsync("/v1/audit?limit=20", Ct);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "mqtt.delete" &&
            e.GetProperty("target").GetString() == site.SiteId);
    }

    private static List<string> Ids(JsonElement home) => [.. home.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];

    private static async Task<JsonElement> UntilBridgeAsync(PartnerClient admin, string siteId, bool connected, bool withError = false)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement view;
        do
        {
            view = await admin.GetAsync($"/v1/sites/{siteId}/mqtt", Ct);
            var status = view.GetProperty("status");
            if (status.GetProperty("connected").GetBoolean() == connected &&
                (!withError || status.TryGetProperty("lastError", out var error) && error.ValueKind == JsonValueKind.String))
            {
                return view;
            }

            await Task.Delay(100, Ct);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"the bridge did not become {(connected ? "connected" : "disconnected")}: {view}");
    }
}
