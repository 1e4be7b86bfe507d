using System.Text.Json;

namespace Dure.Skills.Services;

/// <summary>
/// Something the home network or the complex reported (<c>Home.Event</c> from the gateway): an elevator's
/// arrival, a meter reading, a parcel, a visitor, where the car was parked.
/// </summary>
/// <param name="Type">"elevator.arrived", "meter.reading", "parcel.arrived", "visitor.arrived", "parking.updated", "vehicle.driving".</param>
/// <param name="At">When it happened.</param>
/// <param name="Data">The event's fields, as the gateway sent them (docs/protocol.md lists them per type).</param>
public sealed record HomeEvent(string Type, DateTimeOffset At, JsonElement Data);

/// <summary>A cumulative meter reading: usage over a period is the difference of two readings.</summary>
/// <param name="Utility">"electricity" (kWh), "water" (m³), "gas" (m³) or "heating" (MWh or Gcal, as the meter counts).</param>
public sealed record MeterReading(string Utility, DateTimeOffset At, double Value, string Unit);

/// <summary>A notice the management office (the partner) published for the home's complex.</summary>
public sealed record Notice(string Id, DateTimeOffset PublishedAt, string Title, string Body, string Language);

/// <summary>What the platform has recorded about a home, for the apartment skill's answers.</summary>
public interface IHomeRecords
{
    /// <summary>Events of a type since an instant, newest first.</summary>
    Task<IReadOnlyList<HomeEvent>> EventsAsync(string homeId, string type, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Meter readings of a utility in [from, to), oldest first, plus the last one before <paramref name="from"/>.</summary>
    Task<IReadOnlyList<MeterReading>> ReadingsAsync(string homeId, string utility, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Notices published for the home since an instant, newest first.</summary>
    Task<IReadOnlyList<Notice>> NoticesAsync(string homeId, DateTimeOffset since, CancellationToken cancellationToken);
}
