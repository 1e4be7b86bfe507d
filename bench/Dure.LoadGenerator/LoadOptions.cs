using System.Net;

namespace Dure.LoadGenerator;

/// <summary>What one load run does. Without <see cref="Rate"/> every device sends its next command as soon as the last is answered.</summary>
public sealed record LoadOptions
{
    /// <summary>The servers to load: the devices are spread over them in turn (several silos of one cluster).</summary>
    public required IReadOnlyList<Uri> Servers { get; init; }

    /// <summary>One device token per simulated device.</summary>
    public required IReadOnlyList<string> Tokens { get; init; }

    /// <summary>Commands per second over all devices (open loop); null for as fast as the server answers (closed loop).</summary>
    public double? Rate { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Commands before the measurement starts, to warm the server's caches and JIT; not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Connect and stay idle: measures the server's memory per connected device instead of commands.</summary>
    public bool Idle { get; init; }

    /// <summary>The server echoes frames (the transport's floor): a command's reply is its own frame coming back.</summary>
    public bool Echo { get; init; }

    /// <summary>Local addresses to connect from, in turn, so more than ~28,000 connections fit (one port range per address).</summary>
    public IReadOnlyList<IPAddress> SourceAddresses { get; init; } = [];

    /// <summary>What the devices say, in turn: a light on and off in the device's own room.</summary>
    public IReadOnlyList<string> Phrases { get; init; } = ["거실 불 켜줘", "거실 불 꺼줘"];

    public int ConnectConcurrency { get; init; } = 64;

    /// <summary>A command not answered within this is counted as a timeout.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
