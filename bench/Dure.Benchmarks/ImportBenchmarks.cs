using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dure.Platform.Storage;
using Dure.Testing;

namespace Dure.Benchmarks;

/// <summary>
/// Bulk pre-provisioning through the real server (<c>dure serve</c> as a child process): one
/// <c>POST /v1/devices/import</c> of 10,000 devices, 4 into each of 2,500 homes, every one with a token, as CSV.
/// Each import goes into homes that have not been touched since the server started (their grains are not active),
/// the cold case of pre-provisioning a new building; the homes are written straight into the store beforehand.
/// Run: dotnet run -c Release --project bench/Dure.Benchmarks -- --filter '*ImportBenchmarks*'
/// </summary>
[Config(typeof(Config))]
public class ImportBenchmarks
{
    public const int Homes = 2_500;
    public const int DevicesPerHome = 4;

    // The jitting run, the warm-up and the iterations each need homes of their own.
    private const int Sets = 8;
    private const string Key = "dure_pk_bench_import_key_0123456789";

    private const string Layout = """
        name: 벤치 세대
        language: ko
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
          - id: bedroom
            names: { ko: [침실], en: [Bedroom] }
          - id: kitchen
            names: { ko: [주방], en: [Kitchen] }
        devices:
          - id: wallpad
            domain: assist_satellite
            area: living_room
            gateway: true
            names: { ko: [월패드], en: [Wall Pad] }
          - id: light.living_room
            area: living_room
            names: { ko: [거실 조명], en: [Living Room Light] }
        """;

    private readonly List<string> _imports = [];
    private readonly List<TimeSpan> _serverCpu = [];
    private ServerProcess _server = null!;
    private HttpClient _http = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var data = Directory.CreateTempSubdirectory("dure-bench-import-").FullName;
        await using (var database = SqliteDatabase.Open(data))
        {
            var homes = new SqliteHomeStore(database, TimeProvider.System);
            await homes.UpsertTenantAsync("bench", "Bench");
            // Concurrent upserts share the store's group commits.
            await Parallel.ForEachAsync(Enumerable.Range(0, Sets * Homes), new ParallelOptions { MaxDegreeOfParallelism = 64 },
                async (i, token) => await homes.UpsertHomeAsync(new StoredHome(HomeId(i), "bench", $"id: {HomeId(i)}\n{Layout}"), token));
        }

        for (var set = 0; set < Sets; set++)
        {
            var csv = new StringBuilder("homeId,deviceId,domain,area,name_ko,name_en,connects\r\n");
            for (var home = set * Homes; home < (set + 1) * Homes; home++)
            {
                csv.Append(HomeId(home)).Append(",speaker.bedroom,assist_satellite,bedroom,침실 스피커,Bedroom Speaker,true\r\n");
                csv.Append(HomeId(home)).Append(",light.bedroom,,bedroom,\"침실 조명, 천장\",Bedroom Light,true\r\n");
                csv.Append(HomeId(home)).Append(",switch.kitchen,,kitchen,주방 스위치,Kitchen Switch,true\r\n");
                csv.Append(HomeId(home)).Append(",fan.living_room,,living_room,거실 선풍기,Living Room Fan,true\r\n");
            }

            _imports.Add(csv.ToString());
        }

        _server = await ServerProcess.StartAsync(new ServerSettings
        {
            DataDirectory = data,
            Environment = new Dictionary<string, string> { ["Dure__PartnerKeys__bench"] = Key },
        });
        _http = new HttpClient { BaseAddress = _server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    [Benchmark(Description = "Import 10,000 devices (2,500 homes x 4, all with tokens)")]
    public async Task<int> Import10000Devices()
    {
        if (_next == Sets)
        {
            throw new InvalidOperationException($"only {Sets} sets of homes were prepared");
        }

        using var content = new StringContent(_imports[_next++], Encoding.UTF8, "text/csv");
        var server = _server.Process!;
        server.Refresh();
        var cpuBefore = server.TotalProcessorTime;
        using var response = await _http.PostAsync("/v1/devices/import", content);
        var body = await response.Content.ReadAsStringAsync();
        server.Refresh();
        _serverCpu.Add(server.TotalProcessorTime - cpuBefore);
        response.EnsureSuccessStatusCode();
        using var report = JsonDocument.Parse(body);
        var created = report.RootElement.GetProperty("created").GetInt32();
        return created == Homes * DevicesPerHome && report.RootElement.GetProperty("credentials").GetArrayLength() == created
            ? created
            : throw new InvalidOperationException($"the import did not create every device: {body[..Math.Min(body.Length, 500)]}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // Wall time on a shared machine includes waiting for the CPU; the server's own CPU time per import does not.
        Console.WriteLine($"// Server CPU time per import: {string.Join(", ", _serverCpu.Select(c => $"{c.TotalSeconds:F2} s"))}");
        _http.Dispose();
        var data = _server.DataDirectory;
        await _server.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }

    private static string HomeId(int i) => $"bench-home-{i:D5}";

    /// <summary>
    /// Each run is one import of seconds, timed as it is: no unrolling, one warm-up. In process: what is measured is the
    /// server, a process of its own, so the benchmark need not be rebuilt as a separate program.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
