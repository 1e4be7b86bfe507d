namespace Dure.Platform.Tenancy;

/// <summary>A partner. <c>RetentionDays</c> is how long its conversation log is kept.</summary>
public sealed record TenantRecord(string Id, string Name, int RetentionDays, DateTimeOffset Created);

/// <summary>A partner's place: an apartment complex, a hotel, a fleet.</summary>
public sealed record SiteRecord(string Id, string TenantId, string Name, string Kind, DateTimeOffset Created);

/// <summary>
/// A node of a site's space tree (building &gt; unit, floor &gt; room, vehicle). A space that people talk in — an
/// apartment unit, a hotel room, a vehicle — holds a home: its areas and devices.
/// </summary>
public sealed record SpaceRecord(string Id, string TenantId, string SiteId, string? ParentId, string Kind, string Name, string? HomeId,
    DateTimeOffset Created);

public static class SiteKinds
{
    public static IReadOnlyList<string> All { get; } = ["apartment_complex", "hotel", "fleet", "house", "office", "other"];
}

public static class SpaceKinds
{
    public const string Building = "building";
    public const string Floor = "floor";
    public const string Unit = "unit";
    public const string Room = "room";
    public const string Vehicle = "vehicle";
    public const string Zone = "zone";

    public static IReadOnlyList<string> All { get; } = [Building, Floor, Unit, Room, Vehicle, Zone];
}

/// <summary>A console user of a tenant; the password is kept only as a salted PBKDF2 hash.</summary>
public sealed record UserRecord(string Id, string TenantId, string Email, string Name, string Role, DateTimeOffset Created);

/// <summary>A partner API key as listed: never the key itself, only the first characters to recognize it by.</summary>
public sealed record ApiKeyRecord(string Name, string TenantId, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset Created, string? SiteId = null);

/// <summary>An administrative action: who did what to which resource.</summary>
public sealed record AuditEntry(long Seq, DateTimeOffset At, string Actor, string Action, string Target, string? Detail);

/// <summary>One page of a listing; <c>NextCursor</c> continues it, null at the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
