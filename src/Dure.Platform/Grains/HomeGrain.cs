using System.Collections.Immutable;
using System.Text.Json;
using Dure.Homes;
using Dure.Platform.Storage;
using Dure.Protocol;
using Dure.Skills;
using Microsoft.Extensions.Logging;

namespace Dure.Platform.Grains;

public sealed partial class HomeGrain(IHomeStore homes, IDeviceCredentials credentials, Assistant assistant, TimeProvider time,
    ILogger<HomeGrain> logger) : Grain, IHomeGrain
{
    private Home _home = null!;
    private Dictionary<string, DeviceState> _states = [];
    private IReadOnlySet<string> _endpoints = new HashSet<string>();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        var stored = await homes.FindHomeAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"home '{id}' does not exist");
        _home = HomeFile.Parse(stored.Layout, id);
        var saved = await homes.LoadStatesAsync(id, cancellationToken);
        _states = _home.Devices.ToDictionary(d => d.Id, d => saved.GetValueOrDefault(d.Id) ?? d.InitialState, StringComparer.Ordinal);
        _endpoints = await credentials.EndpointsAsync(id, cancellationToken);
    }

    public async Task<ProtocolProblem?> Recognize(string deviceId, string text, string? language, string eventId)
    {
        var turn = new Turn(_home, _states, deviceId, text, language, time.GetUtcNow());
        var outcome = await assistant.HandleAsync(turn);

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

        var speech = new SpeechSpeak(outcome.Speech.Text, outcome.Speech.Language);
        await SendAsync(deviceId, MessageNames.SpeechSpeak, Payloads.ToElement(speech, ProtocolJson.Default.SpeechSpeak), eventId);
        return null;
    }

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
        GrainFactory.GetGrain<IDeviceGrain>(DeviceKey.Of(_home.Id, deviceId))
            .Send(new Directive(Envelope.NewId(), name, replyTo, payload.GetRawText()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home {Home}: no device can carry out a command for {Device}; dropped")]
    private partial void LogUnroutable(string home, string device);
}
