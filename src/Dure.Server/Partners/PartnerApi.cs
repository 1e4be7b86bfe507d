using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Dure.Server.Partners;

/// <summary>
/// The partner REST API under <c>/v1</c> (docs/partner-api.md): authentication by API key or console session, one policy
/// per scope, problem+json errors with stable codes, cursor pagination, idempotency keys on creates, per-tenant rate
/// limits, and an OpenAPI document at <c>/openapi/v1.json</c> with interactive docs at <c>/docs</c>.
/// </summary>
public static class PartnerApi
{
    public static IServiceCollection AddPartnerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddAuthentication(PartnerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PartnerAuthentication>(PartnerAuthentication.SchemeName, null);
        services.AddAuthorization(PartnerPolicies.Add);
        services.AddPartnerRateLimits();
        // Errors the framework answers itself (a body that is not JSON, an unknown route) get a code and a sentence too.
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", Problems.CodeFor(status));
            context.ProblemDetails.Detail ??= Problems.DefaultDetail(status);
        });
        services.AddPartnerOpenApi();
        return services;
    }

    /// <summary>The middleware the API needs, in order: who is calling, then the tenant's budget, then idempotent replays.</summary>
    public static WebApplication UsePartnerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWhen(IdempotencyMiddleware.AppliesTo, branch => branch.UseMiddleware<IdempotencyMiddleware>());
        return app;
    }

    public static IEndpointRouteBuilder MapPartnerApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireRateLimiting(RateLimits.PartnerPolicy);
        TenantEndpoints.Map(v1);
        SiteEndpoints.Map(v1);
        HomeEndpoints.Map(v1);
        FrontDeskEndpoints.Map(v1);
        ConversationEndpoints.Map(v1);
        HomeNetworkEndpoints.Map(v1);
        ProvisioningEndpoints.Map(v1);
        DeviceAuthorizationEndpoints.Map(v1);
        DeviceImportEndpoints.Map(v1);
        SkillEndpoints.Map(v1);
        AllianceAdminEndpoints.Map(v1);

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options.WithTitle("Dure partner API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        return app;
    }
}
