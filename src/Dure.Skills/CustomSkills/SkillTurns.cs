using Dure.Language;

namespace Dure.Skills.CustomSkills;

/// <summary>
/// How a turn reaches a partner's skill (docs/custom-skills.md): by its invocation name, by its trained model when the
/// built-in grammar understood nothing, or because the skill kept the conversation open. Turns the webhook's answer, or
/// its silence, into the assistant's outcome.
/// </summary>
internal static class SkillTurns
{
    /// <summary>Without an invocation name a skill's model must be at least this sure, whatever its own threshold.</summary>
    public const double MinimumModelConfidence = 0.5;

    /// <summary>A conversation a skill keeps open lasts this long after its last answer.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Classifies what was said to <paramref name="skill"/> with its model; null when no intent of it matches.</summary>
    public static SkillIntentMatch? Classify(CustomSkill skill, string text)
    {
        if (skill.Model is not { } model || text.Length == 0 || model.Predict(text) is not { Intent: { } intent } prediction)
        {
            return null;
        }

        // A declared value said anywhere beats the tagger's reading, which may cut "물병 자리" short.
        var slots = new Dictionary<string, string>(skill.InteractionModel.ValuesSaid(intent, text), StringComparer.Ordinal);
        foreach (var slot in prediction.Slots)
        {
            slots.TryAdd(slot.Name, skill.InteractionModel.SlotValue(intent, slot.Name, prediction.SlotText(slot)));
        }

        return new SkillIntentMatch(intent, slots, prediction.Confidence);
    }

    /// <summary>The enabled skill whose model is surest of the utterance, when one is sure enough.</summary>
    public static (CustomSkill Skill, SkillIntentMatch Intent)? BestByModel(SiteSkills site, string text)
    {
        (CustomSkill Skill, SkillIntentMatch Intent)? best = null;
        foreach (var skill in site.Skills)
        {
            if (Classify(skill, text) is { Confidence: >= MinimumModelConfidence } match && (best is null || match.Confidence > best.Value.Intent.Confidence))
            {
                best = (skill, match);
            }
        }

        return best;
    }

    public static async ValueTask<TurnOutcome> CallAsync(SkillWebhook webhook, Turn turn, SiteSkills site, CustomSkill skill, string text,
        SkillIntentMatch? intent, SkillSession? session, CancellationToken cancellationToken)
    {
        var language = turn.Language ?? TextNormalizer.DetectLanguage(TextNormalizer.Normalize(turn.Text));
        var current = session ?? new SkillSession(skill.Id, Guid.CreateVersion7().ToString("N"), null);
        var call = new SkillCall(skill, site, turn.Home, turn.DeviceId, language, text, intent, current, NewSession: session is null);
        var result = await webhook.CallAsync(call, cancellationToken).ConfigureAwait(false);
        var label = intent is null ? $"skill:{skill.Id}" : $"skill:{skill.Id}:{intent.Name}";
        if (result.Reply is not { } reply)
        {
            return TurnOutcome.Say(Apology(skill, language, result.Failure), label) with { Dialog = new DialogState { At = turn.Now } };
        }

        return TurnOutcome.Say(reply.Speech, label) with
        {
            Commands = reply.Commands,
            Directives = reply.Directives,
            ExpectSpeech = !reply.EndSession,
            Dialog = new DialogState { Skill = reply.EndSession ? null : current with { AttributesJson = reply.AttributesJson }, At = turn.Now },
        };
    }

    private static Speech Apology(CustomSkill skill, string language, WebhookFailure failure)
    {
        var name = skill.SpokenName(language);
        return failure == WebhookFailure.NotResponding
            ? new Speech(language == "ko" ? $"죄송해요, {Josa.Attach(name, Particle.IGa)} 지금 응답하지 않아요." : $"Sorry, {name} isn't responding right now.", language)
            : new Speech(language == "ko" ? $"죄송해요, {name}에서 문제가 생겼어요. 잠시 후에 다시 말씀해 주세요." : $"Sorry, something went wrong with {name}. Please try again later.", language);
    }
}
