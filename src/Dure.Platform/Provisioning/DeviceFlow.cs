using Dure.Homes;
using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Provisioning;

/// <summary>A new device authorization: the device code goes to the device only, the user code to the person approving.</summary>
public sealed record DeviceAuthorization(string DeviceCode, string UserCode, DateTimeOffset Expires, int IntervalSeconds);

/// <summary>The answer to a device's poll; <c>Token</c> is set, once, when it was approved.</summary>
public sealed record TokenPoll(PollOutcome Outcome, int IntervalSeconds, string? Token = null, string? HomeId = null, string? DeviceId = null);

public enum ApprovalOutcome
{
    Approved,
    CodeNotFound,
    CodeExpired,
    CodeNotPending,

    /// <summary>The home refused the device (no such home, id taken, bad fields): see the <see cref="HomeChange"/>.</summary>
    HomeRefused,
}

/// <summary>
/// The OAuth 2.0 device authorization grant (RFC 8628) for consumer devices. A device of a partner's product (its client
/// id) asks for a code; a person signed in to the partner's console approves the user code and places the device in a
/// home; the device, polling, then receives its token — once. Device codes are random and stored only as hashes.
/// </summary>
public sealed class DeviceFlow(IDeviceFlowStore store, HomeDirectory directory, IHomeStore homes, IAuditLog audit, IGrainFactory grains,
    IOptions<DeviceFlowOptions> options, TimeProvider time)
{
    public const string DeviceCodePrefix = "dure_dc_";

    /// <summary>Polls this much early still count as on time: timers and networks are not exact.</summary>
    public static readonly TimeSpan PollingLeeway = TimeSpan.FromMilliseconds(250);

    private const int MaxCodeAttempts = 5;

    /// <summary>Starts an authorization for a device of <paramref name="clientId"/>; null when there is no such client.</summary>
    public async Task<DeviceAuthorization?> StartAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (await store.FindClientAsync(clientId, cancellationToken).ConfigureAwait(false) is not { } client)
        {
            return null;
        }

        var settings = options.Value;
        var now = Sql.Now(time);
        for (var attempt = 0; ; attempt++)
        {
            var deviceCode = Secrets.New(DeviceCodePrefix);
            var code = new DeviceCodeRecord(UserCodes.New(), client.Id, client.TenantId, DeviceCodeStatus.Pending, now, now + settings.CodeLifetime,
                null, null);
            if (await store.CreateCodeAsync(Secrets.Sha256(deviceCode), code, settings.IntervalSeconds, cancellationToken).ConfigureAwait(false))
            {
                return new DeviceAuthorization(deviceCode, code.UserCode, code.Expires, settings.IntervalSeconds);
            }

            if (attempt == MaxCodeAttempts)
            {
                throw new InvalidOperationException("could not draw an unused user code");
            }
        }
    }

    /// <summary>A device's poll of the token endpoint (RFC 8628 §3.4); mints and returns the token the first time after approval.</summary>
    public async Task<TokenPoll> PollAsync(string clientId, string deviceCode, CancellationToken cancellationToken = default)
    {
        if (await store.FindClientAsync(clientId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new TokenPoll(PollOutcome.InvalidClient, 0);
        }

        var hash = Secrets.Sha256(deviceCode);
        var poll = await store.PollAsync(hash, clientId, time.GetUtcNow(), PollingLeeway, cancellationToken).ConfigureAwait(false);
        if (poll.Outcome != PollOutcome.Approved)
        {
            return new TokenPoll(poll.Outcome, poll.IntervalSeconds);
        }

        var (homeId, deviceId) = (poll.HomeId!, poll.DeviceId!);
        if (await homes.FindHomeAsync(homeId, cancellationToken).ConfigureAwait(false) is not { } stored ||
            HomeFile.Parse(stored.Layout, homeId).FindDevice(deviceId) is null)
        {
            // The partner removed the device (or its home) after approving it: nothing to sign in as any more.
            await store.WithdrawAsync(hash, cancellationToken).ConfigureAwait(false);
            return new TokenPoll(PollOutcome.Denied, poll.IntervalSeconds);
        }

        var token = HomeProvisioning.NewToken();
        if (!await store.RedeemAsync(hash, token, cancellationToken).ConfigureAwait(false))
        {
            return new TokenPoll(PollOutcome.InvalidGrant, poll.IntervalSeconds); // a concurrent poll took it
        }

        await grains.GetGrain<IHomeGrain>(homeId).Reload().ConfigureAwait(false);
        await audit.AppendAsync(stored.TenantId, $"device-client:{clientId}", "device.token.issue", $"{homeId}/{deviceId}", "device authorization grant",
            CancellationToken.None).ConfigureAwait(false);
        return new TokenPoll(PollOutcome.Approved, poll.IntervalSeconds, token, homeId, deviceId);
    }

    /// <summary>The tenant's code and its client; null when the tenant has no such code.</summary>
    public async Task<(DeviceCodeRecord Code, DeviceClientRecord? Client)?> FindAsync(string tenantId, string userCode,
        CancellationToken cancellationToken = default)
    {
        if (await store.FindCodeAsync(tenantId, userCode, cancellationToken).ConfigureAwait(false) is not { } code)
        {
            return null;
        }

        return (code, await store.FindClientAsync(code.ClientId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Approves a code: adds the device (fields as for <see cref="HomeDirectory.AddDeviceAsync"/>) to a home of the code's
    /// tenant. The device gets its token when it next polls.
    /// </summary>
    public async Task<(ApprovalOutcome Outcome, HomeChange? Change)> ApproveAsync(string tenantId, string userCode, string homeId,
        IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        switch (await store.BeginApprovalAsync(tenantId, userCode, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            case DecisionOutcome.NotFound:
                return (ApprovalOutcome.CodeNotFound, null);
            case DecisionOutcome.Expired:
                return (ApprovalOutcome.CodeExpired, null);
            case DecisionOutcome.NotPending:
                return (ApprovalOutcome.CodeNotPending, null);
        }

        HomeChange change;
        try
        {
            change = await directory.AddDeviceAsync(tenantId, homeId, fields, connects: false, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.AbandonApprovalAsync(tenantId, userCode, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (change.Outcome != StoreOutcome.Done || change.IsInvalid)
        {
            await store.AbandonApprovalAsync(tenantId, userCode, CancellationToken.None).ConfigureAwait(false);
            return (ApprovalOutcome.HomeRefused, change);
        }

        await store.CompleteApprovalAsync(tenantId, userCode, homeId, (string)fields["id"]!, CancellationToken.None).ConfigureAwait(false);
        return (ApprovalOutcome.Approved, change);
    }

    public Task<DecisionOutcome> DenyAsync(string tenantId, string userCode, CancellationToken cancellationToken = default) =>
        store.DenyAsync(tenantId, userCode, time.GetUtcNow(), cancellationToken);
}
