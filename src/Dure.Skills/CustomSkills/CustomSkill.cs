using Dure.Understanding.Classification;

namespace Dure.Skills.CustomSkills;

/// <summary>
/// A partner's skill as a turn sees it: how it is called, what its trained model understands and where its webhook
/// is. <paramref name="Secrets"/> sign the webhook request: the current secret first, then a rotated-out one while
/// its grace period lasts.
/// </summary>
/// <param name="Model">The trained intent model; null while it trains (the skill is then reached by its invocation name only).</param>
/// <param name="Mcp">For a skill served by the partner's MCP server instead of a webhook: the server and its tools.</param>
public sealed record CustomSkill(
    string Id,
    string TenantId,
    string Name,
    LocalizedWords InvocationNames,
    InteractionModel InteractionModel,
    IntentModel? Model,
    Uri Webhook,
    IReadOnlyList<string> Secrets,
    McpSkillBackend? Mcp = null)
{
    /// <summary>What the skill is called in speech: its first invocation name in <paramref name="language"/>, else its name.</summary>
    public string SpokenName(string language) =>
        (language == "ko" ? InvocationNames.Ko : InvocationNames.En)?.FirstOrDefault() ?? Name;
}

/// <summary>The skills enabled in the site a home belongs to.</summary>
public sealed record SiteSkills(string TenantId, string SiteId, IReadOnlyList<CustomSkill> Skills)
{
    public CustomSkill? Find(string skillId) => Skills.FirstOrDefault(s => s.Id == skillId);
}

/// <summary>Which partner skills a home's turns may reach; implemented by the platform over its skill store.</summary>
public interface ICustomSkillDirectory
{
    /// <summary>The skills enabled in the home's site; null when none are (or the home is in no site).</summary>
    ValueTask<SiteSkills?> ForHomeAsync(string homeId, CancellationToken cancellationToken);
}

/// <summary>
/// A conversation a skill keeps open (its webhook answered <c>endSession: false</c>): the device's next utterance goes
/// to the skill, with the attributes the skill asked to keep.
/// </summary>
/// <param name="AttributesJson">The skill's <c>sessionAttributes</c> object as JSON text, or null.</param>
public sealed record SkillSession(string SkillId, string SessionId, string? AttributesJson);
