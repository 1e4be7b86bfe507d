using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Platform.Grains;
using Dure.Platform.Tenancy;
using Dure.Server.Partners;
using Dure.Skills.SmartHome;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Dure.Server.Alliance.Mcp;

/// <summary>
/// Dure's MCP tools (docs/alliance.md): the tenant's sites, spaces and homes' devices, device control, and a turn of the
/// assistant. The caller is the partner key of the <c>/mcp</c> request; another tenant's resources, and for a
/// site-scoped key other sites', are "not found". Reading needs the read scope, acting the provisioning scope.
/// </summary>
[McpServerToolType]
public sealed class DureMcpTools(IHttpContextAccessor http, ISiteStore sites, HomeDirectory homes, IGrainFactory grains)
{
    private const int MaxListed = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new McpException("no caller");

    [McpServerTool(Name = "list_sites", ReadOnly = true), Description("Lists the sites (apartment complexes, hotels, fleets) this key may see.")]
    public async Task<string> ListSites(CancellationToken cancellationToken)
    {
        var user = User;
        var list = new JsonArray();
        if (user.Site() is { } only)
        {
            if (await sites.FindSiteAsync(user.Tenant(), only, cancellationToken) is { } site)
            {
                list.Add(new JsonObject { ["id"] = site.Id, ["name"] = site.Name, ["kind"] = site.Kind });
            }
        }
        else
        {
            var page = await sites.ListSitesAsync(user.Tenant(), null, MaxListed, cancellationToken);
            foreach (var site in page.Items)
            {
                list.Add(new JsonObject { ["id"] = site.Id, ["name"] = site.Name, ["kind"] = site.Kind });
            }
        }

        return list.ToJsonString(Json);
    }

    [McpServerTool(Name = "list_spaces", ReadOnly = true),
     Description("Lists a site's spaces (buildings, units, floors, rooms, vehicles); a space with a homeId holds a home with devices.")]
    public async Task<string> ListSpaces([Description("The site's id, from list_sites")] string site_id, CancellationToken cancellationToken)
    {
        var user = User;
        if (!SiteVisible(user, site_id) || await sites.FindSiteAsync(user.Tenant(), site_id, cancellationToken) is null)
        {
            throw new McpException($"site '{site_id}' does not exist");
        }

        var page = await sites.ListSpacesAsync(user.Tenant(), site_id, null, MaxListed, cancellationToken);
        var list = new JsonArray();
        foreach (var space in page.Items)
        {
            list.Add(new JsonObject
            {
                ["id"] = space.Id,
                ["kind"] = space.Kind,
                ["name"] = space.Name,
                ["parentId"] = space.ParentId,
                ["homeId"] = space.HomeId,
            });
        }

        return list.ToJsonString(Json);
    }

    [McpServerTool(Name = "list_devices", ReadOnly = true), Description("Lists a home's devices that can be controlled, with their rooms and states.")]
    public async Task<string> ListDevices([Description("The home's id (a space's homeId)")] string home_id, CancellationToken cancellationToken)
    {
        var view = await HomeAsync(home_id, cancellationToken);
        var list = new JsonArray();
        foreach (var device in DeviceActions.Exposed(view.Home))
        {
            list.Add(DeviceJson(view, device));
        }

        return list.ToJsonString(Json);
    }

    [McpServerTool(Name = "get_device_state", ReadOnly = true), Description("Reads one device's state and attributes.")]
    public async Task<string> GetDeviceState([Description("The home's id")] string home_id, [Description("The device's id, from list_devices")] string device_id,
        CancellationToken cancellationToken)
    {
        var view = await HomeAsync(home_id, cancellationToken);
        return view.Home.FindDevice(device_id) is { Exposed: true } device && device.Domain != DeviceDomains.AssistSatellite
            ? DeviceJson(view, device).ToJsonString(Json)
            : throw new McpException($"home '{home_id}' has no device '{device_id}'");
    }

    [McpServerTool(Name = "control_device", Destructive = true),
     Description("Acts on one device: turn_on, turn_off, lock, unlock, open, close, set_brightness (0-100), set_temperature (5-40), " +
        "set_position (0-100). Unlocking a door or opening a valve (gas) is risky: it needs confirm=true, given only after the person agreed.")]
    public async Task<string> ControlDevice(
        [Description("The home's id")] string home_id,
        [Description("The device's id, from list_devices")] string device_id,
        [Description("turn_on, turn_off, lock, unlock, open, close, set_brightness, set_temperature or set_position")] string action,
        [Description("The number the set_ actions take")] double? value = null,
        [Description("True only when the person confirmed a risky action")] bool confirm = false,
        [Description("The answer's language: ko or en (default en)")] string? language = null,
        CancellationToken cancellationToken = default)
    {
        RequireActing();
        var view = await HomeAsync(home_id, cancellationToken);
        var reply = await grains.GetGrain<IHomeGrain>(view.Home.Id).Act(device_id, action, value, confirm, language);
        if (reply.Problem is { } problem)
        {
            throw new McpException(problem);
        }

        if (reply.NeedsConfirmation)
        {
            throw new McpException($"'{action}' on '{device_id}' is a risky action and was not done: ask the person, then call again with confirm=true " +
                $"(Dure would ask: \"{reply.Text}\")");
        }

        return new JsonObject { ["done"] = true, ["answer"] = reply.Text, ["language"] = reply.Language }.ToJsonString(Json);
    }

    [McpServerTool(Name = "ask_assistant"),
     Description("Says something to Dure as a device of a home (its room is the context) and returns Dure's answer; commands it decides go to " +
        "the devices. Use the same conversation_id to continue a conversation (answer its questions).")]
    public async Task<string> AskAssistant(
        [Description("The home's id")] string home_id,
        [Description("What the person said, in Korean or English")] string text,
        [Description("The device that hears it; default: the home's first speaker or wall pad")] string? device_id = null,
        [Description("ko or en; default: detected from the text")] string? language = null,
        [Description("Continues an earlier conversation")] string? conversation_id = null,
        CancellationToken cancellationToken = default)
    {
        RequireActing();
        var view = await HomeAsync(home_id, cancellationToken);
        var speaker = device_id ?? Speaker(view.Home) ?? throw new McpException($"home '{home_id}' has no device to speak as");
        var conversation = conversation_id is { Length: > 0 and <= 100 } given ? given : Guid.NewGuid().ToString("N");
        var reply = await grains.GetGrain<IHomeGrain>(view.Home.Id).Ask(speaker, text ?? "", language, $"mcp:{User.Actor()}:{conversation}", false);
        if (reply.Problem is { } problem)
        {
            throw new McpException(problem);
        }

        return new JsonObject
        {
            ["answer"] = reply.Text,
            ["language"] = reply.Language,
            ["intent"] = reply.Intent,
            ["expectsAnswer"] = reply.ExpectsAnswer,
            ["conversationId"] = conversation,
        }.ToJsonString(Json);
    }

    /// <summary>The device a home's turns are said on when none is named: a speaker or wall pad, else the gateway.</summary>
    public static string? Speaker(Home home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return (home.Devices.FirstOrDefault(d => d.Domain == DeviceDomains.AssistSatellite) ?? home.Gateway ?? home.Devices.FirstOrDefault())?.Id;
    }

    private void RequireActing()
    {
        if (!Scopes.Grants(User.GrantedScopes(), Scopes.Provisioning))
        {
            throw new McpException("this key may only read: acting on devices and talking to the assistant need the provisioning scope");
        }
    }

    private static bool SiteVisible(ClaimsPrincipal user, string? siteId) => user.Site() is not { } only || only == siteId;

    private async Task<HomeView> HomeAsync(string homeId, CancellationToken cancellationToken)
    {
        var user = User;
        return homeId is { Length: > 0 } && await homes.FindAsync(user.Tenant(), homeId, cancellationToken) is { } view && SiteVisible(user, view.Space?.SiteId)
            ? view
            : throw new McpException($"home '{homeId}' does not exist");
    }

    private static JsonObject DeviceJson(HomeView view, Device device)
    {
        var state = view.States.GetValueOrDefault(device.Id) ?? device.InitialState;
        var attributes = new JsonObject();
        foreach (var (name, value) in state.Attributes)
        {
            attributes[name] = JsonNode.Parse(value.GetRawText());
        }

        return new JsonObject
        {
            ["id"] = device.Id,
            ["domain"] = device.Domain,
            ["names"] = new JsonArray([.. device.Names.All.Select(n => (JsonNode?)JsonValue.Create(n.Text))]),
            ["area"] = device.AreaId,
            ["state"] = state.Value,
            ["attributes"] = attributes,
        };
    }
}
