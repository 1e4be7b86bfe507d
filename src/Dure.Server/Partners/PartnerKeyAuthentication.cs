using System.Security.Claims;
using System.Text.Encodings.Web;
using Dure.Platform.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Server.Partners;

/// <summary>
/// Authenticates partner API calls by an API key in <c>Authorization: Bearer</c>. The principal carries the key's
/// tenant and scopes as claims, so endpoints scope every query to the tenant and policies can require scopes.
/// A missing or wrong key is answered 401 with a problem+json body.
/// </summary>
public sealed class PartnerKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, IPartnerKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PartnerKey";
    public const string Policy = "partner";
    public const string TenantClaim = "dure:tenant";
    public const string KeyClaim = "dure:key";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header["Bearer ".Length..].Trim() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (await keys.FindAsync(key, Context.RequestAborted) is not { } partner)
        {
            return AuthenticateResult.Fail("the partner key is not valid");
        }

        List<Claim> claims = [new(TenantClaim, partner.TenantId), new(KeyClaim, partner.KeyName)];
        claims.AddRange(partner.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await PartnerProblems.Write(Context, StatusCodes.Status401Unauthorized, "unauthorized",
            result.Failure is null ? "a partner API key is required (Authorization: Bearer KEY)" : "the partner API key is not valid");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        PartnerProblems.Write(Context, StatusCodes.Status403Forbidden, "forbidden", "the partner API key may not do this");
}

/// <summary>The partner API's errors: problem+json with a stable <c>code</c>.</summary>
internal static class PartnerProblems
{
    public static IResult Result(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: Title(status), extensions: new Dictionary<string, object?> { ["code"] = code });

    public static Task Write(HttpContext context, int status, string code, string detail) => Result(status, code, detail).ExecuteAsync(context);

    public static IResult NotFound(string what) => Result(StatusCodes.Status404NotFound, "not_found", $"{what} does not exist");

    public static IResult Invalid(string detail) => Result(StatusCodes.Status400BadRequest, "invalid_request", detail);

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad Request",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status409Conflict => "Conflict",
        _ => "Error",
    };
}
