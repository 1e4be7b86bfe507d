using System.Globalization;
using System.Security.Claims;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

public sealed record SignInRequest(string? Email, string? Password);

public sealed record SessionResponse(string Token, DateTimeOffset ExpiresAt, string TenantId, UserResponse User);

public sealed record WhoAmIResponse(string TenantId, string Actor, IReadOnlyList<string> Scopes, string? Role);

public sealed record TenantResponse(string Id, string Name, int RetentionDays, DateTimeOffset CreatedAt);

public sealed record TenantUpdate(int? RetentionDays);

public sealed record UserResponse(string Id, string Email, string Name, string Role, DateTimeOffset CreatedAt);

public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password);

public sealed record UpdateUserRequest(string? Role, string? Password);

public sealed record KeyResponse(string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? SiteId);

/// <summary>A created key: the only time its secret is shown.</summary>
public sealed record CreatedKeyResponse(string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? SiteId, string Secret);

/// <summary>A new key; with <c>siteId</c> it sees only that site, and works only on the MCP, A2A and Open Floor endpoints.</summary>
public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? SiteId = null);

public sealed record AuditResponse(string Id, DateTimeOffset At, string Actor, string Action, string Target, string? Detail);

/// <summary>The tenant itself: console sign-in, settings, users, API keys and the audit log.</summary>
internal static class TenantEndpoints
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);
    private const int MinPassword = 10;
    private const int MaxRetentionDays = 3650;

    public static void Map(RouteGroupBuilder v1)
    {
        var session = v1.MapGroup("/session").WithTags("Session");
        session.MapPost("", SignInAsync).AllowAnonymous().WithSummary("Sign in to the console with email and password");
        session.MapGet("", WhoAmI).RequireAuthorization(PartnerPolicies.Read).WithSummary("Who the credential is and what it may do");
        session.MapDelete("", SignOutAsync).RequireAuthorization(PartnerPolicies.Read).WithSummary("End the console session");

        var tenant = v1.MapGroup("/tenant").WithTags("Tenant");
        tenant.MapGet("", GetTenantAsync).RequireAuthorization(PartnerPolicies.Read);
        tenant.MapPatch("", UpdateTenantAsync).RequireAuthorization(PartnerPolicies.Admin).WithSummary("Change the conversation-log retention");

        var users = v1.MapGroup("/users").WithTags("Users").RequireAuthorization(PartnerPolicies.Admin);
        users.MapGet("", ListUsersAsync);
        users.MapPost("", CreateUserAsync);
        users.MapGet("/{userId}", GetUserAsync);
        users.MapPatch("/{userId}", UpdateUserAsync);
        users.MapDelete("/{userId}", DeleteUserAsync);

        var keys = v1.MapGroup("/keys").WithTags("API keys").RequireAuthorization(PartnerPolicies.Admin);
        keys.MapGet("", ListKeysAsync);
        keys.MapPost("", CreateKeyAsync).WithSummary("Create an API key; its secret is in this answer only");
        keys.MapDelete("/{name}", DeleteKeyAsync).WithSummary("Revoke an API key at once");

        v1.MapGet("/audit", ListAuditAsync).WithTags("Audit").RequireAuthorization(PartnerPolicies.Admin);
    }

    private static async Task<IResult> SignInAsync(SignInRequest? request, IUserAccounts accounts, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.Email is not { Length: > 0 } email || request.Password is not { Length: > 0 } password)
        {
            return Problems.Invalid("email and password are required");
        }

        if (await accounts.SignInAsync(email, password, SessionLifetime, cancellationToken) is not { } signedIn)
        {
            return Problems.Result(StatusCodes.Status401Unauthorized, "invalid_credentials", "the email or the password is wrong");
        }

        await audit.AppendAsync(signedIn.User.TenantId, $"user:{signedIn.User.Email}", "session.sign_in", signedIn.User.Id,
            cancellationToken: CancellationToken.None);
        return Results.Ok(new SessionResponse(signedIn.Token, signedIn.Expires, signedIn.User.TenantId, Shape(signedIn.User)));
    }

    private static WhoAmIResponse WhoAmI(ClaimsPrincipal user) =>
        new(user.Tenant(), user.Actor(), user.GrantedScopes(), user.FindFirstValue(ClaimTypes.Role));

    private static async Task<IResult> SignOutAsync(HttpRequest request, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        if (PartnerAuthentication.BearerToken(request) is { } token && token.StartsWith(PartnerAuthentication.SessionPrefix, StringComparison.Ordinal))
        {
            await accounts.SignOutAsync(token, cancellationToken);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> GetTenantAsync(ClaimsPrincipal user, ISiteStore sites, CancellationToken cancellationToken) =>
        await sites.FindTenantAsync(user.Tenant(), cancellationToken) is { } tenant
            ? Results.Ok(new TenantResponse(tenant.Id, tenant.Name, tenant.RetentionDays, tenant.Created))
            : Problems.NotFound("the tenant");

    private static async Task<IResult> UpdateTenantAsync(ClaimsPrincipal user, TenantUpdate? update, ISiteStore sites, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (update?.RetentionDays is not { } days || days is < 1 or > MaxRetentionDays)
        {
            return Problems.Invalid($"retentionDays must be between 1 and {MaxRetentionDays}");
        }

        await sites.SetRetentionAsync(user.Tenant(), days, cancellationToken);
        await audit.Audit(user, "tenant.update", user.Tenant(), $"retentionDays={days}");
        return await GetTenantAsync(user, sites, cancellationToken);
    }

    private static async Task<IResult> ListUsersAsync(ClaimsPrincipal user, IUserAccounts accounts, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        return Results.Ok(Paging.Response(await accounts.ListAsync(user.Tenant(), paging.After, paging.Limit, cancellationToken), Shape));
    }

    private static async Task<IResult> CreateUserAsync(ClaimsPrincipal user, CreateUserRequest? request, IUserAccounts accounts, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (request?.Email is not { Length: > 3 and <= 254 } email || !email.Contains('@', StringComparison.Ordinal))
        {
            return Problems.Invalid("email must be an email address");
        }

        if (request.Role is not { } role || !Roles.All.Contains(role))
        {
            return Problems.Invalid($"role must be one of {string.Join(", ", Roles.All)}");
        }

        if (request.Password is not { Length: >= MinPassword and <= 200 } password)
        {
            return Problems.Invalid($"password must be {MinPassword} to 200 characters");
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? email : request.Name.Trim();
        var (outcome, created) = await accounts.CreateAsync(user.Tenant(), email, name, role, password, cancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict($"a user with email '{email}' already exists");
        }

        await audit.Audit(user, "user.create", created!.Id, $"{created.Email} as {role}");
        return Results.Created($"/v1/users/{created.Id}", Shape(created));
    }

    private static async Task<IResult> GetUserAsync(ClaimsPrincipal user, string userId, IUserAccounts accounts, CancellationToken cancellationToken) =>
        await accounts.FindAsync(user.Tenant(), userId, cancellationToken) is { } found ? Results.Ok(Shape(found)) : Problems.NotFound($"user '{userId}'");

    private static async Task<IResult> UpdateUserAsync(ClaimsPrincipal user, string userId, UpdateUserRequest? request, IUserAccounts accounts,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (request is null || (request.Role is null && request.Password is null))
        {
            return Problems.Invalid("give a role or a password to change");
        }

        if (request.Role is { } role && !Roles.All.Contains(role))
        {
            return Problems.Invalid($"role must be one of {string.Join(", ", Roles.All)}");
        }

        if (request.Password is { Length: < MinPassword or > 200 })
        {
            return Problems.Invalid($"password must be {MinPassword} to 200 characters");
        }

        var (outcome, updated) = await accounts.UpdateAsync(user.Tenant(), userId, request.Role, request.Password, cancellationToken);
        if (outcome == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"user '{userId}'");
        }

        await audit.Audit(user, "user.update", userId, request.Role is null ? "password" : $"role={request.Role}");
        return Results.Ok(Shape(updated!));
    }

    private static async Task<IResult> DeleteUserAsync(ClaimsPrincipal user, string userId, IUserAccounts accounts, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await accounts.DeleteAsync(user.Tenant(), userId, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"user '{userId}'");
        }

        await audit.Audit(user, "user.delete", userId);
        return Results.NoContent();
    }

    private static async Task<IResult> ListKeysAsync(ClaimsPrincipal user, IPartnerKeys keys, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        return Results.Ok(Paging.Response(await keys.ListAsync(user.Tenant(), paging.After, paging.Limit, cancellationToken),
            k => new KeyResponse(k.Name, k.Prefix, k.Scopes, k.Created, k.SiteId)));
    }

    private static async Task<IResult> CreateKeyAsync(ClaimsPrincipal user, CreateKeyRequest? request, IPartnerKeys keys, ISiteStore sites, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(request?.Name))
        {
            return Problems.Invalid($"name is required: {Ids.Rule}");
        }

        if (request!.Scopes is not { Count: > 0 } scopes || scopes.Any(s => !Scopes.IsKnown(s)))
        {
            return Problems.Invalid($"scopes must be one or more of {string.Join(", ", Scopes.All)}");
        }

        if (request.SiteId is { } siteId && await sites.FindSiteAsync(user.Tenant(), siteId, cancellationToken) is null)
        {
            return Problems.Invalid($"siteId: site '{siteId}' does not exist");
        }

        var (outcome, key, secret) = await keys.CreateAsync(user.Tenant(), request.Name!, [.. scopes.Distinct()], cancellationToken, request.SiteId);
        if (outcome == StoreOutcome.Conflict)
        {
            return Problems.Conflict($"a key named '{request.Name}' already exists");
        }

        await audit.Audit(user, "key.create", key!.Name, string.Join(' ', key.Scopes) + (key.SiteId is { } site ? $" site {site}" : ""));
        return Results.Created($"/v1/keys/{key.Name}", new CreatedKeyResponse(key.Name, key.Prefix, key.Scopes, key.Created, key.SiteId, secret!));
    }

    private static async Task<IResult> DeleteKeyAsync(ClaimsPrincipal user, string name, IPartnerKeys keys, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await keys.DeleteAsync(user.Tenant(), name, cancellationToken) == StoreOutcome.NotFound)
        {
            return Problems.NotFound($"key '{name}'");
        }

        await audit.Audit(user, "key.revoke", name);
        return Results.NoContent();
    }

    private static async Task<IResult> ListAuditAsync(ClaimsPrincipal user, IAuditLog audit, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        long? before = null;
        if (paging.After is { } after)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                return Problems.Invalid("cursor is not one this API returned");
            }

            before = seq;
        }

        var page = await audit.ListAsync(user.Tenant(), before, paging.Limit, cancellationToken);
        return Results.Ok(Paging.Response(page, e => new AuditResponse(e.Seq.ToString(CultureInfo.InvariantCulture), e.At, e.Actor, e.Action, e.Target, e.Detail)));
    }

    private static UserResponse Shape(UserRecord user) => new(user.Id, user.Email, user.Name, user.Role, user.Created);
}
