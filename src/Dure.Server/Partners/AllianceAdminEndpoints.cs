using System.Security.Claims;
using Dure.Platform.Alliance;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dure.Server.Partners;

/// <summary>A new alliance agent: <c>protocol</c> is <c>a2a</c> or <c>openfloor</c>; <c>token</c> is sent to it as Bearer.</summary>
public sealed record CreateAllianceAgentRequest(string? Id, string? Name, string? Protocol, string? Url, string? Token);

public sealed record AllianceAgentResponse(string Id, string Name, string Protocol, string Url, bool HasToken, DateTimeOffset CreatedAt);

/// <summary>A routing rule: <c>match</c> is <c>intent</c>, <c>domain</c>, <c>skill</c> (with a <c>value</c>) or <c>unknown</c>.</summary>
public sealed record CreateAllianceRouteRequest(string? Id, string? AgentId, string? Match, string? Value, int? Priority);

public sealed record AllianceRouteResponse(string Id, string AgentId, string Match, string? Value, int Priority, DateTimeOffset CreatedAt);

/// <summary>The tenant's alliance (docs/alliance.md): the agents Dure may hand requests to, and the rules that decide which.</summary>
internal static class AllianceAdminEndpoints
{
    private const int MaxName = 100;
    private const int MaxToken = 4096;
    private const int MaxValue = 100;

    public static void Map(RouteGroupBuilder v1)
    {
        var agents = v1.MapGroup("/alliance/agents").WithTags("Alliance");
        agents.MapGet("", ListAgentsAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("List the tenant's alliance agents");
        agents.MapPost("", CreateAgentAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Register an A2A or Open Floor agent; its token is kept encrypted and never shown again");
        agents.MapGet("/{agentId}", GetAgentAsync).RequireAuthorization(PartnerPolicies.Read);
        agents.MapDelete("/{agentId}", DeleteAgentAsync).RequireAuthorization(PartnerPolicies.Admin).WithSummary("Delete an agent and its routing rules");

        var routes = v1.MapGroup("/alliance/routes").WithTags("Alliance");
        routes.MapGet("", ListRoutesAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("List the tenant's routing rules");
        routes.MapPost("", CreateRouteAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Add a routing rule: requests of an intent, a domain or a skill, or those nothing understood, go to an agent");
        routes.MapDelete("/{routeId}", DeleteRouteAsync).RequireAuthorization(PartnerPolicies.Admin);
    }

    private static async Task<IResult> ListAgentsAsync(ClaimsPrincipal user, IAllianceStore store, int? limit, string? cursor, CancellationToken cancellationToken) =>
        Paging.TryParse(limit, cursor, out var paging, out var problem)
            ? Results.Ok(Paging.Response(await store.ListAgentsAsync(user.Tenant(), paging.After, paging.Limit, cancellationToken), Shape))
            : problem!;

    private static async Task<IResult> CreateAgentAsync(ClaimsPrincipal user, CreateAllianceAgentRequest? request, IAllianceStore store,
        AllianceSecrets secrets, IOptions<AllianceOptions> options, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.Name is not { } name || name.Trim().Length is 0 or > MaxName)
        {
            return Problems.Invalid($"name is required, 1-{MaxName} characters: it is how Dure names the agent when it apologizes for it");
        }

        if (request.Protocol is not { } protocol || !AllianceProtocols.All.Contains(protocol, StringComparer.Ordinal))
        {
            return Problems.Invalid($"protocol must be one of {string.Join(", ", AllianceProtocols.All)}");
        }

        if (options.Value.UrlProblem(request.Url) is { } urlProblem)
        {
            return Problems.Invalid(urlProblem);
        }

        if (request.Token is { Length: 0 or > MaxToken })
        {
            return Problems.Invalid($"token must be 1-{MaxToken} characters when given");
        }

        var id = request.Id ?? Ids.New("ag_");
        if (!Ids.IsValid(id))
        {
            return Problems.Invalid(Ids.Rule);
        }

        var (outcome, agent) = await store.CreateAgentAsync(user.Tenant(), id, name.Trim(), protocol, request.Url!,
            request.Token is { } token ? secrets.Protect(token) : null, cancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict($"the id '{id}' is taken");
        }

        await audit.Audit(user, "alliance.agent.create", agent!.Id, $"{agent.Protocol} {agent.Url}");
        return Results.Created($"/v1/alliance/agents/{agent.Id}", Shape(agent));
    }

    private static async Task<IResult> GetAgentAsync(ClaimsPrincipal user, string agentId, IAllianceStore store, CancellationToken cancellationToken) =>
        await store.FindAgentAsync(user.Tenant(), agentId, cancellationToken) is { } agent ? Results.Ok(Shape(agent)) : Problems.NotFound($"agent '{agentId}'");

    private static async Task<IResult> DeleteAgentAsync(ClaimsPrincipal user, string agentId, IAllianceStore store, AllianceRouter router,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (await store.DeleteAgentAsync(user.Tenant(), agentId, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"agent '{agentId}'");
        }

        router.RoutesChanged(); // its routes went with it
        await audit.Audit(user, "alliance.agent.delete", agentId);
        return Results.NoContent();
    }

    private static async Task<IResult> ListRoutesAsync(ClaimsPrincipal user, IAllianceStore store, int? limit, string? cursor, CancellationToken cancellationToken) =>
        Paging.TryParse(limit, cursor, out var paging, out var problem)
            ? Results.Ok(Paging.Response(await store.ListRoutesAsync(user.Tenant(), paging.After, paging.Limit, cancellationToken), Shape))
            : problem!;

    private static async Task<IResult> CreateRouteAsync(ClaimsPrincipal user, CreateAllianceRouteRequest? request, IAllianceStore store, AllianceRouter router,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.AgentId is not { Length: > 0 } agentId)
        {
            return Problems.Invalid("agentId is required");
        }

        if (request.Match is not { } match || !RouteMatches.All.Contains(match, StringComparer.Ordinal))
        {
            return Problems.Invalid($"match must be one of {string.Join(", ", RouteMatches.All)}");
        }

        var value = request.Value?.Trim();
        if (match == RouteMatches.Unknown ? value is not null : value is not { Length: > 0 and <= MaxValue })
        {
            return Problems.Invalid(match == RouteMatches.Unknown
                ? "an 'unknown' rule takes no value"
                : $"value is required for '{match}' (e.g. hotel.request_amenity, hotel, or timer), at most {MaxValue} characters");
        }

        if (request.Priority is < 0 or > 1000)
        {
            return Problems.Invalid("priority must be between 0 and 1000 (lower is tried first)");
        }

        var id = request.Id ?? Ids.New("rt_");
        if (!Ids.IsValid(id))
        {
            return Problems.Invalid(Ids.Rule);
        }

        var (outcome, route) = await store.CreateRouteAsync(user.Tenant(), id, agentId, match, value, request.Priority ?? 100, cancellationToken);
        switch (outcome)
        {
            case StoreOutcome.NotFound:
                return Problems.NotFound($"agent '{agentId}'");
            case StoreOutcome.Conflict:
                return Problems.Conflict($"the id '{id}' is taken");
        }

        router.RoutesChanged();
        await audit.Audit(user, "alliance.route.create", route!.Id, $"{match} {value} -> {agentId}");
        return Results.Created($"/v1/alliance/routes/{route.Id}", Shape(route));
    }

    private static async Task<IResult> DeleteRouteAsync(ClaimsPrincipal user, string routeId, IAllianceStore store, AllianceRouter router,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (await store.DeleteRouteAsync(user.Tenant(), routeId, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"route '{routeId}'");
        }

        router.RoutesChanged();
        await audit.Audit(user, "alliance.route.delete", routeId);
        return Results.NoContent();
    }

    private static AllianceAgentResponse Shape(AllianceAgentRecord agent) => new(agent.Id, agent.Name, agent.Protocol, agent.Url, agent.HasToken, agent.Created);

    private static AllianceRouteResponse Shape(AllianceRouteRecord route) => new(route.Id, route.AgentId, route.Match, route.Value, route.Priority, route.Created);
}
