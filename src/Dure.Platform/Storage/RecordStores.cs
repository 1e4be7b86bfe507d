using Dure.Platform.Tenancy;
using Dure.Skills.Services;

namespace Dure.Platform.Storage;

/// <summary>What homes' networks report and partners publish, as stored; the skills read it through <see cref="IHomeRecords"/>.</summary>
public interface IHomeRecordStore : IHomeRecords
{
    /// <summary>Stores one event; a <c>meter.reading</c> goes to the readings only.</summary>
    Task AddEventAsync(string homeId, string deviceId, HomeEvent homeEvent, CancellationToken cancellationToken = default);

    /// <summary>Stores a notice a partner published for one of its homes.</summary>
    Task AddNoticeAsync(string tenantId, string homeId, Notice notice, CancellationToken cancellationToken = default);
}

/// <summary>The front desk's side of the tickets: every call is scoped to a tenant.</summary>
public interface ITicketQueue : ITicketDesk
{
    /// <summary>The tenant's tickets with one of <paramref name="statuses"/>, oldest first, after the cursor.</summary>
    Task<Page<StoredTicket>> ListAsync(string tenantId, IReadOnlyCollection<TicketStatus> statuses, string? after, int limit,
        CancellationToken cancellationToken = default);

    Task<StoredTicket?> FindAsync(string tenantId, string id, CancellationToken cancellationToken = default);

    /// <summary>Open → accepted. Accepting an accepted ticket changes nothing; a completed one is a conflict.</summary>
    Task<(TicketChange Change, StoredTicket? Ticket)> AcceptAsync(string tenantId, string id, CancellationToken cancellationToken = default);

    /// <summary>Open or accepted → completed; completing a completed ticket changes nothing.</summary>
    Task<(TicketChange Change, StoredTicket? Ticket)> CompleteAsync(string tenantId, string id, CancellationToken cancellationToken = default);
}

internal static class TicketRules
{
    /// <summary>What moving a ticket of status <paramref name="current"/> (null: none) to <paramref name="target"/> does.</summary>
    public static TicketChange Decide(string? current, TicketStatus target) =>
        current is null ? TicketChange.NotFound
        : current == TicketStatuses.Name(target) ? TicketChange.Unchanged
        : target == TicketStatus.Accepted && current != "open" ? TicketChange.Conflict
        : TicketChange.Changed;
}
