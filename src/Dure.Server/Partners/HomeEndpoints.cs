using System.Security.Claims;
using System.Text.Json;
using Dure.Homes;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

public sealed record NamedResponse(string Id, IReadOnlyDictionary<string, IReadOnlyList<string>> Names);

public sealed record DeviceResponse(
    string Id,
    string Domain,
    string? DeviceClass,
    string? Area,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Names,
    bool Gateway,
    string? ControlledBy,
    bool Exposed,
    bool Connects,
    string State,
    IReadOnlyDictionary<string, JsonElement> Attributes);

public sealed record HomeResponse(
    string Id,
    string Name,
    string? SiteId,
    string? SpaceId,
    string TimeZone,
    IReadOnlyList<NamedResponse> Floors,
    IReadOnlyList<NamedResponse> Areas,
    IReadOnlyList<DeviceResponse> Devices);

public sealed record CreateDeviceRequest(
    string? Id,
    string? Domain,
    string? DeviceClass,
    string? Area,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Names,
    bool? Gateway,
    string? ControlledBy,
    bool? Exposed,
    string? State,
    IReadOnlyDictionary<string, JsonElement>? Attributes,
    bool? Connects);

/// <summary>A device with a token: the only time the token is shown. It connects to <c>/v1/devices/connect</c> with it.</summary>
public sealed record DeviceTokenResponse(string HomeId, string DeviceId, string Token);

public sealed record CreatedDeviceResponse(DeviceResponse Device, string? Token);

/// <summary>Homes and their devices: layout with live state, adding and removing devices, and device tokens.</summary>
internal static class HomeEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var homes = v1.MapGroup("/homes/{homeId}").WithTags("Homes and devices");
        homes.MapGet("", GetHomeAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("The home's layout with each device's live state");
        homes.MapGet("/devices", ListDevicesAsync).RequireAuthorization(PartnerPolicies.Read);
        homes.MapPost("/devices", AddDeviceAsync).RequireAuthorization(PartnerPolicies.Provisioning)
            .WithSummary("Add a device; with connects=true it gets a token, shown in this answer only");
        homes.MapGet("/devices/{deviceId}", GetDeviceAsync).RequireAuthorization(PartnerPolicies.Read);
        homes.MapDelete("/devices/{deviceId}", RemoveDeviceAsync).RequireAuthorization(PartnerPolicies.Provisioning)
            .WithSummary("Remove a device; its token is revoked and its connection closed");
        homes.MapPost("/devices/{deviceId}/token", IssueTokenAsync).RequireAuthorization(PartnerPolicies.Provisioning)
            .WithSummary("Issue or rotate the device's token: the previous one stops working and its connection closes");
        homes.MapDelete("/devices/{deviceId}/token", RevokeTokenAsync).RequireAuthorization(PartnerPolicies.Provisioning)
            .WithSummary("Revoke the device's token: its connection closes and it can no longer connect");
    }

    internal static async Task<IResult> GetHomeAsync(ClaimsPrincipal user, string homeId, HomeDirectory directory, CancellationToken cancellationToken) =>
        await directory.FindAsync(user.Tenant(), homeId, cancellationToken) is { } view ? Results.Ok(Shape(view)) : Problems.NotFound($"home '{homeId}'");

    private static async Task<IResult> ListDevicesAsync(ClaimsPrincipal user, string homeId, HomeDirectory directory, CancellationToken cancellationToken) =>
        await directory.FindAsync(user.Tenant(), homeId, cancellationToken) is { } view
            ? Results.Ok(new ListResponse<DeviceResponse>([.. view.Home.Devices.Select(d => Shape(view, d))], null))
            : Problems.NotFound($"home '{homeId}'");

    private static async Task<IResult> GetDeviceAsync(ClaimsPrincipal user, string homeId, string deviceId, HomeDirectory directory,
        CancellationToken cancellationToken) =>
        await directory.FindAsync(user.Tenant(), homeId, cancellationToken) is { } view && view.Home.FindDevice(deviceId) is { } device
            ? Results.Ok(Shape(view, device))
            : Problems.NotFound($"device '{deviceId}' of home '{homeId}'");

    private static async Task<IResult> AddDeviceAsync(ClaimsPrincipal user, string homeId, CreateDeviceRequest? request, HomeDirectory directory,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request is null || !Ids.IsValid(request.Id))
        {
            return Problems.Invalid($"id is required: {Ids.Rule}");
        }

        if (request.Names is not { Count: > 0 } names || names.Any(n => n.Key is not ("ko" or "en") || n.Value.Count == 0 ||
                n.Value.Any(string.IsNullOrWhiteSpace)))
        {
            return Problems.Invalid("names must give at least one name, as {\"ko\": [...], \"en\": [...]}");
        }

        Dictionary<string, object?> fields = new(StringComparer.Ordinal)
        {
            ["id"] = request.Id,
            ["domain"] = request.Domain,
            ["device_class"] = request.DeviceClass,
            ["area"] = request.Area,
            ["names"] = names.ToDictionary(n => n.Key, n => (object?)n.Value.Select(v => (object?)v.Trim()).ToList()),
            ["gateway"] = request.Gateway is true ? true : null,
            ["controlled_by"] = request.ControlledBy,
            ["exposed"] = request.Exposed is false ? false : null,
            ["state"] = request.State,
            ["attributes"] = request.Attributes is { Count: > 0 } attributes ? attributes.ToDictionary(a => a.Key, a => Plain(a.Value)) : null,
        };
        var change = await directory.AddDeviceAsync(user.Tenant(), homeId, fields, request.Connects is true, cancellationToken);
        if (change.Outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"home '{homeId}'");
        }

        if (change.IsInvalid)
        {
            return change.Error!.Contains("already has", StringComparison.Ordinal) ? Problems.Conflict(change.Error) : Problems.Invalid(change.Error);
        }

        await audit.Audit(user, "device.create", $"{homeId}/{request.Id}", request.Connects is true ? "with token" : null);
        var view = (await directory.FindAsync(user.Tenant(), homeId, cancellationToken))!;
        return Results.Created($"/v1/homes/{homeId}/devices/{request.Id}",
            new CreatedDeviceResponse(Shape(view, view.Home.FindDevice(request.Id)!), change.Token));
    }

    private static async Task<IResult> RemoveDeviceAsync(ClaimsPrincipal user, string homeId, string deviceId, HomeDirectory directory,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        var change = await directory.RemoveDeviceAsync(user.Tenant(), homeId, deviceId, cancellationToken);
        if (change.Outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"device '{deviceId}' of home '{homeId}'");
        }

        if (change.IsInvalid)
        {
            return Problems.Conflict($"removing '{deviceId}' would break the home: {change.Error}");
        }

        await audit.Audit(user, "device.delete", $"{homeId}/{deviceId}");
        return Results.NoContent();
    }

    private static async Task<IResult> IssueTokenAsync(ClaimsPrincipal user, string homeId, string deviceId, HomeDirectory directory,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        var change = await directory.IssueTokenAsync(user.Tenant(), homeId, deviceId, cancellationToken);
        if (change.Outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"device '{deviceId}' of home '{homeId}'");
        }

        await audit.Audit(user, "device.token.issue", $"{homeId}/{deviceId}");
        return Results.Ok(new DeviceTokenResponse(homeId, deviceId, change.Token!));
    }

    private static async Task<IResult> RevokeTokenAsync(ClaimsPrincipal user, string homeId, string deviceId, HomeDirectory directory,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        var change = await directory.RevokeTokenAsync(user.Tenant(), homeId, deviceId, cancellationToken);
        if (change.Outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"a token of device '{deviceId}' of home '{homeId}'");
        }

        await audit.Audit(user, "device.token.revoke", $"{homeId}/{deviceId}");
        return Results.NoContent();
    }

    internal static HomeResponse Shape(HomeView view) => new(
        view.Home.Id,
        view.Home.Name,
        view.Space?.SiteId,
        view.Space?.Id,
        view.Home.TimeZone,
        [.. view.Home.Floors.Select(f => new NamedResponse(f.Id, Names(f.Names)))],
        [.. view.Home.Areas.Select(a => new NamedResponse(a.Id, Names(a.Names)))],
        [.. view.Home.Devices.Select(d => Shape(view, d))]);

    internal static DeviceResponse Shape(HomeView view, Device device)
    {
        var state = view.States.GetValueOrDefault(device.Id) ?? device.InitialState;
        return new DeviceResponse(device.Id, device.Domain, device.DeviceClass, device.AreaId, Names(device.Names), device.IsGateway,
            device.ControlledBy, device.Exposed, view.Endpoints.Contains(device.Id), state.Value, state.Attributes);
    }

    private static Dictionary<string, IReadOnlyList<string>> Names(Names names) =>
        names.All.GroupBy(n => n.Language).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(n => n.Text)], StringComparer.Ordinal);

    /// <summary>A JSON attribute value as the home-file writer takes it.</summary>
    private static object? Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)) as IReadOnlyDictionary<string, object?>,
        _ => null,
    };
}
