using Dure.Server.Alliance.Mcp;
using Dure.Server.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace Dure.Server.Alliance;

/// <summary>
/// Where other assistants and AI agents meet Dure (docs/alliance.md): the MCP server at <c>/mcp</c> (Streamable HTTP,
/// stateless), the A2A agent (<c>/.well-known/agent-card.json</c>, <c>/a2a</c>) and the Open Floor agent (<c>/ofp</c>),
/// all authorized by partner API keys, optionally scoped to one site.
/// </summary>
public static class AllianceEndpoints
{
    public const string McpPath = "/mcp";

    public static IServiceCollection AddAlliance(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddMcpServer(options => options.ServerInfo = new Implementation { Name = "dure", Title = "Dure", Version = "1.0" })
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools<DureMcpTools>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlliance(this IEndpointRouteBuilder app)
    {
        app.MapMcp(McpPath).RequireAuthorization(PartnerPolicies.AllianceRead).RequireRateLimiting(RateLimits.PartnerPolicy);
        A2a.A2aEndpoints.Map(app);
        OpenFloor.OpenFloorEndpoints.Map(app);
        return app;
    }
}
