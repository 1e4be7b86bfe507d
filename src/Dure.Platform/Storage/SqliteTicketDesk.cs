using Dure.Platform.Tenancy;
using Dure.Skills.Services;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>A ticket with the times the front desk acted on it.</summary>
public sealed record StoredTicket(Ticket Ticket, DateTimeOffset? AcceptedAt, DateTimeOffset? CompletedAt);

/// <summary>What a status change did.</summary>
public enum TicketChange
{
    /// <summary>No ticket with that id in the tenant.</summary>
    NotFound,

    Changed,

    /// <summary>It already had the status (a retried request): nothing happens twice.</summary>
    Unchanged,

    /// <summary>The change is not possible from the current status (accepting a completed ticket).</summary>
    Conflict,
}

/// <summary>
/// The front-desk queue in SQLite (table <c>tickets</c>). Each ticket carries its home's tenant, and every partner
/// query is scoped to the tenant: another tenant's ticket is "not found".
/// </summary>
public sealed class SqliteTicketDesk(SqliteDatabase database, TimeProvider time) : ITicketQueue
{
    private const string Columns = Rows.TicketColumns;

    public async Task<Ticket> OpenAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var stored = ticket with
        {
            Id = string.IsNullOrEmpty(ticket.Id) ? "tk_" + Guid.CreateVersion7().ToString("N") : ticket.Id,
            Status = TicketStatus.Open,
            CreatedAt = ticket.CreatedAt == default ? time.GetUtcNow() : ticket.CreatedAt,
            Quantity = Math.Max(1, ticket.Quantity),
        };
        var inserted = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO tickets (id, tenant_id, home_id, device_id, kind, item, quantity, language, status, created)
            SELECT $id, tenant_id, id, $device, $kind, $item, $quantity, $language, 'open', $created FROM homes WHERE id = $home
            """,
            ("$id", stored.Id), ("$home", stored.HomeId), ("$device", stored.DeviceId), ("$kind", stored.Kind), ("$item", stored.Item),
            ("$quantity", stored.Quantity), ("$language", stored.Language), ("$created", stored.CreatedAt.ToUnixTimeMilliseconds())),
            cancellationToken).ConfigureAwait(false);
        return inserted == 1 ? stored : throw new InvalidOperationException($"home '{ticket.HomeId}' does not exist");
    }

    public async Task<IReadOnlyList<Ticket>> OpenTicketsAsync(string homeId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {Columns} FROM tickets WHERE home_id = $home AND status <> 'completed' ORDER BY created, id", ("$home", homeId));
        return [.. (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).Select(t => t.Ticket)];
    }

    /// <summary>The tenant's tickets with one of <paramref name="statuses"/>, oldest first (ids are time-ordered), after the cursor.</summary>
    public async Task<Page<StoredTicket>> ListAsync(string tenantId, IReadOnlyCollection<TicketStatus> statuses, string? after, int limit,
        CancellationToken cancellationToken = default)
    {
        var names = statuses.Select(TicketStatuses.Name).ToHashSet(StringComparer.Ordinal);
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"""
            SELECT {Columns} FROM tickets WHERE tenant_id = $tenant AND id > $after
              AND (($open AND status = 'open') OR ($accepted AND status = 'accepted') OR ($completed AND status = 'completed'))
            ORDER BY id LIMIT $limit
            """,
            ("$tenant", tenantId), ("$after", after ?? ""), ("$open", names.Contains("open")), ("$accepted", names.Contains("accepted")),
            ("$completed", names.Contains("completed")), ("$limit", limit + 1));
        return Rows.Paged(await ReadAsync(command, cancellationToken).ConfigureAwait(false), limit, t => t.Ticket.Id);
    }

    public async Task<StoredTicket?> FindAsync(string tenantId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {Columns} FROM tickets WHERE tenant_id = $tenant AND id = $id", ("$tenant", tenantId), ("$id", id));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>Open → accepted. Accepting an accepted ticket changes nothing; a completed one is a conflict.</summary>
    public Task<(TicketChange Change, StoredTicket? Ticket)> AcceptAsync(string tenantId, string id, CancellationToken cancellationToken = default) =>
        TransitionAsync(tenantId, id, TicketStatus.Accepted, cancellationToken);

    /// <summary>Open or accepted → completed; completing a completed ticket changes nothing.</summary>
    public Task<(TicketChange Change, StoredTicket? Ticket)> CompleteAsync(string tenantId, string id, CancellationToken cancellationToken = default) =>
        TransitionAsync(tenantId, id, TicketStatus.Completed, cancellationToken);

    private async Task<(TicketChange, StoredTicket?)> TransitionAsync(string tenantId, string id, TicketStatus target,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var change = await database.WriteAsync((connection, transaction) =>
        {
            using var read = Sql.Command(connection, transaction, "SELECT status FROM tickets WHERE tenant_id = $tenant AND id = $id",
                ("$tenant", tenantId), ("$id", id));
            var change = TicketRules.Decide(read.ExecuteScalar() as string, target);
            if (change != TicketChange.Changed)
            {
                return change;
            }

            var column = target == TicketStatus.Accepted ? "accepted" : "completed";
            Sql.Execute(connection, transaction, $"UPDATE tickets SET status = $status, {column} = $now WHERE tenant_id = $tenant AND id = $id",
                ("$status", TicketStatuses.Name(target)), ("$now", now), ("$tenant", tenantId), ("$id", id));
            return TicketChange.Changed;
        }, cancellationToken).ConfigureAwait(false);
        return (change, change == TicketChange.NotFound ? null : await FindAsync(tenantId, id, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<List<StoredTicket>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        List<StoredTicket> tickets = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tickets.Add(Rows.Ticket(reader));
        }

        return tickets;
    }
}
