using Dure.Platform.Tenancy;

namespace Dure.Platform.Provisioning;

/// <summary>A partner's device product, named by its client id; devices of the product sign in with it (RFC 8628).</summary>
public sealed record DeviceClientRecord(string Id, string TenantId, string Name, DateTimeOffset Created);

/// <summary>Where a device code stands. <c>approving</c> is the moment between claiming a code and adding its device.</summary>
public static class DeviceCodeStatus
{
    public const string Pending = "pending";
    public const string Approving = "approving";
    public const string Approved = "approved";
    public const string Denied = "denied";
    public const string Redeemed = "redeemed";
    public const string Expired = "expired";
}

/// <summary>A device's request to be approved, as the partner sees it: never the device code, only the user code.</summary>
public sealed record DeviceCodeRecord(string UserCode, string ClientId, string TenantId, string Status, DateTimeOffset Created,
    DateTimeOffset Expires, string? HomeId, string? DeviceId)
{
    /// <summary>The status as shown: an undecided code past its lifetime is expired; a code being approved is still pending.</summary>
    public string StatusAt(DateTimeOffset now) => Status switch
    {
        DeviceCodeStatus.Pending or DeviceCodeStatus.Approving when now >= Expires => DeviceCodeStatus.Expired,
        DeviceCodeStatus.Approved when now >= Expires => DeviceCodeStatus.Expired,
        DeviceCodeStatus.Approving => DeviceCodeStatus.Pending,
        _ => Status,
    };
}

/// <summary>What a device's poll of the token endpoint found (RFC 8628 §3.5).</summary>
public enum PollOutcome
{
    /// <summary>Not decided yet: <c>authorization_pending</c>.</summary>
    Pending,

    /// <summary>Polled sooner than the interval: <c>slow_down</c>; the interval grew by five seconds.</summary>
    SlowDown,

    /// <summary>Approved and not yet redeemed: the token may be minted.</summary>
    Approved,

    Denied,
    Expired,

    /// <summary>No such device code for this client, or it was used already: <c>invalid_grant</c>.</summary>
    InvalidGrant,

    /// <summary>No such client: <c>invalid_client</c>.</summary>
    InvalidClient,
}

public sealed record PollResult(PollOutcome Outcome, int IntervalSeconds, string? HomeId = null, string? DeviceId = null);

/// <summary>Why claiming or denying a code did not happen.</summary>
public enum DecisionOutcome
{
    Done,
    NotFound,
    Expired,

    /// <summary>Already approved, denied or used (or being approved right now).</summary>
    NotPending,
}

/// <summary>
/// Device clients and device codes. Device codes are kept only as SHA-256 hashes; every partner-side call is scoped to a
/// tenant, the device-side calls find the code by its hash.
/// </summary>
public interface IDeviceFlowStore
{
    /// <summary>Creates a client; <see cref="StoreOutcome.Conflict"/> when the id is taken, by any tenant (a client id names its tenant).</summary>
    Task<(StoreOutcome Outcome, DeviceClientRecord? Client)> CreateClientAsync(string tenantId, string clientId, string name,
        CancellationToken cancellationToken = default);

    /// <summary>The client of that id, in any tenant: devices name only the client.</summary>
    Task<DeviceClientRecord?> FindClientAsync(string clientId, CancellationToken cancellationToken = default);

    Task<Page<DeviceClientRecord>> ListClientsAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes a client and its device codes: its devices' pending sign-ins fail with <c>invalid_client</c>.</summary>
    Task<StoreOutcome> DeleteClientAsync(string tenantId, string clientId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new code; false when the user code is in use already (the caller draws another).</summary>
    Task<bool> CreateCodeAsync(byte[] deviceCodeHash, DeviceCodeRecord code, int intervalSeconds, CancellationToken cancellationToken = default);

    Task<DeviceCodeRecord?> FindCodeAsync(string tenantId, string userCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a device's poll and says what it found. A poll sooner than the interval after the previous one (or after the
    /// code was issued), less <paramref name="leeway"/>, gets <see cref="PollOutcome.SlowDown"/> and the interval grows by five
    /// seconds for this and every later poll.
    /// </summary>
    Task<PollResult> PollAsync(byte[] deviceCodeHash, string clientId, DateTimeOffset now, TimeSpan leeway, CancellationToken cancellationToken = default);

    /// <summary>Marks an approved code used and sets the device's token in the same transaction; false when it was not approved (used already).</summary>
    Task<bool> RedeemAsync(byte[] deviceCodeHash, string token, CancellationToken cancellationToken = default);

    /// <summary>Ends an approved code that can no longer be redeemed (its device was removed): it reads as denied.</summary>
    Task WithdrawAsync(byte[] deviceCodeHash, CancellationToken cancellationToken = default);

    /// <summary>Claims a pending, unexpired code for approval, so that two approvals cannot both add a device.</summary>
    Task<DecisionOutcome> BeginApprovalAsync(string tenantId, string userCode, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Finishes an approval: the device of the home is what the code's token will be for.</summary>
    Task CompleteApprovalAsync(string tenantId, string userCode, string homeId, string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Gives a claimed code back (adding its device failed), so it can be approved again.</summary>
    Task AbandonApprovalAsync(string tenantId, string userCode, CancellationToken cancellationToken = default);

    Task<DecisionOutcome> DenyAsync(string tenantId, string userCode, DateTimeOffset now, CancellationToken cancellationToken = default);
}
