using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.HomeNetworks.WallPad;

/// <summary>
/// The wall-pad adapters of every site that configured one: started with the server and when put, stopped when deleted.
/// Each keeps a shared secret, shown once when created or rotated, that signs requests both ways.
/// </summary>
public sealed partial class WallPadAdapters(
    IHomeNetworkStore store,
    HomeNetworkSecrets secrets,
    HomeDirectory directory,
    ISiteStore sites,
    IGrainFactory grains,
    IHttpClientFactory http,
    IOptions<HomeNetworkOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService
{
    public const string Kind = "wallpad";
    public const string HttpClientName = "Dure.WallPad";

    private readonly Dictionary<string, WallPadAdapter> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger<WallPadAdapters>();

    public Task StartAsync(CancellationToken cancellationToken)
    {
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
                    await LaunchAsync(record, cancellationToken).ConfigureAwait(false);
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
            foreach (var adapter in _running.Values)
            {
                await adapter.DisposeAsync().ConfigureAwait(false);
            }

            _running.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Creates or replaces the site's adapter; a new adapter gets a secret, returned in the view this once.</summary>
    public async Task<HomeNetworkResult<WallPadView>> PutAsync(string tenantId, string siteId, WallPadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await sites.FindSiteAsync(tenantId, siteId, cancellationToken).ConfigureAwait(false) is null)
        {
            return HomeNetworkResult<WallPadView>.NotFound;
        }

        var (settings, error) = request.Validate(options.Value.WallPadTimeout.TotalSeconds);
        if (settings is null)
        {
            return HomeNetworkResult<WallPadView>.Invalid(error!);
        }

        foreach (var homeId in settings.HomeMapping.Values)
        {
            if (!await SiteHomes.BelongsAsync(sites, tenantId, siteId, homeId, cancellationToken).ConfigureAwait(false))
            {
                return HomeNetworkResult<WallPadView>.Invalid($"homeMapping: '{homeId}' is not a home of site '{siteId}'");
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await store.FindAsync(tenantId, siteId, Kind, cancellationToken).ConfigureAwait(false);
            string? shown = null;
            var secret = existing?.ProtectedSecret;
            if (secret is null || secrets.Unprotect(secret) is null)
            {
                shown = HomeNetworkSecrets.NewWallPadSecret();
                secret = secrets.Protect(shown);
            }

            var record = new HomeNetworkRecord(siteId, Kind, tenantId, settings.ToJson(), secret, shown is null ? existing?.PreviousSecret : null,
                shown is null ? existing?.Rotated : null, time.GetUtcNow());
            await store.PutAsync(record, cancellationToken).ConfigureAwait(false);
            var adapter = await RestartAsync(record, cancellationToken).ConfigureAwait(false);
            return HomeNetworkResult<WallPadView>.Done(View(record, adapter) with { Secret = shown });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new secret; the previous one still verifies the vendor's requests for <see cref="HomeNetworkOptions.SecretOverlap"/>.</summary>
    public async Task<string?> RotateSecretAsync(string tenantId, string siteId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await store.FindAsync(tenantId, siteId, Kind, cancellationToken).ConfigureAwait(false) is not { } existing)
            {
                return null;
            }

            var secret = HomeNetworkSecrets.NewWallPadSecret();
            var now = time.GetUtcNow();
            var record = existing with { ProtectedSecret = secrets.Protect(secret), PreviousSecret = existing.ProtectedSecret, Rotated = now, Updated = now };
            await store.PutAsync(record, cancellationToken).ConfigureAwait(false);
            await RestartAsync(record, cancellationToken).ConfigureAwait(false);
            return secret;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<WallPadView?> GetAsync(string tenantId, string siteId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(tenantId, siteId, Kind, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return View(record, _running.GetValueOrDefault(siteId));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> DeleteAsync(string tenantId, string siteId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await store.DeleteAsync(tenantId, siteId, Kind, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (_running.Remove(siteId, out var adapter))
            {
                await adapter.DisposeAsync().ConfigureAwait(false);
                await adapter.RemoveDevicesAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WallPadAdapter?> RestartAsync(HomeNetworkRecord record, CancellationToken cancellationToken)
    {
        if (_running.Remove(record.SiteId, out var old))
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }

        return await LaunchAsync(record, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WallPadAdapter?> LaunchAsync(HomeNetworkRecord record, CancellationToken cancellationToken)
    {
        var settings = WallPadSettings.FromJson(record.SettingsJson);
        if (secrets.Unprotect(record.ProtectedSecret) is not { } secret)
        {
            LogSecretLost(record.SiteId);
            return null;
        }

        var homes = settings.HomeMapping.Count > 0
            ? [.. settings.HomeMapping.Values]
            : await SiteHomes.ListAsync(sites, record.TenantId, record.SiteId, cancellationToken).ConfigureAwait(false);
        var adapter = new WallPadAdapter(record.TenantId, record.SiteId, settings, secret, homes, grains, directory, http.CreateClient(HttpClientName),
            options.Value, time, loggers.CreateLogger<WallPadAdapter>());
        _running[record.SiteId] = adapter;
        await adapter.StartAsync(cancellationToken).ConfigureAwait(false);
        return adapter;
    }

    private static WallPadView View(HomeNetworkRecord record, WallPadAdapter? adapter)
    {
        var settings = WallPadSettings.FromJson(record.SettingsJson);
        return new WallPadView(record.SiteId, settings.BaseUrl, settings.HomeMapping, settings.TimeoutSeconds, adapter?.Homes ?? [],
            adapter?.Status ?? new WallPadStatus(0, "not running", null), record.Updated);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting the configured wall-pad adapters failed")]
    private partial void LogStartFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Wall-pad adapter of site {Site}: its secret no longer decrypts (the data directory's key ring changed); rotate it")]
    private partial void LogSecretLost(string site);
}
