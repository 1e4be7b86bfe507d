using Dure.Testing;

namespace Dure.Server.Tests;

/// <summary>
/// One real server shared by a test class, with a test home whose many speakers have their own tokens,
/// so tests never replace each other's connections.
/// </summary>
public sealed class LabServer : IAsyncLifetime
{
    private readonly string _homes = Directory.CreateTempSubdirectory("dure-homes-").FullName;
    private int _nextSpeaker;

    public ServerProcess Server { get; private set; } = null!;

    internal TestHome Home { get; private set; } = null!;

    /// <summary>A speaker token no other test of this server uses.</summary>
    public string NextSpeakerToken() => Home.Tokens[$"s{Interlocked.Increment(ref _nextSpeaker)}"];

    public async ValueTask InitializeAsync()
    {
        Home = TestHomes.Write(_homes, speakers: 48);
        // Its tests talk in parallel through speakers of one home, often the same words: they are not one utterance
        // heard twice, so arbitration is off here (Scenarios/ArbitrationScenarios cover it).
        Server = await ServerProcess.StartAsync(new ServerSettings
        {
            HomeFiles = [Home.Path],
            Environment = new Dictionary<string, string> { ["Dure__Arbitration__Window"] = "00:00:00" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_homes, recursive: true);
    }
}
