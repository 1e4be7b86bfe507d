using System.Net;
using System.Text.Json;
using Dure.Testing;

namespace Dure.Server.Tests.Cluster;

/// <summary>
/// Three real servers (silos) forming one Orleans cluster whose membership, reminders and platform data are all in a
/// PostgreSQL server of the test's own; each silo has a data directory of its own, so they share nothing else. Homes have a speaker and a living-room
/// light, each with its own token, so a command said to one silo goes out to a device connected to another.
/// </summary>
public sealed class ClusterLab : IAsyncLifetime
{
    public const int SiloCount = 3;
    public const int HomeCount = 9;
    private const string PartnerKey = "dure_cluster-test-partner-key";

    private readonly string _homes = Directory.CreateTempSubdirectory("dure-cluster-homes-").FullName;
    private readonly List<ServerProcess> _silos = [];

    public PostgresServer Postgres { get; private set; } = null!;

    public string Database { get; } = $"cluster_{Guid.NewGuid():N}"[..20];

    public string ConnectionString { get; private set; } = "";

    public IReadOnlyList<ServerProcess> Silos => _silos;

    public static string HomeId(int home) => $"cluster-home-{home}";

    public static string SpeakerToken(int home) => $"speaker-{home}-token";

    public static string LightToken(int home) => $"light-{home}-token";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Postgres = await PostgresServer.StartAsync(cancellationToken);
        var connectionString = ConnectionString = await Postgres.CreateDatabaseAsync(Database, cancellationToken);
        var files = Enumerable.Range(0, HomeCount).Select(WriteHome).ToList();
        var environment = new Dictionary<string, string>
        {
            ["Dure__Cluster__Provider"] = "PostgreSql",
            ["Dure__Cluster__ConnectionString"] = connectionString,
            ["Dure__Cluster__ClusterId"] = Database,
            // Every silo provisions the same demo tenant at start; fixed secrets keep one silo's start from replacing another's.
            ["Dure__Demo__PartnerKey"] = PartnerKey,
            ["Dure__Demo__ConsolePassword"] = "cluster-test-password",
            ["Dure__Arbitration__Window"] = "00:00:00",
            ["Dure__RateLimits__DevicePerSecond"] = "1000",
            ["Dure__RateLimits__DeviceBurst"] = "1000",
        };

        // The first silo creates the store and imports the homes; the others then join together.
        _silos.Add(await ServerProcess.StartAsync(
            new ServerSettings { DemoToken = "cluster-demo-token", HomeFiles = files, Environment = environment },
            cancellationToken));
        var others = await Task.WhenAll(Enumerable.Range(1, SiloCount - 1).Select(_ => ServerProcess.StartAsync(
            new ServerSettings { DemoToken = "cluster-demo-token", Environment = environment }, cancellationToken)));
        _silos.AddRange(others);
        foreach (var silo in _silos)
        {
            await WaitForActiveSilosAsync(silo, SiloCount, TimeSpan.FromSeconds(60), cancellationToken);
        }
    }

    /// <summary>A home's device states as the cluster stored them in PostgreSQL.</summary>
    public async Task<IReadOnlyDictionary<string, Dure.Homes.DeviceState>> StatesAsync(string homeId, CancellationToken cancellationToken)
    {
        await using var database = await Dure.Platform.Storage.Postgres.PostgresDatabase.OpenAsync(ConnectionString, cancellationToken);
        return await new Dure.Platform.Storage.Postgres.PostgresHomeStore(database, TimeProvider.System).LoadStatesAsync(homeId, cancellationToken);
    }

    /// <summary>The silo's <c>/health/cluster</c>: its HTTP status and body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ClusterHealthAsync(ServerProcess silo, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(silo.BaseUrl, "/health/cluster"), cancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static async Task WaitForActiveSilosAsync(ServerProcess silo, int count, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + patience;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            (_, last) = await ClusterHealthAsync(silo, cancellationToken);
            if (last.GetProperty("activeSilos").GetArrayLength() == count)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"{silo.BaseUrl} does not see {count} active silos: {last}");
    }

    private string WriteHome(int home)
    {
        var path = Path.Combine(_homes, $"{HomeId(home)}.yaml");
        File.WriteAllText(path, $$"""
            id: {{HomeId(home)}}
            name: 클러스터 시험 세대 {{home}}
            language: ko
            areas:
              - id: living_room
                names: { ko: [거실], en: [Living Room] }
            devices:
              - id: speaker
                domain: assist_satellite
                area: living_room
                gateway: true
                token: {{SpeakerToken(home)}}
                names: { ko: [거실 스피커], en: [Living Room Speaker] }
              - id: light.living_room
                area: living_room
                token: {{LightToken(home)}}
                names: { ko: [거실 조명, 거실 불], en: [Living Room Light] }
                state: "off"
                attributes: { brightness: 100 }

            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        Directory.Delete(_homes, recursive: true);
    }
}

/// <summary>Three servers under load take the machine: the collection runs on its own, after the others, so it neither
/// starves their timing-sensitive tests (voice endpointing) nor is starved by them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterLab>
{
    public const string Name = "cluster";
}
