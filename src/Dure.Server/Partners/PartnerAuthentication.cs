using System.Security.Claims;
using System.Text.Encodings.Web;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Server.Partners;

/// <summary>
/// Authenticates partner API calls by <c>Authorization: Bearer</c>: a partner API key (<c>dure_pk_…</c>) or a console
/// user's session token (<c>dure_us_…</c>). The principal carries the tenant, who is acting (for the audit log) and
/// the scopes, so every endpoint scopes its queries to the tenant and policies require scopes. Device tokens are not
/// partner credentials: they get 401 here like any unknown token.
/// </summary>
public sealed class PartnerAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, IPartnerKeys keys, IUserAccounts users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Partner";
    public const string TenantClaim = "dure:tenant";
    public const string ActorClaim = "dure:actor";
    public const string UserClaim = "dure:user";
    public const string SiteClaim = "dure:site";
    public const string ScopeClaim = "scope";
    public const string SessionPrefix = "dure_us_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Path.StartsWithSegments(Protocol.ProtocolLimits.ConnectPath) || BearerToken(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        List<Claim> claims;
        if (token.StartsWith(SessionPrefix, StringComparison.Ordinal))
        {
            if (await users.FindSessionAsync(token, Context.RequestAborted) is not { } user)
            {
                return AuthenticateResult.Fail("the session is not valid or has expired");
            }

            claims = [new(TenantClaim, user.TenantId), new(ActorClaim, $"user:{user.Email}"), new(UserClaim, user.Id), new(ClaimTypes.Role, user.Role)];
            claims.AddRange(Roles.ScopesOf(user.Role).Select(s => new Claim(ScopeClaim, s)));
        }
        else
        {
            if (await keys.FindAsync(token, Context.RequestAborted) is not { } partner)
            {
                return AuthenticateResult.Fail("the partner API key is not valid");
            }

            claims = [new(TenantClaim, partner.TenantId), new(ActorClaim, $"key:{partner.KeyName}")];
            claims.AddRange(partner.Scopes.Select(s => new Claim(ScopeClaim, s)));
            if (partner.SiteId is { } site)
            {
                claims.Add(new Claim(SiteClaim, site));
            }
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "unauthorized", result.Failure is null
            ? "a partner API key or console session is required (Authorization: Bearer …)"
            : result.Failure.Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "forbidden", "this credential's scopes do not allow this");

    public static string? BearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header["Bearer ".Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }
}

/// <summary>
/// The authorization policies of the partner API: one per scope, where admin grants all and provisioning grants read.
/// A site-scoped key passes only the alliance policies (MCP, A2A, Open Floor), whose endpoints confine it to its site.
/// </summary>
public static class PartnerPolicies
{
    public const string Read = "partner:read";
    public const string Provisioning = "partner:provisioning";
    public const string Admin = "partner:admin";
    public const string AllianceRead = "alliance:read";
    public const string AllianceAct = "alliance:act";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (policy, scope, siteKeys) in new[]
        {
            (Read, Scopes.Read, false), (Provisioning, Scopes.Provisioning, false), (Admin, Scopes.Admin, false),
            (AllianceRead, Scopes.Read, true), (AllianceAct, Scopes.Provisioning, true),
        })
        {
            options.AddPolicy(policy, builder => builder
                .AddAuthenticationSchemes(PartnerAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(PartnerAuthentication.TenantClaim)
                .RequireAssertion(context => (siteKeys || !context.User.HasClaim(c => c.Type == PartnerAuthentication.SiteClaim)) &&
                    Scopes.Grants(context.User.FindAll(PartnerAuthentication.ScopeClaim).Select(c => c.Value), scope)));
        }
    }
}

/// <summary>Who is calling, as the endpoints need it.</summary>
public static class PartnerCaller
{
    public static string Tenant(this ClaimsPrincipal user) =>
        user.FindFirstValue(PartnerAuthentication.TenantClaim) ?? throw new InvalidOperationException("no tenant claim");

    public static string Actor(this ClaimsPrincipal user) => user.FindFirstValue(PartnerAuthentication.ActorClaim) ?? "unknown";

    /// <summary>The one site a site-scoped key may see; null for a tenant-wide credential.</summary>
    public static string? Site(this ClaimsPrincipal user) => user.FindFirstValue(PartnerAuthentication.SiteClaim);

    public static IReadOnlyList<string> GrantedScopes(this ClaimsPrincipal user) =>
        [.. user.FindAll(PartnerAuthentication.ScopeClaim).Select(c => c.Value)];
}
