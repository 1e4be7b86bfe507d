namespace Dure.LoadGenerator;

/// <summary>Latency figures in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max, double Mean);

/// <summary>The server's process figures over the run (from its <c>/health/process</c>).</summary>
public sealed record ServerUsage(double CpuPercent, int ProcessorCount, double WorkingSetMiB, double WorkingSetDeltaMiB, double GcHeapMiB,
    double? BytesPerDevice);

/// <summary>The outcome of a load run.</summary>
public sealed record LoadReport(
    string Mode,
    int Devices,
    int Connected,
    int ConnectFailures,
    double ConnectSeconds,
    double MeasuredSeconds,
    long Commands,
    long Answered,
    double CommandsPerSecond,
    LatencySummary? Latency,
    long Errors,
    long Timeouts,
    IReadOnlyDictionary<string, long> ErrorCodes,
    ServerUsage? Server);

/// <summary>A snapshot while the run goes on, for the live display.</summary>
public sealed record LoadProgress(string Phase, int Connected, int Devices, long Answered, double CurrentRate, double? P99Ms, long Errors, TimeSpan Elapsed);
