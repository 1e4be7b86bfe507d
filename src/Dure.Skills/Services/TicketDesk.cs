namespace Dure.Skills.Services;

public enum TicketStatus
{
    Open,
    Accepted,
    Completed,
}

/// <summary>A guest's request for the front desk: an amenity, housekeeping, a late checkout.</summary>
/// <param name="Kind">"amenity", "housekeeping" or "late_checkout".</param>
/// <param name="Item">What was asked for, as said ("수건"), for amenities.</param>
public sealed record Ticket(string Id, string HomeId, string DeviceId, string Kind, string? Item, int Quantity, string Language,
    TicketStatus Status, DateTimeOffset CreatedAt);

/// <summary>
/// The hotel's front-desk queue. The partner lists, accepts and completes tickets through the partner API;
/// accepting one tells the guest it is on its way.
/// </summary>
public interface ITicketDesk
{
    Task<Ticket> OpenAsync(Ticket ticket, CancellationToken cancellationToken);

    /// <summary>The home's tickets that are not completed, oldest first.</summary>
    Task<IReadOnlyList<Ticket>> OpenTicketsAsync(string homeId, CancellationToken cancellationToken);
}
