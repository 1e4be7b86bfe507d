using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dure.Platform.Conversations;
using Dure.Platform.Storage;
using Dure.Protocol;
using Dure.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dure.LoadBenchmarks;

/// <summary>
/// What recording turns costs (docs/BENCHMARKS.md, "Turn recording"): the real server run with recording off and on,
/// alternately, each time with <c>devices</c> devices in their own homes saying <c>turns</c> things one after another;
/// the round trip from sending <c>Text.Recognize</c> to receiving its <c>Speech.Speak</c>. Then the writer alone: how
/// many records a second the batched SQLite writer stores, and what queuing one costs the caller.
/// <c>dotnet run -c Release --project bench/Dure.LoadBenchmarks -- turns [devices] [turns] [rounds]</c>
/// </summary>
internal static class TurnRecordingCost
{
    private static readonly string[] Texts = ["거실 불 켜줘", "거실 불 꺼줘", "지금 몇 시야?", "turn on the living room light", "블라블라 쿵짝"];

    public static async Task RunAsync(string[] args)
    {
        var devices = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        var turns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 250;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var homes = Directory.CreateTempSubdirectory("dure-bench-homes-").FullName;
        var tokens = WriteHomes(homes, devices);
        Console.WriteLine($"{devices} devices in their own homes, {turns} turns each after 20 of warm-up, {rounds} rounds per setting");
        Dictionary<bool, List<double>> all = new() { [false] = [], [true] = [] };
        Dictionary<bool, List<double>> rates = new() { [false] = [], [true] = [] };
        for (var round = 0; round < rounds; round++)
        {
            foreach (var recording in new[] { false, true })
            {
                var (latencies, perSecond) = await MeasureAsync(homes, tokens, turns, recording);
                all[recording].AddRange(latencies);
                rates[recording].Add(perSecond);
                Console.WriteLine($"  round {round + 1}, recording {(recording ? "on " : "off")}: {Percentiles.Describe(latencies)}, {perSecond:F0} turns/s");
            }
        }

        foreach (var recording in new[] { false, true })
        {
            Console.WriteLine($"recording {(recording ? "on " : "off")}: {Percentiles.Describe(all[recording])}, {rates[recording].Average():F0} turns/s");
        }

        Directory.Delete(homes, recursive: true);
        await MeasureWriterAsync();
    }

    private static async Task<(List<double> Latencies, double PerSecond)> MeasureAsync(string homes, List<string> tokens, int turns, bool recording)
    {
        await using var server = await ServerProcess.StartAsync(new ServerSettings
        {
            HomeFiles = [.. Directory.GetFiles(homes, "*.yaml")],
            Environment = new Dictionary<string, string>
            {
                ["Dure__Conversations__Enabled"] = recording ? "true" : "false",
                ["Dure__RateLimits__DevicePerSecond"] = "100000",
                ["Dure__RateLimits__DeviceBurst"] = "100000",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        });
        var clients = new List<BenchDevice>();
        foreach (var token in tokens)
        {
            clients.Add(await BenchDevice.ConnectAsync(server.BaseUrl, token, Texts));
        }

        await Task.WhenAll(clients.Select(c => c.TalkAsync(20)));
        var clock = Stopwatch.StartNew();
        var measured = await Task.WhenAll(clients.Select(c => c.TalkAsync(turns)));
        var elapsed = clock.Elapsed;
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        return ([.. measured.SelectMany(m => m)], measured.Sum(m => m.Count) / elapsed.TotalSeconds);
    }

    /// <summary>The writer alone on a fresh database: records per second in batches, and the caller's cost of queuing one.</summary>
    private static async Task MeasureWriterAsync()
    {
        const int Records = 50_000;
        var directory = Directory.CreateTempSubdirectory("dure-bench-db-").FullName;
        await using (var database = SqliteDatabase.Open(directory))
        {
            var log = new SqliteConversations(database);
            var options = Options.Create(new ConversationOptions { BufferCapacity = Records, FlushInterval = TimeSpan.Zero });
            using var recorder = new ConversationRecorder(log, options, TimeProvider.System, NullLogger<ConversationRecorder>.Instance);
            await recorder.StartAsync(CancellationToken.None);
            var now = DateTimeOffset.UtcNow;
            var records = Enumerable.Range(0, Records).Select(i => new TurnRecord(TurnRecord.NewId(), now, "bench", $"site-{i % 10}",
                $"home-{i % 1000}", "speaker", Texts[i % Texts.Length], "ko", i % 5 == 4 ? null : "home.turn_on", "거실 조명을 켰어요.",
                5 + (i % 50), null, false)).ToList();

            var total = Stopwatch.StartNew();
            var queuing = Stopwatch.StartNew();
            foreach (var record in records)
            {
                await recorder.RecordAsync(record);
            }

            var queued = queuing.Elapsed;
            await recorder.FlushAsync();
            var written = total.Elapsed;
            await recorder.StopAsync(CancellationToken.None);
            Console.WriteLine($"writer: {Records} records in {written.TotalSeconds:F2} s = {Records / written.TotalSeconds:F0} records/s " +
                $"(batches of {options.Value.MaxBatch}); queuing one costs the caller {queued.TotalMilliseconds * 1_000_000 / Records:F0} ns");
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>One home file per device: a speaker that is the home's gateway, with a token, and a light.</summary>
    private static List<string> WriteHomes(string directory, int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        List<string> tokens = [];
        for (var i = 0; i < count; i++)
        {
            var token = $"bench-{i}-{tag}";
            tokens.Add(token);
            File.WriteAllText(Path.Combine(directory, $"bench-{i}.yaml"), $$"""
                id: bench-home-{{i}}
                name: 벤치 {{i}}
                language: ko
                areas:
                  - id: living_room
                    names: { ko: [거실], en: [Living Room] }
                devices:
                  - id: speaker
                    domain: assist_satellite
                    area: living_room
                    gateway: true
                    token: {{token}}
                    names: { ko: [거실 스피커], en: [Living Room Speaker] }
                  - id: light.living_room
                    area: living_room
                    names: { ko: [거실 조명, 거실 불], en: [Living Room Light] }
                    state: "off"

                """);
        }

        return tokens;
    }
}
