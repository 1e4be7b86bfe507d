using System.Security.Claims;
using Dure.Homes;
using Dure.Platform.Provisioning;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

public sealed record DeviceClientResponse(string ClientId, string Name, DateTimeOffset CreatedAt);

public sealed record CreateDeviceClientRequest(string? ClientId, string? Name);

public sealed record DeviceCodeResponse(string UserCode, string ClientId, string? ClientName, string Status, DateTimeOffset ExpiresAt);

public sealed record ApproveDeviceRequest(string? HomeId, string? DeviceId, IReadOnlyDictionary<string, IReadOnlyList<string>>? Names, string? Area);

public sealed record ApprovedDeviceResponse(string HomeId, string DeviceId);

/// <summary>
/// The partner side of device provisioning by the device authorization grant: device clients (a partner's device
/// products) and the user codes people read off a device and approve, placing the device in a home.
/// </summary>
internal static class ProvisioningEndpoints
{
    private const int MaxName = 200;

    public static void Map(RouteGroupBuilder v1)
    {
        var clients = v1.MapGroup("/device-clients").WithTags("Provisioning");
        clients.MapGet("", ListClientsAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("The tenant's device clients (device products)")
            .Produces<ListResponse<DeviceClientResponse>>();
        clients.MapPost("", CreateClientAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Register a device product: its devices sign in with the device authorization grant under this client id")
            .Produces<DeviceClientResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapDelete("/{clientId}", DeleteClientAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Delete a device client; its devices' pending sign-ins fail with invalid_client")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var codes = v1.MapGroup("/device-codes/{userCode}").WithTags("Provisioning").RequireAuthorization(PartnerPolicies.Provisioning);
        codes.MapGet("", GetCodeAsync).WithSummary("A user code shown by a device: which product asks, and whether it is still pending")
            .Produces<DeviceCodeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        codes.MapPost("/approve", ApproveAsync)
            .WithSummary("Approve a device: it is added to the home, and gets its token the next time it polls")
            .Produces<ApprovedDeviceResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        codes.MapPost("/deny", DenyAsync).WithSummary("Refuse a device: its polls get access_denied")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListClientsAsync(ClaimsPrincipal user, IDeviceFlowStore store, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        return Results.Ok(Paging.Response(await store.ListClientsAsync(user.Tenant(), paging.After, paging.Limit, cancellationToken), Shape));
    }

    private static async Task<IResult> CreateClientAsync(ClaimsPrincipal user, CreateDeviceClientRequest? request, IDeviceFlowStore store,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.Name is not { } name || string.IsNullOrWhiteSpace(name) || name.Length > MaxName)
        {
            return Problems.Invalid($"name is required, at most {MaxName} characters");
        }

        var id = request.ClientId ?? Ids.New("dc_");
        if (!Ids.IsValid(id))
        {
            return Problems.Invalid($"clientId: {Ids.Rule}");
        }

        var (outcome, client) = await store.CreateClientAsync(user.Tenant(), id, name.Trim(), cancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict($"the client id '{id}' is taken");
        }

        await audit.Audit(user, "device_client.create", client!.Id, client.Name);
        return Results.Created($"/v1/device-clients/{client.Id}", Shape(client));
    }

    private static async Task<IResult> DeleteClientAsync(ClaimsPrincipal user, string clientId, IDeviceFlowStore store, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await store.DeleteClientAsync(user.Tenant(), clientId, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"device client '{clientId}'");
        }

        await audit.Audit(user, "device_client.delete", clientId);
        return Results.NoContent();
    }

    private static async Task<IResult> GetCodeAsync(ClaimsPrincipal user, string userCode, DeviceFlow flow, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!UserCodes.TryNormalize(userCode, out var code))
        {
            return InvalidCode();
        }

        return await flow.FindAsync(user.Tenant(), code, cancellationToken) is { } found
            ? Results.Ok(new DeviceCodeResponse(UserCodes.Format(found.Code.UserCode), found.Code.ClientId, found.Client?.Name,
                found.Code.StatusAt(time.GetUtcNow()), found.Code.Expires))
            : CodeNotFound(code);
    }

    private static async Task<IResult> ApproveAsync(ClaimsPrincipal user, string userCode, ApproveDeviceRequest? request, DeviceFlow flow,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!UserCodes.TryNormalize(userCode, out var code))
        {
            return InvalidCode();
        }

        if (!Ids.IsValid(request?.HomeId))
        {
            return Problems.Invalid($"homeId is required: {Ids.Rule}");
        }

        if (!Ids.IsValid(request!.DeviceId))
        {
            return Problems.Invalid($"deviceId is required: {Ids.Rule}");
        }

        if (request.Area is not null && !Ids.IsValid(request.Area))
        {
            return Problems.Invalid($"area: {Ids.Rule}");
        }

        if (request.Names is not { Count: > 0 } names || names.Any(n => n.Key is not ("ko" or "en") || n.Value is not { Count: > 0 } ||
                n.Value.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > MaxName)))
        {
            return Problems.Invalid("names must give at least one name, as {\"ko\": [...], \"en\": [...]}");
        }

        // A device that signs in by itself is one people talk to: a speaker, a set-top box, a wall pad.
        Dictionary<string, object?> fields = new(StringComparer.Ordinal)
        {
            ["id"] = request.DeviceId,
            ["domain"] = DeviceDomains.AssistSatellite,
            ["area"] = request.Area,
            ["names"] = names.ToDictionary(n => n.Key, n => (object?)n.Value.Select(v => (object?)v.Trim()).ToList()),
        };
        var (outcome, change) = await flow.ApproveAsync(user.Tenant(), code, request.HomeId!, fields, cancellationToken);
        switch (outcome)
        {
            case ApprovalOutcome.CodeNotFound:
                return CodeNotFound(code);
            case ApprovalOutcome.CodeExpired:
                return Expired(code);
            case ApprovalOutcome.CodeNotPending:
                return Decided(code);
            case ApprovalOutcome.HomeRefused when change!.Outcome == StoreOutcome.NotFound:
                return Problems.NotFound($"home '{request.HomeId}'");
            case ApprovalOutcome.HomeRefused:
                return change!.Error!.Contains("already has", StringComparison.Ordinal) ? Problems.Conflict(change.Error) : Problems.Invalid(change.Error);
        }

        await audit.Audit(user, "device_code.approve", UserCodes.Format(code), $"{request.HomeId}/{request.DeviceId}");
        return Results.Ok(new ApprovedDeviceResponse(request.HomeId!, request.DeviceId!));
    }

    private static async Task<IResult> DenyAsync(ClaimsPrincipal user, string userCode, DeviceFlow flow, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!UserCodes.TryNormalize(userCode, out var code))
        {
            return InvalidCode();
        }

        switch (await flow.DenyAsync(user.Tenant(), code, cancellationToken))
        {
            case DecisionOutcome.NotFound:
                return CodeNotFound(code);
            case DecisionOutcome.Expired:
                return Expired(code);
            case DecisionOutcome.NotPending:
                return Decided(code);
        }

        await audit.Audit(user, "device_code.deny", UserCodes.Format(code));
        return Results.NoContent();
    }

    private static IResult InvalidCode() =>
        Problems.Invalid($"a user code is {UserCodes.Length} letters of {UserCodes.Alphabet}, written like BCDF-GHJK (case and dashes do not matter)");

    private static IResult CodeNotFound(string code) => Problems.NotFound($"user code '{UserCodes.Format(code)}'");

    private static IResult Expired(string code) =>
        Problems.Result(StatusCodes.Status409Conflict, "code_expired", $"user code '{UserCodes.Format(code)}' has expired; the device must ask for a new one");

    private static IResult Decided(string code) =>
        Problems.Result(StatusCodes.Status409Conflict, "code_decided", $"user code '{UserCodes.Format(code)}' was already approved, denied or used");

    private static DeviceClientResponse Shape(DeviceClientRecord client) => new(client.Id, client.Name, client.Created);
}
