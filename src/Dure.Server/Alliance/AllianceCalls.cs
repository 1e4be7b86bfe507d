using Dure.Platform.Grains;
using Dure.Platform.Tenancy;
using Dure.Server.Alliance.Mcp;
using Dure.Server.Partners;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Dure.Server.Alliance;

/// <summary>
/// An inbound alliance request (A2A, Open Floor) as a turn: the home it is for (<c>?homeId=</c>, or the message's
/// metadata), the device whose room is the context (<c>?deviceId=</c>, default the home's speaker), the caller's tenant
/// and site scope, and the conversation the words continue.
/// </summary>
internal static class AllianceCalls
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<(AgentReply? Reply, string? Problem)> AskAsync(HttpContext context, string? homeId, string? deviceId, string text,
        string? language, string conversation)
    {
        var user = context.User;
        var homes = context.RequestServices.GetRequiredService<HomeDirectory>();
        homeId ??= context.Request.Query["homeId"].FirstOrDefault();
        deviceId ??= context.Request.Query["deviceId"].FirstOrDefault();
        if (string.IsNullOrEmpty(homeId))
        {
            return (null, "name the home that answers: ?homeId= on the agent's URL, or homeId in the message's metadata");
        }

        if (await homes.FindAsync(user.Tenant(), homeId, context.RequestAborted) is not { } view ||
            (user.Site() is { } site && view.Space?.SiteId != site))
        {
            return (null, $"home '{homeId}' does not exist");
        }

        var speaker = deviceId ?? DureMcpTools.Speaker(view.Home);
        if (speaker is null || view.Home.FindDevice(speaker) is null)
        {
            return (null, $"home '{homeId}' has no device '{speaker}'");
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var reply = await grains.GetGrain<IHomeGrain>(view.Home.Id).Ask(speaker, text, language, $"alliance:{user.Actor()}:{conversation}", fromAlliance: true);
        return reply.Problem is { } problem ? (null, problem) : (reply, null);
    }

    public static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
