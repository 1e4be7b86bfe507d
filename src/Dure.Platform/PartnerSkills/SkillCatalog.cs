using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Microsoft.Extensions.Options;

namespace Dure.Platform.PartnerSkills;

/// <summary>Creating, changing and re-keying skills: the store, a fresh encrypted secret, and training of the model.</summary>
public sealed class SkillCatalog(ISkillStore store, SkillSecrets secrets, SkillModelTrainer trainer, IOptions<CustomSkillOptions> options, TimeProvider time)
{
    /// <summary>Creates the skill (every field of <paramref name="definition"/> set) and queues its training; the secret is returned once.</summary>
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill, string? Secret)> CreateAsync(string tenantId, string id, SkillDefinition definition,
        CancellationToken cancellationToken)
    {
        var (secret, protectedSecret) = secrets.New();
        var (outcome, skill) = await store.CreateAsync(tenantId, id, definition, protectedSecret, cancellationToken).ConfigureAwait(false);
        if (outcome != StoreOutcome.Done)
        {
            return (outcome, null, null);
        }

        trainer.Enqueue(id);
        return (outcome, skill, secret);
    }

    /// <summary>Changes the skill; a new interaction model is trained in the background while the old one answers no more.</summary>
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill)> UpdateAsync(string tenantId, string skillId, SkillDefinition change,
        CancellationToken cancellationToken)
    {
        var (outcome, skill) = await store.UpdateAsync(tenantId, skillId, change, cancellationToken).ConfigureAwait(false);
        if (outcome == StoreOutcome.Done && change.InteractionModel is not null)
        {
            trainer.Enqueue(skillId);
        }

        return (outcome, skill);
    }

    /// <summary>A new secret; requests are signed with the old one too until the returned instant.</summary>
    public async Task<(StoreOutcome Outcome, string? Secret, DateTimeOffset PreviousValidUntil)> RotateSecretAsync(string tenantId, string skillId,
        CancellationToken cancellationToken)
    {
        var (secret, protectedSecret) = secrets.New();
        var until = time.GetUtcNow() + options.Value.SecretGracePeriod;
        var outcome = await store.RotateSecretAsync(tenantId, skillId, protectedSecret, until, cancellationToken).ConfigureAwait(false);
        return outcome == StoreOutcome.Done ? (outcome, secret, until) : (outcome, null, until);
    }
}
