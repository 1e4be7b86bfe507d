using Dure.Skills.Services;

namespace Dure.Skills.Tests;

/// <summary>Keeps scheduled items in a list; stands in for the platform's SQLite scheduler in skill tests.</summary>
internal sealed class ListScheduler : IScheduler
{
    private readonly List<(string Home, Scheduled Item)> _items = [];
    private int _next;

    public IReadOnlyList<Scheduled> Items => [.. _items.Select(i => i.Item).OrderBy(i => i.Due)];

    public Task<Scheduled> AddAsync(string homeId, Scheduled item, CancellationToken cancellationToken)
    {
        var stored = item with { Id = $"s{++_next}" };
        _items.Add((homeId, stored));
        return Task.FromResult(stored);
    }

    public Task<bool> UpdateAsync(string homeId, Scheduled item, CancellationToken cancellationToken)
    {
        var index = _items.FindIndex(i => i.Home == homeId && i.Item.Id == item.Id);
        if (index >= 0)
        {
            _items[index] = (homeId, item);
        }

        return Task.FromResult(index >= 0);
    }

    public Task<bool> RemoveAsync(string homeId, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_items.RemoveAll(i => i.Home == homeId && i.Item.Id == id) > 0);

    public Task<IReadOnlyList<Scheduled>> ListAsync(string homeId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Scheduled>>([.. _items.Where(i => i.Home == homeId).Select(i => i.Item).OrderBy(i => i.Due)]);
}
