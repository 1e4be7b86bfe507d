using Dure.Platform.Alliance;
using Dure.Platform.Tenancy;

namespace Dure.Platform.Storage.Postgres;

/// <summary>Alliance agents (tokens as Data Protection ciphertexts) and routing rules in PostgreSQL.</summary>
public sealed class PostgresAlliance(PostgresDatabase database, TimeProvider time) : IAllianceStore
{
    public async Task<(StoreOutcome Outcome, AllianceAgentRecord? Agent)> CreateAgentAsync(string tenantId, string id, string name, string protocol,
        string url, string? protectedToken, CancellationToken cancellationToken = default)
    {
        var now = Sql.Now(time);
        var inserted = await database.ExecuteAsync(
            """
            INSERT INTO alliance_agents (id, tenant_id, name, protocol, url, token, created) VALUES (@id, @tenant, @name, @protocol, @url, @token, @now)
            ON CONFLICT (id) DO NOTHING
            """,
            cancellationToken, ("id", id), ("tenant", tenantId), ("name", name), ("protocol", protocol), ("url", url), ("token", protectedToken),
            ("now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return inserted == 1
            ? (StoreOutcome.Done, new AllianceAgentRecord(id, tenantId, name, protocol, url, protectedToken is not null, now))
            : (StoreOutcome.Conflict, null);
    }

    public async Task<AllianceAgentRecord?> FindAgentAsync(string tenantId, string agentId, CancellationToken cancellationToken = default) =>
        (await FindAgentForCallAsync(tenantId, agentId, cancellationToken).ConfigureAwait(false))?.Agent;

    public async Task<(AllianceAgentRecord Agent, string? ProtectedToken)?> FindAgentForCallAsync(string tenantId, string agentId,
        CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync($"SELECT {Rows.AgentColumns} FROM alliance_agents a WHERE a.tenant_id = @tenant AND a.id = @id",
            r => (Rows.Agent(r, 0), Rows.Text(r, 5)), cancellationToken, ("tenant", tenantId), ("id", agentId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<Page<AllianceAgentRecord>> ListAgentsAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync(
            $"SELECT {Rows.AgentColumns} FROM alliance_agents a WHERE a.tenant_id = @tenant AND a.id > @after ORDER BY a.id LIMIT @limit",
            r => Rows.Agent(r, 0), cancellationToken, ("tenant", tenantId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit,
            a => a.Id);

    // The agent's routes go with it (ON DELETE CASCADE).
    public async Task<StoreOutcome> DeleteAgentAsync(string tenantId, string agentId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM alliance_agents WHERE tenant_id = @tenant AND id = @id", cancellationToken, ("tenant", tenantId),
            ("id", agentId)).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<(StoreOutcome Outcome, AllianceRouteRecord? Route)> CreateRouteAsync(string tenantId, string id, string agentId, string match,
        string? value, int priority, CancellationToken cancellationToken = default)
    {
        var now = Sql.Now(time);
        // One statement: the route is inserted only when the agent is the tenant's, and the agent row is locked meanwhile.
        var outcome = await database.InTransactionAsync(async session =>
        {
            if (await session.ScalarAsync("SELECT 1 FROM alliance_agents WHERE tenant_id = @tenant AND id = @agent FOR SHARE", cancellationToken,
                    ("tenant", tenantId), ("agent", agentId)).ConfigureAwait(false) is null)
            {
                return StoreOutcome.NotFound;
            }

            return await session.ExecuteAsync(
                """
                INSERT INTO alliance_routes (id, tenant_id, agent_id, match, value, priority, created)
                VALUES (@id, @tenant, @agent, @match, @value, @priority, @now) ON CONFLICT (id) DO NOTHING
                """,
                cancellationToken, ("id", id), ("tenant", tenantId), ("agent", agentId), ("match", match), ("value", value), ("priority", priority),
                ("now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.Conflict;
        }, cancellationToken, System.Data.IsolationLevel.ReadCommitted).ConfigureAwait(false);
        return outcome == StoreOutcome.Done ? (outcome, new AllianceRouteRecord(id, tenantId, agentId, match, value, priority, now)) : (outcome, null);
    }

    public async Task<Page<AllianceRouteRecord>> ListRoutesAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync(
            $"SELECT {Rows.RouteColumns} FROM alliance_routes r WHERE r.tenant_id = @tenant AND r.id > @after ORDER BY r.id LIMIT @limit",
            r => Rows.Route(r, 0), cancellationToken, ("tenant", tenantId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit,
            r => r.Id);

    public async Task<StoreOutcome> DeleteRouteAsync(string tenantId, string routeId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM alliance_routes WHERE tenant_id = @tenant AND id = @id", cancellationToken, ("tenant", tenantId),
            ("id", routeId)).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<IReadOnlyList<AllianceRouteTarget>> RoutesAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await database.QueryAsync(
            $"""
            SELECT {Rows.RouteColumns}, {Rows.AgentColumns} FROM alliance_routes r JOIN alliance_agents a ON a.id = r.agent_id
            WHERE r.tenant_id = @tenant AND a.tenant_id = @tenant ORDER BY r.priority, r.id
            """,
            r => new AllianceRouteTarget(Rows.Route(r, 0), Rows.Agent(r, 7), Rows.Text(r, 12)), cancellationToken, ("tenant", tenantId))
            .ConfigureAwait(false);
}
