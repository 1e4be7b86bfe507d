using System.Text.Json;
using Dure.Server.Tests.Partners;
using Dure.Testing;

namespace Dure.Server.Tests.HomeNetworks;

/// <summary>A partner lab whose bridges retry and write quickly, so the tests wait little.</summary>
public sealed class HomeNetworkServer : PartnerLab
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Dure__HomeNetworks__ReconnectInitial"] = "00:00:00.200",
        ["Dure__HomeNetworks__ReconnectMax"] = "00:00:01.500",
        ["Dure__HomeNetworks__DiscoveryQuiet"] = "00:00:00.100",
        ["Dure__HomeNetworks__DiscoveryMaxDelay"] = "00:00:01",
    };
}

/// <summary>One real Dure server and one real Mosquitto for a test class.</summary>
public sealed class MqttLab : IAsyncLifetime
{
    public HomeNetworkServer Dure { get; } = new();

    public MosquittoProcess Broker { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Broker = await MosquittoProcess.StartAsync();
        await Dure.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Dure.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

/// <summary>Homes for the home-network tests: a living room and a bedroom, a speaker that is not the gateway, no lights of their own.</summary>
internal static class NetworkHomes
{
    public const string HomeFile = """
        name: 브리지 세대
        language: ko
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
          - id: bedroom
            names: { ko: [침실], en: [Bedroom] }
        devices:
          - id: speaker
            domain: assist_satellite
            area: living_room
            names: { ko: [거실 스피커], en: [Living Room Speaker] }
        """;

    /// <summary>A fresh acme site with a unit holding <paramref name="homeFile"/>; returns the ids and the speaker's token.</summary>
    public static async Task<TestSite> NewAsync(PartnerLab lab, CancellationToken cancellationToken, string homeFile = HomeFile)
    {
        using var admin = lab.AcmeAdmin();
        var site = await admin.PostAsync("/v1/sites", new { name = "브리지 단지", kind = "apartment_complex" }, cancellationToken);
        var siteId = site.GetProperty("id").GetString()!;
        var building = await admin.PostAsync($"/v1/sites/{siteId}/spaces", new { kind = "building", name = "101동" }, cancellationToken);
        var unit = await admin.PostAsync($"/v1/sites/{siteId}/spaces",
            new { kind = "unit", name = "1203호", parentId = building.GetProperty("id").GetString() }, cancellationToken);
        var homeId = unit.GetProperty("id").GetString()!;
        await admin.OkAsync(HttpMethod.Put, $"/v1/spaces/{homeId}/home", homeFile, cancellationToken, "application/yaml");
        var token = await admin.PostAsync($"/v1/homes/{homeId}/devices/speaker/token", null, cancellationToken);
        return new TestSite(siteId, building.GetProperty("id").GetString()!, homeId, token.GetProperty("token").GetString()!);
    }

    /// <summary>Polls the home until <paramref name="match"/> holds for it; returns the home.</summary>
    public static async Task<JsonElement> UntilAsync(PartnerClient admin, string homeId, Func<JsonElement, bool> match, CancellationToken cancellationToken,
        string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonElement home;
        do
        {
            home = await admin.GetAsync($"/v1/homes/{homeId}", cancellationToken);
            if (match(home))
            {
                return home;
            }

            await Task.Delay(100, cancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"{what} did not happen; the home is {home}");
    }

    public static JsonElement? Device(JsonElement home, string id) =>
        home.GetProperty("devices").EnumerateArray().Where(d => d.GetProperty("id").GetString() == id).Select(d => (JsonElement?)d).FirstOrDefault();

    public static string? State(JsonElement home, string id) => Device(home, id)?.GetProperty("state").GetString();

    public static async Task<string> SpeechAsync(RawDevice speaker, string text, CancellationToken cancellationToken, string? lang = null)
    {
        var id = await speaker.SayAsync(text, cancellationToken, lang);
        var speech = await speaker.ReceiveAsync(Protocol.MessageNames.SpeechSpeak, cancellationToken, replyTo: id);
        return speech.GetProperty("payload").GetProperty("text").GetString()!;
    }
}
