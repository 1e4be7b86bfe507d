using System.Text.Json;
using Dure.Testing;

namespace Dure.Server.Tests.Partners;

/// <summary>
/// A real server with two partner tenants, <c>acme</c> and <c>rival</c>, each with an admin key from configuration.
/// <see cref="NewHomeAsync"/> builds a site, a unit space and a home with a connecting speaker for acme.
/// </summary>
public class PartnerLab : IAsyncLifetime
{
    public const string Acme = "acme";
    public const string Rival = "rival";

    public static readonly string HomeFile = """
        name: 테스트 세대
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
            gateway: true
            names: { ko: [거실 스피커], en: [Living Room Speaker] }
          - id: light.living_room
            area: living_room
            names: { ko: [거실 조명], en: [Living Room Light] }
            state: "off"
        services:
          hotel:
            checkout: "11:00"
        """;

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    public ServerProcess Server { get; private set; } = null!;

    public string AcmeAdminKey => $"dure_pk_acme_{_suffix}";

    public string RivalAdminKey => $"dure_pk_rival_{_suffix}";

    /// <summary>Extra server environment for a subclass (rate limits).</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    public virtual async ValueTask InitializeAsync()
    {
        var environment = new Dictionary<string, string>(Environment)
        {
            [$"Dure__PartnerKeys__{Acme}"] = AcmeAdminKey,
            [$"Dure__PartnerKeys__{Rival}"] = RivalAdminKey,
        };
        Server = await ServerProcess.StartAsync(new ServerSettings { Environment = environment });
    }

    public virtual async ValueTask DisposeAsync() => await Server.DisposeAsync();

    internal PartnerClient Client(string? credential) => new(Server.BaseUrl, credential);

    internal PartnerClient AcmeAdmin() => Client(AcmeAdminKey);

    /// <summary>A key of acme with the given scopes.</summary>
    internal async Task<string> AcmeKeyAsync(string scope, CancellationToken cancellationToken)
    {
        using var admin = AcmeAdmin();
        var created = await admin.PostAsync("/v1/keys", new { name = $"{scope}-{Guid.NewGuid():N}"[..20], scopes = new[] { scope } }, cancellationToken);
        return created.GetProperty("secret").GetString()!;
    }

    /// <summary>A fresh acme site with one unit holding a home; returns the ids and the speaker's token.</summary>
    internal async Task<TestSite> NewHomeAsync(CancellationToken cancellationToken, string? credential = null)
    {
        using var admin = Client(credential ?? AcmeAdminKey);
        var site = await admin.PostAsync("/v1/sites", new { name = "테스트 단지", kind = "apartment_complex" }, cancellationToken);
        var siteId = site.GetProperty("id").GetString()!;
        var building = await admin.PostAsync($"/v1/sites/{siteId}/spaces", new { kind = "building", name = "101동" }, cancellationToken);
        var unit = await admin.PostAsync($"/v1/sites/{siteId}/spaces",
            new { kind = "unit", name = "1203호", parentId = building.GetProperty("id").GetString() }, cancellationToken);
        var homeId = unit.GetProperty("id").GetString()!;
        await admin.OkAsync(HttpMethod.Put, $"/v1/spaces/{homeId}/home", HomeFile, cancellationToken, "application/yaml");
        var token = await admin.PostAsync($"/v1/homes/{homeId}/devices/speaker/token", null, cancellationToken);
        return new TestSite(siteId, building.GetProperty("id").GetString()!, homeId, token.GetProperty("token").GetString()!);
    }
}

internal sealed record TestSite(string SiteId, string BuildingId, string HomeId, string SpeakerToken);

internal static class Json
{
    public static IEnumerable<string> Ids(JsonElement list, string property = "id") =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!);
}
