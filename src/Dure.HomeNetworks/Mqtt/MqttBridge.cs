using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dure.Homes;
using Dure.HomeNetworks.Gateways;
using Dure.Platform.Grains;
using Dure.Platform.Tenancy;
using Dure.Protocol;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>The bridge's health as the partner API shows it.</summary>
public sealed record MqttBridgeStatus(bool Connected, DateTimeOffset? ConnectedSince, string? LastError, int Devices);

/// <summary>
/// One site's MQTT bridge: keeps a connection to the broker (reconnecting with back-off and jitter, resubscribing each
/// time), reads Home Assistant discovery and zigbee2mqtt's device list, writes the devices into their homes (one layout
/// write per discovery burst), turns state and availability messages into device states, and carries out
/// <c>Device.Control</c> directives that reach it through each home's <see cref="BridgeDevices.MqttBridge"/> device by
/// publishing to the device's command topic — acknowledged once the broker acknowledged the publish (QoS 1).
/// </summary>
internal sealed partial class MqttBridge : IAsyncDisposable
{
    private readonly string _tenantId;
    private readonly string _siteId;
    private readonly MqttSettings _settings;
    private readonly string? _password;
    private readonly IGrainFactory _grains;
    private readonly HomeDirectory _directory;
    private readonly HomeNetworkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(string Topic, string Payload)> _incoming = Channel.CreateUnbounded<(string, string)>(new() { SingleReader = true });
    private readonly SemaphoreSlim _syncSignal = new(0, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MqttEntity> _entities = new(StringComparer.Ordinal); // by source key
    private readonly Dictionary<string, List<MqttEntity>> _byTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityState> _states = new(StringComparer.Ordinal); // by source key
    private readonly Dictionary<string, string> _placed = new(StringComparer.Ordinal); // source key → home the device is in
    private readonly Dictionary<(string Home, string Device), MqttEntity> _byDevice = [];
    private readonly Dictionary<string, HashSet<string>> _removals = new(StringComparer.Ordinal); // home → device ids
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GatewayConnection> _gateways = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>> _groups = new(StringComparer.Ordinal);
    private bool? _zigbeeBridgeOnline;
    private long _lastChange;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _running = Task.CompletedTask;

    public MqttBridge(string tenantId, string siteId, MqttSettings settings, string? password, IGrainFactory grains, HomeDirectory directory,
        HomeNetworkOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _tenantId = tenantId;
        _siteId = siteId;
        _settings = settings;
        _password = password;
        _grains = grains;
        _directory = directory;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger<MqttBridge>();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            // Only queue: the client's receive loop must keep running, or acknowledgements of our own publishes would wait behind us.
            _incoming.Writer.TryWrite((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                LastError = e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString();
            }

            _disconnected.TrySetResult();
            return Task.CompletedTask;
        };
        foreach (var home in settings.Homes)
        {
            _gateways[home] = new GatewayConnection(grains, home, BridgeDevices.MqttBridge, (d, ct) => DeliverAsync(home, d, ct),
                new Backoff(options.ReconnectInitial, options.ReconnectMax), _logger);
        }
    }

    public MqttSettings Settings => _settings;

    public string TenantId => _tenantId;

    public DateTimeOffset? ConnectedSince { get; private set; }

    public string? LastError { get; private set; }

    public MqttBridgeStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new MqttBridgeStatus(_client.IsConnected, ConnectedSince, LastError, _placed.Count);
            }
        }
    }

    public void Start()
    {
        var token = _stop.Token;
        RequestSync(); // puts the bridge device into its homes even before the broker answers
        _running = Task.WhenAll(
            Task.Run(() => ConnectLoopAsync(token), CancellationToken.None),
            Task.Run(() => ProcessLoopAsync(token), CancellationToken.None),
            Task.Run(() => SyncLoopAsync(token), CancellationToken.None));
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(_options.ReconnectInitial, _options.ReconnectMax);
        while (!cancellationToken.IsCancellationRequested)
        {
            _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                var result = await _client.ConnectAsync(ClientOptions(), cancellationToken).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode}");
                }

                ConnectedSince = _time.GetUtcNow();
                LastError = null;
                backoff.Reset();
                LogConnected(_siteId, _settings.Host, _settings.Port);
                await SubscribeAsync([.. BaseTopics(), .. _subscribed], cancellationToken).ConfigureAwait(false);
                foreach (var gateway in _gateways.Values)
                {
                    await gateway.AttachAsync(cancellationToken).ConfigureAwait(false);
                }

                await _disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                LogDisconnected(_siteId, LastError);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LastError = e.InnerException?.Message ?? e.Message;
                LogConnectFailed(_siteId, _settings.Host, _settings.Port, LastError);
            }

            ConnectedSince = null;
            // Directives wait in the outbox while the broker is away; they are pushed again on the next attach.
            foreach (var gateway in _gateways.Values)
            {
                await gateway.DetachAsync().ConfigureAwait(false);
            }

            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private MqttClientOptions ClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_settings.Host, _settings.Port)
            .WithClientId(_settings.ClientId)
            .WithCleanSession(true) // every subscription is made again after a reconnect
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_settings.Username is { } username)
        {
            builder.WithCredentials(username, _password ?? "");
        }

        if (_settings.Tls.Enabled)
        {
            builder.WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(ValidateCertificate));
        }

        return builder.Build();
    }

    private bool ValidateCertificate(MqttClientCertificateValidationEventArgs args)
    {
        if (_settings.Tls.AllowUntrusted || args.SslPolicyErrors == SslPolicyErrors.None)
        {
            return true;
        }

        // With a CA of its own the broker's chain is built on that CA alone; a wrong host name still fails.
        if (_settings.Tls.CaCertificate is not { } pem || args.SslPolicyErrors != SslPolicyErrors.RemoteCertificateChainErrors || args.Certificate is null)
        {
            return false;
        }

        using var ca = X509Certificate2.CreateFromPem(pem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (args.Chain is { } presented)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var certificate = args.Certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(args.Certificate.GetRawCertData());
        return chain.Build(certificate);
    }

    private IEnumerable<string> BaseTopics()
    {
        if (_settings.Discovery.HomeAssistant)
        {
            yield return $"{_settings.Discovery.Prefix}/+/+/config";
            yield return $"{_settings.Discovery.Prefix}/+/+/+/config";
        }

        if (_settings.Discovery.Zigbee2Mqtt)
        {
            var bridge = _settings.Discovery.Zigbee2MqttBaseTopic + "/bridge";
            yield return bridge + "/devices";
            yield return bridge + "/groups";
            yield return bridge + "/state";
        }
    }

    private async Task SubscribeAsync(IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        foreach (var chunk in topics.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var builder = new MqttClientSubscribeOptionsBuilder();
            foreach (var topic in chunk)
            {
                builder.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (topic, payload) in _incoming.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await HandleAsync(topic, payload, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                {
                    LogMessageFailed(e, _siteId, topic);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task HandleAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var discovery = _settings.Discovery;
        var zigbeeBridge = discovery.Zigbee2MqttBaseTopic + "/bridge/";
        if (discovery.HomeAssistant && HomeAssistantEntity.IsConfigTopic(discovery.Prefix, topic, out var component, out var node, out var objectId))
        {
            if (payload.Length == 0)
            {
                Replace("ha:" + topic, null);
                return;
            }

            var (entity, skipped) = HomeAssistantEntity.Parse(topic, component, node, objectId, payload, discovery.Zigbee2Mqtt);
            if (entity is null)
            {
                if (_skipped.Add(topic))
                {
                    LogSkipped(_siteId, topic, skipped!);
                }

                Replace("ha:" + topic, null);
                return;
            }

            await AddAsync([entity], cancellationToken).ConfigureAwait(false);
        }
        else if (discovery.Zigbee2Mqtt && topic.StartsWith(zigbeeBridge, StringComparison.Ordinal))
        {
            await HandleZigbeeBridgeAsync(topic[zigbeeBridge.Length..], payload, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            List<MqttEntity> listeners;
            lock (_lock)
            {
                listeners = _byTopic.TryGetValue(topic, out var found) ? [.. found] : [];
            }

            foreach (var entity in listeners)
            {
                if (entity.Read(topic, payload) is { } reading)
                {
                    await ApplyAsync(entity, reading).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task HandleZigbeeBridgeAsync(string what, string payload, CancellationToken cancellationToken)
    {
        switch (what)
        {
            case "devices" when payload.Length > 0:
                List<ZigbeeEntity> devices;
                try
                {
                    devices = ZigbeeEntity.ParseDevices(_settings.Discovery.Zigbee2MqttBaseTopic, payload);
                }
                catch (JsonException e)
                {
                    LogSkipped(_siteId, "zigbee2mqtt/bridge/devices", e.Message);
                    return;
                }

                var grouped = devices.Select(WithGroups).ToList();
                List<string> gone;
                lock (_lock)
                {
                    // The list is the whole network: a device no longer in it has left.
                    var present = grouped.Select(d => d.SourceKey).ToHashSet(StringComparer.Ordinal);
                    gone = [.. _entities.Keys.Where(k => k.StartsWith("z2m:", StringComparison.Ordinal) && !present.Contains(k))];
                }

                foreach (var key in gone)
                {
                    Replace(key, null);
                }

                await AddAsync(grouped, cancellationToken).ConfigureAwait(false);
                break;
            case "groups" when payload.Length > 0:
                try
                {
                    _groups = ZigbeeEntity.ParseGroups(payload);
                }
                catch (JsonException)
                {
                    return;
                }

                List<ZigbeeEntity> regrouped;
                lock (_lock)
                {
                    regrouped = [.. _entities.Values.OfType<ZigbeeEntity>().Select(WithGroups)];
                }

                await AddAsync(regrouped, cancellationToken).ConfigureAwait(false);
                break;
            case "state":
                _zigbeeBridgeOnline = ZigbeeEntity.ParseAvailability(payload);
                List<MqttEntity> zigbee;
                lock (_lock)
                {
                    zigbee = [.. _entities.Values.OfType<ZigbeeEntity>()];
                }

                foreach (var entity in zigbee)
                {
                    await ReportAsync(entity).ConfigureAwait(false);
                }

                break;
        }
    }

    private ZigbeeEntity WithGroups(ZigbeeEntity entity) =>
        entity.WithGroups([.. _groups.Where(g => g.Value.Contains(entity.IeeeAddress)).Select(g => g.Key).Order(StringComparer.Ordinal)]);

    /// <summary>Adds or replaces entities; those that changed are written into their homes at the next sync.</summary>
    private async Task AddAsync(IReadOnlyList<MqttEntity> entities, CancellationToken cancellationToken)
    {
        List<string> newTopics = [];
        var changed = false;
        foreach (var entity in entities)
        {
            lock (_lock)
            {
                if (_entities.TryGetValue(entity.SourceKey, out var known) && known.Fingerprint == entity.Fingerprint)
                {
                    continue;
                }
            }

            Replace(entity.SourceKey, entity);
            changed = true;
            lock (_lock)
            {
                newTopics.AddRange(entity.Topics.Where(t => t.IndexOfAny(['+', '#']) < 0 && _subscribed.Add(t)));
            }
        }

        if (changed)
        {
            RequestSync();
        }

        if (newTopics.Count > 0 && _client.IsConnected)
        {
            await SubscribeAsync(newTopics, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts <paramref name="entity"/> in place of what <paramref name="sourceKey"/> named before; null removes it (and its device).</summary>
    private void Replace(string sourceKey, MqttEntity? entity)
    {
        lock (_lock)
        {
            if (_entities.Remove(sourceKey, out var old))
            {
                foreach (var topic in old.Topics)
                {
                    if (_byTopic.TryGetValue(topic, out var list))
                    {
                        list.Remove(old);
                    }
                }

                if (entity is null || entity.DeviceId != old.DeviceId)
                {
                    if (_placed.Remove(sourceKey, out var home))
                    {
                        _byDevice.Remove((home, old.DeviceId));
                        Removals(home).Add(old.DeviceId);
                    }

                    _states.Remove(sourceKey);
                }
            }
            else if (entity is null)
            {
                return;
            }

            if (entity is not null)
            {
                _entities[sourceKey] = entity;
                foreach (var topic in entity.Topics)
                {
                    (_byTopic.TryGetValue(topic, out var list) ? list : _byTopic[topic] = []).Add(entity);
                }

                if (_placed.TryGetValue(sourceKey, out var home))
                {
                    _byDevice[(home, entity.DeviceId)] = entity;
                }
            }
        }

        RequestSync();
    }

    private HashSet<string> Removals(string home) => _removals.TryGetValue(home, out var set) ? set : _removals[home] = new(StringComparer.Ordinal);

    private Task ApplyAsync(MqttEntity entity, Reading reading)
    {
        lock (_lock)
        {
            var state = _states.TryGetValue(entity.SourceKey, out var known) ? known : _states[entity.SourceKey] = new EntityState();
            state.Value = reading.State ?? state.Value;
            foreach (var (name, value) in reading.Attributes)
            {
                state.Attributes[name] = value;
            }

            state.Available = reading.Available ?? state.Available;
        }

        return ReportAsync(entity);
    }

    /// <summary>Tells the home the entity's state; availability off is Dure's <c>unavailable</c> state with <c>available: false</c>.</summary>
    private async Task ReportAsync(MqttEntity entity)
    {
        string home;
        StateReport report;
        lock (_lock)
        {
            if (!_placed.TryGetValue(entity.SourceKey, out var placed) || !_states.TryGetValue(entity.SourceKey, out var state))
            {
                return; // reported once the device is in its home
            }

            home = placed;
            var available = state.Available != false && !(entity is ZigbeeEntity && _zigbeeBridgeOnline == false);
            if (available && state.Value is null && !state.ReportedUnavailable)
            {
                return; // nothing known yet
            }

            var attributes = new Dictionary<string, JsonElement>(entity.FixedAttributes, StringComparer.Ordinal);
            foreach (var (name, value) in state.Attributes)
            {
                attributes[name] = value;
            }

            attributes["available"] = JsonSerializer.SerializeToElement(available);
            state.ReportedUnavailable = !available;
            report = new StateReport(entity.DeviceId, available ? state.Value ?? "unknown" : "unavailable",
                JsonSerializer.Serialize(attributes));
        }

        var problem = await _grains.GetGrain<IHomeGrain>(home).ReportState(BridgeDevices.MqttBridge, report).ConfigureAwait(false);
        if (problem is not null)
        {
            LogReportRefused(_siteId, entity.DeviceId, problem.Message);
        }
    }

    private void RequestSync()
    {
        Interlocked.Exchange(ref _lastChange, _time.GetTimestamp());
        if (_syncSignal.CurrentCount == 0)
        {
            try
            {
                _syncSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>Waits for a quiet moment after a burst of discovery messages (or at most a while), then writes the homes.</summary>
    private async Task SyncLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _syncSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
                var first = _time.GetTimestamp();
                while (true)
                {
                    var quietFor = _time.GetElapsedTime(Interlocked.Read(ref _lastChange));
                    var waited = _time.GetElapsedTime(first);
                    if (quietFor >= _options.DiscoveryQuiet || waited >= _options.DiscoveryMaxDelay)
                    {
                        break;
                    }

                    var wait = _options.DiscoveryQuiet - quietFor;
                    await Task.Delay(wait < _options.DiscoveryMaxDelay - waited ? wait : _options.DiscoveryMaxDelay - waited, _time, cancellationToken)
                        .ConfigureAwait(false);
                }

                try
                {
                    await SyncAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                {
                    LogSyncFailed(e, _siteId);
                    RequestSync(); // try again after the next quiet moment
                    await Task.Delay(_options.ReconnectMax, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Writes every discovered device into the home it belongs to, and removes those that went, one layout write per home.</summary>
    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        List<MqttEntity> entities;
        Dictionary<string, HashSet<string>> removals;
        lock (_lock)
        {
            entities = [.. _entities.Values];
            removals = _removals.ToDictionary(r => r.Key, r => new HashSet<string>(r.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        }

        Dictionary<string, Home> homes = new(StringComparer.Ordinal);
        foreach (var homeId in _settings.Homes)
        {
            if (await _directory.FindAsync(_tenantId, homeId, cancellationToken).ConfigureAwait(false) is { } view)
            {
                homes[homeId] = view.Home;
            }
            else
            {
                LogHomeMissing(_siteId, homeId);
            }
        }

        var placements = entities.Select(e => (Entity: e, Place: Placements.Resolve(e, _settings, homes))).Where(p => p.Place is not null).ToList();
        Dictionary<string, string> placed = new(StringComparer.Ordinal);
        foreach (var (homeId, home) in homes)
        {
            List<DeviceUpsert> upserts = [BridgeDevices.Mqtt()];
            foreach (var (entity, place) in placements.Where(p => p.Place!.Value.HomeId == homeId))
            {
                if (home.FindDevice(entity.DeviceId) is { } taken && taken.ControlledBy != BridgeDevices.MqttBridge)
                {
                    LogIdTaken(_siteId, homeId, entity.DeviceId);
                    continue;
                }

                upserts.Add(new DeviceUpsert(Placements.Fields(entity, place!.Value.AreaId, home)));
                placed[entity.SourceKey] = homeId;
            }

            // A device that moved to another home (its area's mapping changed) leaves this one.
            var stays = upserts.Select(u => (string)u.Fields["id"]!).ToHashSet(StringComparer.Ordinal);
            var gone = home.Devices.Where(d => d.ControlledBy == BridgeDevices.MqttBridge && !stays.Contains(d.Id) &&
                    (removals.GetValueOrDefault(homeId)?.Contains(d.Id) == true || entities.Any(e => e.DeviceId == d.Id)))
                .Select(d => d.Id).ToList();
            var change = await _directory.EditDevicesAsync(_tenantId, homeId, upserts, gone, cancellationToken).ConfigureAwait(false);
            if (change.IsInvalid)
            {
                LogSyncRefused(_siteId, homeId, change.Error!);
            }
        }

        List<MqttEntity> toReport;
        lock (_lock)
        {
            foreach (var (home, ids) in removals)
            {
                if (_removals.TryGetValue(home, out var pending))
                {
                    pending.ExceptWith(ids);
                }
            }

            _placed.Clear();
            _byDevice.Clear();
            foreach (var entity in _entities.Values)
            {
                if (placed.TryGetValue(entity.SourceKey, out var home))
                {
                    _placed[entity.SourceKey] = home;
                    _byDevice[(home, entity.DeviceId)] = entity;
                }
            }

            toReport = [.. _entities.Values.Where(e => _placed.ContainsKey(e.SourceKey))];
        }

        foreach (var entity in toReport)
        {
            await ReportAsync(entity).ConfigureAwait(false);
        }
    }

    /// <summary>Carries out one directive for <paramref name="homeId"/>: a <c>Device.Control</c> of a device this bridge knows.</summary>
    private async Task<Delivery> DeliverAsync(string homeId, Directive directive, CancellationToken cancellationToken)
    {
        if (directive.Name != MessageNames.DeviceControl ||
            JsonSerializer.Deserialize(directive.PayloadJson, ProtocolJson.Default.DeviceControl) is not { } control)
        {
            LogRejected(_siteId, directive.Name, "not a Device.Control");
            return Delivery.Rejected;
        }

        MqttEntity? entity;
        lock (_lock)
        {
            _byDevice.TryGetValue((homeId, control.Device), out entity);
        }

        if (entity?.Command(control) is not { } messages)
        {
            LogRejected(_siteId, $"{control.Device} {control.Action}", entity is null ? "no such device on the broker" : "the device cannot do that");
            return Delivery.Rejected;
        }

        if (!_client.IsConnected)
        {
            return Delivery.Retry;
        }

        foreach (var message in messages)
        {
            var publish = new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(message.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(message.Retain)
                .Build();
            var result = await _client.PublishAsync(publish, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                LogPublishRefused(_siteId, message.Topic, result.ReasonCode.ToString());
                return Delivery.Retry;
            }
        }

        LogPublished(_siteId, control.Device, control.Action, messages[0].Topic);
        return Delivery.Done;
    }

    /// <summary>Takes the bridge's devices and its own device out of its homes (the bridge was deleted or moved to other homes).</summary>
    public async Task RemoveDevicesAsync(IEnumerable<string> homeIds, CancellationToken cancellationToken)
    {
        foreach (var homeId in homeIds)
        {
            if (await _directory.FindAsync(_tenantId, homeId, cancellationToken).ConfigureAwait(false) is not { } view)
            {
                continue;
            }

            var ours = view.Home.Devices.Where(d => d.ControlledBy == BridgeDevices.MqttBridge || d.Id == BridgeDevices.MqttBridge).Select(d => d.Id).ToList();
            if (ours.Count > 0)
            {
                await _directory.EditDevicesAsync(_tenantId, homeId, [], ours, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _incoming.Writer.TryComplete();
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        foreach (var gateway in _gateways.Values)
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
        }

        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogDisconnected(_siteId, e.Message);
            }
        }

        _client.Dispose();
        _stop.Dispose();
        _syncSignal.Dispose();
    }

    private sealed class EntityState
    {
        public string? Value { get; set; }
        public Dictionary<string, JsonElement> Attributes { get; } = new(StringComparer.Ordinal);
        public bool? Available { get; set; }
        public bool ReportedUnavailable { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT bridge of site {Site}: connected to {Host}:{Port}")]
    private partial void LogConnected(string site, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: disconnected ({Reason}); reconnecting")]
    private partial void LogDisconnected(string site, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: cannot connect to {Host}:{Port}: {Error}")]
    private partial void LogConnectFailed(string site, string host, int port, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: handling a message on {Topic} failed")]
    private partial void LogMessageFailed(Exception e, string site, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT bridge of site {Site}: {Topic} left out: {Why}")]
    private partial void LogSkipped(string site, string topic, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: home {Home} is gone or not the tenant's")]
    private partial void LogHomeMissing(string site, string home);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: home {Home} already has a device {Device} of its own; the discovered one is left out")]
    private partial void LogIdTaken(string site, string home, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: writing home {Home} failed: {Error}")]
    private partial void LogSyncRefused(string site, string home, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT bridge of site {Site}: writing discovered devices failed")]
    private partial void LogSyncFailed(Exception e, string site);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: the home refused the state of {Device}: {Why}")]
    private partial void LogReportRefused(string site, string device, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: dropped {What}: {Why}")]
    private partial void LogRejected(string site, string what, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge of site {Site}: the broker refused a publish to {Topic}: {Reason}")]
    private partial void LogPublishRefused(string site, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT bridge of site {Site}: {Device} {Action} published to {Topic}")]
    private partial void LogPublished(string site, string device, string action, string topic);
}
