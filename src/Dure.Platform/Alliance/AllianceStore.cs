using Dure.Platform.Tenancy;

namespace Dure.Platform.Alliance;

/// <summary>The wire protocols an alliance agent speaks.</summary>
public static class AllianceProtocols
{
    public const string A2a = "a2a";
    public const string OpenFloor = "openfloor";

    public static IReadOnlyList<string> All { get; } = [A2a, OpenFloor];
}

/// <summary>What a routing rule matches: an intent, an intent's domain, the Dure skill that would handle it, or nothing understood.</summary>
public static class RouteMatches
{
    public const string Intent = "intent";
    public const string Domain = "domain";
    public const string Skill = "skill";
    public const string Unknown = "unknown";

    public static IReadOnlyList<string> All { get; } = [Intent, Domain, Skill, Unknown];
}

/// <summary>Another assistant or AI agent a tenant delegates to; its outbound token is never shown back.</summary>
public sealed record AllianceAgentRecord(string Id, string TenantId, string Name, string Protocol, string Url, bool HasToken, DateTimeOffset Created);

/// <summary>A tenant's routing rule: requests it matches go to the agent; lower priorities are tried first.</summary>
public sealed record AllianceRouteRecord(string Id, string TenantId, string AgentId, string Match, string? Value, int Priority, DateTimeOffset Created);

/// <summary>A rule with its agent and the agent's token as stored (a Data Protection ciphertext).</summary>
public sealed record AllianceRouteTarget(AllianceRouteRecord Route, AllianceAgentRecord Agent, string? ProtectedToken);

/// <summary>Alliance agents and routing rules per tenant; every query names its tenant.</summary>
public interface IAllianceStore
{
    Task<(StoreOutcome Outcome, AllianceAgentRecord? Agent)> CreateAgentAsync(string tenantId, string id, string name, string protocol, string url,
        string? protectedToken, CancellationToken cancellationToken = default);

    Task<AllianceAgentRecord?> FindAgentAsync(string tenantId, string agentId, CancellationToken cancellationToken = default);

    /// <summary>The agent with its token's ciphertext, for calling it.</summary>
    Task<(AllianceAgentRecord Agent, string? ProtectedToken)?> FindAgentForCallAsync(string tenantId, string agentId, CancellationToken cancellationToken = default);

    Task<Page<AllianceAgentRecord>> ListAgentsAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the agent and its routing rules.</summary>
    Task<StoreOutcome> DeleteAgentAsync(string tenantId, string agentId, CancellationToken cancellationToken = default);

    /// <summary>Creates a rule; <see cref="StoreOutcome.NotFound"/> when the agent is not the tenant's, Conflict when the id is taken.</summary>
    Task<(StoreOutcome Outcome, AllianceRouteRecord? Route)> CreateRouteAsync(string tenantId, string id, string agentId, string match, string? value,
        int priority, CancellationToken cancellationToken = default);

    Task<Page<AllianceRouteRecord>> ListRoutesAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default);

    Task<StoreOutcome> DeleteRouteAsync(string tenantId, string routeId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's rules with their agents, in the order they are tried (priority, then id).</summary>
    Task<IReadOnlyList<AllianceRouteTarget>> RoutesAsync(string tenantId, CancellationToken cancellationToken = default);
}
