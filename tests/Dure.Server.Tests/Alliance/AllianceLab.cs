using Dure.Server.Tests.Partners;
using Dure.Testing;

namespace Dure.Server.Tests.Alliance;

/// <summary>
/// Two real Dure servers on loopback: A, the apartment operator <c>apt</c> with a wall pad's home, and B, the hotel
/// <c>grand</c> with a guest room (the sample hotel room). A holds a provisioning key of B to call it with.
/// </summary>
public sealed class AllianceLab : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    public ServerProcess A { get; private set; } = null!;

    public ServerProcess B { get; private set; } = null!;

    public string AptKey => $"dure_pk_apt_{_suffix}";

    public string HotelKey => $"dure_pk_grand_{_suffix}";

    /// <summary>A's wall pad's token and home.</summary>
    internal TestSite Apartment { get; private set; } = null!;

    /// <summary>B's guest room: the home that answers A's requests.</summary>
    public string HotelRoomId { get; private set; } = "";

    /// <summary>The key of B that A sends (provisioning scope, limited to the hotel's site).</summary>
    public string KeyForA { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var environment = new Dictionary<string, string> { ["Dure__Alliance__AllowInsecureLoopback"] = "true" };
        var a = ServerProcess.StartAsync(new ServerSettings
        {
            Environment = new Dictionary<string, string>(environment) { ["Dure__PartnerKeys__apt"] = AptKey },
        }, ct);
        var b = ServerProcess.StartAsync(new ServerSettings
        {
            Environment = new Dictionary<string, string>(environment) { ["Dure__PartnerKeys__grand"] = HotelKey },
        }, ct);
        A = await a;
        B = await b;

        using (var hotel = new PartnerClient(B.BaseUrl, HotelKey))
        {
            var site = (await hotel.PostAsync("/v1/sites", new { name = "그랜드 호텔", kind = "hotel" }, ct)).GetProperty("id").GetString()!;
            var floor = (await hotel.PostAsync($"/v1/sites/{site}/spaces", new { kind = "floor", name = "12층" }, ct)).GetProperty("id").GetString()!;
            HotelRoomId = (await hotel.PostAsync($"/v1/sites/{site}/spaces", new { kind = "room", name = "1203호", parentId = floor }, ct))
                .GetProperty("id").GetString()!;
            var room = string.Join('\n', File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "hotel-room.yaml"))
                .Where(l => !l.StartsWith("id:", StringComparison.Ordinal) && !l.StartsWith("tenant:", StringComparison.Ordinal)));
            await hotel.OkAsync(HttpMethod.Put, $"/v1/spaces/{HotelRoomId}/home", room, ct, "application/yaml");
            KeyForA = (await hotel.PostAsync("/v1/keys", new { name = "apt-alliance", scopes = new[] { "provisioning" }, siteId = site }, ct))
                .GetProperty("secret").GetString()!;
        }

        using var apt = new PartnerClient(A.BaseUrl, AptKey);
        var aptSite = (await apt.PostAsync("/v1/sites", new { name = "두레 아파트", kind = "apartment_complex" }, ct)).GetProperty("id").GetString()!;
        var building = (await apt.PostAsync($"/v1/sites/{aptSite}/spaces", new { kind = "building", name = "101동" }, ct)).GetProperty("id").GetString()!;
        var unit = (await apt.PostAsync($"/v1/sites/{aptSite}/spaces", new { kind = "unit", name = "1203호", parentId = building }, ct))
            .GetProperty("id").GetString()!;
        await apt.OkAsync(HttpMethod.Put, $"/v1/spaces/{unit}/home", """
            name: 두레 아파트 1203호
            language: ko
            areas:
              - id: living_room
                names: { ko: [거실], en: [Living Room] }
            devices:
              - id: wallpad
                domain: assist_satellite
                area: living_room
                gateway: true
                names: { ko: [월패드], en: [Wall Pad] }
              - id: light.living_room
                area: living_room
                names: { ko: [거실 조명], en: [Living Room Light] }
                state: "off"
            """, ct, "application/yaml");
        var token = (await apt.PostAsync($"/v1/homes/{unit}/devices/wallpad/token", null, ct)).GetProperty("token").GetString()!;
        Apartment = new TestSite(aptSite, building, unit, token);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}

/// <summary>
/// The alliance test classes run one after the other: each starts its own servers (two for delegation), and together
/// they would crowd the machine's cores while the voice tests measure recognition.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AllianceCollection
{
    public const string Name = "alliance";
}
