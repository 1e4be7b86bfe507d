using Dure.Platform.Storage;
using Dure.Server.Partners;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Server.Devices;

/// <summary>
/// <c>/v1/devices/connect</c>: authenticates the device token (bearer header, or <c>?access_token=</c> for browsers)
/// before upgrading, then runs a <see cref="DeviceSession"/> on the WebSocket.
/// </summary>
public sealed class DeviceEndpoint(IDeviceCredentials credentials, IGrainFactory grains, DeviceSessions sessions,
    Voice.VoiceServices voice, TimeProvider time, IOptions<RateLimitOptions> limits, IOptions<DeviceConnectionOptions> connections,
    ILoggerFactory loggers)
{
    public async Task HandleAsync(HttpContext context)
    {
        var token = TokenOf(context.Request);
        var identity = token is null ? null : await credentials.FindAsync(token, context.RequestAborted);
        if (identity is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problem(context, StatusCodes.Status401Unauthorized, "unauthorized",
                token is null ? "a device token is required (Authorization: Bearer TOKEN)" : "the device token is not valid");
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "websocket_required", "this endpoint only accepts WebSocket upgrades");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var budget = new EventBudget(limits.Value.DevicePerSecond, limits.Value.DeviceBurst, time);
        var session = new DeviceSession(socket, identity, grains, voice, time, loggers.CreateLogger<DeviceSession>(), budget,
            connections.Value);
        using var registration = sessions.Add(session);
        await session.RunAsync();
    }

    private static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        return request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }

    private static Task Problem(HttpContext context, int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: code == "unauthorized" ? "Unauthorized" : "Bad Request",
            extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(context);
}
