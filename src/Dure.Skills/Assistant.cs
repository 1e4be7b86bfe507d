using System.Text.Json.Nodes;
using Dure.Skills.Apartment;
using Dure.Skills.Clock;
using Dure.Skills.Communication;
using Dure.Skills.Hotel;
using Dure.Skills.Media;
using Dure.Skills.Vehicle;
using Dure.Skills.Weather;
using Dure.Skills.Conversation;
using Dure.Skills.CustomSkills;
using Dure.Skills.Services;
using Dure.Skills.SmartHome;
using Dure.Understanding;

using Dure.Skills.Alliance;
using Dure.Skills.Providers;

namespace Dure.Skills;

/// <summary>
/// The assistant's brain for one turn: understands the utterance against the speaking device's home and its
/// conversation so far, runs the matching skill and returns what to say, which devices to command and where the
/// conversation stands. Thread-safe and stateless; the platform keeps each device's <see cref="DialogState"/>.
/// </summary>
public sealed class Assistant(AssistantServices? services = null)
{
    // An open question waits this long for its answer; a request can be continued ("침실도") this long after.
    private static readonly TimeSpan QuestionLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FollowUpLifetime = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan FloorLifetime = TimeSpan.FromMinutes(2);

    private readonly IntentParser _parser = new();

    private readonly ISkill[] _skills =
    [
        new HomeSkill(), new ClockSkill(), new TimerSkill(), new AlarmSkill(), new WeatherSkill(), new MediaSkill(), new ApartmentSkill(),
        new HotelSkill(), new VehicleSkill(), new CallSkill(), new SystemSkill(),
    ];

    /// <summary>The platform services and providers the skills use.</summary>
    public AssistantServices Services { get; } = services ?? new AssistantServices();

    public async ValueTask<TurnOutcome> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var speaker = turn.Home.FindDevice(turn.DeviceId);
        var context = new ParseContext(turn.Home, speaker?.AreaId, turn.Language, turn.Now);
        var dialog = turn.Dialog;
        var pending = dialog.Pending is { } open && turn.Now - dialog.At <= QuestionLifetime ? open : null;
        var last = dialog.Last is { } previous && turn.Now - dialog.At <= FollowUpLifetime ? previous : null;
        var parse = _parser.Parse(turn.Text, context);

        // Partner skills: an open skill conversation, then a skill called by name; both before the built-in grammar.
        var skills = await EnabledSkillsAsync(turn, cancellationToken);
        if (skills is not null && await PartnerTurnAsync(turn, skills, parse, cancellationToken) is { } partnered)
        {
            return partnered with { Dialog = partnered.Dialog with { Last = dialog.Last } };
        }

        // An alliance agent that asked something back holds the floor: the answer is its, until "그만" gives it back.
        if (dialog.Floor is { } floor && turn.Now - dialog.At <= FloorLifetime && Services.Alliance is { } alliance && turn.TenantId is { } tenant)
        {
            if (parse.Intent is Intents.Cancel or Intents.Nevermind)
            {
                await alliance.EndAsync(tenant, floor, cancellationToken);
                return Cancelled(turn, parse.Language);
            }

            if (await DelegateAsync(turn, parse, floor, cancellationToken) is { } held)
            {
                return held with { Dialog = held.Dialog with { Last = dialog.Last } };
            }
        }

        if (pending is not null && Answer(turn, context, pending, parse) is { } answered)
        {
            return answered.Confirmed || answered.Parse is not null
                ? await RunAsync(turn, answered.Parse ?? pending.Request, speaker, answered.Confirmed, last, skills, cancellationToken)
                : Cancelled(turn, answered.Language);
        }

        // A fragment continues the last request: "침실도", or "아니 25도", which alone would be a new request
        // for the speaker's room. A question the property's FAQ answers is not a fragment ("can I smoke in the room?").
        if (last is not null && (parse.Intent is null || (parse.Intent == last.Intent && !NamesTarget(parse))) &&
            !(parse.Intent is null && HotelSkill.Faq(new SkillRequest(turn, parse, speaker, Services)) is not null) &&
            _parser.FollowUp(turn.Text, context, last) is { } continued)
        {
            parse = continued;
        }
        else if (last is not null && Elliptical(parse, last) is { } completed)
        {
            parse = completed;
        }

        return await RunAsync(turn, parse, speaker, confirmed: false, last, skills, cancellationToken);
    }

    private async ValueTask<SiteSkills?> EnabledSkillsAsync(Turn turn, CancellationToken cancellationToken) =>
        Services is { CustomSkills: { } directory, SkillWebhooks: not null } &&
        await directory.ForHomeAsync(turn.Home.Id, cancellationToken) is { Skills.Count: > 0 } site
            ? site
            : null;

    /// <summary>The turn when a partner skill takes it: it keeps the conversation open, or it is called by its name.</summary>
    private async ValueTask<TurnOutcome?> PartnerTurnAsync(Turn turn, SiteSkills site, ParseResult parse, CancellationToken cancellationToken)
    {
        // A destructive tool of a skill's MCP server waits for yes; no or cancel drops it, anything else is a new request.
        if (turn.Dialog.SkillAction is { } action && turn.Now - turn.Dialog.At <= QuestionLifetime && site.Find(action.SkillId) is { } asking)
        {
            if (parse.Intent == Intents.Yes)
            {
                return await SkillTurns.ConfirmedAsync(Services, turn, site, asking, action, cancellationToken);
            }

            if (parse.Intent is Intents.No or Intents.Cancel or Intents.Nevermind)
            {
                return Cancelled(turn, action.Language);
            }
        }

        if (turn.Dialog.Skill is { } session && turn.Now - turn.Dialog.At <= SkillTurns.SessionLifetime && site.Find(session.SkillId) is { } current)
        {
            // "취소", "그만", "cancel" end the skill's conversation; anything else is the skill's.
            if (parse.Intent is Intents.Cancel or Intents.Nevermind)
            {
                return Cancelled(turn, parse.Language);
            }

            var text = turn.Text.Trim();
            return await SkillTurns.CallAsync(Services, turn, site, current, text, SkillTurns.Classify(current, text), session, cancellationToken);
        }

        return Invocation.Find(turn.Text, site.Skills) is { } invoked
            ? await SkillTurns.CallAsync(Services, turn, site, invoked.Skill, invoked.Request, SkillTurns.Classify(invoked.Skill, invoked.Request), null,
                cancellationToken)
            : null;
    }

    private async ValueTask<TurnOutcome> RunAsync(Turn turn, ParseResult parse, Homes.Device? speaker, bool confirmed, ParseResult? last,
        SiteSkills? skills, CancellationToken cancellationToken)
    {
        var language = parse.Language;
        TurnOutcome outcome;
        if ((parse.Intent is null || AsksAboutAbsentDevices(turn.Home, parse)) && HotelSkill.Faq(new SkillRequest(turn, parse, speaker, Services)) is { } answered)
        {
            outcome = answered;
        }
        else if (parse.Intent is null && skills is not null && SkillTurns.BestByModel(skills, turn.Text) is { } byModel)
        {
            // Nothing built in understood it, but a partner skill's samples resemble it.
            outcome = await SkillTurns.CallAsync(Services, turn, skills, byModel.Skill, turn.Text.Trim(), byModel.Intent, null, cancellationToken);
        }
        else if (parse.Intent is null && await DelegateAsync(turn, parse, null, cancellationToken) is { } delegated)
        {
            // Nothing local understood it, and a routing rule sends such requests to an alliance agent.
            outcome = delegated;
        }
        else if (parse.Intent is null && Services.Agent is { } agent)
        {
            outcome = await agent.AnswerAsync(turn, language, Services, cancellationToken);
        }
        else if (parse.Intent is null)
        {
            outcome = TurnOutcome.Say(new Speech(
                language == "ko" ? "죄송해요, 잘 이해하지 못했어요. 다시 말씀해 주시겠어요?" : "Sorry, I didn't understand that. Could you say it again?", language));
        }
        else if (!parse.Intent.StartsWith("system.", StringComparison.Ordinal) &&
            await DelegateAsync(turn, parse, null, cancellationToken) is { } routed)
        {
            // The tenant routes this intent, its domain or its skill to an alliance agent.
            outcome = routed;
        }
        else if (_skills.FirstOrDefault(s => s.Handles(parse.Intent)) is not { } skill)
        {
            outcome = TurnOutcome.Say(new Speech(
                language == "ko" ? "말씀은 알아들었지만, 그 기능은 아직 준비 중이에요." : "I understood, but I can't do that here yet.", language), parse.Intent);
        }
        else
        {
            try
            {
                outcome = await skill.HandleAsync(new SkillRequest(turn, parse, speaker, Services, confirmed), cancellationToken);
            }
            catch (ProviderUnavailableException)
            {
                // A weather, map or music service that is down is a spoken apology, not a failed turn.
                var apology = TurnOutcome.Say(new Speech(
                    language == "ko" ? "지금은 그 서비스에 연결할 수 없어요. 잠시 후에 다시 말씀해 주세요." : "I can't reach that service right now. Please try again in a moment.",
                    language), parse.Intent);
                outcome = apology with { Error = TurnErrors.ProviderUnavailable };
            }
        }

        // A question keeps its request waiting; anything else becomes the request the next fragment continues.
        var carried = outcome.Dialog.Pending is null && parse.Intent is { } intent && !intent.StartsWith("system.", StringComparison.Ordinal) ? parse : last;
        var history = outcome.Dialog.AgentHistory.IsDefaultOrEmpty ? turn.Dialog.AgentHistory : outcome.Dialog.AgentHistory;
        return outcome with { Dialog = outcome.Dialog with { Last = carried, At = turn.Now, AgentHistory = history } };
    }

    /// <summary>
    /// Carries out one device action an agent asked for (an MCP client), checked and answered like the spoken command.
    /// A risky one without <paramref name="confirmed"/> is not done: the outcome asks for confirmation instead.
    /// </summary>
    public async ValueTask<(TurnOutcome? Outcome, string? Problem)> ActAsync(Turn turn, SmartHome.DeviceAction action, bool confirmed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var language = turn.Language ?? "en";
        var (request, problem) = SmartHome.DeviceActions.Request(turn.Home, action, language);
        if (request is null)
        {
            return (null, problem);
        }

        var skill = _skills.OfType<HomeSkill>().Single();
        return (await skill.HandleAsync(new SkillRequest(turn, request, turn.Home.FindDevice(turn.DeviceId), Services, confirmed), cancellationToken), null);
    }

    /// <summary>The Dure skill that handles an intent, by name: home, clock, timer, hotel … (routing rules use it).</summary>
    private string? SkillOf(string? intent) =>
        intent is null ? null : _skills.FirstOrDefault(s => s.Handles(intent))?.GetType().Name.Replace("Skill", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The turn as an alliance agent answered it; null when no routing rule (or floor) hands it over.</summary>
    private async ValueTask<TurnOutcome?> DelegateAsync(Turn turn, ParseResult parse, AllianceFloor? floor, CancellationToken cancellationToken)
    {
        if (turn.FromAlliance || Services.Alliance is not { } alliance || turn.TenantId is not { } tenant)
        {
            return null;
        }

        var request = new DelegatedRequest(tenant, turn.SiteId, turn.Home.Id, turn.DeviceId, turn.Text.Trim(), parse.Language, parse.Intent,
            SkillOf(parse.Intent), floor);
        if (await alliance.DelegateAsync(request, cancellationToken) is not { } answer)
        {
            return null;
        }

        return TurnOutcome.Say(answer.Speech, parse.Intent ?? $"alliance:{answer.AgentId}") with
        {
            ExpectSpeech = answer.KeptFloor is not null,
            Error = answer.Error,
            Dialog = new DialogState { Floor = answer.KeptFloor, At = turn.Now },
        };
    }

    /// <summary>The answer to an open question: yes or no, the missing value, or the choice.</summary>
    private (ParseResult? Parse, bool Confirmed, string Language)? Answer(Turn turn, ParseContext context, PendingQuestion pending, ParseResult parse)
    {
        var language = pending.Request.Language;
        if (parse.Intent is Intents.Cancel or Intents.Nevermind || (parse.Intent == Intents.No && pending.Kind != PendingKind.Slot))
        {
            return (null, false, language);
        }

        switch (pending.Kind)
        {
            case PendingKind.Confirmation:
                return parse.Intent == Intents.Yes ? (null, true, language) : null;
            case PendingKind.Slot:
                // A different request altogether ("아니 그냥 불 켜줘") is taken as it is, except where the question
                // asked for free text: then the answer is the text ("곧 도착해" is the message, not an ETA question).
                var freeText = pending.Slot is "message" or "item" or "destination" or "contact" or "search_query" or "name" or "location";
                if (parse.Intent is not null && parse.Intent != pending.Request.Intent && !(freeText && !IsHomeCommand(parse)))
                {
                    return null;
                }

                var filled = parse.Intent == pending.Request.Intent && parse[pending.Slot!] is not null && NamesTarget(parse)
                    ? parse
                    : _parser.FollowUp(turn.Text, context, pending.Request, pending.Slot);
                return filled is null ? null : (filled, false, language);
            default:
                return parse.Intent is null && _parser.FollowUp(turn.Text, context, pending.Request) is { } chosen
                    ? (AmongCandidates(turn.Home, pending.Request, chosen), false, language)
                    : null;
        }
    }

    /// <summary>
    /// A state question about a kind of device the home has none of ("can I smoke in the room?" read as asking the
    /// smoke sensors): when the property's FAQ answers the words, that is what was meant.
    /// </summary>
    private static bool AsksAboutAbsentDevices(Homes.Home home, ParseResult parse) =>
        parse.Intent == Intents.GetState && parse["name"] is null && parse.Text("domain") is { } domain &&
        !home.Devices.Any(d => d.Domain == domain && (parse.Text("device_class") is not { } kind || d.DeviceClass == kind));

    /// <summary>
    /// The answer to "which one?" picks among the devices offered: "the bedroom one" after "Bedroom Lamp or Study Lamp?"
    /// is the bedroom lamp, not every light of the bedroom.
    /// </summary>
    private static ParseResult AmongCandidates(Homes.Home home, ParseResult question, ParseResult answer)
    {
        var offered = question.DeviceIds;
        if (offered.Length < 2)
        {
            return answer;
        }

        var named = answer.DeviceIds;
        var area = answer.Text("area");
        List<string> picked = [.. offered.Where(id => named.Contains(id) || (named.IsEmpty && area is not null && home.FindDevice(id)?.AreaId == area))];
        if (picked.Count == 0)
        {
            return answer;
        }

        JsonNode ids = picked.Count == 1 ? JsonValue.Create(picked[0]) : new JsonArray([.. picked.Select(id => (JsonNode?)JsonValue.Create(id))]);
        return answer with { Slots = [.. answer.Slots.Where(s => s.Name != "name"), new Slot("name", ids)], AllTargets = false };
    }

    private static bool IsHomeCommand(ParseResult parse) => parse.Intent!.StartsWith("home.", StringComparison.Ordinal) && parse.TargetsKnown && parse.Slots.Length > 0;

    private static bool NamesTarget(ParseResult parse) => parse["name"] is not null || parse["area"]?.Spoken is not null || parse["floor"] is not null;

    /// <summary>
    /// "침실도 꺼줘" after "거실 불 꺼줘": a home command that names only a room borrows the kind of device from
    /// the previous one. The room must be said: a bare "켜줘" is asked about, not aimed at the speaker's room.
    /// </summary>
    private static ParseResult? Elliptical(ParseResult parse, ParseResult last) =>
        parse.Intent is Intents.TurnOn or Intents.TurnOff && parse["area"]?.Spoken is not null && parse["name"] is null && parse["domain"] is null &&
        last.Intent is Intents.TurnOn or Intents.TurnOff && last["domain"] is { } domain
            ? parse with { Slots = parse.Slots.Add(domain) }
            : null;

    private static TurnOutcome Cancelled(Turn turn, string language) =>
        TurnOutcome.Say(new Speech(language == "ko" ? "알겠어요, 취소했어요." : "Okay, I've cancelled that.", language), Intents.Cancel) with
        {
            Dialog = new DialogState { Last = turn.Dialog.Last, At = turn.Now },
        };
}
