using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Dure.Testing;

/// <summary>What to start a server with; the data directory stays across restarts.</summary>
public sealed record ServerSettings
{
    /// <summary>A data directory to use; null creates a temporary one that is deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Fixes the demo wall pad's token; null lets the server generate one.</summary>
    public string? DemoToken { get; init; } = "demo-token-" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<string> HomeFiles { get; init; } = [];

    /// <summary>Extra environment, e.g. <c>Dure__Directives__SpeechTtl</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The real Dure server as a child process (<c>dotnet dure.dll serve</c>) on free loopback ports, with its own data
/// directory. Start, kill -9 or stop gracefully, and restart on the same data.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    // Seconds on an idle machine; generous because test machines are often shared and busy.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly ServerSettings _settings;
    private readonly bool _ownsData;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private ServerProcess(ServerSettings settings)
    {
        _ownsData = settings.DataDirectory is null;
        DataDirectory = settings.DataDirectory ?? Directory.CreateTempSubdirectory("dure-test-").FullName;
        _settings = settings;
        // The HTTP port stays across restarts so that clients can reconnect to the same URL.
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
    }

    public string DataDirectory { get; }

    public Uri BaseUrl { get; }

    /// <summary>The demo wall pad's token as the server printed it.</summary>
    public string DemoToken { get; private set; } = "";

    /// <summary>Everything the server printed so far (stdout and stderr).</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>The server's process, e.g. to read the CPU time it used; null before it starts.</summary>
    public Process? Process => _process;

    /// <summary>The CLI's <c>dure.dll</c> of the same build configuration as the tests.</summary>
    public static string CliPath { get; } = LocateCli();

    /// <summary>The repository the tests were built from (where Dure.slnx is), e.g. for its scripts.</summary>
    public static string RepositoryRoot { get; } = LocateRepository();

    public static async Task<ServerProcess> StartAsync(ServerSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var server = new ServerProcess(settings ?? new ServerSettings());
        await server.StartProcessAsync(cancellationToken);
        return server;
    }

    /// <summary>Stops the server (SIGKILL when <paramref name="kill"/>, else SIGTERM and a graceful exit) and starts it again on the same data.</summary>
    public async Task RestartAsync(bool kill, CancellationToken cancellationToken = default)
    {
        await StopAsync(kill, cancellationToken);
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>Stops the server; returns its exit code.</summary>
    public async Task<int> StopAsync(bool kill, CancellationToken cancellationToken = default)
    {
        if (_process is not { HasExited: false } process)
        {
            return _process?.ExitCode ?? 0;
        }

        if (kill)
        {
            process.Kill(entireProcessTree: true);
        }
        else
        {
            _ = Kill(process.Id, 15); // SIGTERM, as a service manager would send
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { CliPath, "serve", "--urls", BaseUrl.ToString().TrimEnd('/'), "--data", DataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var home in _settings.HomeFiles)
        {
            start.ArgumentList.Add("--home");
            start.ArgumentList.Add(home);
        }

        start.Environment["Dure__Orleans__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Dure__Orleans__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("Dure__Demo__DeviceToken");
        if (_settings.DemoToken is { } token)
        {
            start.Environment["Dure__Demo__DeviceToken"] = token;
        }

        foreach (var (name, value) in _settings.Environment)
        {
            start.Environment[name] = value;
        }

        _output.Clear();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await WaitUntilHealthyAsync(process, cancellationToken);
        }
        catch (Exception) when (!process.HasExited)
        {
            // A server that did not come up must not outlive the test that started it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && DemoTokenPattern().Match(Output) is { Success: true } match)
                {
                    DemoToken = match.Groups[1].Value;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer while the silo starts.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"the server did not become healthy within {StartTimeout}:\n{Output}");
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>
    /// A loopback port nobody listens on, chosen below the kernel's ephemeral range: a port the kernel hands out may be
    /// taken by any outgoing connection (a test opening thousands of sockets) before the server binds it.
    /// </summary>
    public static int FreePort()
    {
        var ephemeralLow = EphemeralRangeStart();
        for (var attempt = 0; attempt < 100 && ephemeralLow > 12_000; attempt++)
        {
            var port = Random.Shared.Next(10_000, ephemeralLow);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int EphemeralRangeStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Range) && int.TryParse(File.ReadAllText(Range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0],
            System.Globalization.CultureInfo.InvariantCulture, out var low) ? low : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_ownsData)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort; it is a temp directory.
            }
        }
    }

    private static string LocateCli()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var path = Path.Combine(LocateRepository(), "src", "Dure.Cli", "bin", configuration, "net10.0", "dure.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build the CLI first: {path} is missing", path);
    }

    private static string LocateRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dure.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Dure.slnx) is not above the test binaries");
    }

    [GeneratedRegex(@"Demo wall pad token: (\S+)")]
    private static partial Regex DemoTokenPattern();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
