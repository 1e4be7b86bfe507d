using Dure.Platform.Alliance;
using Dure.Platform.Tenancy;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>Alliance agents (<c>alliance_agents</c>, tokens as Data Protection ciphertexts) and routing rules (<c>alliance_routes</c>).</summary>
public sealed class SqliteAlliance(SqliteDatabase database, TimeProvider time) : IAllianceStore
{
    private const string AgentColumns = "a.id, a.tenant_id, a.name, a.protocol, a.url, a.token, a.created";
    private const string RouteColumns = "r.id, r.tenant_id, r.agent_id, r.match, r.value, r.priority, r.created";

    public async Task<(StoreOutcome Outcome, AllianceAgentRecord? Agent)> CreateAgentAsync(string tenantId, string id, string name, string protocol,
        string url, string? protectedToken, CancellationToken cancellationToken = default)
    {
        var now = Sql.Now(time);
        var inserted = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO alliance_agents (id, tenant_id, name, protocol, url, token, created) VALUES ($id, $tenant, $name, $protocol, $url, $token, $now)
            ON CONFLICT (id) DO NOTHING
            """,
            ("$id", id), ("$tenant", tenantId), ("$name", name), ("$protocol", protocol), ("$url", url), ("$token", protectedToken),
            ("$now", now.ToUnixTimeMilliseconds())), cancellationToken).ConfigureAwait(false);
        return inserted == 1
            ? (StoreOutcome.Done, new AllianceAgentRecord(id, tenantId, name, protocol, url, protectedToken is not null, now))
            : (StoreOutcome.Conflict, null);
    }

    public async Task<AllianceAgentRecord?> FindAgentAsync(string tenantId, string agentId, CancellationToken cancellationToken = default) =>
        (await FindAgentForCallAsync(tenantId, agentId, cancellationToken).ConfigureAwait(false))?.Agent;

    public async Task<(AllianceAgentRecord Agent, string? ProtectedToken)?> FindAgentForCallAsync(string tenantId, string agentId,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {AgentColumns} FROM alliance_agents a WHERE a.tenant_id = $tenant AND a.id = $id",
            ("$tenant", tenantId), ("$id", agentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (Agent(reader, 0), Rows.Text(reader, 5)) : null;
    }

    public async Task<Page<AllianceAgentRecord>> ListAgentsAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {AgentColumns} FROM alliance_agents a WHERE a.tenant_id = $tenant AND a.id > $after ORDER BY a.id LIMIT $limit",
            ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<AllianceAgentRecord> agents = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            agents.Add(Agent(reader, 0));
        }

        return Rows.Paged(agents, limit, a => a.Id);
    }

    public async Task<StoreOutcome> DeleteAgentAsync(string tenantId, string agentId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM alliance_agents WHERE tenant_id = $tenant AND id = $id", ("$tenant", tenantId), ("$id", agentId)),
            cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<(StoreOutcome Outcome, AllianceRouteRecord? Route)> CreateRouteAsync(string tenantId, string id, string agentId, string match,
        string? value, int priority, CancellationToken cancellationToken = default)
    {
        var now = Sql.Now(time);
        var outcome = await database.WriteAsync((connection, transaction) =>
        {
            using var agent = Sql.Command(connection, transaction, "SELECT 1 FROM alliance_agents WHERE tenant_id = $tenant AND id = $agent",
                ("$tenant", tenantId), ("$agent", agentId));
            if (agent.ExecuteScalar() is null)
            {
                return StoreOutcome.NotFound;
            }

            return Sql.Execute(connection, transaction,
                """
                INSERT INTO alliance_routes (id, tenant_id, agent_id, match, value, priority, created)
                VALUES ($id, $tenant, $agent, $match, $value, $priority, $now) ON CONFLICT (id) DO NOTHING
                """,
                ("$id", id), ("$tenant", tenantId), ("$agent", agentId), ("$match", match), ("$value", value), ("$priority", priority),
                ("$now", now.ToUnixTimeMilliseconds())) == 1 ? StoreOutcome.Done : StoreOutcome.Conflict;
        }, cancellationToken).ConfigureAwait(false);
        return outcome == StoreOutcome.Done ? (outcome, new AllianceRouteRecord(id, tenantId, agentId, match, value, priority, now)) : (outcome, null);
    }

    public async Task<Page<AllianceRouteRecord>> ListRoutesAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {RouteColumns} FROM alliance_routes r WHERE r.tenant_id = $tenant AND r.id > $after ORDER BY r.id LIMIT $limit",
            ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<AllianceRouteRecord> routes = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            routes.Add(Route(reader, 0));
        }

        return Rows.Paged(routes, limit, r => r.Id);
    }

    public async Task<StoreOutcome> DeleteRouteAsync(string tenantId, string routeId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM alliance_routes WHERE tenant_id = $tenant AND id = $id", ("$tenant", tenantId), ("$id", routeId)),
            cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<IReadOnlyList<AllianceRouteTarget>> RoutesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"""
            SELECT {RouteColumns}, {AgentColumns} FROM alliance_routes r JOIN alliance_agents a ON a.id = r.agent_id
            WHERE r.tenant_id = $tenant AND a.tenant_id = $tenant ORDER BY r.priority, r.id
            """,
            ("$tenant", tenantId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<AllianceRouteTarget> routes = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            routes.Add(new AllianceRouteTarget(Route(reader, 0), Agent(reader, 7), Rows.Text(reader, 12)));
        }

        return routes;
    }

    private static AllianceAgentRecord Agent(SqliteDataReader reader, int at) => new(reader.GetString(at), reader.GetString(at + 1),
        reader.GetString(at + 2), reader.GetString(at + 3), reader.GetString(at + 4), !reader.IsDBNull(at + 5), Rows.Time(reader, at + 6));

    private static AllianceRouteRecord Route(SqliteDataReader reader, int at) => new(reader.GetString(at), reader.GetString(at + 1),
        reader.GetString(at + 2), reader.GetString(at + 3), Rows.Text(reader, at + 4), reader.GetInt32(at + 5), Rows.Time(reader, at + 6));
}
