using System.Text.Json;
using Dure.Platform.Tenancy;
using Dure.Protocol;
using Dure.Server.Tests.Partners;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Dure.Server.Tests.Alliance;

/// <summary>
/// Dure's MCP server through the real server, driven by an MCP client on the official SDK: the tools, device control
/// that reaches a connected device, risky actions refused without confirmation, the assistant as a tool, and keys of
/// another tenant, of a read scope or of another site kept out.
/// </summary>
[Collection(AllianceCollection.Name)]
public sealed class McpServerTests(PartnerLab lab) : IClassFixture<PartnerLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<McpClient> ConnectAsync(string? key) => ConnectAsync(lab, key);

    internal static async Task<McpClient> ConnectAsync(PartnerLab lab, string? key)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(lab.Server.BaseUrl, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = key is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
        };
        return await McpClient.CreateAsync(new HttpClientTransport(options), cancellationToken: Ct);
    }

    private static async Task<(bool Error, string Text)> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: Ct);
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        return (result.IsError is true, text);
    }

    private async Task<TestSite> HomeWithLockAsync()
    {
        var site = await lab.NewHomeAsync(Ct);
        using var admin = lab.AcmeAdmin();
        await admin.PostAsync($"/v1/homes/{site.HomeId}/devices", new
        {
            id = "lock.front_door",
            area = "living_room",
            names = new Dictionary<string, string[]> { ["ko"] = ["현관문"], ["en"] = ["Front Door"] },
            state = "locked",
        }, Ct);
        await admin.PostAsync($"/v1/homes/{site.HomeId}/devices", new
        {
            id = "switch.hidden_heater",
            area = "bedroom",
            names = new Dictionary<string, string[]> { ["ko"] = ["숨은 히터"] },
            exposed = false,
        }, Ct);
        return site;
    }

    [Fact]
    public async Task An_MCP_client_lists_the_tools_and_turns_on_a_light_that_a_connected_device_obeys()
    {
        var site = await HomeWithLockAsync();
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, site.SpeakerToken, Ct);
        await using var client = await ConnectAsync(lab.AcmeAdminKey);

        var tools = (await client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ask_assistant", "control_device", "get_device_state", "list_devices", "list_sites", "list_spaces"], tools);

        var (_, sites) = await CallAsync(client, "list_sites", []);
        Assert.Contains(site.SiteId, sites, StringComparison.Ordinal);
        var (_, spaces) = await CallAsync(client, "list_spaces", new() { ["site_id"] = site.SiteId });
        Assert.Contains($"\"homeId\":\"{site.HomeId}\"", spaces, StringComparison.Ordinal);
        var (_, devices) = await CallAsync(client, "list_devices", new() { ["home_id"] = site.HomeId });
        var ids = JsonDocument.Parse(devices).RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Contains("light.living_room", ids);
        Assert.DoesNotContain("switch.hidden_heater", ids); // not exposed
        Assert.DoesNotContain("speaker", ids);

        var (error, answer) = await CallAsync(client, "control_device",
            new() { ["home_id"] = site.HomeId, ["device_id"] = "light.living_room", ["action"] = "turn_on", ["language"] = "ko" });
        Assert.False(error, answer);
        Assert.Contains("거실 조명을 켰어요", answer, StringComparison.Ordinal);
        var control = await speaker.ReceiveAsync(m => m.GetProperty("name").GetString() == MessageNames.DeviceControl, Ct);
        Assert.Equal("light.living_room", control.GetProperty("payload").GetProperty("device").GetString());
        Assert.Equal("turn_on", control.GetProperty("payload").GetProperty("action").GetString());

        var (_, state) = await CallAsync(client, "get_device_state", new() { ["home_id"] = site.HomeId, ["device_id"] = "light.living_room" });
        Assert.Equal("on", JsonDocument.Parse(state).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unlocking_without_confirm_is_a_tool_error_and_with_confirm_the_door_unlocks()
    {
        var site = await HomeWithLockAsync();
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, site.SpeakerToken, Ct);
        await using var client = await ConnectAsync(lab.AcmeAdminKey);

        var (error, text) = await CallAsync(client, "control_device",
            new() { ["home_id"] = site.HomeId, ["device_id"] = "lock.front_door", ["action"] = "unlock" });
        Assert.True(error);
        Assert.Contains("confirm=true", text, StringComparison.Ordinal);
        Assert.DoesNotContain(await speaker.DrainAsync(TimeSpan.FromMilliseconds(500), Ct), m => m.GetProperty("name").GetString() == MessageNames.DeviceControl);
        var (_, state) = await CallAsync(client, "get_device_state", new() { ["home_id"] = site.HomeId, ["device_id"] = "lock.front_door" });
        Assert.Equal("locked", JsonDocument.Parse(state).RootElement.GetProperty("state").GetString());

        (error, text) = await CallAsync(client, "control_device",
            new() { ["home_id"] = site.HomeId, ["device_id"] = "lock.front_door", ["action"] = "unlock", ["confirm"] = true });
        Assert.False(error, text);
        Assert.Contains("Unlocked", text, StringComparison.Ordinal);
        var control = await speaker.ReceiveAsync(m => m.GetProperty("name").GetString() == MessageNames.DeviceControl, Ct);
        Assert.Equal("unlock", control.GetProperty("payload").GetProperty("action").GetString());

        // Bad arguments are clear tool errors, not failures of the server.
        (error, text) = await CallAsync(client, "control_device", new() { ["home_id"] = site.HomeId, ["device_id"] = "light.living_room", ["action"] = "explode" });
        Assert.True(error);
        Assert.Contains("unknown action", text, StringComparison.Ordinal);
        (error, text) = await CallAsync(client, "control_device",
            new() { ["home_id"] = site.HomeId, ["device_id"] = "light.living_room", ["action"] = "set_brightness", ["value"] = 400 });
        Assert.True(error);
        Assert.Contains("between 0 and 100", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_assistant_runs_an_utterance_as_a_device_of_the_home_and_continues_its_conversation()
    {
        var site = await HomeWithLockAsync();
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, site.SpeakerToken, Ct);
        await using var client = await ConnectAsync(lab.AcmeAdminKey);

        var (error, text) = await CallAsync(client, "ask_assistant", new() { ["home_id"] = site.HomeId, ["text"] = "거실 불 켜줘" });
        Assert.False(error, text);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal("거실 조명을 켰어요.", answer.GetProperty("answer").GetString());
        Assert.Equal("home.turn_on", answer.GetProperty("intent").GetString());
        await speaker.ReceiveAsync(m => m.GetProperty("name").GetString() == MessageNames.DeviceControl, Ct);

        // A risky request asks; the same conversation's yes carries it out.
        (_, text) = await CallAsync(client, "ask_assistant", new() { ["home_id"] = site.HomeId, ["text"] = "unlock the front door" });
        answer = JsonDocument.Parse(text).RootElement;
        Assert.True(answer.GetProperty("expectsAnswer").GetBoolean());
        Assert.Contains("Should I unlock", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        (_, text) = await CallAsync(client, "ask_assistant", new()
        {
            ["home_id"] = site.HomeId,
            ["text"] = "yes",
            ["conversation_id"] = answer.GetProperty("conversationId").GetString(),
        });
        Assert.Contains("Unlocked", JsonDocument.Parse(text).RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var unlock = await speaker.ReceiveAsync(m => m.GetProperty("name").GetString() == MessageNames.DeviceControl &&
            m.GetProperty("payload").GetProperty("device").GetString() == "lock.front_door", Ct);
        Assert.Equal("unlock", unlock.GetProperty("payload").GetProperty("action").GetString());

        // The device itself heard nothing: the answers went to the MCP client.
        Assert.DoesNotContain(await speaker.DrainAsync(TimeSpan.FromMilliseconds(300), Ct), m => m.GetProperty("name").GetString() == MessageNames.SpeechSpeak);
    }

    [Fact]
    public async Task Another_tenants_key_finds_nothing_and_no_or_a_device_token_cannot_connect()
    {
        var site = await HomeWithLockAsync();
        await using (var rival = await ConnectAsync(lab.RivalAdminKey))
        {
            var (error, text) = await CallAsync(rival, "list_devices", new() { ["home_id"] = site.HomeId });
            Assert.True(error);
            Assert.Contains("does not exist", text, StringComparison.Ordinal);
            (error, _) = await CallAsync(rival, "control_device", new() { ["home_id"] = site.HomeId, ["device_id"] = "light.living_room", ["action"] = "turn_on" });
            Assert.True(error);
            var (_, sites) = await CallAsync(rival, "list_sites", []);
            Assert.DoesNotContain(site.SiteId, sites, StringComparison.Ordinal);
        }

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ConnectAsync(null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ConnectAsync(site.SpeakerToken));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ConnectAsync("dure_pk_not_a_key"));
    }

    [Fact]
    public async Task A_read_key_only_reads_and_a_site_scoped_key_sees_only_its_site()
    {
        var site = await HomeWithLockAsync();
        var other = await lab.NewHomeAsync(Ct);
        await using (var reader = await ConnectAsync(await lab.AcmeKeyAsync(Scopes.Read, Ct)))
        {
            var (error, _) = await CallAsync(reader, "list_devices", new() { ["home_id"] = site.HomeId });
            Assert.False(error);
            (error, var text) = await CallAsync(reader, "control_device", new() { ["home_id"] = site.HomeId, ["device_id"] = "light.living_room", ["action"] = "turn_on" });
            Assert.True(error);
            Assert.Contains("provisioning", text, StringComparison.Ordinal);
        }

        using var admin = lab.AcmeAdmin();
        var created = await admin.PostAsync("/v1/keys", new { name = $"site-{Guid.NewGuid():N}"[..20], scopes = new[] { Scopes.Provisioning }, siteId = other.SiteId }, Ct);
        Assert.Equal(other.SiteId, created.GetProperty("siteId").GetString());
        var siteKey = created.GetProperty("secret").GetString()!;
        await using (var scoped = await ConnectAsync(siteKey))
        {
            var (_, sites) = await CallAsync(scoped, "list_sites", []);
            Assert.Equal([other.SiteId], JsonDocument.Parse(sites).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
            var (error, _) = await CallAsync(scoped, "list_devices", new() { ["home_id"] = other.HomeId });
            Assert.False(error);
            (error, var text) = await CallAsync(scoped, "list_devices", new() { ["home_id"] = site.HomeId });
            Assert.True(error);
            Assert.Contains("does not exist", text, StringComparison.Ordinal);
            (error, _) = await CallAsync(scoped, "list_spaces", new() { ["site_id"] = site.SiteId });
            Assert.True(error);
        }

        // Site-scoped keys are for the alliance endpoints; the REST API refuses them.
        using var rest = lab.Client(siteKey);
        var (status, body, _) = await rest.SendAsync(HttpMethod.Get, "/v1/sites", null, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, status);
        Assert.Equal("forbidden", body.GetProperty("code").GetString());
    }
}
