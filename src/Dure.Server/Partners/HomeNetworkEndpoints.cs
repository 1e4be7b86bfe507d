using System.Security.Claims;
using Dure.HomeNetworks;
using Dure.HomeNetworks.Mqtt;
using Dure.HomeNetworks.WallPad;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

public sealed record WallPadSecretResponse(string SiteId, string Secret);

public sealed record WallPadAccepted(string RequestId, string Status);

/// <summary>
/// A site's home networks: its MQTT bridge (docs/home-networks.md) and its wall-pad vendor adapter
/// (the vendor guide of docs/home-networks.md), and the signed endpoint where the vendor's server posts states and events.
/// </summary>
internal static class HomeNetworkEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var site = v1.MapGroup("/sites/{siteId}").WithTags("Home networks");
        site.MapPut("/mqtt", PutMqttAsync).RequireAuthorization(PartnerPolicies.Admin).Produces<MqttBridgeView>()
            .WithSummary("Connect the site to an MQTT broker; discovered devices (Home Assistant, zigbee2mqtt) go into the given home");
        site.MapGet("/mqtt", GetMqttAsync).RequireAuthorization(PartnerPolicies.Read).Produces<MqttBridgeView>()
            .WithSummary("The site's MQTT bridge and whether it is connected (the password is never shown)");
        site.MapDelete("/mqtt", DeleteMqttAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Stop the site's MQTT bridge; the devices it discovered leave their homes");
        site.MapPut("/wallpad", PutWallPadAsync).RequireAuthorization(PartnerPolicies.Admin).Produces<WallPadView>()
            .WithSummary("Connect the site's homes to a wall-pad vendor's server; a new adapter's shared secret is in this answer only");
        site.MapGet("/wallpad", GetWallPadAsync).RequireAuthorization(PartnerPolicies.Read).Produces<WallPadView>()
            .WithSummary("The site's wall-pad adapter (never its secret)");
        site.MapDelete("/wallpad", DeleteWallPadAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Stop the site's wall-pad adapter; the wall-pad server leaves its homes");
        site.MapPost("/wallpad/secret", RotateWallPadSecretAsync).RequireAuthorization(PartnerPolicies.Admin).Produces<WallPadSecretResponse>()
            .WithSummary("Rotate the wall-pad shared secret; the previous one still verifies the vendor's requests for an hour");

        v1.MapPost("/wallpad/{siteId}/events", ReceiveWallPadAsync).AllowAnonymous().WithTags("Home networks")
            .Accepts<object>("application/json").Produces<WallPadAccepted>()
            .WithSummary("For the wall-pad vendor's server: a device state or a home event, signed with the site's shared secret (Dure-Signature)");
    }

    private static async Task<IResult> PutMqttAsync(ClaimsPrincipal user, string siteId, MqttBridgeRequest? request, MqttBridges bridges,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid("the body must be the bridge's settings: {host, port?, tls?, username?, password?, clientId?, discovery?, homeId, areas?}");
        }

        var result = await bridges.PutAsync(user.Tenant(), siteId, request, cancellationToken);
        if (Refusal(result, siteId) is { } refused)
        {
            return refused;
        }

        await audit.Audit(user, "mqtt.put", siteId, $"{result.Value!.Host}:{result.Value.Port}");
        return Results.Ok(result.Value);
    }

    private static async Task<IResult> GetMqttAsync(ClaimsPrincipal user, string siteId, MqttBridges bridges, CancellationToken cancellationToken) =>
        await bridges.GetAsync(user.Tenant(), siteId, cancellationToken) is { } view ? Results.Ok(view) : Problems.NotFound($"an MQTT bridge of site '{siteId}'");

    private static async Task<IResult> DeleteMqttAsync(ClaimsPrincipal user, string siteId, MqttBridges bridges, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!await bridges.DeleteAsync(user.Tenant(), siteId, cancellationToken))
        {
            return Problems.NotFound($"an MQTT bridge of site '{siteId}'");
        }

        await audit.Audit(user, "mqtt.delete", siteId);
        return Results.NoContent();
    }

    private static async Task<IResult> PutWallPadAsync(ClaimsPrincipal user, string siteId, WallPadRequest? request, WallPadAdapters adapters,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Invalid("the body must be the adapter's settings: {baseUrl, homeMapping?, timeoutSeconds?}");
        }

        var result = await adapters.PutAsync(user.Tenant(), siteId, request, cancellationToken);
        if (Refusal(result, siteId) is { } refused)
        {
            return refused;
        }

        await audit.Audit(user, "wallpad.put", siteId, result.Value!.BaseUrl + (result.Value.Secret is null ? "" : " (new secret)"));
        return Results.Ok(result.Value);
    }

    private static async Task<IResult> GetWallPadAsync(ClaimsPrincipal user, string siteId, WallPadAdapters adapters, CancellationToken cancellationToken) =>
        await adapters.GetAsync(user.Tenant(), siteId, cancellationToken) is { } view ? Results.Ok(view) : Problems.NotFound($"a wall-pad adapter of site '{siteId}'");

    private static async Task<IResult> DeleteWallPadAsync(ClaimsPrincipal user, string siteId, WallPadAdapters adapters, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!await adapters.DeleteAsync(user.Tenant(), siteId, cancellationToken))
        {
            return Problems.NotFound($"a wall-pad adapter of site '{siteId}'");
        }

        await audit.Audit(user, "wallpad.delete", siteId);
        return Results.NoContent();
    }

    private static async Task<IResult> RotateWallPadSecretAsync(ClaimsPrincipal user, string siteId, WallPadAdapters adapters, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await adapters.RotateSecretAsync(user.Tenant(), siteId, cancellationToken) is not { } secret)
        {
            return Problems.NotFound($"a wall-pad adapter of site '{siteId}'");
        }

        await audit.Audit(user, "wallpad.secret.rotate", siteId);
        return Results.Ok(new WallPadSecretResponse(siteId, secret));
    }

    private static async Task<IResult> ReceiveWallPadAsync(string siteId, HttpRequest request, WallPadInbound inbound, CancellationToken cancellationToken)
    {
        if (request.ContentLength > WallPadInbound.MaxBodyBytes)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "too_large", $"a request may be at most {WallPadInbound.MaxBodyBytes} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > WallPadInbound.MaxBodyBytes)
            {
                return Problems.Result(StatusCodes.Status413PayloadTooLarge, "too_large", $"a request may be at most {WallPadInbound.MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        var answer = await inbound.HandleAsync(siteId, request.Headers[WallPadSignature.Header].ToString(), buffer.ToArray(), cancellationToken);
        return answer.Succeeded
            ? Results.Ok(new WallPadAccepted(answer.RequestId!, "accepted"))
            : Problems.Result(answer.Status, answer.Code!, answer.Detail!);
    }

    private static IResult? Refusal<T>(HomeNetworkResult<T> result, string siteId) => result.Outcome switch
    {
        HomeNetworkOutcome.NotFound => Problems.NotFound($"site '{siteId}'"),
        HomeNetworkOutcome.Invalid => Problems.Invalid(result.Error!),
        _ => null,
    };
}
