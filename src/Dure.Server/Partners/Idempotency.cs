using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Dure.Server.Partners;

/// <summary>
/// Idempotency keys on creates: a POST carrying <c>Idempotency-Key</c> is answered once, and the same request with the
/// same key gets the stored answer again (marked <c>Idempotent-Replayed: true</c>) without acting twice. The same key
/// with a different request is 422 <c>idempotency_key_reused</c>. Successful answers are kept for a day, per tenant,
/// encrypted: a create's answer may hold a secret shown only once (an API key, a skill's webhook secret).
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IIdempotencyKeys keys, IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Dure.Partners.IdempotentResponse.v1");

    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    // Two requests with one key at once: the second waits for the first's answer instead of acting too.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _inFlight = new(StringComparer.Ordinal);

    public static bool AppliesTo(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/v1") &&
        context.Request.Headers.ContainsKey(Header) && context.User.FindFirst(PartnerAuthentication.TenantClaim) is not null;

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "invalid_request",
                $"{Header} must be 1-{MaxKeyLength} visible ASCII characters");
            return;
        }

        var tenant = context.User.Tenant();
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "too_large", $"a request body may be at most {MaxBodyBytes} bytes");
            return;
        }

        var fingerprint = SHA256.HashData([.. Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n"), .. body]);
        var gate = _inFlight.GetOrAdd($"{tenant}\n{key}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(context.RequestAborted);
        try
        {
            if (await keys.FindAsync(tenant, key, context.RequestAborted) is { } stored)
            {
                await ReplayAsync(context, stored with { Body = Unprotect(stored.Body) }, fingerprint);
                return;
            }

            context.Request.Body = new MemoryStream(body, writable: false);
            var original = context.Response.Body;
            using var captured = new MemoryStream();
            context.Response.Body = captured;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            if (context.Response.StatusCode is >= 200 and < 300)
            {
                var location = context.Response.Headers.Location.ToString();
                await keys.SaveAsync(tenant, key, new IdempotentResponse(fingerprint, context.Response.StatusCode,
                    _protector.Protect(Encoding.UTF8.GetString(captured.ToArray())), location.Length > 0 ? location : null), CancellationToken.None);
            }

            captured.Position = 0;
            await captured.CopyToAsync(original, context.RequestAborted);
        }
        finally
        {
            gate.Release();
            if (gate.CurrentCount == 1)
            {
                _inFlight.TryRemove(new KeyValuePair<string, SemaphoreSlim>($"{tenant}\n{key}", gate));
            }
        }
    }

    // An answer kept before answers were encrypted is replayed as it was kept.
    private string Unprotect(string body)
    {
        try
        {
            return _protector.Unprotect(body);
        }
        catch (CryptographicException)
        {
            return body;
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentResponse stored, byte[] fingerprint)
    {
        if (!CryptographicOperations.FixedTimeEquals(stored.Fingerprint, fingerprint))
        {
            await Problems.Write(context, StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                $"this {Header} was already used for a different request");
            return;
        }

        context.Response.StatusCode = stored.Status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        if (stored.Body.Length > 0)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(stored.Body, context.RequestAborted);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
