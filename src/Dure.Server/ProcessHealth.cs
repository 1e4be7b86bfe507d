using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Dure.Server;

/// <summary>
/// <c>/health/process</c>: the process's CPU time and memory, for the load generator (<c>dure bench</c>) on the same
/// machine. Answered on loopback only: it is for whoever runs the server, not for the internet. <c>?collect=true</c>
/// runs a full garbage collection first, so memory per connected device can be measured without garbage in it.
/// </summary>
internal static class ProcessHealth
{
    public static IResult Read(HttpContext context, bool? collect)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return Results.NotFound();
        }

        if (collect is true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return Results.Json(new
        {
            cpuSeconds = process.TotalProcessorTime.TotalSeconds,
            workingSetBytes = process.WorkingSet64,
            gcHeapBytes = GC.GetTotalMemory(false),
            processorCount = Environment.ProcessorCount,
        });
    }
}
