using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.HomeNetworks.Mqtt;

/// <summary>A site's MQTT bridge as the partner API shows it: everything but the password, and how the bridge is doing.</summary>
public sealed record MqttBridgeView(
    string SiteId,
    string Host,
    int Port,
    MqttTls Tls,
    string? Username,
    bool PasswordSet,
    string ClientId,
    MqttDiscovery Discovery,
    string? HomeId,
    IReadOnlyDictionary<string, MqttPlacement> Areas,
    MqttBridgeStatus Status,
    DateTimeOffset UpdatedAt);

/// <summary>
/// The MQTT bridges of every site that configured one: started when the server has started and whenever a site's
/// settings are put, stopped when they are deleted (its devices leave the homes) and when the server stops.
/// </summary>
public sealed partial class MqttBridges(
    IHomeNetworkStore store,
    HomeNetworkSecrets secrets,
    HomeDirectory directory,
    ISiteStore sites,
    IGrainFactory grains,
    IOptions<HomeNetworkOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService
{
    public const string Kind = "mqtt";

    private readonly Dictionary<string, MqttBridge> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger<MqttBridges>();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Bridges talk to grains: they start once the silo and the server are up.
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => StartAllAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var record in await store.ListAsync(Kind, cancellationToken).ConfigureAwait(false))
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    Launch(record);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStartFailed(e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var bridge in _running.Values)
            {
                await bridge.DisposeAsync().ConfigureAwait(false);
            }

            _running.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<HomeNetworkResult<MqttBridgeView>> PutAsync(string tenantId, string siteId, MqttBridgeRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await sites.FindSiteAsync(tenantId, siteId, cancellationToken).ConfigureAwait(false) is null)
        {
            return HomeNetworkResult<MqttBridgeView>.NotFound;
        }

        var (settings, error) = request.Validate(siteId);
        if (settings is null)
        {
            return HomeNetworkResult<MqttBridgeView>.Invalid(error!);
        }

        foreach (var homeId in settings.Homes)
        {
            if (!await SiteHomes.BelongsAsync(sites, tenantId, siteId, homeId, cancellationToken).ConfigureAwait(false))
            {
                return HomeNetworkResult<MqttBridgeView>.Invalid($"home '{homeId}' is not a home of site '{siteId}'");
            }
        }

        foreach (var (name, placement) in settings.Areas)
        {
            if (placement.AreaId is { } areaId &&
                (await directory.FindAsync(tenantId, placement.HomeId ?? settings.HomeId!, cancellationToken).ConfigureAwait(false))?.Home.FindArea(areaId) is null)
            {
                return HomeNetworkResult<MqttBridgeView>.Invalid($"areas['{name}']: home '{placement.HomeId ?? settings.HomeId}' has no area '{areaId}'");
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await store.FindAsync(tenantId, siteId, Kind, cancellationToken).ConfigureAwait(false);
            var secret = request.Password switch
            {
                null when settings.Username is not null => existing?.ProtectedSecret,
                { Length: > 0 } password => secrets.Protect(password),
                _ => null,
            };
            var record = new HomeNetworkRecord(siteId, Kind, tenantId, settings.ToJson(), secret, null, null, time.GetUtcNow());
            await store.PutAsync(record, cancellationToken).ConfigureAwait(false);
            if (_running.Remove(siteId, out var old))
            {
                await old.DisposeAsync().ConfigureAwait(false);
                await old.RemoveDevicesAsync(old.Settings.Homes.Except(settings.Homes), cancellationToken).ConfigureAwait(false);
            }

            return HomeNetworkResult<MqttBridgeView>.Done(View(record, Launch(record).Status));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<MqttBridgeView?> GetAsync(string tenantId, string siteId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(tenantId, siteId, Kind, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        MqttBridgeStatus status;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            status = _running.TryGetValue(siteId, out var bridge) ? bridge.Status : new MqttBridgeStatus(false, null, "not running", 0);
        }
        finally
        {
            _gate.Release();
        }

        return View(record, status);
    }

    /// <summary>Stops the site's bridge, takes its devices out of the homes and forgets the settings; false when there were none.</summary>
    public async Task<bool> DeleteAsync(string tenantId, string siteId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await store.DeleteAsync(tenantId, siteId, Kind, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (_running.Remove(siteId, out var bridge))
            {
                await bridge.DisposeAsync().ConfigureAwait(false);
                await bridge.RemoveDevicesAsync(bridge.Settings.Homes, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private MqttBridge Launch(HomeNetworkRecord record)
    {
        var settings = MqttSettings.FromJson(record.SettingsJson);
        var password = secrets.Unprotect(record.ProtectedSecret);
        if (record.ProtectedSecret is not null && password is null)
        {
            LogSecretLost(record.SiteId);
        }

        var bridge = new MqttBridge(record.TenantId, record.SiteId, settings, password, grains, directory, options.Value, time, loggers);
        _running[record.SiteId] = bridge;
        bridge.Start();
        return bridge;
    }

    private static MqttBridgeView View(HomeNetworkRecord record, MqttBridgeStatus status)
    {
        var settings = MqttSettings.FromJson(record.SettingsJson);
        return new MqttBridgeView(record.SiteId, settings.Host, settings.Port, settings.Tls, settings.Username, record.ProtectedSecret is not null,
            settings.ClientId, settings.Discovery, settings.HomeId, settings.Areas, status, record.Updated);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting the configured MQTT bridges failed")]
    private partial void LogStartFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT bridge of site {Site}: its password no longer decrypts (the data directory's key ring changed); put it again")]
    private partial void LogSecretLost(string site);
}
