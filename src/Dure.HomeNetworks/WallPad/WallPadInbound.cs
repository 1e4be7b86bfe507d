using System.Text.Json;
using Dure.HomeNetworks.Gateways;
using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Dure.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.HomeNetworks.WallPad;

/// <summary>What the inbound endpoint answers: a status, and for errors a stable code and a sentence.</summary>
public sealed record InboundAnswer(int Status, string? Code = null, string? Detail = null, string? RequestId = null)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// What a wall-pad vendor's server posts to <c>POST /v1/wallpad/{siteId}/events</c>: a device's new state
/// (<c>{"type":"state"}</c>) or a home event (<c>{"type":"event"}</c>: elevator arrival, visitor, parcel, meter reading ...).
/// Each request is signed like Dure's control requests, its timestamp within the tolerance of Dure's clock, and its
/// <c>requestId</c> never seen before (the vendor guide of docs/home-networks.md).
/// </summary>
public sealed partial class WallPadInbound(
    IHomeNetworkStore store,
    HomeNetworkSecrets secrets,
    ISiteStore sites,
    IGrainFactory grains,
    IOptions<HomeNetworkOptions> options,
    TimeProvider time,
    ILogger<WallPadInbound> logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<InboundAnswer> HandleAsync(string siteId, string? signature, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var now = time.GetUtcNow();
        var tolerance = options.Value.SignatureTolerance;
        if (!WallPadSignature.TryParse(signature, out var timestamp, out var signatures))
        {
            return new InboundAnswer(401, "invalid_signature", $"the {WallPadSignature.Header} header must be t=<unix seconds>,v1=<64 hex digits>");
        }

        // Unknown sites answer like a wrong signature, so that an unsigned caller learns nothing about which sites exist.
        var record = await store.FindBySiteAsync(siteId, WallPadAdapters.Kind, cancellationToken).ConfigureAwait(false);
        var keys = record is null ? [] : Keys(record, now);
        if (!signatures.Any(s => keys.Any(k => WallPadSignature.Verify(k, timestamp, body, s))))
        {
            return new InboundAnswer(401, "invalid_signature", "the signature does not match this site's wall-pad secret and the body");
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return new InboundAnswer(401, "stale_timestamp",
                $"the signature's timestamp is more than {tolerance.TotalMinutes:0} minutes from Dure's clock ({now.ToUnixTimeSeconds()})");
        }

        InboundEvent? message;
        try
        {
            message = JsonSerializer.Deserialize<InboundEvent>(body, Mqtt.HomeNetworkJson.Options);
        }
        catch (JsonException e)
        {
            return Invalid($"the body is not JSON of the documented shape: {e.Message}");
        }

        if (message?.RequestId is not { Length: > 0 and <= 128 } requestId)
        {
            return Invalid("requestId is required: a unique id of 1-128 characters per request");
        }

        var settings = WallPadSettings.FromJson(record!.SettingsJson);
        if (message.HomeId is not { Length: > 0 } vendorHome || settings.DureHomeId(vendorHome) is not { } homeId ||
            !await SiteHomes.BelongsAsync(sites, record.TenantId, siteId, homeId, cancellationToken).ConfigureAwait(false))
        {
            return new InboundAnswer(404, "unknown_home", $"home '{message.HomeId}' is not a home of this site", requestId);
        }

        var (shapeError, dispatch) = Prepare(message, homeId);
        if (dispatch is null)
        {
            return Invalid(shapeError!, requestId);
        }

        if (!await store.TryRememberRequestAsync(siteId, requestId, now, now - tolerance - tolerance, cancellationToken).ConfigureAwait(false))
        {
            return new InboundAnswer(401, "replayed_request", $"requestId '{requestId}' was received already", requestId);
        }

        ProtocolProblem? problem;
        try
        {
            problem = await dispatch(grains.GetGrain<IHomeGrain>(homeId)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogDispatchFailed(e, siteId, requestId);
            await store.ForgetRequestAsync(siteId, requestId, CancellationToken.None).ConfigureAwait(false); // the vendor may send it again
            return new InboundAnswer(500, "internal_error", "Dure could not take the request; send it again with the same requestId", requestId);
        }

        return problem switch
        {
            null => new InboundAnswer(200, RequestId: requestId),
            { Code: ErrorCodes.UnknownDevice } => new InboundAnswer(404, "unknown_device", problem.Message, requestId),
            { Code: ErrorCodes.NotAllowed } => new InboundAnswer(409, "not_gateway",
                $"{problem.Message}; put the site's wall-pad adapter again so that the wall-pad server is the home's gateway", requestId),
            _ => Invalid(problem.Message, requestId),
        };
    }

    /// <summary>Checks the message's shape and returns what to tell the home.</summary>
    private static (string? Error, Func<IHomeGrain, Task<ProtocolProblem?>>? Dispatch) Prepare(InboundEvent message, string homeId)
    {
        switch (message.Type)
        {
            case "state":
                if (message.Device is not { Length: > 0 } device || message.State is not { Length: > 0 and <= 255 } state)
                {
                    return ("a state needs device (a device id of the home) and state (on, off, open, locked, 21.5 ...)", null);
                }

                if (message.Attributes is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
                {
                    return ("attributes must be an object when given", null);
                }

                var attributes = message.Attributes is { ValueKind: JsonValueKind.Object } given ? given.GetRawText() : null;
                return (null, home => home.ReportState(BridgeDevices.WallPadServer, new StateReport(device, state, attributes)));
            case "event":
                if (message.Event is not { } homeEvent || homeEvent.Type is null)
                {
                    return ("an event needs event: {type, data, at?}", null);
                }

                var report = new HomeEventReport(homeEvent.Type, homeEvent.Data, homeEvent.At);
                if (HomeEventTypes.Validate(report) is { } shape)
                {
                    return (shape, null);
                }

                var data = homeEvent.Data is { ValueKind: JsonValueKind.Object } d ? d.GetRawText() : "{}";
                return (null, home => home.ReportEvent(BridgeDevices.WallPadServer, new HomeEventData(homeEvent.Type, data, homeEvent.At)));
            default:
                return ("type must be \"state\" or \"event\"", null);
        }
    }

    /// <summary>The secrets that verify now: the current one, and the previous one for a while after a rotation.</summary>
    private List<string> Keys(HomeNetworkRecord record, DateTimeOffset now)
    {
        List<string> keys = [];
        if (secrets.Unprotect(record.ProtectedSecret) is { } current)
        {
            keys.Add(current);
        }

        if (record.Rotated is { } rotated && now - rotated <= options.Value.SecretOverlap && secrets.Unprotect(record.PreviousSecret) is { } previous)
        {
            keys.Add(previous);
        }

        return keys;
    }

    private static InboundAnswer Invalid(string detail, string? requestId = null) => new(400, "invalid_request", detail, requestId);

    private sealed record InboundEvent(string? RequestId, string? Type, string? HomeId, string? Device, string? State, JsonElement? Attributes,
        InboundHomeEvent? Event);

    private sealed record InboundHomeEvent(string? Type, JsonElement? Data, DateTimeOffset? At);

    [LoggerMessage(Level = LogLevel.Error, Message = "Wall-pad request {Request} of site {Site} failed")]
    private partial void LogDispatchFailed(Exception e, string site, string request);
}
