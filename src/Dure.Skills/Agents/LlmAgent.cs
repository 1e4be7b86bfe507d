using System.Collections.Immutable;
using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Skills.Services;
using Dure.Skills.SmartHome;
using Dure.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Skills.Agents;

/// <summary>One line of the LLM agent's conversation with a device: who said it (<c>user</c> or <c>assistant</c>) and what.</summary>
public sealed record AgentExchange(string Role, string Text);

/// <summary>The LLM agent's settings, bound from <c>Dure:Llm</c> (docs/alliance.md). Without an endpoint there is no agent.</summary>
public sealed class LlmAgentOptions
{
    public const string Section = "Dure:Llm";

    /// <summary>An OpenAI-compatible endpoint, e.g. <c>http://localhost:11434/v1</c> for Ollama; null or empty: no LLM agent.</summary>
    public string? Endpoint { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>The endpoint's API key, when it needs one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one answer may take, tool calls included, before the device hears an apology.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many earlier lines of the conversation the model sees.</summary>
    public int HistoryLines { get; set; } = 10;

    /// <summary>The longest answer spoken, in characters.</summary>
    public int MaxAnswerLength { get; set; } = 600;
}

/// <summary>
/// Answers what no intent matched with a language model behind <see cref="IChatClient"/> (with function invocation):
/// it sees the speaking device's home (exposed devices only) and the recent conversation, may call the device tools,
/// and its reply is read from the model's stream and, when the turn wants it (<see cref="Turn.SpeakPart"/>), sent on
/// sentence by sentence as it is written. A risky action (unlocking, opening a gas valve) is never done by the
/// model: the loop stops and the user is asked, and a spoken yes carries it out like the spoken command.
/// </summary>
public sealed partial class LlmAgent(IChatClient client, IOptions<LlmAgentOptions> options, ILogger<LlmAgent> logger)
{
    public const string IntentName = "agent.llm";

    private static readonly TimeSpan HistoryLifetime = TimeSpan.FromMinutes(3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal async ValueTask<TurnOutcome> AnswerAsync(Turn turn, string language, AssistantServices services, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var actions = new ToolSession(turn, language, services);
        var history = turn.Now - turn.Dialog.At <= HistoryLifetime ? turn.Dialog.AgentHistory : [];
        List<ChatMessage> messages = [new(ChatRole.System, Instructions(turn, language))];
        messages.AddRange(history.Select(h => new ChatMessage(h.Role == "assistant" ? ChatRole.Assistant : ChatRole.User, h.Text)));
        messages.Add(new ChatMessage(ChatRole.User, turn.Text));
        var chat = new ChatOptions
        {
            ModelId = settings.Model,
            ToolMode = ChatToolMode.Auto,
            Tools =
            [
                AIFunctionFactory.Create(actions.ListDevices, "list_devices", "Lists the home's devices with their ids, kinds, rooms and states."),
                AIFunctionFactory.Create(actions.ControlDevice, "control_device",
                    "Acts on one device: turn_on, turn_off, lock, unlock, open, close, set_brightness (0-100), set_temperature (5-40), " +
                    "set_position (0-100). Returns what was done, or that the user must confirm first."),
            ],
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        var reply = new SentenceParts(settings.MaxAnswerLength);
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, chat, deadline.Token).ConfigureAwait(false))
            {
                reply.Append(update.Text);
                if (actions.Confirmation is not null)
                {
                    break;
                }

                // Each sentence goes to the device as soon as it is complete; tool calls may still come between them.
                if (turn.SpeakPart is { } speakPart)
                {
                    foreach (var sentence in reply.Completed())
                    {
                        await speakPart(new Speech(sentence, language), reply.Parts.Count - 1, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (reply.Length > settings.MaxAnswerLength)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Slow, unreachable or broken: the user hears an apology, and what the tools already did stands.
            LogFailed(e, turn.Home.Id, e is OperationCanceledException ? $"no answer within {settings.Timeout}" : e.Message);
            var apology = new Speech(language == "ko"
                ? "죄송해요, 지금은 답을 찾을 수 없어요. 잠시 후에 다시 말씀해 주세요."
                : "Sorry, I can't find an answer right now. Please try again in a moment.", language);
            return actions.Outcome(TurnOutcome.Say(apology, IntentName)) with { Error = TurnErrors.ProviderUnavailable };
        }

        if (actions.Confirmation is { } confirmation)
        {
            return actions.Outcome(confirmation);
        }

        var parts = 0;
        string text;
        if (turn.SpeakPart is { } last && reply.Parts.Count > 0)
        {
            // What went out in parts is the answer: the rest is its last part, and the whole is the parts joined.
            if (reply.Rest() is { } rest)
            {
                await last(new Speech(rest, language), reply.Parts.Count - 1, cancellationToken).ConfigureAwait(false);
            }

            parts = reply.Parts.Count;
            text = string.Join(' ', reply.Parts);
        }
        else
        {
            text = reply.Text.Trim();
            if (text.Length > settings.MaxAnswerLength)
            {
                text = text[..settings.MaxAnswerLength];
            }
        }

        if (text.Length == 0)
        {
            text = actions.Done.Count > 0
                ? string.Join(' ', actions.Done)
                : language == "ko" ? "죄송해요, 잘 이해하지 못했어요. 다시 말씀해 주시겠어요?" : "Sorry, I didn't understand that. Could you say it again?";
        }

        var lines = history.Add(new AgentExchange("user", turn.Text)).Add(new AgentExchange("assistant", text));
        var kept = lines.Length > settings.HistoryLines ? lines[^settings.HistoryLines..] : lines;
        var answered = TurnOutcome.Say(new Speech(text, language), IntentName) with
        {
            Dialog = new DialogState { AgentHistory = [.. kept], At = turn.Now },
            SpokenParts = parts,
        };
        return actions.Outcome(answered);
    }

    private static string Instructions(Turn turn, string language)
    {
        var speaker = turn.Home.FindDevice(turn.DeviceId);
        var room = speaker?.AreaId is { } area ? turn.Home.FindArea(area)?.Names.Display(language, area) : null;
        return (language == "ko"
            ? "당신은 두레, 집과 건물의 음성 비서예요. 한국어 해요체로 짧고 자연스럽게 한두 문장으로 답하세요. "
            : "You are Dure, the voice assistant of a home or building. Answer in plain English, briefly, in one or two sentences. ") +
            "Use the tools for anything about the home's devices; never claim to have done something a tool did not do. " +
            $"The user speaks from {(room is null ? "an unknown room" : $"the room '{room}'")} of the home '{turn.Home.Name}'. " +
            $"Local time: {TimeZoneInfo.ConvertTime(turn.Now, turn.Home.Zone):yyyy-MM-dd HH:mm}.";
    }

    /// <summary>What the tools of one answer did: the commands and state changes they decided, and a confirmation they need.</summary>
    private sealed class ToolSession(Turn turn, string language, AssistantServices services)
    {
        private readonly Dictionary<string, DeviceState> _states = new(turn.States, StringComparer.Ordinal);
        private readonly List<DeviceCommand> _commands = [];
        private readonly Dictionary<string, DeviceState> _changes = new(StringComparer.Ordinal);

        public List<string> Done { get; } = [];

        /// <summary>The question to ask before a risky action the model wanted; the answer stops there.</summary>
        public TurnOutcome? Confirmation { get; private set; }

        public string ListDevices()
        {
            var devices = new JsonArray();
            foreach (var device in DeviceActions.Exposed(turn.Home))
            {
                var state = _states.GetValueOrDefault(device.Id) ?? device.InitialState;
                devices.Add(new JsonObject
                {
                    ["id"] = device.Id,
                    ["kind"] = device.Domain,
                    ["name"] = device.Names.Display(language, device.Id),
                    ["room"] = device.AreaId is { } area ? turn.Home.FindArea(area)?.Names.Display(language, area) : null,
                    ["state"] = state.Value,
                });
            }

            return devices.ToJsonString(Json);
        }

        public async Task<string> ControlDevice(
            [Description("The device id from list_devices")] string device_id,
            [Description("turn_on, turn_off, lock, unlock, open, close, set_brightness, set_temperature or set_position")] string action,
            [Description("The number for set_brightness, set_temperature and set_position")] double? value = null,
            CancellationToken cancellationToken = default)
        {
            var (request, problem) = DeviceActions.Request(turn.Home, new DeviceAction(device_id, action, value), language);
            if (request is null)
            {
                return "error: " + problem;
            }

            var current = turn with { States = _states };
            var outcome = await new HomeSkill().HandleAsync(new SkillRequest(current, request, turn.Home.FindDevice(turn.DeviceId), services), cancellationToken)
                .ConfigureAwait(false);
            if (outcome.Dialog.Pending is { Kind: PendingKind.Confirmation })
            {
                Confirmation = outcome;
                if (FunctionInvokingChatClient.CurrentContext is { } context)
                {
                    context.Terminate = true;
                }

                return "not done: the user must confirm first; Dure asks them now";
            }

            _commands.AddRange(outcome.Commands);
            foreach (var (id, state) in outcome.StateChanges)
            {
                _states[id] = state;
                _changes[id] = state;
            }

            Done.Add(outcome.Speech.Text);
            return outcome.Speech.Text;
        }

        /// <summary><paramref name="answer"/> with the commands and state changes the tools decided.</summary>
        public TurnOutcome Outcome(TurnOutcome answer) => answer with
        {
            Commands = [.. _commands, .. answer.Commands],
            StateChanges = answer.StateChanges.SetItems(_changes),
        };
    }

    /// <summary>
    /// A reply that grows piece by piece, cut into whole sentences: one ends at <c>.</c>, <c>!</c>, <c>?</c> or <c>…</c>
    /// before a space, or at a line break ("3.5" does not end one). Only the first <c>maxLength</c> characters count.
    /// </summary>
    private sealed class SentenceParts(int maxLength)
    {
        private readonly StringBuilder _text = new();
        private int _given; // characters of _text already cut into parts

        public List<string> Parts { get; } = [];

        public int Length => _text.Length;

        public string Text => _text.ToString();

        public void Append(string piece) => _text.Append(piece);

        /// <summary>The sentences completed since the last call, each added to <see cref="Parts"/>.</summary>
        public IEnumerable<string> Completed()
        {
            var end = Math.Min(_text.Length, maxLength);
            for (var i = _given; i < end; i++)
            {
                var c = _text[i];
                var boundary = c == '\n' ? i + 1
                    : c is '.' or '!' or '?' or '…' or '。' && i + 1 < _text.Length && char.IsWhiteSpace(_text[i + 1]) && i + 1 <= maxLength ? i + 1
                    : -1;
                if (boundary < 0)
                {
                    continue;
                }

                var sentence = _text.ToString(_given, boundary - _given).Trim();
                _given = boundary;
                if (sentence.Length > 0)
                {
                    Parts.Add(sentence);
                    yield return sentence;
                }
            }
        }

        /// <summary>What follows the last complete sentence, added to <see cref="Parts"/>; null when nothing does.</summary>
        public string? Rest()
        {
            var end = Math.Min(_text.Length, maxLength);
            var rest = end > _given ? _text.ToString(_given, end - _given).Trim() : "";
            _given = Math.Max(_given, end);
            if (rest.Length == 0)
            {
                return null;
            }

            Parts.Add(rest);
            return rest;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home {Home}: the LLM agent failed: {Reason}")]
    private partial void LogFailed(Exception exception, string home, string reason);
}
