using Dure.Homes;

namespace Dure.Platform.Storage;

/// <summary>A home as stored: its tenant and its layout as home-file text (YAML or JSON).</summary>
public sealed record StoredHome(string Id, string TenantId, string Layout);

/// <summary>Which device a token belongs to.</summary>
public sealed record DeviceIdentity(string HomeId, string DeviceId);

/// <summary>A directive waiting in a device's outbox until the device acknowledges it or it expires.</summary>
public sealed record OutboxEntry(string DirectiveId, string Name, string? ReplyTo, string PayloadJson,
    DateTimeOffset Created, DateTimeOffset Expires);

/// <summary>A device's new token, set together with the layout that adds the device.</summary>
public sealed record NewDeviceToken(string DeviceId, string Token);

/// <summary>
/// A home's layout replaced by <c>Layout</c>, provided it still is <c>ExpectedLayout</c> (nobody edited it since it was
/// read), together with the tokens of the devices the new layout adds.
/// </summary>
public sealed record LayoutChange(string HomeId, string TenantId, string ExpectedLayout, string Layout, IReadOnlyList<NewDeviceToken> Tokens);

/// <summary>Tenants, home layouts and the live state of each home's devices.</summary>
public interface IHomeStore
{
    Task UpsertTenantAsync(string tenantId, string name, CancellationToken cancellationToken = default);

    /// <summary>The tenant's name, or null when there is no such tenant.</summary>
    Task<string?> FindTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    Task UpsertHomeAsync(StoredHome home, CancellationToken cancellationToken = default);

    Task<StoredHome?> FindHomeAsync(string homeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies many homes' layout changes and sets their new devices' tokens (hashed) in one transaction, so that a
    /// device never exists without its token or the other way round. A change whose home was edited meanwhile is left
    /// out; the ids of those homes are returned.
    /// </summary>
    Task<IReadOnlySet<string>> ApplyLayoutChangesAsync(IReadOnlyList<LayoutChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Stored states by device id; devices that never changed have no entry.</summary>
    Task<IReadOnlyDictionary<string, DeviceState>> LoadStatesAsync(string homeId, CancellationToken cancellationToken = default);

    /// <summary>Upserts the given states; completes once they are durable.</summary>
    Task SaveStatesAsync(string homeId, IReadOnlyDictionary<string, DeviceState> states, CancellationToken cancellationToken = default);
}

/// <summary>Device tokens. Only SHA-256 hashes are stored; a token is never written anywhere.</summary>
public interface IDeviceCredentials
{
    /// <summary>Sets the device's token, replacing any previous one.</summary>
    Task SetTokenAsync(string homeId, string deviceId, string token, CancellationToken cancellationToken = default);

    Task<DeviceIdentity?> FindAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>The devices of a home that hold a token, i.e. connect to Dure themselves.</summary>
    Task<IReadOnlySet<string>> EndpointsAsync(string homeId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the device's token; false when it had none.</summary>
    Task<bool> RevokeAsync(string homeId, string deviceId, CancellationToken cancellationToken = default);
}

/// <summary>The durable queue of directives per device, in the order they were sent.</summary>
public interface IDirectiveOutbox
{
    /// <summary>Adds a directive; completes once it is durable.</summary>
    Task AddAsync(string homeId, string deviceId, OutboxEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes an acknowledged directive; false when it was not there (already acknowledged or expired).</summary>
    Task<bool> RemoveAsync(string homeId, string deviceId, string directiveId, CancellationToken cancellationToken = default);

    /// <summary>Unexpired directives in sending order; expired ones are deleted on the way.</summary>
    Task<IReadOnlyList<OutboxEntry>> PendingAsync(string homeId, string deviceId, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes every expired directive, of devices that never came back too; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>A device's live connection as its grain knows it: the session's id and its Orleans observer.</summary>
public sealed record DevicePresence(string ConnectionId, string Observer);

/// <summary>
/// Which connection holds each device. In a cluster a device's grain may live on another silo than its socket; when that
/// silo fails, the grain is activated again elsewhere and finds the connection here instead of losing it.
/// </summary>
public interface IDevicePresence
{
    Task SetAsync(string homeId, string deviceId, DevicePresence presence, CancellationToken cancellationToken = default);

    /// <summary>Forgets the connection, unless a newer one took its place.</summary>
    Task ClearAsync(string homeId, string deviceId, string connectionId, CancellationToken cancellationToken = default);

    Task<DevicePresence?> FindAsync(string homeId, string deviceId, CancellationToken cancellationToken = default);
}
