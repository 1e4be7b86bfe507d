using System.Net.Http.Headers;
using Dure.Testing;

[assembly: AssemblyFixture(typeof(Dure.Server.Tests.Scenarios.ScenarioServer))]

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// One real server for every domain scenario class, started by the first of them (starting a server per class would
/// cost more than the scenarios themselves) and stopped when the test assembly is done. It is an assembly fixture only
/// to be stopped then: it starts lazily, so runs without scenarios never start it, and a server that fails to start
/// fails the scenarios alone. It serves <see cref="ScenarioHomes"/>, answers weather from a file the tests wrote,
/// reminds drivers to rest after a few seconds, and knows partner API keys for the hotel, the apartment complex and a
/// tenant that owns nothing. Arbitration is off: parallel classes may say the same words in one home on purpose
/// (ArbitrationScenarios runs its own server with the default window).
/// </summary>
public sealed class ScenarioServer : IAsyncDisposable
{
    /// <summary>How long a driver drives before the rest reminder, here.</summary>
    public static readonly TimeSpan RestAfter = TimeSpan.FromSeconds(3);

    private readonly string _directory = Directory.CreateTempSubdirectory("dure-scenarios-").FullName;
    private readonly Dictionary<string, string> _partnerKeys = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _started;
    private ServerProcess? _server;

    public ScenarioServer() => _started = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The running server, once <see cref="ReadyAsync"/> has completed.</summary>
    public ServerProcess Server => _server ?? throw new InvalidOperationException("the scenario server is not running: await ReadyAsync first");

    internal HomeFiles Homes { get; private set; } = null!;

    public Uri BaseUrl => Server.BaseUrl;

    /// <summary>Starts the server on first use; every later call waits for the same start.</summary>
    public Task ReadyAsync() => _started.Value;

    internal string Token(string home, string device) => Homes.Token(home, device);

    /// <summary>Connects as a device of a scenario home.</summary>
    internal Task<Talker> ConnectAsync(string home, string device, CancellationToken cancellationToken) =>
        Talker.ConnectAsync(BaseUrl, Token(home, device), cancellationToken);

    /// <summary>
    /// Connects as a home's gateway with nothing left over: what an earlier (failed) test left unacknowledged is
    /// redelivered before the reply to a first turn, and is skipped with it.
    /// </summary>
    internal async Task<Talker> ConnectGatewayAsync(string home, CancellationToken cancellationToken, string device = "hub")
    {
        var gateway = await ConnectAsync(home, device, cancellationToken);
        await gateway.SyncAsync();
        return gateway;
    }

    /// <summary>An HTTP client for the partner API with the tenant's key.</summary>
    public HttpClient Partner(string tenant)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _partnerKeys[tenant]);
        return client;
    }

    private async Task StartAsync()
    {
        Homes = ScenarioHomes.Write(_directory);
        var tag = Guid.NewGuid().ToString("N")[..12];
        Dictionary<string, string> environment = new()
        {
            ["Dure__Arbitration__Window"] = "00:00:00",
            ["Dure__Vehicle__RestAfter"] = RestAfter.ToString(),
            ["Dure__Providers__Weather__File"] = ScenarioHomes.WriteWeatherFile(_directory),
        };
        foreach (var tenant in new[] { ScenarioHomes.ApartmentTenant, ScenarioHomes.HotelTenant, ScenarioHomes.OtherTenant })
        {
            _partnerKeys[tenant] = $"dure_pk_{tenant}_{tag}";
            environment[$"Dure__PartnerKeys__{tenant}"] = _partnerKeys[tenant];
        }

        _server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = Homes.Paths, Environment = environment });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A scenario class on the shared <see cref="ScenarioServer"/>: each test first makes sure it runs.</summary>
public abstract class ScenarioTests(ScenarioServer lab) : IAsyncLifetime
{
    protected ScenarioServer Lab { get; } = lab;

    public ValueTask InitializeAsync() => new(Lab.ReadyAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
