using Dure.Platform.Grains;
using Dure.Skills.Services;

namespace Dure.Platform.Scheduling;

/// <summary>The skills' <see cref="IScheduler"/>: each home's items are kept and fired by its <see cref="IScheduleGrain"/>.</summary>
public sealed class GrainScheduler(IGrainFactory grains) : IScheduler
{
    public Task<Scheduled> AddAsync(string homeId, Scheduled item, CancellationToken cancellationToken) =>
        Grain(homeId).Add(item).WaitAsync(cancellationToken);

    public Task<bool> UpdateAsync(string homeId, Scheduled item, CancellationToken cancellationToken) =>
        Grain(homeId).Update(item).WaitAsync(cancellationToken);

    public Task<bool> RemoveAsync(string homeId, string id, CancellationToken cancellationToken) =>
        Grain(homeId).Remove(id).WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<Scheduled>> ListAsync(string homeId, CancellationToken cancellationToken) =>
        await Grain(homeId).List().WaitAsync(cancellationToken).ConfigureAwait(false);

    private IScheduleGrain Grain(string homeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(homeId);
        return grains.GetGrain<IScheduleGrain>(homeId);
    }
}
