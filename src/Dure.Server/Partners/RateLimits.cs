using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dure.Server.Partners;

/// <summary>Request budgets, bound from <c>Dure:RateLimits</c>. Each is a token bucket: a steady rate and a burst.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Dure:RateLimits";

    /// <summary>Partner API requests per second per tenant (anonymous calls: per client address).</summary>
    public int PartnerPerSecond { get; set; } = 50;

    public int PartnerBurst { get; set; } = 200;

    /// <summary>Events per second per connected device (utterances, state reports, home events).</summary>
    public int DevicePerSecond { get; set; } = 10;

    public int DeviceBurst { get; set; } = 30;
}

public static class RateLimits
{
    public const string PartnerPolicy = "partner";

    /// <summary>Per-tenant limits on the partner API; a rejected call gets 429 with <c>Retry-After</c> and problem+json.</summary>
    public static IServiceCollection AddPartnerRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PartnerPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var partition = context.User.FindFirst(PartnerAuthentication.TenantClaim)?.Value is { } tenant
                    ? "tenant:" + tenant
                    : "address:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, options.PartnerBurst),
                    TokensPerPeriod = Math.Max(1, options.PartnerPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "rate_limited",
                    $"too many requests for this tenant; retry after {seconds} s");
            };
        });
        return services;
    }
}
