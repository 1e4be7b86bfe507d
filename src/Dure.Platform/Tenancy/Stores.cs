namespace Dure.Platform.Tenancy;

/// <summary>Why a create or change did not happen.</summary>
public enum StoreOutcome
{
    Done,

    /// <summary>No such resource in the tenant (another tenant's is "not found" too).</summary>
    NotFound,

    /// <summary>The id is taken, or the change would break the tree (a space with children, a parent in another site).</summary>
    Conflict,
}

/// <summary>Tenants, their sites and each site's space tree. Every call but tenant creation is scoped to a tenant.</summary>
public interface ISiteStore
{
    Task<TenantRecord?> FindTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    Task<StoreOutcome> SetRetentionAsync(string tenantId, int retentionDays, CancellationToken cancellationToken = default);

    Task<(StoreOutcome Outcome, SiteRecord? Site)> CreateSiteAsync(string tenantId, string id, string name, string kind,
        CancellationToken cancellationToken = default);

    Task<SiteRecord?> FindSiteAsync(string tenantId, string siteId, CancellationToken cancellationToken = default);

    Task<Page<SiteRecord>> ListSitesAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default);

    Task<(StoreOutcome Outcome, SiteRecord? Site)> UpdateSiteAsync(string tenantId, string siteId, string? name, string? kind,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes an empty site; <see cref="StoreOutcome.Conflict"/> while it still has spaces.</summary>
    Task<StoreOutcome> DeleteSiteAsync(string tenantId, string siteId, CancellationToken cancellationToken = default);

    Task<(StoreOutcome Outcome, SpaceRecord? Space)> CreateSpaceAsync(string tenantId, string siteId, string id, string? parentId,
        string kind, string name, CancellationToken cancellationToken = default);

    Task<SpaceRecord?> FindSpaceAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default);

    /// <summary>The space holding a home, in any tenant; null for a home outside the space tree.</summary>
    Task<SpaceRecord?> FindSpaceOfHomeAsync(string homeId, CancellationToken cancellationToken = default);

    /// <summary>A site's spaces, parents before children within a page, in id order across pages.</summary>
    Task<Page<SpaceRecord>> ListSpacesAsync(string tenantId, string siteId, string? after, int limit, CancellationToken cancellationToken = default);

    Task<(StoreOutcome Outcome, SpaceRecord? Space)> RenameSpaceAsync(string tenantId, string spaceId, string name,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a space without children, and its home with the home's devices, credentials, states and outbox.</summary>
    Task<StoreOutcome> DeleteSpaceAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default);

    /// <summary>Marks the space as holding the home of the same id.</summary>
    Task AttachHomeAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure a home imported from a file has a place in the tree: the tenant's <c>{tenant}-homes</c> site and a unit
    /// space of the home's id. Does nothing when the home already has a space.
    /// </summary>
    Task EnsurePlacedAsync(string tenantId, string homeId, string homeName, CancellationToken cancellationToken = default);
}

/// <summary>Console users and their sign-in sessions.</summary>
public interface IUserAccounts
{
    /// <summary>Creates a user; <see cref="StoreOutcome.Conflict"/> when the email is taken (in any tenant).</summary>
    Task<(StoreOutcome Outcome, UserRecord? User)> CreateAsync(string tenantId, string email, string name, string role, string password,
        CancellationToken cancellationToken = default);

    Task<Page<UserRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default);

    Task<UserRecord?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken = default);

    Task<(StoreOutcome Outcome, UserRecord? User)> UpdateAsync(string tenantId, string userId, string? role, string? password,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes the user and ends the user's sessions.</summary>
    Task<StoreOutcome> DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken = default);

    /// <summary>A new session token for the right email and password, else null.</summary>
    Task<(UserRecord User, string Token, DateTimeOffset Expires)?> SignInAsync(string email, string password, TimeSpan lifetime,
        CancellationToken cancellationToken = default);

    /// <summary>The user of a live session token, else null.</summary>
    Task<UserRecord?> FindSessionAsync(string token, CancellationToken cancellationToken = default);

    Task SignOutAsync(string token, CancellationToken cancellationToken = default);
}

/// <summary>Who a partner API key belongs to, and what it may do; <c>SiteId</c> limits it to one site (MCP, A2A, Open Floor).</summary>
public sealed record PartnerIdentity(string TenantId, string KeyName, IReadOnlyList<string> Scopes, string? SiteId = null);

/// <summary>Partner API keys per tenant. Only SHA-256 hashes are stored; a key is never written anywhere.</summary>
public interface IPartnerKeys
{
    /// <summary>Sets the tenant's key called <paramref name="name"/>, replacing (revoking) any previous key of that name.</summary>
    Task SetKeyAsync(string tenantId, string name, string key, IReadOnlyList<string>? scopes = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a key with a fresh secret, returned once; <see cref="StoreOutcome.Conflict"/> when the name is taken. A key
    /// with <paramref name="siteId"/> sees only that site (the caller checks it is the tenant's).
    /// </summary>
    Task<(StoreOutcome Outcome, ApiKeyRecord? Key, string? Secret)> CreateAsync(string tenantId, string name, IReadOnlyList<string> scopes,
        CancellationToken cancellationToken = default, string? siteId = null);

    Task<PartnerIdentity?> FindAsync(string key, CancellationToken cancellationToken = default);

    Task<Page<ApiKeyRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key: it stops working at once.</summary>
    Task<StoreOutcome> DeleteAsync(string tenantId, string name, CancellationToken cancellationToken = default);
}

/// <summary>The tenant's audit log of administrative actions.</summary>
public interface IAuditLog
{
    Task AppendAsync(string tenantId, string actor, string action, string target, string? detail = null,
        CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="before"/> is the cursor (a sequence number) to continue from.</summary>
    Task<Page<AuditEntry>> ListAsync(string tenantId, long? before, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A create's response kept under its idempotency key, replayed when the same request comes again.</summary>
public sealed record IdempotentResponse(byte[] Fingerprint, int Status, string Body, string? Location);

public interface IIdempotencyKeys
{
    Task<IdempotentResponse?> FindAsync(string tenantId, string key, CancellationToken cancellationToken = default);

    /// <summary>Keeps the response; false when another request stored one under the key first.</summary>
    Task<bool> SaveAsync(string tenantId, string key, IdempotentResponse response, CancellationToken cancellationToken = default);

    /// <summary>Forgets responses older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
