using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;

namespace Dure.Platform.PartnerSkills;

/// <summary>Where a skill's trained intent model stands.</summary>
public static class SkillModelStatus
{
    public const string Training = "training";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

/// <summary>The trained model of a skill as the API shows it: its status, when it was trained, and why training failed.</summary>
public sealed record SkillModelState(string Status, DateTimeOffset? TrainedAt, string? Error);

/// <summary>
/// The MCP server behind a skill (column <c>skills.backend</c>, JSON; the server's URL is the skill's <c>webhook_url</c>):
/// its bearer token as a Data Protection ciphertext, the samples the partner gave per tool, and the tools last listed,
/// which the skill's interaction model is made of.
/// </summary>
/// <param name="Skipped">Tools of the server that could not be actions, with the reason.</param>
public sealed record McpBackendRecord(string? ProtectedToken, InteractionModel? Samples, IReadOnlyList<McpTool> Tools, IReadOnlyList<string> Skipped,
    DateTimeOffset ListedAt)
{
    public const string Kind = "mcp";
}

/// <summary>A partner's skill as stored (never with its secret, which only the platform's signing reads).</summary>
/// <param name="Mcp">For a skill served by an MCP server: the server's tools; null for a webhook skill.</param>
public sealed record SkillRecord(
    string Id,
    string TenantId,
    string Name,
    LocalizedWords InvocationNames,
    InteractionModel InteractionModel,
    string WebhookUrl,
    SkillModelState Model,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    McpBackendRecord? Mcp = null);

/// <summary>What a create sets, or a change replaces (null: keep).</summary>
public sealed record SkillDefinition(string? Name, LocalizedWords? InvocationNames, InteractionModel? InteractionModel, string? WebhookUrl,
    McpBackendRecord? Mcp = null);

/// <summary>A skill of the tenant, and whether it is enabled in one site.</summary>
public sealed record SiteSkillEntry(string Id, string Name, bool Enabled);

/// <summary>
/// A skill enabled in a home's site, as turns need it: the secrets are Data Protection ciphertexts; the definition is
/// JSON text, parsed once per <c>Updated</c>.
/// </summary>
public sealed record EnabledSkillRow(
    string Id,
    string TenantId,
    string Name,
    string InvocationNamesJson,
    string InteractionModelJson,
    string WebhookUrl,
    string ProtectedSecret,
    string? ProtectedPreviousSecret,
    DateTimeOffset? PreviousSecretUntil,
    int ModelVersion,
    string ModelStatus,
    DateTimeOffset Updated,
    McpBackendRecord? Mcp = null);

public sealed record EnabledSkills(string TenantId, string SiteId, IReadOnlyList<EnabledSkillRow> Skills);

/// <summary>A model to train: the version of the interaction model it is for, and that model.</summary>
public sealed record SkillTrainingJob(string SkillId, int Version, InteractionModel InteractionModel);

/// <summary>Partners' skills, their enablement per site, their secrets (encrypted) and their trained models.</summary>
public interface ISkillStore
{
    /// <summary>Creates a skill with every field of <paramref name="definition"/> set; its model awaits training.</summary>
    Task<(StoreOutcome Outcome, SkillRecord? Skill)> CreateAsync(string tenantId, string id, SkillDefinition definition, string protectedSecret,
        CancellationToken cancellationToken = default);

    Task<SkillRecord?> FindAsync(string tenantId, string skillId, CancellationToken cancellationToken = default);

    Task<Page<SkillRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Changes the given fields; a new interaction model starts a new model version that awaits training.</summary>
    Task<(StoreOutcome Outcome, SkillRecord? Skill)> UpdateAsync(string tenantId, string skillId, SkillDefinition change,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes the skill, its model and its enablement in every site.</summary>
    Task<StoreOutcome> DeleteAsync(string tenantId, string skillId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the secret; the old one stays usable for signing until <paramref name="previousUntil"/>.</summary>
    Task<StoreOutcome> RotateSecretAsync(string tenantId, string skillId, string protectedSecret, DateTimeOffset previousUntil,
        CancellationToken cancellationToken = default);

    /// <summary>The tenant's skills with their enablement in the site; null when the site is not the tenant's.</summary>
    Task<Page<SiteSkillEntry>?> ListForSiteAsync(string tenantId, string siteId, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Enables or disables a skill in a site; both must be the tenant's.</summary>
    Task<StoreOutcome> SetEnabledAsync(string tenantId, string siteId, string skillId, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>The skills enabled in the site of the home's space (the skill and site of one tenant); null when none.</summary>
    Task<EnabledSkills?> EnabledForHomeAsync(string homeId, CancellationToken cancellationToken = default);

    /// <summary>The model to train for the skill, when it awaits training; null when it does not (or is gone).</summary>
    Task<SkillTrainingJob?> TrainingJobAsync(string skillId, CancellationToken cancellationToken = default);

    /// <summary>Skills whose model awaits training, e.g. because the server stopped while training.</summary>
    Task<IReadOnlyList<string>> AwaitingTrainingAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps a trained model and marks it ready; false when the skill moved on to another version meanwhile.</summary>
    Task<bool> SaveModelAsync(string skillId, int version, byte[] model, DateTimeOffset trainedAt, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(string skillId, int version, string error, CancellationToken cancellationToken = default);

    /// <summary>The trained model file of the version, if kept.</summary>
    Task<byte[]?> LoadModelAsync(string skillId, int version, CancellationToken cancellationToken = default);

    /// <summary>Marks a ready model whose file is missing or unreadable as awaiting training again; false when the version moved on.</summary>
    Task<bool> RequestTrainingAsync(string skillId, int version, CancellationToken cancellationToken = default);
}
