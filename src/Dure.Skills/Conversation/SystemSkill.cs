using Dure.Understanding;

namespace Dure.Skills.Conversation;

/// <summary>Conversation control: "됐어", "never mind".</summary>
internal sealed class SystemSkill : ISkill
{
    public bool Handles(string intent) => intent == Intents.Nevermind;

    public ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(request.Say("네, 알겠어요.", "Okay."));
}
