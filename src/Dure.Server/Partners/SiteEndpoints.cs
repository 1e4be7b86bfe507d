using System.Security.Claims;
using System.Text;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

public sealed record SiteResponse(string Id, string Name, string Kind, DateTimeOffset CreatedAt);

public sealed record CreateSiteRequest(string? Id, string? Name, string? Kind);

public sealed record UpdateSiteRequest(string? Name, string? Kind);

public sealed record SpaceResponse(string Id, string SiteId, string? ParentId, string Kind, string Name, string? HomeId, DateTimeOffset CreatedAt);

public sealed record CreateSpaceRequest(string? Id, string? ParentId, string? Kind, string? Name);

public sealed record RenameSpaceRequest(string? Name);

/// <summary>Sites and their space trees (complex &gt; building &gt; unit, hotel &gt; floor &gt; room, fleet &gt; vehicle), and the homes in them.</summary>
internal static class SiteEndpoints
{
    private const int MaxName = 200;
    private const int MaxHomeFileBytes = 1024 * 1024;

    public static void Map(RouteGroupBuilder v1)
    {
        var sites = v1.MapGroup("/sites").WithTags("Sites");
        sites.MapGet("", ListSitesAsync).RequireAuthorization(PartnerPolicies.Read);
        sites.MapPost("", CreateSiteAsync).RequireAuthorization(PartnerPolicies.Admin);
        sites.MapGet("/{siteId}", GetSiteAsync).RequireAuthorization(PartnerPolicies.Read);
        sites.MapPatch("/{siteId}", UpdateSiteAsync).RequireAuthorization(PartnerPolicies.Admin);
        sites.MapDelete("/{siteId}", DeleteSiteAsync).RequireAuthorization(PartnerPolicies.Admin).WithSummary("Delete a site without spaces");
        sites.MapGet("/{siteId}/spaces", ListSpacesAsync).RequireAuthorization(PartnerPolicies.Read);
        sites.MapPost("/{siteId}/spaces", CreateSpaceAsync).RequireAuthorization(PartnerPolicies.Admin);

        var spaces = v1.MapGroup("/spaces").WithTags("Sites");
        spaces.MapGet("/{spaceId}", GetSpaceAsync).RequireAuthorization(PartnerPolicies.Read);
        spaces.MapPatch("/{spaceId}", RenameSpaceAsync).RequireAuthorization(PartnerPolicies.Admin);
        spaces.MapDelete("/{spaceId}", DeleteSpaceAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Delete a space without children; its home and devices go with it");
        spaces.MapPut("/{spaceId}/home", PutHomeAsync).RequireAuthorization(PartnerPolicies.Provisioning)
            .WithSummary("Create or replace the space's home from a home file (YAML or JSON)")
            .Accepts<string>("application/yaml", "application/json", "text/plain");
    }

    private static async Task<IResult> ListSitesAsync(ClaimsPrincipal user, ISiteStore sites, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        return Results.Ok(Paging.Response(await sites.ListSitesAsync(user.Tenant(), paging.After, paging.Limit, cancellationToken), Shape));
    }

    private static async Task<IResult> CreateSiteAsync(ClaimsPrincipal user, CreateSiteRequest? request, ISiteStore sites, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (Validate(request?.Name, request?.Kind, required: true) is { } invalid)
        {
            return invalid;
        }

        var id = request!.Id ?? Ids.New("st_");
        if (!Ids.IsValid(id))
        {
            return Problems.Invalid(Ids.Rule);
        }

        var (outcome, site) = await sites.CreateSiteAsync(user.Tenant(), id, request.Name!.Trim(), request.Kind!, cancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict($"the id '{id}' is taken");
        }

        await audit.Audit(user, "site.create", site!.Id, site.Name);
        return Results.Created($"/v1/sites/{site.Id}", Shape(site));
    }

    private static async Task<IResult> GetSiteAsync(ClaimsPrincipal user, string siteId, ISiteStore sites, CancellationToken cancellationToken) =>
        await sites.FindSiteAsync(user.Tenant(), siteId, cancellationToken) is { } site ? Results.Ok(Shape(site)) : Problems.NotFound($"site '{siteId}'");

    private static async Task<IResult> UpdateSiteAsync(ClaimsPrincipal user, string siteId, UpdateSiteRequest? request, ISiteStore sites,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if ((request is null ? Problems.Invalid("give a name or a kind to change") : Validate(request.Name, request.Kind, required: false)) is { } invalid)
        {
            return invalid;
        }

        var (outcome, site) = await sites.UpdateSiteAsync(user.Tenant(), siteId, request!.Name?.Trim(), request.Kind, cancellationToken);
        if (outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"site '{siteId}'");
        }

        await audit.Audit(user, "site.update", siteId);
        return Results.Ok(Shape(site!));
    }

    private static async Task<IResult> DeleteSiteAsync(ClaimsPrincipal user, string siteId, ISiteStore sites, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        switch (await sites.DeleteSiteAsync(user.Tenant(), siteId, cancellationToken))
        {
            case StoreOutcome.NotFound:
                return Problems.NotFound($"site '{siteId}'");
            case StoreOutcome.Conflict:
                return Problems.Conflict($"site '{siteId}' still has spaces; delete them first");
            default:
                await audit.Audit(user, "site.delete", siteId);
                return Results.NoContent();
        }
    }

    private static async Task<IResult> ListSpacesAsync(ClaimsPrincipal user, string siteId, ISiteStore sites, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        if (await sites.FindSiteAsync(user.Tenant(), siteId, cancellationToken) is null)
        {
            return Problems.NotFound($"site '{siteId}'");
        }

        return Results.Ok(Paging.Response(await sites.ListSpacesAsync(user.Tenant(), siteId, paging.After, paging.Limit, cancellationToken), Shape));
    }

    private static async Task<IResult> CreateSpaceAsync(ClaimsPrincipal user, string siteId, CreateSpaceRequest? request, ISiteStore sites,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.Name is not { Length: > 0 and <= MaxName } name || string.IsNullOrWhiteSpace(name))
        {
            return Problems.Invalid($"name is required (at most {MaxName} characters)");
        }

        if (request.Kind is not { } kind || !SpaceKinds.All.Contains(kind))
        {
            return Problems.Invalid($"kind must be one of {string.Join(", ", SpaceKinds.All)}");
        }

        var id = request.Id ?? Ids.New("sp_");
        if (!Ids.IsValid(id))
        {
            return Problems.Invalid(Ids.Rule);
        }

        var (outcome, space) = await sites.CreateSpaceAsync(user.Tenant(), siteId, id, request.ParentId, kind, name.Trim(), cancellationToken);
        switch (outcome)
        {
            case StoreOutcome.NotFound:
                return Problems.NotFound(request.ParentId is null ? $"site '{siteId}'" : $"site '{siteId}' or its space '{request.ParentId}'");
            case StoreOutcome.Conflict:
                return Problems.Conflict($"the id '{id}' is taken");
            default:
                await audit.Audit(user, "space.create", space!.Id, $"{space.Kind} {space.Name} in {siteId}");
                return Results.Created($"/v1/spaces/{space.Id}", Shape(space));
        }
    }

    private static async Task<IResult> GetSpaceAsync(ClaimsPrincipal user, string spaceId, ISiteStore sites, CancellationToken cancellationToken) =>
        await sites.FindSpaceAsync(user.Tenant(), spaceId, cancellationToken) is { } space ? Results.Ok(Shape(space)) : Problems.NotFound($"space '{spaceId}'");

    private static async Task<IResult> RenameSpaceAsync(ClaimsPrincipal user, string spaceId, RenameSpaceRequest? request, ISiteStore sites,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.Name is not { Length: > 0 and <= MaxName } name || string.IsNullOrWhiteSpace(name))
        {
            return Problems.Invalid($"name is required (at most {MaxName} characters)");
        }

        var (outcome, space) = await sites.RenameSpaceAsync(user.Tenant(), spaceId, name.Trim(), cancellationToken);
        if (outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"space '{spaceId}'");
        }

        await audit.Audit(user, "space.rename", spaceId, name);
        return Results.Ok(Shape(space!));
    }

    private static async Task<IResult> DeleteSpaceAsync(ClaimsPrincipal user, string spaceId, HomeDirectory directory, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        switch (await directory.DeleteSpaceAsync(user.Tenant(), spaceId, cancellationToken))
        {
            case StoreOutcome.NotFound:
                return Problems.NotFound($"space '{spaceId}'");
            case StoreOutcome.Conflict:
                return Problems.Conflict($"space '{spaceId}' still has spaces in it; delete them first");
            default:
                await audit.Audit(user, "space.delete", spaceId);
                return Results.NoContent();
        }
    }

    private static async Task<IResult> PutHomeAsync(ClaimsPrincipal user, string spaceId, HttpRequest request, HomeDirectory directory,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxHomeFileBytes)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, "too_large", $"a home file may be at most {MaxHomeFileBytes} bytes");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (text.Length > MaxHomeFileBytes || string.IsNullOrWhiteSpace(text))
        {
            return Problems.Invalid("the body must be a home file (docs/home-file.md) of at most 1 MiB");
        }

        var change = await directory.PutAsync(user.Tenant(), spaceId, text, cancellationToken);
        if (change.Outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"space '{spaceId}'");
        }

        if (change.Outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict(change.Error!);
        }

        if (change.IsInvalid)
        {
            return Problems.Invalid($"the home file is not valid: {change.Error}");
        }

        await audit.Audit(user, "home.put", spaceId);
        return await HomeEndpoints.GetHomeAsync(user, spaceId, directory, cancellationToken);
    }

    private static IResult? Validate(string? name, string? kind, bool required)
    {
        if ((required || name is not null) && (name is not { Length: > 0 and <= MaxName } || string.IsNullOrWhiteSpace(name)))
        {
            return Problems.Invalid($"name is required (at most {MaxName} characters)");
        }

        if ((required || kind is not null) && (kind is null || !SiteKinds.All.Contains(kind)))
        {
            return Problems.Invalid($"kind must be one of {string.Join(", ", SiteKinds.All)}");
        }

        return !required && name is null && kind is null ? Problems.Invalid("give a name or a kind to change") : null;
    }

    internal static SiteResponse Shape(SiteRecord site) => new(site.Id, site.Name, site.Kind, site.Created);

    internal static SpaceResponse Shape(SpaceRecord space) =>
        new(space.Id, space.SiteId, space.ParentId, space.Kind, space.Name, space.HomeId, space.Created);
}
