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
}
