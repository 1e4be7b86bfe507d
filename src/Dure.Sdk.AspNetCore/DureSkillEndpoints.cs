using Dure.Sdk.Skills;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dure.Sdk.AspNetCore;

/// <summary>
/// A skill webhook in one line of a minimal API:
/// <code>app.MapDureSkill("/dure", secret, (request, http) =&gt; Task.FromResult(SkillResponse.Say("안녕하세요")));</code>
/// The request's <c>Dure-Signature</c> is checked with <see cref="SkillRequestVerifier"/> before the handler runs; an
/// unsigned, tampered or replayed request gets 401, a body that is not a Dure request 400.
/// </summary>
public static class DureSkillEndpoints
{
    /// <summary>Dure's requests are small; anything much larger is not one.</summary>
    public const int MaxRequestBytes = 256 * 1024;

    public static RouteHandlerBuilder MapDureSkill(this IEndpointRouteBuilder endpoints, string pattern, string secret,
        Func<SkillRequest, HttpContext, Task<SkillResponse>> handler) =>
        endpoints.MapDureSkill(pattern, new SkillRequestVerifier(secret), handler);

    /// <param name="verifier">The skill's secrets (two during a rotation) and the replay tolerance.</param>
    public static RouteHandlerBuilder MapDureSkill(this IEndpointRouteBuilder endpoints, string pattern, SkillRequestVerifier verifier,
        Func<SkillRequest, HttpContext, Task<SkillResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapPost(pattern, async (HttpContext http) =>
        {
            var (body, verdict) = await ReadVerifiedAsync(http, verifier).ConfigureAwait(false);
            if (verdict != SkillSignatureResult.Valid)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                    detail: $"the Dure-Signature header is not valid: {verdict}");
            }

            SkillRequest? request;
            try
            {
                request = System.Text.Json.JsonSerializer.Deserialize(body, SkillJson.Default.SkillRequest);
            }
            catch (System.Text.Json.JsonException)
            {
                request = null;
            }

            if (request is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: "the body is not a Dure skill request");
            }

            var response = await handler(request, http).ConfigureAwait(false);
            return Results.Json(response, SkillJson.Default.SkillResponse);
        });
    }

    /// <summary>
    /// Reads the raw body (at most <see cref="MaxRequestBytes"/>) and checks its signature, for handlers that bind on
    /// their own. The clock is the application's <see cref="TimeProvider"/> when one is registered.
    /// </summary>
    public static async Task<(byte[] Body, SkillSignatureResult Verdict)> ReadVerifiedAsync(HttpContext http, SkillRequestVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(verifier);
        if (http.Request.ContentLength > MaxRequestBytes)
        {
            return ([], SkillSignatureResult.Malformed);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                return ([], SkillSignatureResult.Malformed);
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        return (body, verifier.Verify(http.Request.Headers[SkillRequestVerifier.SignatureHeader].ToString(), body, now));
    }
}
