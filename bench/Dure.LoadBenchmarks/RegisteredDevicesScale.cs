using System.Diagnostics;
using System.Globalization;
using Dure.Homes;
using Dure.Platform.Storage;
using Dure.Testing;

namespace Dure.LoadBenchmarks;

/// <summary>
/// Does a big embedded store slow a command down (docs/BENCHMARKS.md, "Registered devices")? Two SQLite stores are
/// seeded straight through the store classes: one with 1,000 registered devices and one with 1,000,000 (homes of four
/// devices: a wall pad with a token, the home's gateway, and three lights with a stored state). Then, alternately, the real
/// server is started on each, and <c>talkers</c> wall pads spread over the whole store say "거실 불 켜줘" and
/// "거실 불 꺼줘" one after another; the round trip of each command is timed. The first turns of every round (the
/// grains' activation) are not counted.
/// <c>dotnet run -c Release --project bench/Dure.LoadBenchmarks -- registered [devices] [talkers] [turns] [rounds]</c>
/// </summary>
internal static class RegisteredDevicesScale
{
    private const int DevicesPerHome = 4;
    private const int WarmupTurns = 20;
    private static readonly string[] Texts = ["거실 불 켜줘", "거실 불 꺼줘"];

    public static async Task RunAsync(string[] args)
    {
        var large = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var talkers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var turns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        int[] sizes = [1_000, large];

        Dictionary<int, (string Directory, List<string> Tokens)> stores = [];
        foreach (var size in sizes)
        {
            var clock = Stopwatch.StartNew();
            stores[size] = await SeedAsync(size, talkers);
            var bytes = new DirectoryInfo(stores[size].Directory).EnumerateFiles().Sum(f => f.Length);
            Console.WriteLine($"seeded {size:N0} devices in {clock.Elapsed.TotalSeconds:F0} s, {bytes / 1024.0 / 1024.0:F0} MiB on disk");
        }

        Dictionary<int, List<double>> p50s = sizes.ToDictionary(s => s, _ => new List<double>());
        Dictionary<int, List<double>> p99s = sizes.ToDictionary(s => s, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var size in sizes)
            {
                var latencies = await MeasureAsync(stores[size].Directory, stores[size].Tokens, turns);
                p50s[size].Add(Percentiles.At(latencies, 0.50));
                p99s[size].Add(Percentiles.At(latencies, 0.99));
                Console.WriteLine($"  round {round + 1}, {size,9:N0} registered: {Percentiles.Describe(latencies)}");
            }
        }

        foreach (var size in sizes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,9:N0} registered: median of rounds p50 {Percentiles.Median(p50s[size]):F2} ms, p99 {Percentiles.Median(p99s[size]):F2} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio {large:N0} / 1,000: p50 {Percentiles.Median(p50s[large]) / Percentiles.Median(p50s[1_000]):F2}, p99 {Percentiles.Median(p99s[large]) / Percentiles.Median(p99s[1_000]):F2}"));
        foreach (var (directory, _) in stores.Values)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A store of <c>devices</c> registered devices; returns the tokens of <c>talkers</c> wall pads spread evenly over it.</summary>
    private static async Task<(string Directory, List<string> Tokens)> SeedAsync(int devices, int talkers)
    {
        var directory = Directory.CreateTempSubdirectory("dure-bench-registered-").FullName;
        var homes = devices / DevicesPerHome;
        var stride = Math.Max(1, homes / talkers);
        var tag = Guid.NewGuid().ToString("N")[..12];
        string Token(int home, string device) => $"reg-{tag}-{home}-{device}";
        string[] deviceIds = ["wallpad", "light.living_room", "light.bedroom", "light.kitchen"];

        await using (var database = SqliteDatabase.Open(directory))
        {
            var store = new SqliteHomeStore(database, TimeProvider.System);
            await store.UpsertTenantAsync("bench", "Bench");
            var off = new DeviceState("off");
            // Many writes in flight share the single writer's group commits (up to 256 in one transaction).
            var many = new ParallelOptions { MaxDegreeOfParallelism = 256 };
            await Parallel.ForEachAsync(Enumerable.Range(0, homes), many,
                async (home, ct) => await store.UpsertHomeAsync(new StoredHome(HomeId(home), "bench", "seed"), ct));
            // The wall pad connects and speaks for the lights (the home's gateway), so only it holds a token.
            await Parallel.ForEachAsync(Enumerable.Range(0, (homes + 499) / 500), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
                await store.ApplyLayoutChangesAsync([.. Enumerable.Range(batch * 500, Math.Min(500, homes - (batch * 500))).Select(home =>
                    new LayoutChange(HomeId(home), "bench", "seed", Layout(home), [new NewDeviceToken("wallpad", Token(home, "wallpad"))]))], ct));
            var states = deviceIds.Skip(1).ToDictionary(d => d, _ => off);
            await Parallel.ForEachAsync(Enumerable.Range(0, homes), many, async (home, ct) => await store.SaveStatesAsync(HomeId(home), states, ct));
        }

        List<string> tokens = [.. Enumerable.Range(0, talkers).Select(i => Token(Math.Min(homes - 1, i * stride), "wallpad"))];
        return (directory, tokens);
    }

    private static async Task<List<double>> MeasureAsync(string directory, List<string> tokens, int turns)
    {
        await using var server = await ServerProcess.StartAsync(new ServerSettings
        {
            DataDirectory = directory,
            Environment = new Dictionary<string, string>
            {
                ["Dure__RateLimits__DevicePerSecond"] = "100000",
                ["Dure__RateLimits__DeviceBurst"] = "100000",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        });
        List<BenchDevice> clients = [];
        foreach (var token in tokens)
        {
            clients.Add(await BenchDevice.ConnectAsync(server.BaseUrl, token, Texts));
        }

        await Task.WhenAll(clients.Select(c => c.TalkAsync(WarmupTurns)));
        var measured = await Task.WhenAll(clients.Select(c => c.TalkAsync(turns)));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        return [.. measured.SelectMany(m => m)];
    }

    private static string HomeId(int home) => $"reg-home-{home}";

    private static string Layout(int home) => $$"""
        id: {{HomeId(home)}}
        name: 등록 세대 {{home}}
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
            names: { ko: [거실 조명, 거실 불], en: [Living Room Light] }
          - id: light.bedroom
            area: bedroom
            names: { ko: [침실 조명], en: [Bedroom Light] }
          - id: light.kitchen
            area: kitchen
            names: { ko: [주방 조명], en: [Kitchen Light] }

        """;
}
