namespace Dure.Skills.Alliance;

/// <summary>An alliance agent that holds a device's conversation, and the conversation's id on the wire.</summary>
public sealed record AllianceFloor(string AgentId, string ConversationId);

/// <summary>
/// A request Dure may hand to an alliance agent: what was said, how Dure understood it (the intent and its domain and
/// skill, all null when nothing local understood it), and the floor when an agent already holds the conversation.
/// </summary>
public sealed record DelegatedRequest(
    string TenantId,
    string? SiteId,
    string HomeId,
    string DeviceId,
    string Text,
    string Language,
    string? Intent,
    string? Skill,
    AllianceFloor? Floor);

/// <summary>
/// An alliance agent's answer: what to say, and whether it keeps the floor (it asked something back). <c>Error</c> is a
/// <see cref="TurnErrors"/> code when the agent could not be reached and the speech is Dure's apology.
/// </summary>
public sealed record DelegatedAnswer(string AgentId, Speech Speech, AllianceFloor? KeptFloor, string? Error = null);

/// <summary>
/// The tenant's alliance (docs/alliance.md): its routing rules decide which requests go to which agent, by intent, by
/// domain, by Dure skill, or when nothing local understood them; the agent is reached over A2A or Open Floor.
/// </summary>
public interface IAllianceDelegation
{
    /// <summary>
    /// Hands the request to the agent a rule picks (or to the floor's agent); null when no rule applies. Never throws for
    /// what the agent does: an agent that fails or is slow gives an apology.
    /// </summary>
    ValueTask<DelegatedAnswer?> DelegateAsync(DelegatedRequest request, CancellationToken cancellationToken);

    /// <summary>Gives the floor back: tells the agent the conversation is over (Open Floor <c>bye</c>).</summary>
    ValueTask EndAsync(string tenantId, AllianceFloor floor, CancellationToken cancellationToken);
}
