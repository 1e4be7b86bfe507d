using Dure.Language;
using Dure.Skills.Services;

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

    public static async ValueTask<TurnOutcome> CallAsync(AssistantServices services, Turn turn, SiteSkills site, CustomSkill skill, string text,
        SkillIntentMatch? intent, SkillSession? session, CancellationToken cancellationToken)
    {
        var language = turn.Language ?? TextNormalizer.DetectLanguage(TextNormalizer.Normalize(turn.Text));
        var current = session ?? new SkillSession(skill.Id, Guid.CreateVersion7().ToString("N"), null);
        var call = new SkillCall(skill, site, turn.Home, turn.DeviceId, language, text, intent, current, NewSession: session is null);
        if (skill.Mcp is { } backend)
        {
            return await ActAsync(services, turn, call, backend, cancellationToken).ConfigureAwait(false);
        }

        var label = intent is null ? $"skill:{skill.Id}" : $"skill:{skill.Id}:{intent.Name}";
        if (services.SkillWebhooks is not { } webhook)
        {
            return TurnOutcome.Say(Apology(skill, language, WebhookFailure.BadResponse), label) with { Dialog = new DialogState { At = turn.Now } };
        }

        var result = await webhook.CallAsync(call, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A destructive MCP tool call the user just said yes to, with the arguments understood before the question.</summary>
    public static async ValueTask<TurnOutcome> ConfirmedAsync(AssistantServices services, Turn turn, SiteSkills site, CustomSkill skill,
        PendingSkillAction action, CancellationToken cancellationToken)
    {
        var label = $"skill:{skill.Id}:{action.Tool}";
        if (skill.Mcp?.Find(action.Tool) is not { } tool)
        {
            // The tool went away with a refresh between the question and the answer.
            return TurnOutcome.Say(Apology(skill, action.Language, WebhookFailure.BadResponse), label) with { Dialog = new DialogState { At = turn.Now } };
        }

        var call = new SkillCall(skill, site, turn.Home, turn.DeviceId, action.Language, turn.Text.Trim(), null,
            new SkillSession(skill.Id, Guid.CreateVersion7().ToString("N"), null), NewSession: true);
        return await InvokeAsync(services, turn, call, skill.Mcp, tool, action.Arguments, label, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The turn of a skill on an MCP server: the tool its model understood, called with the slots as typed arguments; a
    /// destructive one is asked about first. Opened by name without a request, the skill asks what to do.
    /// </summary>
    private static async ValueTask<TurnOutcome> ActAsync(AssistantServices services, Turn turn, SkillCall call, McpSkillBackend backend,
        CancellationToken cancellationToken)
    {
        var (skill, language, ko) = (call.Skill, call.Language, call.Language == "ko");
        var name = skill.SpokenName(language);
        if (call.Intent is not { } intent || backend.Find(intent.Name) is not { } tool)
        {
            var label = $"skill:{skill.Id}";
            if (!call.NewSession)
            {
                var refusal = new Speech(ko ? $"죄송해요, {name}에서 할 수 있는 일이 아니에요." : $"Sorry, that's not something {name} can do.", language);
                return TurnOutcome.Say(refusal, label) with { Dialog = new DialogState { At = turn.Now } };
            }

            return TurnOutcome.Say(new Speech(ko ? $"{name}에서 무엇을 도와드릴까요?" : $"What can {name} do for you?", language), label) with
            {
                ExpectSpeech = true,
                Dialog = new DialogState { Skill = call.Session, At = turn.Now },
            };
        }

        var actionLabel = $"skill:{skill.Id}:{tool.Name}";
        var (arguments, missing) = McpActions.Arguments(tool, intent.Slots, language);
        if (missing.Count > 0)
        {
            return TurnOutcome.Say(new Speech(ko
                ? $"죄송해요, {name}에 전할 내용을 다 듣지 못했어요. 다시 말씀해 주세요."
                : $"Sorry, I didn't catch everything {name} needs. Please say it again.", language), actionLabel) with
            {
                Dialog = new DialogState { At = turn.Now },
            };
        }

        if (tool.Destructive)
        {
            // What cannot be undone is asked about first, as Dure's own risky actions are. The tool's title is said only in
            // the language it is written in.
            var title = tool.SpokenTitle;
            var koreanTitle = title.Any(Hangul.IsSyllable);
            var question = ko
                ? koreanTitle ? $"{name}에 {Josa.Attach(title, Particle.EulReul)} 요청할까요?" : $"{name}에 요청하면 되돌릴 수 없어요. 진행할까요?"
                : koreanTitle ? $"This can't be undone with {name}. Should I go ahead?"
                : $"Should I ask {name} to {(title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title)}?";
            return TurnOutcome.Say(new Speech(question,
                language), actionLabel) with
            {
                ExpectSpeech = true,
                Dialog = new DialogState { SkillAction = new PendingSkillAction(skill.Id, tool.Name, arguments, language), At = turn.Now },
            };
        }

        return await InvokeAsync(services, turn, call, backend, tool, arguments, actionLabel, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<TurnOutcome> InvokeAsync(AssistantServices services, Turn turn, SkillCall call, McpSkillBackend backend, McpTool tool,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement> arguments, string label, CancellationToken cancellationToken)
    {
        var result = services.SkillMcp is { } client
            ? await client.CallAsync(call, backend, tool, arguments, cancellationToken).ConfigureAwait(false)
            : new McpCallResult(null, WebhookFailure.BadResponse);
        if (result.Text is not { } text)
        {
            return TurnOutcome.Say(Apology(call.Skill, call.Language, result.Failure), label) with { Dialog = new DialogState { At = turn.Now } };
        }

        // The server answers in its own words; the speech is in the language they are written in.
        var spoken = text.Any(Hangul.IsSyllable) ? "ko" : call.Language == "ko" && !text.Any(char.IsAsciiLetter) ? "ko" : "en";
        return TurnOutcome.Say(new Speech(text, spoken), label) with { Dialog = new DialogState { At = turn.Now } };
    }

    private static Speech Apology(CustomSkill skill, string language, WebhookFailure failure)
    {
        var name = skill.SpokenName(language);
        return failure == WebhookFailure.NotResponding
            ? new Speech(language == "ko" ? $"죄송해요, {Josa.Attach(name, Particle.IGa)} 지금 응답하지 않아요." : $"Sorry, {name} isn't responding right now.", language)
            : new Speech(language == "ko" ? $"죄송해요, {name}에서 문제가 생겼어요. 잠시 후에 다시 말씀해 주세요." : $"Sorry, something went wrong with {name}. Please try again later.", language);
    }
}
