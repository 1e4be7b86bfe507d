using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Dure.Homes;
using Dure.Language;
using Dure.Platform.Conversations;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Dure.Protocol;
using Dure.Skills;
using Dure.Skills.Services;
using Dure.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Grains;

/// <summary>
/// One home: its layout and device states, each device's conversation, the turns spoken in it (with arbitration
/// between devices that heard the same words), the events its network reports and what it announces.
/// </summary>
public sealed partial class HomeGrain(
    IHomeStore homes,
    IDeviceCredentials credentials,
    Assistant assistant,
    IScheduler scheduler,
    IHomeRecordStore records,
    IProactiveSpeech proactive,
    ISiteStore sites,
    ITurnRecorder recorder,
    IOptions<VehicleOptions> vehicle,
    IOptions<ArbitrationOptions> arbitration,
    TimeProvider time,
    ILogger<HomeGrain> logger) : Grain, IHomeGrain
{
    private const string DefaultLanguage = "ko";

    // An elevator arrival is announced where it was called from if that was this recent; else on every talking device.
    private static readonly TimeSpan ElevatorCallMemory = TimeSpan.FromMinutes(10);

    // An agent's conversation (MCP, A2A, Open Floor) outlives this much silence only while the home has few of them.
    private static readonly TimeSpan AgentConversationLifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonElement True = JsonSerializer.SerializeToElement(true);
    private static readonly JsonElement False = JsonSerializer.SerializeToElement(false);

    private Home _home = null!;
    private string _tenantId = "";
    private string? _siteId;
    private string _layout = ""; // the stored text _home was read from
    private Dictionary<string, DeviceState> _states = [];
    private IReadOnlySet<string> _endpoints = new HashSet<string>();

    // Conversation state lives in memory only: a conversation does not outlast the home's activation.
    private const int MaxDeviceGrains = 4096;
    private readonly Dictionary<string, IDeviceGrain> _deviceGrains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DialogState> _dialogs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _languages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string DeviceId, DateTimeOffset At)> _recentUtterances = new(StringComparer.Ordinal);
    private (string DeviceId, DateTimeOffset At)? _elevatorCaller;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        var stored = await homes.FindHomeAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"home '{id}' does not exist");
        await LoadAsync(stored, cancellationToken);
    }

    public async Task Reload()
    {
        if (await homes.FindHomeAsync(_home.Id) is not { } stored)
        {
            DeactivateOnIdle();
            return;
        }

        if (stored.Layout == _layout)
        {
            // Only credentials changed (a token issued or revoked), or the grain has just been activated by this call:
            // layout, states and conversations stand.
            _endpoints = await credentials.EndpointsAsync(stored.Id);
            return;
        }

        await LoadAsync(stored, CancellationToken.None);
        // Conversations may refer to devices that are gone; they are short-lived, so start them afresh.
        _dialogs.Clear();
    }

    private async Task LoadAsync(StoredHome stored, CancellationToken cancellationToken)
    {
        _home = HomeFile.Parse(stored.Layout, stored.Id);
        _layout = stored.Layout;
        _tenantId = stored.TenantId;
        _siteId = (await sites.FindSpaceOfHomeAsync(stored.Id, cancellationToken))?.SiteId;
        var saved = await homes.LoadStatesAsync(stored.Id, cancellationToken);
        _states = _home.Devices.ToDictionary(d => d.Id, d => saved.GetValueOrDefault(d.Id) ?? d.InitialState, StringComparer.Ordinal);
        _endpoints = await credentials.EndpointsAsync(stored.Id, cancellationToken);
    }

    public async Task<ProtocolProblem?> Recognize(string deviceId, string text, string? language, string eventId, DateTimeOffset receivedAt)
    {
        if (Arbitrate(deviceId, text, receivedAt) is { } answeredBy)
        {
            // Another device heard the same words a moment earlier and answers them; this one stays quiet.
            await SendAsync(deviceId, MessageNames.SystemArbitrated,
                Payloads.ToElement(new SystemArbitrated(answeredBy), ProtocolJson.Default.SystemArbitrated), eventId);
            return null;
        }

        await RunTurnAsync(deviceId, text, language, eventId, receivedAt);
        return null;
    }

    public Task RunScheduled(string deviceId, string text, string language) => RunTurnAsync(deviceId, text, language, null, time.GetUtcNow());

    /// <summary>
    /// Runs one turn (a scheduled one when <paramref name="eventId"/> is null) and records it in the conversation log once
    /// it is answered, failed turns too.
    /// </summary>
    private async Task RunTurnAsync(string deviceId, string text, string? language, string? eventId, DateTimeOffset receivedAt)
    {
        TurnOutcome outcome;
        DateTimeOffset answeredAt;
        try
        {
            (outcome, answeredAt) = await AnswerAsync(deviceId, text, language, eventId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await RecordAsync(deviceId, text, language, eventId, receivedAt, null, TurnErrors.InternalError);
            throw;
        }

        await RecordAsync(deviceId, text, outcome.Speech.Language, eventId, receivedAt, outcome, outcome.Error, answeredAt);
    }

    private ValueTask RecordAsync(string deviceId, string text, string? language, string? eventId, DateTimeOffset receivedAt,
        TurnOutcome? outcome, string? error, DateTimeOffset? answeredAt = null)
    {
        var latency = (answeredAt ?? time.GetUtcNow()) - receivedAt;
        return recorder.RecordAsync(new TurnRecord(TurnRecord.NewId(), receivedAt, _tenantId, _siteId, _home.Id, deviceId, text, language,
            outcome?.Intent, outcome?.Speech.Text, Math.Max(0, latency.TotalMilliseconds), error, Scheduled: eventId is null));
    }

    /// <summary>
    /// Understands the turn and sends its commands, directives and answer (replying to <paramref name="eventId"/> when
    /// given); returns what was decided and when the answer was handed to the device's grain.
    /// </summary>
    private async Task<(TurnOutcome Outcome, DateTimeOffset AnsweredAt)> AnswerAsync(string deviceId, string text, string? language, string? eventId)
    {
        var now = time.GetUtcNow();
        var turn = NewTurn(deviceId, text, language, now, _dialogs.GetValueOrDefault(deviceId));
        if (eventId is not null)
        {
            // A reply written while it is spoken goes out sentence by sentence, to connections that asked for it.
            var device = DeviceGrainOf(deviceId);
            turn = turn with
            {
                SpeakPart = (part, index, _) => new ValueTask(device.SendNow(new Directive(Envelope.NewId(), MessageNames.SpeechSpeakPart, eventId,
                    Payloads.ToElement(new SpeechSpeakPart(part.Text, part.Language, index), ProtocolJson.Default.SpeechSpeakPart).GetRawText()))),
            };
        }

        var outcome = await assistant.HandleAsync(turn);
        _dialogs[deviceId] = outcome.Dialog;
        _languages[deviceId] = outcome.Speech.Language;
        if (outcome.Intent == Intents.CallElevator)
        {
            _elevatorCaller = (deviceId, now);
        }

        await CarryOutAsync(outcome);
        var speech = new SpeechSpeak(outcome.Speech.Text, outcome.Speech.Language, Parts: outcome.SpokenParts > 0 ? outcome.SpokenParts : null);
        await SendAsync(deviceId, MessageNames.SpeechSpeak, Payloads.ToElement(speech, ProtocolJson.Default.SpeechSpeak), eventId);
        var answeredAt = time.GetUtcNow();
        if (outcome.ExpectSpeech)
        {
            await SendAsync(deviceId, MessageNames.SpeechExpectSpeech,
                Payloads.ToElement(new SpeechExpectSpeech(ProtocolLimits.ExpectSpeechTimeoutMs), ProtocolJson.Default.SpeechExpectSpeech), eventId);
        }

        return (outcome, answeredAt);
    }

    private Turn NewTurn(string deviceId, string text, string? language, DateTimeOffset now, DialogState? dialog) =>
        new(_home, _states, deviceId, text, language, now)
        {
            Dialog = dialog ?? DialogState.Empty,
            TenantId = _tenantId,
            SiteId = _siteId,
        };

    public async Task<AgentReply> Ask(string deviceId, string text, string? language, string conversationId, bool fromAlliance)
    {
        if (_home.FindDevice(deviceId) is null)
        {
            return AgentReply.Refused($"home '{_home.Id}' has no device '{deviceId}'");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > ProtocolLimits.MaxTextLength)
        {
            return AgentReply.Refused($"the text must be 1-{ProtocolLimits.MaxTextLength} characters");
        }

        // An agent's conversation is its own, beside the device's: what a person says to the device does not continue it.
        var key = $"{deviceId}\u001f{conversationId}";
        var receivedAt = time.GetUtcNow();
        var turn = NewTurn(deviceId, text, language is "ko" or "en" ? language : null, receivedAt, _dialogs.GetValueOrDefault(key)) with
        {
            FromAlliance = fromAlliance,
        };
        TurnOutcome outcome;
        try
        {
            outcome = await assistant.HandleAsync(turn);
            ForgetStaleAgentConversations(receivedAt);
            _dialogs[key] = outcome.Dialog;
            await CarryOutAsync(outcome);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await RecordAsync(deviceId, text, language, null, receivedAt, null, TurnErrors.InternalError);
            throw;
        }

        await RecordAsync(deviceId, text, outcome.Speech.Language, null, receivedAt, outcome, outcome.Error, time.GetUtcNow());
        return Reply(outcome);
    }

    public async Task<AgentReply> Act(string targetId, string action, double? value, bool confirmed, string? language)
    {
        var turn = NewTurn(targetId, action, language is "ko" or "en" ? language : "en", time.GetUtcNow(), null);
        var (outcome, problem) = await assistant.ActAsync(turn, new Skills.SmartHome.DeviceAction(targetId, action, value), confirmed);
        if (outcome is null)
        {
            return AgentReply.Refused(problem!);
        }

        if (outcome.Dialog.Pending is not { Kind: PendingKind.Confirmation })
        {
            await CarryOutAsync(outcome);
        }

        return Reply(outcome);
    }

    /// <summary>Agents open a conversation per request; those idle for a while are dropped so a busy home does not collect them.</summary>
    private void ForgetStaleAgentConversations(DateTimeOffset now)
    {
        if (_dialogs.Count < 64)
        {
            return;
        }

        foreach (var stale in _dialogs.Where(d => d.Key.Contains('\u001f', StringComparison.Ordinal) && now - d.Value.At > AgentConversationLifetime)
                     .Select(d => d.Key).ToList())
        {
            _dialogs.Remove(stale);
        }
    }

    private static AgentReply Reply(TurnOutcome outcome) => new(outcome.Speech.Text, outcome.Speech.Language, outcome.Intent,
        outcome.ExpectSpeech || outcome.Dialog.Pending is not null || outcome.Dialog.Floor is not null,
        outcome.Dialog.Pending is { Kind: PendingKind.Confirmation }, Error: outcome.Error);

    /// <summary>Stores the turn's new states, then sends its device commands and directives.</summary>
    private async Task CarryOutAsync(TurnOutcome outcome)
    {
        // The new states are durable before anything is said or sent, so an answered turn survives a crash.
        await SaveAsync(outcome.StateChanges);

        foreach (var command in outcome.Commands)
        {
            if (Route(command.DeviceId) is not { } target)
            {
                LogUnroutable(_home.Id, command.DeviceId);
                continue;
            }

            var control = new DeviceControl(command.DeviceId, command.Domain, command.Action,
                new Dictionary<string, JsonElement>(command.Params, StringComparer.Ordinal));
            await SendAsync(target, MessageNames.DeviceControl, Payloads.ToElement(control, ProtocolJson.Default.DeviceControl), null);
        }

        foreach (var directive in outcome.Directives)
        {
            if (!MessageNames.Directives.Contains(directive.Name) || directive.Name == MessageNames.SystemError ||
                directive.Payload.ValueKind != JsonValueKind.Object || _home.FindDevice(directive.DeviceId) is null ||
                Route(directive.DeviceId) is not { } target)
            {
                LogBadDirective(_home.Id, directive.Name, directive.DeviceId);
                continue;
            }

            await SendAsync(target, directive.Name, directive.Payload, null);
        }
    }

    public Task<string> Layout() => Task.FromResult(_layout);

    public async Task<ProtocolProblem?> ReportState(string reporterId, StateReport report)
    {
        if (_home.FindDevice(report.DeviceId) is not { } device)
        {
            return new ProtocolProblem(ErrorCodes.UnknownDevice, $"home '{_home.Id}' has no device '{report.DeviceId}'");
        }

        // A device reports for itself; a gateway for any device of its home; a controller for the devices it relays to.
        var reporter = _home.FindDevice(reporterId);
        if (reporterId != device.Id && reporter?.IsGateway != true && device.ControlledBy != reporterId)
        {
            return new ProtocolProblem(ErrorCodes.UnknownDevice, $"device '{report.DeviceId}' is not reachable from '{reporterId}'");
        }

        var attributes = _states[device.Id].Attributes;
        if (report.AttributesJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                attributes = attributes.SetItem(property.Name, property.Value.Clone());
            }
        }

        await SaveAsync(ImmutableDictionary<string, DeviceState>.Empty.Add(device.Id, new DeviceState(report.State, attributes)));
        return null;
    }

    public async Task<ProtocolProblem?> ReportEvent(string reporterId, HomeEventData homeEvent)
    {
        if (HomeEventTypes.FromHomeNetwork(homeEvent.Type) && _home.FindDevice(reporterId)?.IsGateway != true)
        {
            return new ProtocolProblem(ErrorCodes.NotAllowed,
                $"{homeEvent.Type} comes from the home network: only the home's gateway may send it");
        }

        var now = time.GetUtcNow();
        using var document = JsonDocument.Parse(homeEvent.DataJson);
        var data = document.RootElement;
        await records.AddEventAsync(_home.Id, reporterId, new HomeEvent(homeEvent.Type, homeEvent.At ?? now, data));

        switch (homeEvent.Type)
        {
            case HomeEventTypes.ElevatorArrived:
                await AnnounceElevatorAsync(data.GetProperty("floor"), now);
                break;
            case HomeEventTypes.VehicleDriving:
                await TrackDrivingAsync(reporterId, data, now);
                break;
        }

        return null;
    }

    public async Task Announce(Announcement announcement)
    {
        var targets = announcement.DeviceId is { } device ? [device] : TalkingDevices();
        foreach (var target in targets)
        {
            var language = announcement.Language ?? LanguageOf(target);
            var speech = new SpeechSpeak(language == "ko" ? announcement.Korean : announcement.English, language);
            await SendAsync(target, MessageNames.SpeechSpeak, Payloads.ToElement(speech, ProtocolJson.Default.SpeechSpeak), null);
        }
    }

    private Task AnnounceElevatorAsync(JsonElement floorElement, DateTimeOffset now)
    {
        var floor = floorElement.ValueKind == JsonValueKind.Number
            ? floorElement.GetInt32().ToString(CultureInfo.InvariantCulture)
            : floorElement.GetString()!;
        var caller = _elevatorCaller is { } call && now - call.At <= ElevatorCallMemory ? call.DeviceId : null;
        return Announce(new Announcement($"엘리베이터가 {floor}층에 도착했어요.", $"The elevator has arrived at floor {floor}.", caller));
    }

    /// <summary>
    /// Keeps the vehicle's position and driving status in its state (attributes <c>latitude</c>, <c>longitude</c>,
    /// <c>driving</c>, <c>driving_since</c>) and a rest reminder scheduled while it drives.
    /// </summary>
    private async Task TrackDrivingAsync(string deviceId, JsonElement data, DateTimeOffset now)
    {
        if (!_states.TryGetValue(deviceId, out var state))
        {
            return; // a token for a device the layout does not list: nothing to keep the position on
        }

        var driving = data.GetProperty("driving").GetBoolean();
        var wasDriving = state.Attributes.TryGetValue("driving", out var flag) && flag.ValueKind == JsonValueKind.True;
        var attributes = state.Attributes.SetItem("driving", driving ? True : False);
        if (data.TryGetProperty("latitude", out var latitude) && latitude.ValueKind == JsonValueKind.Number &&
            data.TryGetProperty("longitude", out var longitude) && longitude.ValueKind == JsonValueKind.Number)
        {
            attributes = attributes.SetItem("latitude", latitude.Clone()).SetItem("longitude", longitude.Clone());
        }

        var restId = RestReminderId(deviceId);
        if (driving && !wasDriving)
        {
            attributes = attributes.SetItem("driving_since", JsonSerializer.SerializeToElement(now.ToString("O", CultureInfo.InvariantCulture)));
            var language = LanguageOf(deviceId);
            var after = vehicle.Value.RestAfter;
            await scheduler.AddAsync(_home.Id, new Scheduled(restId, ScheduleKind.RestReminder, deviceId, now + after,
                proactive.RestReminder(language, after), language), CancellationToken.None);
        }
        else if (!driving && wasDriving)
        {
            attributes = attributes.Remove("driving_since");
            await scheduler.RemoveAsync(_home.Id, restId, CancellationToken.None);
        }

        await SaveAsync(ImmutableDictionary<string, DeviceState>.Empty.Add(deviceId, state with { Attributes = attributes }));
    }

    /// <summary>The rest reminder of a vehicle has a fixed id, so that stopping can cancel it even after a restart.</summary>
    public static string RestReminderId(string deviceId) => $"rest:{deviceId}";

    /// <summary>
    /// The device that answers <paramref name="text"/> when another device of the home said the same words within the
    /// arbitration window; null when this device should answer.
    /// </summary>
    private string? Arbitrate(string deviceId, string text, DateTimeOffset receivedAt)
    {
        var window = arbitration.Value.Window;
        if (window <= TimeSpan.Zero)
        {
            return null;
        }

        foreach (var stale in _recentUtterances.Where(u => receivedAt - u.Value.At > window + window).Select(u => u.Key).ToList())
        {
            _recentUtterances.Remove(stale);
        }

        var key = string.Concat(TextNormalizer.Normalize(text).Where(c => !char.IsWhiteSpace(c) && c != '.'));
        if (_recentUtterances.TryGetValue(key, out var first) && first.DeviceId != deviceId && (receivedAt - first.At).Duration() <= window)
        {
            return first.DeviceId;
        }

        _recentUtterances[key] = (deviceId, receivedAt);
        return null;
    }

    /// <summary>Devices that talk with people: connected satellites and players, and any device that has spoken.</summary>
    private List<string> TalkingDevices() =>
    [
        .. _home.Devices
            .Where(d => _languages.ContainsKey(d.Id) ||
                (_endpoints.Contains(d.Id) && d.Domain is DeviceDomains.AssistSatellite or DeviceDomains.MediaPlayer))
            .Select(d => d.Id),
    ];

    private string LanguageOf(string deviceId) => _languages.GetValueOrDefault(deviceId) ?? DefaultLanguage;

    /// <summary>Persists the states that actually changed, then applies them.</summary>
    private async Task SaveAsync(IReadOnlyDictionary<string, DeviceState> changes)
    {
        var changed = changes
            .Where(c => _states.TryGetValue(c.Key, out var current) && !current.Equals(c.Value))
            .ToDictionary(StringComparer.Ordinal);
        if (changed.Count == 0)
        {
            return;
        }

        await homes.SaveStatesAsync(_home.Id, changed);
        foreach (var (id, state) in changed)
        {
            _states[id] = state;
        }
    }

    /// <summary>
    /// The device that executes a command for <paramref name="deviceId"/>: the device itself when it connects to Dure
    /// (it holds a token), else the device it is controlled by, else the home's gateway.
    /// </summary>
    private string? Route(string deviceId)
    {
        if (_endpoints.Contains(deviceId))
        {
            return deviceId;
        }

        return _home.FindDevice(deviceId)?.ControlledBy ?? _home.Gateway?.Id;
    }

    private Task SendAsync(string deviceId, string name, JsonElement payload, string? replyTo) =>
        DeviceGrainOf(deviceId).Send(new Directive(Envelope.NewId(), name, replyTo, payload.GetRawText()));

    // Kept per device: Orleans reads the interface's attributes by reflection on every GetGrain, a cost per directive otherwise.
    private IDeviceGrain DeviceGrainOf(string deviceId)
    {
        if (!_deviceGrains.TryGetValue(deviceId, out var grain))
        {
            if (_deviceGrains.Count >= MaxDeviceGrains)
            {
                _deviceGrains.Clear();
            }

            _deviceGrains[deviceId] = grain = GrainFactory.GetGrain<IDeviceGrain>(DeviceKey.Of(_home.Id, deviceId));
        }

        return grain;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home {Home}: no device can carry out a command for {Device}; dropped")]
    private partial void LogUnroutable(string home, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home {Home}: a skill's {Name} directive for {Device} is not sendable; dropped")]
    private partial void LogBadDirective(string home, string name, string device);
}
