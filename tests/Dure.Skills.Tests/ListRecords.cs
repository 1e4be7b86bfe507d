using System.Text.Json;
using Dure.Skills.Services;

namespace Dure.Skills.Tests;

/// <summary>Home records and front-desk tickets in lists; stand in for the platform's SQLite stores in skill tests.</summary>
internal sealed class ListRecords : IHomeRecords, ITicketDesk
{
    public List<HomeEvent> Events { get; } = [];
    public List<MeterReading> Readings { get; } = [];
    public List<Notice> Notices { get; } = [];
    public List<Ticket> Tickets { get; } = [];

    public void Add(string type, DateTimeOffset at, object data) => Events.Add(new HomeEvent(type, at, JsonSerializer.SerializeToElement(data)));

    public Task<IReadOnlyList<HomeEvent>> EventsAsync(string homeId, string type, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HomeEvent>>([.. Events.Where(e => e.Type == type && e.At >= since).OrderByDescending(e => e.At)]);

    public Task<IReadOnlyList<MeterReading>> ReadingsAsync(string homeId, string utility, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ofUtility = Readings.Where(r => r.Utility == utility).OrderBy(r => r.At).ToList();
        var before = ofUtility.LastOrDefault(r => r.At < from);
        return Task.FromResult<IReadOnlyList<MeterReading>>([.. (before is null ? [] : new[] { before }), .. ofUtility.Where(r => r.At >= from && r.At < to)]);
    }

    public Task<IReadOnlyList<Notice>> NoticesAsync(string homeId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notice>>([.. Notices.Where(n => n.PublishedAt >= since).OrderByDescending(n => n.PublishedAt)]);

    public Task<Ticket> OpenAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var stored = ticket with { Id = $"t{Tickets.Count + 1}" };
        Tickets.Add(stored);
        return Task.FromResult(stored);
    }

    public Task<IReadOnlyList<Ticket>> OpenTicketsAsync(string homeId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Ticket>>([.. Tickets.Where(t => t.HomeId == homeId && t.Status != TicketStatus.Completed)]);
}
