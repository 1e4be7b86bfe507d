using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Dure.Server.Partners;

/// <summary>The OpenAPI document: bearer authentication, the scopes each operation needs, and the problem+json errors.</summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddPartnerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Dure partner API",
                    Version = "v1",
                    Description = "Tenants, sites and spaces, homes and devices, provisioning, the front desk and notices. " +
                        "Authenticate with Authorization: Bearer and a partner API key (dure_pk_…) or a console session (dure_us_…). " +
                        "Errors are application/problem+json with a stable 'code'.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A partner API key or a console session token",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });
}
