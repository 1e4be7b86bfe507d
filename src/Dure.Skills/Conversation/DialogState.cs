using Dure.Skills.CustomSkills;
using Dure.Understanding;

namespace Dure.Skills;

/// <summary>What the assistant is waiting for from the speaking device.</summary>
public enum PendingKind
{
    /// <summary>A value for a slot: "몇 시로 맞출까요?".</summary>
    Slot,

    /// <summary>Yes or no before a risky action: "가스 밸브를 열까요?".</summary>
    Confirmation,

    /// <summary>One of several devices: "어느 조명을 켤까요?".</summary>
    Choice,
}

/// <summary>An open question and the request waiting on it.</summary>
/// <param name="Kind">What kind of answer is awaited.</param>
/// <param name="Request">The understood request, completed by the answer.</param>
/// <param name="Slot">For <see cref="PendingKind.Slot"/>: the slot asked for.</param>
public sealed record PendingQuestion(PendingKind Kind, ParseResult Request, string? Slot = null);

/// <summary>
/// One device's conversation: the question it was asked, if any, and the last request it made, so that
/// "침실도" or "아니 25도" continue it. Kept by the platform per device; stale after a short while.
/// </summary>
public sealed record DialogState
{
    public static readonly DialogState Empty = new();

    public PendingQuestion? Pending { get; init; }

    /// <summary>The last request carried out, for follow-ups.</summary>
    public ParseResult? Last { get; init; }

    /// <summary>A partner skill that keeps the conversation open: the next utterance goes to it first.</summary>
    public SkillSession? Skill { get; init; }

    /// <summary>A destructive tool of a partner's MCP server, waiting for the user's yes.</summary>
    public PendingSkillAction? SkillAction { get; init; }

    /// <summary>An alliance agent that holds the floor: the next utterance goes to it until it says goodbye.</summary>
    public Alliance.AllianceFloor? Floor { get; init; }

    /// <summary>The LLM agent's recent exchanges with this device, the context of its next answer.</summary>
    public System.Collections.Immutable.ImmutableArray<Agents.AgentExchange> AgentHistory { get; init; } = [];

    /// <summary>When the state was left; follow-ups only continue a recent conversation.</summary>
    public DateTimeOffset At { get; init; }
}
