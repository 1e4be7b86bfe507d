using System.Net.WebSockets;

// A bare ASP.NET Core WebSocket server that sends every message back as it came: what the transport costs with no
// work behind it. Same path and same bearer header as Dure, so `dure bench --echo` drives both the same way.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.UseWebSockets();
app.Map("/v1/devices/connect", async (HttpContext context) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var buffer = new byte[64 * 1024];
    while (socket.State == WebSocketState.Open)
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            count += result.Count;
        }
        while (!result.EndOfMessage && count < buffer.Length);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            return;
        }

        await socket.SendAsync(buffer.AsMemory(0, count), result.MessageType, true, CancellationToken.None);
    }
});
app.MapGet("/health", () => Results.Text("""{"status":"ok"}""", "application/json"));
app.MapGet("/health/process", ProcessStats.Read);
app.Run();

/// <summary>The same process figures Dure's <c>/health/process</c> reports, so the load generator reads both alike.</summary>
internal static class ProcessStats
{
    public static IResult Read(HttpContext context)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return Results.Json(new
        {
            cpuSeconds = process.TotalProcessorTime.TotalSeconds,
            workingSetBytes = process.WorkingSet64,
            gcHeapBytes = GC.GetTotalMemory(false),
            processorCount = Environment.ProcessorCount,
        });
    }
}
