using System.Text.Json.Serialization;
using Dure.Platform.Provisioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;

namespace Dure.Server.Partners;

/// <summary>The device authorization request (RFC 8628 §3.1), form-encoded.</summary>
public sealed record DeviceAuthorizationForm([property: JsonPropertyName("client_id")] string ClientId);

/// <summary>The device authorization response (RFC 8628 §3.2).</summary>
public sealed record DeviceAuthorizationResponse(
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("user_code")] string UserCode,
    [property: JsonPropertyName("verification_uri")] string VerificationUri,
    [property: JsonPropertyName("verification_uri_complete")] string VerificationUriComplete,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("interval")] int Interval);

/// <summary>The device access token request (RFC 8628 §3.4), form-encoded.</summary>
public sealed record DeviceTokenForm(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("device_code")] string DeviceCode,
    [property: JsonPropertyName("client_id")] string ClientId);

/// <summary>The device's token: it connects to <c>/v1/devices/connect</c> with <c>Authorization: Bearer</c> and it.</summary>
public sealed record DeviceTokenGrant(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("home_id")] string HomeId,
    [property: JsonPropertyName("device_id")] string DeviceId);

/// <summary>An OAuth error (RFC 6749 §5.2, RFC 8628 §3.5); <c>interval</c> comes with <c>slow_down</c>: the seconds to wait from now on.</summary>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("interval"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Interval = null);

/// <summary>
/// The device side of the OAuth 2.0 device authorization grant (RFC 8628). Anonymous: a device knows only its product's
/// client id. Requests are form-encoded and answers are JSON as OAuth defines them (<c>error</c>, <c>error_description</c>),
/// not problem+json, so that any OAuth client library works. Answers are never cached.
/// </summary>
internal static class DeviceAuthorizationEndpoints
{
    public const string DeviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";
    public const string DefaultVerificationPath = "/console/#/activate";
    private const string FormContentType = "application/x-www-form-urlencoded";

    public static void Map(RouteGroupBuilder v1)
    {
        var oauth = v1.MapGroup("/oauth").WithTags("Device authorization (RFC 8628)").AllowAnonymous();
        oauth.MapPost("/device_authorization", AuthorizeAsync)
            .WithSummary("A device asks for a device code and a user code (RFC 8628 §3.1)")
            .RequestBody<DeviceAuthorizationForm>(FormContentType)
            .Produces<DeviceAuthorizationResponse>()
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest);
        oauth.MapPost("/token", TokenAsync)
            .WithSummary("A device polls for its token with the device code (RFC 8628 §3.4, §3.5)")
            .RequestBody<DeviceTokenForm>(FormContentType)
            .Produces<DeviceTokenGrant>()
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, DeviceFlow flow, IOptions<DeviceFlowOptions> options,
        CancellationToken cancellationToken)
    {
        NoStore(context.Response);
        var (form, invalid) = await ReadFormAsync(context.Request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Parameter(form!, "client_id", out var clientId) is { } problem)
        {
            return problem;
        }

        if (await flow.StartAsync(clientId!, cancellationToken) is not { } started)
        {
            return Error("invalid_client", $"there is no device client '{clientId}'");
        }

        var settings = options.Value;
        var verification = string.IsNullOrWhiteSpace(settings.VerificationUri)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{DefaultVerificationPath}"
            : settings.VerificationUri;
        var userCode = UserCodes.Format(started.UserCode);
        var complete = $"{verification}{(verification.Contains('?', StringComparison.Ordinal) ? '&' : '?')}user_code={userCode}";
        return Results.Json(new DeviceAuthorizationResponse(started.DeviceCode, userCode, verification, complete,
            Math.Max(1, (int)Math.Round(settings.CodeLifetime.TotalSeconds)), started.IntervalSeconds));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, DeviceFlow flow, CancellationToken cancellationToken)
    {
        NoStore(context.Response);
        var (form, invalid) = await ReadFormAsync(context.Request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (Parameter(form!, "grant_type", out var grantType) is { } missingGrant)
        {
            return missingGrant;
        }

        if (grantType != DeviceCodeGrantType)
        {
            return Error("unsupported_grant_type", $"this endpoint grants only {DeviceCodeGrantType}");
        }

        if (Parameter(form!, "device_code", out var deviceCode) is { } missingCode)
        {
            return missingCode;
        }

        if (Parameter(form!, "client_id", out var clientId) is { } missingClient)
        {
            return missingClient;
        }

        var poll = await flow.PollAsync(clientId!, deviceCode!, cancellationToken);
        return poll.Outcome switch
        {
            PollOutcome.Approved => Results.Json(new DeviceTokenGrant(poll.Token!, "Bearer", poll.HomeId!, poll.DeviceId!)),
            PollOutcome.Pending => Error("authorization_pending", "the user has not approved the device yet; poll again after the interval"),
            PollOutcome.SlowDown => Error("slow_down",
                $"polled too soon; wait {poll.IntervalSeconds} s between polls from now on", poll.IntervalSeconds),
            PollOutcome.Denied => Error("access_denied", "the device was not approved"),
            PollOutcome.Expired => Error("expired_token", "the device code has expired; ask for a new one"),
            PollOutcome.InvalidClient => Error("invalid_client", $"there is no device client '{clientId}'"),
            _ => Error("invalid_grant", "the device code is not valid for this client, or was already used"),
        };
    }

    private static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, Error("invalid_request", "send the parameters form-encoded (Content-Type: application/x-www-form-urlencoded)"));
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            return (null, Error("invalid_request", $"the form cannot be read: {e.Message}"));
        }
    }

    /// <summary>A required parameter given exactly once (RFC 6749 §3.1), else the <c>invalid_request</c> to answer.</summary>
    private static IResult? Parameter(IFormCollection form, string name, out string? value)
    {
        value = null;
        StringValues values = form[name];
        if (values.Count > 1)
        {
            return Error("invalid_request", $"{name} is given more than once");
        }

        if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return Error("invalid_request", $"{name} is required");
        }

        value = values[0]!.Trim();
        return null;
    }

    private static IResult Error(string error, string description, int? interval = null) =>
        Results.Json(new OAuthErrorResponse(error, description, interval), statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// Documents the request body without <c>Accepts</c>, whose content-type filter would answer other bodies with a bare
    /// 415 instead of the endpoint's own error.
    /// </summary>
    private static RouteHandlerBuilder RequestBody<T>(this RouteHandlerBuilder builder, string contentType) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
            };
        });

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
