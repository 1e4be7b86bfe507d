using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Dure.LoadGenerator;
using Spectre.Console;

namespace Dure.Cli.Commands;

/// <summary>
/// <c>dure bench --server URL --devices N [--rate R] --duration SECONDS [--json]</c>: the load generator (bench/Dure.LoadGenerator).
/// Devices come from <c>--tokens FILE</c> (one token per line) or are made through the partner API with <c>--partner-key</c>.
/// </summary>
public static class BenchCommand
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Command Create()
    {
        var server = new Option<string>("--server")
        {
            Description = "the server to load; several silos of a cluster separated by ',' get the devices in turn (devices are provisioned through the first)",
            DefaultValueFactory = _ => "http://localhost:5000",
        };
        var devices = new Option<int>("--devices") { Description = "simulated devices", DefaultValueFactory = _ => 100 };
        var rate = new Option<double?>("--rate") { Description = "commands per second in all (default: as fast as the server answers)" };
        var duration = new Option<double>("--duration") { Description = "seconds to measure", DefaultValueFactory = _ => 30 };
        var warmup = new Option<double>("--warmup") { Description = "seconds of load before measuring", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "print the report as one JSON line" };
        var tokens = new Option<FileInfo?>("--tokens") { Description = "a file of device tokens, one per line" };
        var saveTokens = new Option<FileInfo?>("--save-tokens") { Description = "write the provisioned tokens here for later runs" };
        var partnerKey = new Option<string?>("--partner-key") { Description = "partner API key to provision devices with (or DURE_PARTNER_KEY)" };
        var idle = new Option<bool>("--idle") { Description = "connect and stay idle: measure server memory per connected device" };
        var echo = new Option<bool>("--echo") { Description = "the server is the echo server (bench/Dure.EchoServer): measure the transport" };
        var sources = new Option<string?>("--source") { Description = "local addresses to connect from, e.g. 127.0.0.2-127.0.0.9" };

        var command = new Command("bench", "Load the server with simulated devices and report throughput, latency, errors, CPU and memory")
        {
            server, devices, rate, duration, warmup, json, tokens, saveTokens, partnerKey, idle, echo, sources,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var count = result.GetValue(devices);
            if (count < 1 || result.GetValue(duration) <= 0 || result.GetValue(rate) is <= 0)
            {
                await Console.Error.WriteLineAsync("dure bench: --devices, --duration and --rate must be positive");
                return 2;
            }

            if (!TryParseSources(result.GetValue(sources), out var addresses))
            {
                await Console.Error.WriteLineAsync("dure bench: --source takes addresses like 127.0.0.2-127.0.0.9 or 127.0.0.2,127.0.0.3");
                return 2;
            }

            var servers = result.GetValue(server)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(url => new Uri(url)).ToList();
            var baseUrl = servers[0];
            var asJson = result.GetValue(json);
            IReadOnlyList<string> deviceTokens;
            try
            {
                deviceTokens = await TokensAsync(baseUrl, count, result.GetValue(tokens), result.GetValue(partnerKey), result.GetValue(echo), asJson,
                    cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                // "An error occurred while sending the request" says nothing without its cause (refused, reset, timed out).
                var cause = e.InnerException is { } inner ? $" ({inner.Message})" : "";
                await Console.Error.WriteLineAsync($"dure bench: {e.Message}{cause}");
                return 1;
            }

            if (result.GetValue(saveTokens) is { } save)
            {
                await File.WriteAllLinesAsync(save.FullName, deviceTokens, cancellationToken);
            }

            var options = new LoadOptions
            {
                Servers = servers,
                Tokens = deviceTokens,
                Rate = result.GetValue(rate),
                Duration = TimeSpan.FromSeconds(result.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(result.GetValue(warmup)),
                Idle = result.GetValue(idle),
                Echo = result.GetValue(echo),
                SourceAddresses = addresses,
            };
            var report = await RunWithDisplayAsync(new LoadRunner(options), asJson, cancellationToken);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(report, ReportJson));
            }
            else
            {
                Print(report);
            }

            return report.Connected == 0 ? 1 : 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<string>> TokensAsync(Uri server, int count, FileInfo? file, string? partnerKey, bool echo, bool quiet,
        CancellationToken cancellationToken)
    {
        if (echo)
        {
            return [.. Enumerable.Repeat("echo", count)]; // the echo server checks no token
        }

        if (file is not null)
        {
            var lines = (await File.ReadAllLinesAsync(file.FullName, cancellationToken)).Where(l => l.Length > 0).ToList();
            return lines.Count >= count
                ? lines[..count]
                : throw new InvalidOperationException($"{file.Name} has {lines.Count} tokens, fewer than --devices {count}");
        }

        var key = partnerKey ?? Environment.GetEnvironmentVariable("DURE_PARTNER_KEY");
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException("give --tokens FILE, or --partner-key (or DURE_PARTNER_KEY) to provision devices");
        }

        var provisioner = new FleetProvisioner(server, key);
        if (quiet || Console.IsErrorRedirected)
        {
            return await provisioner.ProvisionAsync(count, null, cancellationToken);
        }

        IReadOnlyList<string> made = [];
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask($"provisioning {count} devices", maxValue: count);
            made = await provisioner.ProvisionAsync(count, new Progress<int>(done => task.Value = done), cancellationToken);
        });
        return made;
    }

    private static async Task<LoadReport> RunWithDisplayAsync(LoadRunner runner, bool quiet, CancellationToken cancellationToken)
    {
        if (quiet || Console.IsOutputRedirected)
        {
            // Progress goes to stderr as plain lines so stdout holds only the report.
            var progress = new Progress<LoadProgress>(p => Console.Error.WriteLine(
                $"{p.Elapsed:mm\\:ss} {p.Phase,-11} connected {p.Connected}/{p.Devices} answered {p.Answered} " +
                $"rate {p.CurrentRate:F0}/s p99 {(p.P99Ms is { } ms ? ms.ToString("F1", CultureInfo.InvariantCulture) + " ms" : "-")} errors {p.Errors}"));
            return await runner.RunAsync(progress, cancellationToken);
        }

        LoadReport report = null!;
        var table = new Table().AddColumns("phase", "connected", "answered", "rate/s", "p99", "errors");
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            var progress = new Progress<LoadProgress>(p =>
            {
                table.Rows.Clear();
                table.AddRow(p.Phase, $"{p.Connected}/{p.Devices}", p.Answered.ToString(CultureInfo.InvariantCulture), p.CurrentRate.ToString("F0", CultureInfo.InvariantCulture),
                    p.P99Ms is { } ms ? $"{ms:F1} ms" : "-", p.Errors.ToString(CultureInfo.InvariantCulture));
                context.Refresh();
            });
            report = await runner.RunAsync(progress, cancellationToken);
        });
        return report;
    }

    private static void Print(LoadReport report)
    {
        var table = new Table().AddColumns("", "").HideHeaders();
        table.AddRow("mode", report.Mode);
        table.AddRow("devices", $"{report.Connected} connected of {report.Devices} ({report.ConnectFailures} failed) in {report.ConnectSeconds} s");
        if (report.Mode != "idle")
        {
            table.AddRow("throughput", $"{report.CommandsPerSecond:F1} commands/s ({report.Answered} answered of {report.Commands} in {report.MeasuredSeconds} s)");
            if (report.Latency is { } l)
            {
                table.AddRow("latency", $"p50 {l.P50} ms, p95 {l.P95} ms, p99 {l.P99} ms, max {l.Max} ms");
            }

            table.AddRow("errors", $"{report.Errors} errors, {report.Timeouts} timeouts" +
                (report.ErrorCodes.Count > 0 ? " (" + string.Join(", ", report.ErrorCodes.Select(c => $"{c.Key} {c.Value}")) + ")" : ""));
        }

        if (report.Server is { } s)
        {
            table.AddRow("server", $"CPU {s.CpuPercent}% of one core ({s.ProcessorCount} cores), working set {s.WorkingSetMiB} MiB " +
                $"(+{s.WorkingSetDeltaMiB} MiB), GC heap {s.GcHeapMiB} MiB" +
                (s.BytesPerDevice is { } perDevice ? $", {perDevice / 1024:F1} KiB per connected device" : ""));
        }

        AnsiConsole.Write(table);
    }

    private static bool TryParseSources(string? text, out IReadOnlyList<IPAddress> addresses)
    {
        List<IPAddress> parsed = [];
        addresses = parsed;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (!IPAddress.TryParse(range[0], out var first))
            {
                return false;
            }

            if (range.Length == 1)
            {
                parsed.Add(first);
                continue;
            }

            if (range.Length != 2 || !IPAddress.TryParse(range[1], out var last) || first.GetAddressBytes().Length != 4)
            {
                return false;
            }

            var (from, to) = (ToNumber(first), ToNumber(last));
            if (to < from || to - from > 1000)
            {
                return false;
            }

            for (var n = from; n <= to; n++)
            {
                parsed.Add(new IPAddress(BitConverter.GetBytes((uint)IPAddress.HostToNetworkOrder((int)n))));
            }
        }

        return true;
    }

    private static uint ToNumber(IPAddress address) => (uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(address.GetAddressBytes()));
}
