using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Microsoft.Extensions.Options;

namespace Dure.Platform.PartnerSkills;

/// <summary>
/// The skill store with the one read every turn makes, a home's enabled skills, kept for
/// <see cref="CustomSkillOptions.EnabledCacheLifetime"/>. Every change made through this store forgets what it kept, so
/// this process never serves an old value; the other silos of a cluster follow within the lifetime.
/// </summary>
public sealed class CachedSkillStore(ISkillStore inner, IOptions<CustomSkillOptions> options, TimeProvider time) : ISkillStore
{
    private readonly ReadCache<string, EnabledSkills?> _enabled = new(options.Value.EnabledCacheLifetime, time);

    public Task<EnabledSkills?> EnabledForHomeAsync(string homeId, CancellationToken cancellationToken = default) =>
        _enabled.GetAsync(homeId, inner.EnabledForHomeAsync, cancellationToken).AsTask();

    public Task<(StoreOutcome Outcome, SkillRecord? Skill)> CreateAsync(string tenantId, string id, SkillDefinition definition, string protectedSecret,
        CancellationToken cancellationToken = default) =>
        Changing(inner.CreateAsync(tenantId, id, definition, protectedSecret, cancellationToken));

    public Task<(StoreOutcome Outcome, SkillRecord? Skill)> UpdateAsync(string tenantId, string skillId, SkillDefinition change,
        CancellationToken cancellationToken = default) =>
        Changing(inner.UpdateAsync(tenantId, skillId, change, cancellationToken));

    public Task<StoreOutcome> DeleteAsync(string tenantId, string skillId, CancellationToken cancellationToken = default) =>
        Changing(inner.DeleteAsync(tenantId, skillId, cancellationToken));

    public Task<StoreOutcome> RotateSecretAsync(string tenantId, string skillId, string protectedSecret, DateTimeOffset previousUntil,
        CancellationToken cancellationToken = default) =>
        Changing(inner.RotateSecretAsync(tenantId, skillId, protectedSecret, previousUntil, cancellationToken));

    public Task<StoreOutcome> SetEnabledAsync(string tenantId, string siteId, string skillId, bool enabled, CancellationToken cancellationToken = default) =>
        Changing(inner.SetEnabledAsync(tenantId, siteId, skillId, enabled, cancellationToken));

    public Task<bool> SaveModelAsync(string skillId, int version, byte[] model, DateTimeOffset trainedAt, CancellationToken cancellationToken = default) =>
        Changing(inner.SaveModelAsync(skillId, version, model, trainedAt, cancellationToken));

    public Task MarkFailedAsync(string skillId, int version, string error, CancellationToken cancellationToken = default) =>
        Changing(inner.MarkFailedAsync(skillId, version, error, cancellationToken));

    public Task<bool> RequestTrainingAsync(string skillId, int version, CancellationToken cancellationToken = default) =>
        Changing(inner.RequestTrainingAsync(skillId, version, cancellationToken));

    public Task<SkillRecord?> FindAsync(string tenantId, string skillId, CancellationToken cancellationToken = default) =>
        inner.FindAsync(tenantId, skillId, cancellationToken);

    public Task<Page<SkillRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        inner.ListAsync(tenantId, after, limit, cancellationToken);

    public Task<Page<SiteSkillEntry>?> ListForSiteAsync(string tenantId, string siteId, string? after, int limit, CancellationToken cancellationToken = default) =>
        inner.ListForSiteAsync(tenantId, siteId, after, limit, cancellationToken);

    public Task<SkillTrainingJob?> TrainingJobAsync(string skillId, CancellationToken cancellationToken = default) =>
        inner.TrainingJobAsync(skillId, cancellationToken);

    public Task<IReadOnlyList<string>> AwaitingTrainingAsync(CancellationToken cancellationToken = default) =>
        inner.AwaitingTrainingAsync(cancellationToken);

    public Task<byte[]?> LoadModelAsync(string skillId, int version, CancellationToken cancellationToken = default) =>
        inner.LoadModelAsync(skillId, version, cancellationToken);

    // Cleared once the change is written (or failed midway): a read that overlapped it is not kept either.
    private async Task<T> Changing<T>(Task<T> change)
    {
        try
        {
            return await change.ConfigureAwait(false);
        }
        finally
        {
            _enabled.Clear();
        }
    }

    private async Task Changing(Task change)
    {
        try
        {
            await change.ConfigureAwait(false);
        }
        finally
        {
            _enabled.Clear();
        }
    }
}
