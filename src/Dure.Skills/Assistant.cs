using Dure.Skills.Clock;
using Dure.Skills.Conversation;
using Dure.Skills.Services;
using Dure.Skills.SmartHome;
using Dure.Understanding;

namespace Dure.Skills;

/// <summary>
/// The assistant's brain for one turn: understands the utterance against the speaking device's home,
/// runs the matching skill and returns what to say and which devices to command.
/// Thread-safe and stateless; homes' compiled vocabularies are cached by the understanding engine.
/// </summary>
public sealed class Assistant(AssistantServices? services = null)
{
    /// <summary>The platform services and providers the skills use.</summary>
    public AssistantServices Services { get; } = services ?? new AssistantServices();

    private readonly IntentParser _parser = new();
    private readonly ISkill[] _skills = [new HomeSkill(), new ClockSkill(), new SystemSkill()];

    public async ValueTask<TurnOutcome> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var speaker = turn.Home.FindDevice(turn.DeviceId);
        var parse = _parser.Parse(turn.Text, new ParseContext(turn.Home, speaker?.AreaId, turn.Language, turn.Now));
        var language = parse.Language;
        if (parse.Intent is null)
        {
            var sorry = language == "ko" ? "죄송해요, 잘 이해하지 못했어요. 다시 말씀해 주시겠어요?" : "Sorry, I didn't understand that. Could you say it again?";
            return TurnOutcome.Say(new Speech(sorry, language));
        }

        if (_skills.FirstOrDefault(s => s.Handles(parse.Intent)) is not { } skill)
        {
            var later = language == "ko" ? "말씀은 알아들었지만, 그 기능은 아직 준비 중이에요." : "I understood, but I can't do that here yet.";
            return TurnOutcome.Say(new Speech(later, language), parse.Intent);
        }

        return await skill.HandleAsync(new SkillRequest(turn, parse, speaker), cancellationToken);
    }
}
