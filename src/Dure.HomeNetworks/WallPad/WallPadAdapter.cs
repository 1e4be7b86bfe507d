using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dure.HomeNetworks.Gateways;
using Dure.Platform.Grains;
using Dure.Platform.Tenancy;
using Dure.Protocol;
using Microsoft.Extensions.Logging;

namespace Dure.HomeNetworks.WallPad;

/// <summary>A control request as Dure posts it to <c>{baseUrl}/dure/v1/control</c> (the vendor guide of docs/home-networks.md).</summary>
internal sealed record ControlRequest(string RequestId, string HomeId, string Device, string Domain, string Action,
    IReadOnlyDictionary<string, JsonElement> Params);

/// <summary>
/// One site's wall-pad vendor adapter: the server-side gateway connection of each served home's
/// <see cref="BridgeDevices.WallPadServer"/>, which turns each <c>Device.Control</c> (the elevator call included) into a
/// signed POST to the vendor's server, acknowledged on 2xx. A timeout, a network failure, 408, 429 or a 5xx leaves it in
/// the outbox, sent again after a back-off; any other answer is final.
/// </summary>
internal sealed partial class WallPadAdapter : IAsyncDisposable
{
    private readonly string _tenantId;
    private readonly string _siteId;
    private readonly string _secret;
    private readonly HttpClient _http;
    private readonly HomeDirectory _directory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, GatewayConnection> _gateways = new(StringComparer.Ordinal);

    public WallPadAdapter(string tenantId, string siteId, WallPadSettings settings, string secret, IReadOnlyList<string> homes, IGrainFactory grains,
        HomeDirectory directory, HttpClient http, HomeNetworkOptions options, TimeProvider time, ILogger logger)
    {
        _tenantId = tenantId;
        _siteId = siteId;
        Settings = settings;
        _secret = secret;
        _http = http;
        _directory = directory;
        _time = time;
        _logger = logger;
        foreach (var home in homes)
        {
            _gateways[home] = new GatewayConnection(grains, home, BridgeDevices.WallPadServer, (d, ct) => DeliverAsync(home, d, ct),
                new Backoff(options.ReconnectInitial, options.ReconnectMax), logger);
        }
    }

    public WallPadSettings Settings { get; }

    public IReadOnlyList<string> Homes => [.. _gateways.Keys];

    public string? LastError { get; private set; }

    public DateTimeOffset? LastDeliveredAt { get; private set; }

    public WallPadStatus Status => new(_gateways.Values.Count(g => g.IsAttached), LastError, LastDeliveredAt);

    /// <summary>Makes the wall-pad server each home's gateway and attaches to it; the grains push what waited meanwhile.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (homeId, gateway) in _gateways)
        {
            try
            {
                var change = await _directory.EditDevicesAsync(_tenantId, homeId, [BridgeDevices.WallPad()], [], cancellationToken).ConfigureAwait(false);
                if (change.IsInvalid)
                {
                    LastError = $"home {homeId}: {change.Error}";
                    continue;
                }

                await gateway.AttachAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
            {
                LastError = $"home {homeId}: {e.Message}";
                LogAttachFailed(e, _siteId, homeId);
            }
        }
    }

    private async Task<Delivery> DeliverAsync(string homeId, Directive directive, CancellationToken cancellationToken)
    {
        if (directive.Name != MessageNames.DeviceControl ||
            JsonSerializer.Deserialize(directive.PayloadJson, ProtocolJson.Default.DeviceControl) is not { } control)
        {
            return Delivery.Rejected; // nothing else is meant for the vendor's server
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new ControlRequest(directive.Id, Settings.VendorHomeId(homeId), control.Device,
            control.Domain, control.Action, control.Params), Mqtt.HomeNetworkJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.BaseUrl + "/dure/v1/control")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.TryAddWithoutValidation(WallPadSignature.Header, WallPadSignature.Sign(_secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                LastError = null;
                LastDeliveredAt = _time.GetUtcNow();
                LogDelivered(_siteId, control.Device, control.Action, status);
                return Delivery.Done;
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            LastError = $"{control.Device} {control.Action}: {status} {Shorten(detail)}";
            var retry = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            LogRefused(_siteId, control.Device, control.Action, status, retry ? "retrying" : "dropped");
            return retry ? Delivery.Retry : Delivery.Rejected;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LastError = e is OperationCanceledException ? $"no answer within {Settings.TimeoutSeconds} s" : e.Message;
            LogUnreachable(_siteId, LastError);
            return Delivery.Retry;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>Takes the wall-pad server out of the homes it served (the adapter was deleted).</summary>
    public async Task RemoveDevicesAsync(CancellationToken cancellationToken)
    {
        foreach (var homeId in _gateways.Keys)
        {
            await _directory.EditDevicesAsync(_tenantId, homeId, [], [BridgeDevices.WallPadServer], cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways.Values)
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wall-pad adapter of site {Site}: attaching home {Home} failed")]
    private partial void LogAttachFailed(Exception e, string site, string home);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wall-pad adapter of site {Site}: {Device} {Action} delivered ({Status})")]
    private partial void LogDelivered(string site, string device, string action, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wall-pad adapter of site {Site}: {Device} {Action} answered {Status}; {What}")]
    private partial void LogRefused(string site, string device, string action, int status, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wall-pad adapter of site {Site}: the vendor's server is unreachable: {Error}")]
    private partial void LogUnreachable(string site, string error);
}
