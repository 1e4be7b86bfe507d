using Dure.Skills.CustomSkills;
using Dure.Skills.Providers;

namespace Dure.Skills.Services;

/// <summary>
/// What the skills use beyond the home itself: the platform's durable services and the external providers.
/// A missing service makes its skill say it is unavailable rather than fail.
/// </summary>
public sealed record AssistantServices
{
    public IScheduler? Scheduler { get; init; }
    public IHomeRecords? Records { get; init; }
    public ITicketDesk? Tickets { get; init; }
    public IWeatherProvider? Weather { get; init; }
    public IMapProvider? Maps { get; init; }
    public IMusicProvider? Music { get; init; }

    /// <summary>The partner skills enabled for a home's site; with <see cref="SkillWebhooks"/>, turns can reach them.</summary>
    public ICustomSkillDirectory? CustomSkills { get; init; }

    public SkillWebhook? SkillWebhooks { get; init; }

    /// <summary>Calls the tools of skills served by partners' MCP servers; without it such skills apologize.</summary>
    public SkillMcpClient? SkillMcp { get; init; }

    /// <summary>The tenant's alliance agents and routing rules: requests handed to other assistants.</summary>
    public Alliance.IAllianceDelegation? Alliance { get; init; }

    /// <summary>The LLM agent for what no intent matches; null when no endpoint is configured.</summary>
    public Agents.LlmAgent? Agent { get; init; }
}
