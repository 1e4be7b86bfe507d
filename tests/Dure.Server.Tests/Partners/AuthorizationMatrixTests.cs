using System.Net;
using System.Text.Json;
using Dure.Platform.Tenancy;

namespace Dure.Server.Tests.Partners;

/// <summary>
/// Every partner endpoint × every kind of caller: no credentials, a device token, another tenant's admin key, and keys
/// of each scope. Each must get exactly the answer its scope and tenancy call for, and the OpenAPI document must list
/// no endpoint this matrix does not cover.
/// </summary>
public sealed class AuthorizationMatrixTests(PartnerLab lab) : IClassFixture<PartnerLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One operation: what it needs, whether its path names a tenant's resource, and how to set up a call.</summary>
    /// <param name="Allowed">What an allowed caller gets when it is not a 2xx: the setup's skill is a webhook skill, whose
    /// tools cannot be listed (409; McpSkillTests lists an MCP skill's).</param>
    private sealed record Operation(string Method, string Template, string Scope, bool NamesResource,
        Func<Setup, bool, Task<(Dictionary<string, string> Path, object? Body)>> Prepare, HttpStatusCode? Allowed = null);

    /// <summary>What the operations are called on: acme's resources made once, and a way to make fresh ones.</summary>
    private sealed class Setup(PartnerLab lab, TestSite site, string ticketId, string skillId)
    {
        private string? _clientId;
        private string? _agentId;

        public TestSite Site => site;
        public string TicketId => ticketId;
        public string SkillId => skillId;
        public PartnerClient Admin { get; } = lab.AcmeAdmin();

        public async Task<string> NewSiteAsync() =>
            (await Admin.PostAsync("/v1/sites", new { name = "빈 단지", kind = "hotel" }, Ct)).GetProperty("id").GetString()!;

        public async Task<string> NewSpaceAsync(string kind) =>
            (await Admin.PostAsync($"/v1/sites/{site.SiteId}/spaces", new { name = "새 공간", kind }, Ct)).GetProperty("id").GetString()!;

        public async Task<string> NewUserAsync() => (await Admin.PostAsync("/v1/users", new
        {
            email = $"u{Guid.NewGuid():N}@acme.test",
            role = Roles.Viewer,
            password = "correct horse battery",
        }, Ct)).GetProperty("id").GetString()!;

        public async Task<string> NewKeyAsync()
        {
            var name = $"k{Guid.NewGuid():N}"[..16];
            await Admin.PostAsync("/v1/keys", new { name, scopes = new[] { Scopes.Read } }, Ct);
            return name;
        }

        public async Task<string> NewClientAsync() =>
            (await Admin.PostAsync("/v1/device-clients", new { name = "매트릭스 스피커" }, Ct)).GetProperty("clientId").GetString()!;

        /// <summary>The device client the matrix's devices sign in with.</summary>
        public async Task<string> ClientIdAsync() => _clientId ??= await NewClientAsync();

        /// <summary>A pending user code of acme, as a device would show it.</summary>
        public async Task<string> NewUserCodeAsync()
        {
            using var device = new OAuthDevice(lab.Server.BaseUrl);
            return (await device.AuthorizeAsync(await ClientIdAsync(), Ct)).UserCode;
        }
        public async Task<string> NewAgentAsync() =>
            (await Admin.PostAsync("/v1/alliance/agents", AgentBody(), Ct)).GetProperty("id").GetString()!;

        /// <summary>The agent the matrix's routing rules point at.</summary>
        public async Task<string> AgentIdAsync() => _agentId ??= await NewAgentAsync();

        public async Task<string> NewRouteAsync() =>
            (await Admin.PostAsync("/v1/alliance/routes", new { agentId = await AgentIdAsync(), match = "domain", value = "vehicle" }, Ct)).GetProperty("id").GetString()!;

        public async Task<string> NewSkillAsync() => (await Admin.PostAsync("/v1/skills", SkillBody(), Ct)).GetProperty("id").GetString()!;

        /// <summary>Puts an MQTT bridge on acme's site (to a closed loopback port: it only retries) and returns the site.</summary>
        public async Task<string> MqttSiteAsync()
        {
            await Admin.OkAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/mqtt", MqttBody(site), Ct);
            return site.SiteId;
        }

        /// <summary>Puts a wall-pad adapter on acme's site and returns the site.</summary>
        public async Task<string> WallPadSiteAsync()
        {
            await Admin.OkAsync(HttpMethod.Put, $"/v1/sites/{site.SiteId}/wallpad", WallPadBody(), Ct);
            return site.SiteId;
        }

        public async Task<string> NewDeviceAsync(bool withToken)
        {
            var id = $"light.l{Guid.NewGuid():N}"[..18];
            await Admin.PostAsync($"/v1/homes/{site.HomeId}/devices", new
            {
                id,
                area = "bedroom",
                names = new Dictionary<string, string[]> { ["ko"] = [$"조명 {id[^4..]}"] },
                connects = withToken,
            }, Ct);
            return id;
        }
    }

    private static Dictionary<string, string> P(params (string Key, string Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    private static object SkillBody() => new
    {
        name = "별자리친구",
        invocationNames = new { ko = new[] { "별자리친구" }, en = new[] { "Star Friend" } },
        interactionModel = new { intents = new[] { new { name = "fortune.today", samples = new { ko = new[] { "오늘 운세 알려줘" }, en = new[] { "tell me my fortune" } } } } },
        webhook = new { url = "https://skills.acme.example/dure" },
    };

    // Nothing listens on the discard port: the bridge keeps retrying, the adapter is never asked anything.
    private static object MqttBody(TestSite site) => new { host = "127.0.0.1", port = 9, homeId = site.HomeId };

    private static object WallPadBody() => new { baseUrl = "http://127.0.0.1:9/wallpad" };
    private static object AgentBody() => new { name = "그랜드 호텔", protocol = "a2a", url = "https://agents.grand.example/a2a", token = "outbound-secret" };

    private static readonly Operation[] Operations =
    [
        new("GET", "/v1/alliance/agents", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("POST", "/v1/alliance/agents", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)AgentBody()))),
        new("GET", "/v1/alliance/agents/{agentId}", Scopes.Read, true, async (s, _) => (P(("agentId", await s.AgentIdAsync())), null)),
        new("DELETE", "/v1/alliance/agents/{agentId}", Scopes.Admin, true,
            async (s, fresh) => (P(("agentId", fresh ? await s.NewAgentAsync() : await s.AgentIdAsync())), null)),
        new("GET", "/v1/alliance/routes", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        // The body names acme's agent: another tenant finds no such agent. Vehicle rules, so that the hotel requests other tests make stay local.
        new("POST", "/v1/alliance/routes", Scopes.Admin, true,
            async (s, _) => (P(), new { agentId = await s.AgentIdAsync(), match = "intent", value = "vehicle.eta", priority = 10 })),
        new("DELETE", "/v1/alliance/routes/{routeId}", Scopes.Admin, true, async (s, _) => (P(("routeId", await s.NewRouteAsync())), null)),
        new("GET", "/v1/session", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("DELETE", "/v1/session", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("GET", "/v1/tenant", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("PATCH", "/v1/tenant", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)new { retentionDays = 30 }))),
        new("GET", "/v1/users", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("POST", "/v1/users", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)new
        {
            email = $"n{Guid.NewGuid():N}@acme.test",
            role = Roles.Operator,
            password = "correct horse battery",
        }))),
        new("GET", "/v1/users/{userId}", Scopes.Admin, true, async (s, _) => (P(("userId", await s.NewUserAsync())), null)),
        new("PATCH", "/v1/users/{userId}", Scopes.Admin, true, async (s, _) => (P(("userId", await s.NewUserAsync())), new { role = Roles.Operator })),
        new("DELETE", "/v1/users/{userId}", Scopes.Admin, true, async (s, _) => (P(("userId", await s.NewUserAsync())), null)),
        new("GET", "/v1/keys", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("POST", "/v1/keys", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)new
        {
            name = $"n{Guid.NewGuid():N}"[..16],
            scopes = new[] { Scopes.Read },
        }))),
        new("DELETE", "/v1/keys/{name}", Scopes.Admin, true, async (s, _) => (P(("name", await s.NewKeyAsync())), null)),
        new("GET", "/v1/audit", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("GET", "/v1/sites", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("POST", "/v1/sites", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)new { name = "새 호텔", kind = "hotel" }))),
        new("GET", "/v1/sites/{siteId}", Scopes.Read, true, (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId)), (object?)null))),
        new("PATCH", "/v1/sites/{siteId}", Scopes.Admin, true, (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId)), (object?)new { name = "두레 단지" }))),
        new("DELETE", "/v1/sites/{siteId}", Scopes.Admin, true, async (s, fresh) => (P(("siteId", fresh ? await s.NewSiteAsync() : s.Site.SiteId)), null)),
        new("GET", "/v1/sites/{siteId}/spaces", Scopes.Read, true, (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId)), (object?)null))),
        new("POST", "/v1/sites/{siteId}/spaces", Scopes.Admin, true,
            (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId)), (object?)new { kind = "building", name = "102동" }))),
        new("GET", "/v1/spaces/{spaceId}", Scopes.Read, true, (s, _) => Task.FromResult((P(("spaceId", s.Site.BuildingId)), (object?)null))),
        new("PATCH", "/v1/spaces/{spaceId}", Scopes.Admin, true, (s, _) => Task.FromResult((P(("spaceId", s.Site.BuildingId)), (object?)new { name = "101동" }))),
        new("DELETE", "/v1/spaces/{spaceId}", Scopes.Admin, true,
            async (s, fresh) => (P(("spaceId", fresh ? await s.NewSpaceAsync("zone") : s.Site.HomeId)), null)),
        new("PUT", "/v1/spaces/{spaceId}/home", Scopes.Provisioning, true,
            async (s, fresh) => (P(("spaceId", fresh ? await s.NewSpaceAsync("unit") : s.Site.HomeId)), PartnerLab.HomeFile)),
        new("GET", "/v1/homes/{homeId}", Scopes.Read, true, (s, _) => Task.FromResult((P(("homeId", s.Site.HomeId)), (object?)null))),
        new("GET", "/v1/homes/{homeId}/devices", Scopes.Read, true, (s, _) => Task.FromResult((P(("homeId", s.Site.HomeId)), (object?)null))),
        new("POST", "/v1/homes/{homeId}/devices", Scopes.Provisioning, true, (s, _) => Task.FromResult((P(("homeId", s.Site.HomeId)), (object?)new
        {
            id = $"switch.s{Guid.NewGuid():N}"[..19],
            names = new Dictionary<string, string[]> { ["en"] = ["Extra Switch"] },
        }))),
        new("GET", "/v1/homes/{homeId}/devices/{deviceId}", Scopes.Read, true,
            (s, _) => Task.FromResult((P(("homeId", s.Site.HomeId), ("deviceId", "light.living_room")), (object?)null))),
        new("DELETE", "/v1/homes/{homeId}/devices/{deviceId}", Scopes.Provisioning, true,
            async (s, fresh) => (P(("homeId", s.Site.HomeId), ("deviceId", fresh ? await s.NewDeviceAsync(false) : "light.living_room")), null)),
        new("POST", "/v1/homes/{homeId}/devices/{deviceId}/token", Scopes.Provisioning, true,
            async (s, fresh) => (P(("homeId", s.Site.HomeId), ("deviceId", fresh ? await s.NewDeviceAsync(false) : "light.living_room")), null)),
        new("DELETE", "/v1/homes/{homeId}/devices/{deviceId}/token", Scopes.Provisioning, true,
            async (s, _) => (P(("homeId", s.Site.HomeId), ("deviceId", await s.NewDeviceAsync(true))), null)),
        new("GET", "/v1/tickets", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("POST", "/v1/tickets/{ticketId}/accept", Scopes.Provisioning, true, (s, _) => Task.FromResult((P(("ticketId", s.TicketId)), (object?)null))),
        new("POST", "/v1/tickets/{ticketId}/complete", Scopes.Provisioning, true, (s, _) => Task.FromResult((P(("ticketId", s.TicketId)), (object?)null))),
        new("GET", "/v1/homes/{homeId}/notices", Scopes.Read, true, (s, _) => Task.FromResult((P(("homeId", s.Site.HomeId)), (object?)null))),
        new("POST", "/v1/homes/{homeId}/notices", Scopes.Provisioning, true,
            (s, _) => Task.FromResult((P(("homeId", s.Site.HomeId)), (object?)new { title = "엘리베이터 점검", body = "내일 오전", lang = "ko" }))),
        new("GET", "/v1/conversations", Scopes.Read, true, (s, _) => Task.FromResult((P((Query, $"siteId={s.Site.SiteId}")), (object?)null))),
        new("DELETE", "/v1/conversations", Scopes.Admin, true,
            (s, _) => Task.FromResult((P((Query, $"homeId={s.Site.HomeId}&deviceId=speaker")), (object?)null))),
        new("GET", "/v1/analytics", Scopes.Read, false, (_, _) => Task.FromResult((P((Query, "from=2026-01-01&to=2026-12-31")), (object?)null))),
        new("GET", "/v1/device-clients", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("POST", "/v1/device-clients", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)new { name = "두레 셋톱박스" }))),
        new("DELETE", "/v1/device-clients/{clientId}", Scopes.Admin, true,
            async (s, fresh) => (P(("clientId", fresh ? await s.NewClientAsync() : await s.ClientIdAsync())), null)),
        new("GET", "/v1/device-codes/{userCode}", Scopes.Provisioning, true, async (s, _) => (P(("userCode", await s.NewUserCodeAsync())), null)),
        new("POST", "/v1/device-codes/{userCode}/approve", Scopes.Provisioning, true, async (s, _) => (P(("userCode", await s.NewUserCodeAsync())), new
        {
            homeId = s.Site.HomeId,
            deviceId = $"speaker.m{Guid.NewGuid():N}"[..18],
            names = new Dictionary<string, string[]> { ["ko"] = ["새 스피커"] },
        })),
        new("POST", "/v1/device-codes/{userCode}/deny", Scopes.Provisioning, true, async (s, _) => (P(("userCode", await s.NewUserCodeAsync())), null)),
        new("POST", "/v1/devices/import", Scopes.Provisioning, false, (s, _) => Task.FromResult((P(), (object?)new[]
        {
            new { homeId = s.Site.HomeId, deviceId = $"switch.i{Guid.NewGuid():N}"[..19], name_en = "Imported Switch", connects = true },
        }))),
        new("GET", "/v1/skills", Scopes.Read, false, (_, _) => Task.FromResult((P(), (object?)null))),
        new("POST", "/v1/skills", Scopes.Admin, false, (_, _) => Task.FromResult((P(), (object?)SkillBody()))),
        new("GET", "/v1/skills/{skillId}", Scopes.Read, true, (s, _) => Task.FromResult((P(("skillId", s.SkillId)), (object?)null))),
        new("PATCH", "/v1/skills/{skillId}", Scopes.Admin, true, (s, _) => Task.FromResult((P(("skillId", s.SkillId)), (object?)new { name = "별자리 친구" }))),
        new("DELETE", "/v1/skills/{skillId}", Scopes.Admin, true, async (s, fresh) => (P(("skillId", fresh ? await s.NewSkillAsync() : s.SkillId)), null)),
        new("POST", "/v1/skills/{skillId}/secret", Scopes.Admin, true, (s, _) => Task.FromResult((P(("skillId", s.SkillId)), (object?)null))),
        new("POST", "/v1/skills/{skillId}/tools", Scopes.Admin, true, (s, _) => Task.FromResult((P(("skillId", s.SkillId)), (object?)null)),
            HttpStatusCode.Conflict),
        new("GET", "/v1/sites/{siteId}/skills", Scopes.Read, true, (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId)), (object?)null))),
        new("PUT", "/v1/sites/{siteId}/skills/{skillId}", Scopes.Admin, true,
            (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId), ("skillId", s.SkillId)), (object?)null))),
        new("DELETE", "/v1/sites/{siteId}/skills/{skillId}", Scopes.Admin, true,
            (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId), ("skillId", s.SkillId)), (object?)null))),
        new("PUT", "/v1/sites/{siteId}/mqtt", Scopes.Admin, true, (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId)), (object?)MqttBody(s.Site)))),
        new("GET", "/v1/sites/{siteId}/mqtt", Scopes.Read, true, async (s, _) => (P(("siteId", await s.MqttSiteAsync())), null)),
        new("DELETE", "/v1/sites/{siteId}/mqtt", Scopes.Admin, true,
            async (s, fresh) => (P(("siteId", fresh ? await s.MqttSiteAsync() : s.Site.SiteId)), null)),
        new("PUT", "/v1/sites/{siteId}/wallpad", Scopes.Admin, true, (s, _) => Task.FromResult((P(("siteId", s.Site.SiteId)), (object?)WallPadBody()))),
        new("GET", "/v1/sites/{siteId}/wallpad", Scopes.Read, true, async (s, _) => (P(("siteId", await s.WallPadSiteAsync())), null)),
        new("POST", "/v1/sites/{siteId}/wallpad/secret", Scopes.Admin, true,
            async (s, fresh) => (P(("siteId", fresh ? await s.WallPadSiteAsync() : s.Site.SiteId)), null)),
        new("DELETE", "/v1/sites/{siteId}/wallpad", Scopes.Admin, true,
            async (s, fresh) => (P(("siteId", fresh ? await s.WallPadSiteAsync() : s.Site.SiteId)), null)),
    ];

    /// <summary>The key of <see cref="Operation.Prepare"/>'s path values that holds the query string instead.</summary>
    private const string Query = "?";

    private static string Url(Operation operation, Dictionary<string, string> path) =>
        path.Where(p => p.Key != Query)
            .Aggregate(operation.Template, (url, p) => url.Replace($"{{{p.Key}}}", Uri.EscapeDataString(p.Value), StringComparison.Ordinal)) +
        (path.TryGetValue(Query, out var query) ? "?" + query : "");

    /// <summary>
    /// Operations anyone may call, tested on their own: console sign-in, the device side of RFC 8628, and the wall-pad
    /// vendor's endpoint, which is authenticated by its signature (WallPadAdapterTests).
    /// </summary>
    private static readonly string[] Anonymous =
        ["POST /v1/session", "POST /v1/oauth/device_authorization", "POST /v1/oauth/token", "POST /v1/wallpad/{siteId}/events"];

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_its_scope_and_tenant_require()
    {
        var site = await lab.NewHomeAsync(Ct);
        var ticketId = await OpenTicketAsync(site);
        using var acme = lab.AcmeAdmin();
        var skillId = (await acme.PostAsync("/v1/skills", SkillBody(), Ct)).GetProperty("id").GetString()!;
        var setup = new Setup(lab, site, ticketId, skillId);
        var callers = new List<(string Name, string? Credential, Func<Operation, HttpStatusCode?> Expect)>
        {
            ("no credentials", null, _ => HttpStatusCode.Unauthorized),
            ("a device token", site.SpeakerToken, _ => HttpStatusCode.Unauthorized),
            ("another tenant's admin", lab.RivalAdminKey, op => op.NamesResource ? HttpStatusCode.NotFound : null),
        };
        foreach (var scope in new[] { Scopes.Read, Scopes.Provisioning, Scopes.Admin })
        {
            var key = await lab.AcmeKeyAsync(scope, Ct);
            callers.Add(($"a {scope} key", key, op => Scopes.Grants([scope], op.Scope) ? null : HttpStatusCode.Forbidden));
        }

        List<string> wrong = [];
        foreach (var operation in Operations)
        {
            foreach (var (name, credential, expect) in callers)
            {
                var expected = expect(operation);
                var (path, body) = await operation.Prepare(setup, expected is null && operation.Method != "GET");
                var url = Url(operation, path);
                using var client = lab.Client(credential);
                var (status, json, _) = await client.SendAsync(new HttpMethod(operation.Method), url, body, Ct,
                    body is string ? "application/yaml" : null);
                var ok = expected is { } code ? status == code : operation.Allowed is { } allowed ? status == allowed : (int)status is >= 200 and < 300;
                if (!ok)
                {
                    wrong.Add($"{operation.Method} {operation.Template} by {name}: {(int)status}, expected {(expected is { } e ? (int)e : "2xx")}: {json}");
                }
                else if (expected is not null && json.ValueKind == JsonValueKind.Object)
                {
                    // Refusals are problem+json with a stable code.
                    Assert.True(json.TryGetProperty("code", out _), $"{operation.Method} {operation.Template} by {name}: no code in {json}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));

        // Nothing the refused callers tried changed acme's resources.
        using var admin = lab.AcmeAdmin();
        await admin.GetAsync($"/v1/sites/{site.SiteId}", Ct);
        var home = await admin.GetAsync($"/v1/homes/{site.HomeId}", Ct);
        Assert.Contains("light.living_room", home.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Every_change_by_an_admin_is_in_the_audit_log()
    {
        var site = await lab.NewHomeAsync(Ct);
        using var admin = lab.AcmeAdmin();
        var skillId = (await admin.PostAsync("/v1/skills", SkillBody(), Ct)).GetProperty("id").GetString()!;
        var setup = new Setup(lab, site, await OpenTicketAsync(site), skillId);
        List<string> unaudited = [];
        // Signing out ends a console session, which a key does not have: nothing changes, nothing to audit.
        foreach (var operation in Operations.Where(o => o.Method != "GET" && o.Template != "/v1/session" && o.Allowed is null))
        {
            var before = await NewestAuditAsync(admin);
            var (path, body) = await operation.Prepare(setup, true);
            var (status, json, _) = await admin.SendAsync(new HttpMethod(operation.Method), Url(operation, path), body, Ct,
                body is string ? "application/yaml" : null);
            Assert.True((int)status is >= 200 and < 300, $"{operation.Method} {operation.Template}: {(int)status} {json}");
            var after = await NewestAuditAsync(admin);
            if (after.Seq <= before.Seq || after.Actor != "key:config")
            {
                unaudited.Add($"{operation.Method} {operation.Template}");
            }
        }

        Assert.True(unaudited.Count == 0, "not audited: " + string.Join(", ", unaudited));
    }

    private static async Task<(long Seq, string? Actor)> NewestAuditAsync(PartnerClient admin)
    {
        var newest = (await admin.GetAsync("/v1/audit?limit=1", Ct)).GetProperty("items").EnumerateArray().First();
        return (long.Parse(newest.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture), newest.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task The_matrix_covers_every_operation_of_the_OpenAPI_document()
    {
        using var anonymous = lab.Client(null);
        var document = await anonymous.GetAsync("/openapi/v1.json", Ct);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var covered = Operations.Select(o => $"{o.Method} {o.Template}").Concat(Anonymous).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(covered, documented);
    }

    [Fact]
    public async Task The_MCP_A2A_and_Open_Floor_endpoints_need_a_partner_key_of_the_right_scope()
    {
        var site = await lab.NewHomeAsync(Ct);
        var read = await lab.AcmeKeyAsync(Scopes.Read, Ct);
        var provisioning = await lab.AcmeKeyAsync(Scopes.Provisioning, Ct);
        const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"matrix","version":"1"}}}""";
        const string Send = """{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"m1","role":"ROLE_USER","parts":[{"text":"안녕"}]}}}""";
        var envelope = """{"openFloor":{"schema":{"version":"1.0.0"},"conversation":{"id":"c1"},"sender":{"speakerUri":"tag:matrix"},"events":[]}}""";
        var endpoints = new (string Path, string Body, string Scope)[]
        {
            ("/mcp", Initialize, Scopes.Read), ("/a2a?homeId=" + site.HomeId, Send, Scopes.Provisioning), ("/ofp?homeId=" + site.HomeId, envelope, Scopes.Provisioning),
        };
        List<string> wrong = [];
        foreach (var (path, body, scope) in endpoints)
        {
            foreach (var (name, credential, expected) in new (string, string?, HttpStatusCode?)[]
            {
                ("no credentials", null, HttpStatusCode.Unauthorized),
                ("a device token", site.SpeakerToken, HttpStatusCode.Unauthorized),
                ("a read key", read, scope == Scopes.Read ? null : HttpStatusCode.Forbidden),
                ("a provisioning key", provisioning, null),
            })
            {
                using var http = new HttpClient { BaseAddress = lab.Server.BaseUrl };
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (credential is not null)
                {
                    request.Headers.Authorization = new("Bearer", credential);
                }

                using var response = await http.SendAsync(request, Ct);
                var ok = expected is { } code ? response.StatusCode == code : response.IsSuccessStatusCode;
                if (!ok)
                {
                    wrong.Add($"POST {path} by {name}: {(int)response.StatusCode}");
                }
                else if (expected is not null)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        using var anonymous = lab.Client(null);
        Assert.Equal("Dure", (await anonymous.GetAsync("/.well-known/agent-card.json", Ct)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Listings_of_another_tenant_show_none_of_acmes_resources()
    {
        var site = await lab.NewHomeAsync(Ct);
        await OpenTicketAsync(site);
        using var rival = lab.Client(lab.RivalAdminKey);
        Assert.DoesNotContain(site.SiteId, Json.Ids(await rival.GetAsync("/v1/sites", Ct)));
        Assert.Empty(Json.Ids(await rival.GetAsync("/v1/tickets?status=open,accepted,completed", Ct)));
        Assert.DoesNotContain(Json.Ids(await rival.GetAsync("/v1/audit", Ct), "target"), t => t.Contains(site.HomeId, StringComparison.Ordinal));
        Assert.Equal(PartnerLab.Rival, (await rival.GetAsync("/v1/tenant", Ct)).GetProperty("id").GetString());
    }

    /// <summary>A guest asks for towels through the acme home's speaker: that opens a front-desk ticket.</summary>
    private async Task<string> OpenTicketAsync(TestSite site)
    {
        await using (var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, site.SpeakerToken, Ct))
        {
            await speaker.SayAsync("수건 두 장 가져다 주세요", Ct);
            var speech = await speaker.ReceiveAsync(m => m.GetProperty("name").GetString() == "Speech.Speak", Ct);
            Assert.Contains("수건", speech.GetProperty("payload").GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        using var admin = lab.AcmeAdmin();
        var tickets = await admin.GetAsync("/v1/tickets", Ct);
        return tickets.GetProperty("items").EnumerateArray().Last(t => t.GetProperty("homeId").GetString() == site.HomeId).GetProperty("id").GetString()!;
    }
}
