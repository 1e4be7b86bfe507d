using System.Diagnostics;
using System.Text.Json;
using Dure.Protocol;
using Dure.Sdk;
using Dure.Testing;

namespace Dure.Server.Tests;

/// <summary><c>dure say</c> and <c>dure device simulate</c> as processes against the real server.</summary>
public sealed class CliTests(LabServer lab) : IClassFixture<LabServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Say_prints_the_spoken_reply()
    {
        var token = lab.NextSpeakerToken();
        await using var client = new DureDeviceClient(new DureDeviceClientOptions { Server = lab.Server.BaseUrl, Token = token, Reconnect = false });
        await client.ConnectAsync(Ct);
        var expected = (await client.RecognizeTextAsync("안녕", "ko", Ct)).Text;
        await client.DisposeAsync();

        var (exit, output, error) = await RunCliAsync(["say", "--server", lab.Server.BaseUrl.ToString(), "--token", token, "--lang", "ko", "안녕"]);

        Assert.True(exit == 0, error);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Say_takes_the_token_from_DURE_TOKEN_and_reports_a_rejected_one()
    {
        var (exit, output, error) = await RunCliAsync(["say", "--server", lab.Server.BaseUrl.ToString(), "hello"],
            new() { ["DURE_TOKEN"] = lab.NextSpeakerToken() });
        Assert.True(exit == 0, error);
        Assert.NotEmpty(output.Trim());

        (exit, _, error) = await RunCliAsync(["say", "--server", lab.Server.BaseUrl.ToString(), "--token", "wrong", "hello"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("401", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Say_json_prints_the_control_and_the_speech_addressed_to_the_gateway()
    {
        var (exit, output, error) = await RunCliAsync(
            ["say", "--server", lab.Server.BaseUrl.ToString(), "--token", lab.Home.Tokens[TestHomes.Gateway], "--json", "주방 불 켜줘"]);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            Schemas.AssertValid(line);
        }

        var messages = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(messages, m => RawDevice.Name(m) == MessageNames.SpeechSpeak);
        Assert.Contains(messages, m => RawDevice.Name(m) == MessageNames.DeviceControl &&
            RawDevice.Payload(m).GetProperty("device").GetString() == "light.kitchen" &&
            RawDevice.Payload(m).GetProperty("action").GetString() == "turn_on");
    }

    [Fact]
    public async Task Device_simulate_obeys_control_reports_state_and_acknowledges()
    {
        var home = TestHomes.Write(Path.Combine(lab.Server.DataDirectory, "sim-homes"));
        await using var server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = [home.Path] }, Ct);
        using var simulator = StartCli(["device", "simulate", "--server", server.BaseUrl.ToString(), "--token", home.Tokens[TestHomes.Gateway]]);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        simulator.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        simulator.BeginOutputReadLine();
        try
        {
            await WaitForAsync(() => lines.Any(l => l.StartsWith("connected", StringComparison.Ordinal)), "the simulator to connect");

            var (exit, output, error) = await RunCliAsync(["say", "--server", server.BaseUrl.ToString(), "--token", home.Tokens["s1"], "거실 불 켜줘"]);
            Assert.True(exit == 0, error);
            Assert.NotEmpty(output.Trim());

            await WaitForAsync(() => lines.Any(l => l.StartsWith("-> ", StringComparison.Ordinal)), "the simulator's state report");
            var control = lines.First(l => l.StartsWith("<- ", StringComparison.Ordinal) && l.Contains(MessageNames.DeviceControl, StringComparison.Ordinal));
            Assert.Contains("light.living_room", control, StringComparison.Ordinal);
            var report = JsonDocument.Parse(lines.First(l => l.StartsWith("-> ", StringComparison.Ordinal))[3..]).RootElement;
            Assert.Equal("light.living_room", RawDevice.Payload(report).GetProperty("device").GetString());
            Assert.Equal("on", RawDevice.Payload(report).GetProperty("state").GetString());
        }
        finally
        {
            simulator.Kill(entireProcessTree: true);
            await simulator.WaitForExitAsync(Ct);
        }

        // Acknowledged: a later connection of the gateway does not get the command again.
        await using var hub = await RawDevice.ConnectAsync(server.BaseUrl, home.Tokens[TestHomes.Gateway], Ct);
        var turn = await hub.SayAsync("안녕", Ct);
        List<string?> seen = [];
        await hub.ReceiveAsync(m =>
        {
            seen.Add(RawDevice.Name(m));
            return m.TryGetProperty("replyTo", out var r) && r.GetString() == turn;
        }, Ct);
        Assert.DoesNotContain(MessageNames.DeviceControl, seen);
        var states = await ServerStore.StatesAsync(server.DataDirectory, TestHomes.HomeId);
        Assert.Equal("on", states["light.living_room"].Value);
    }

    [Fact]
    public async Task Serve_refuses_a_broken_home_file_with_a_sentence_and_say_needs_a_token()
    {
        var directory = Directory.CreateTempSubdirectory("dure-bad-").FullName;
        try
        {
            var broken = Path.Combine(directory, "broken.yaml");
            await File.WriteAllTextAsync(broken, "id: x\ndevices:\n  - id: light.a\n    area: nowhere\n", Ct);

            var (exit, _, error) = await RunCliAsync(["serve", "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}",
                "--data", Path.Combine(directory, "data"), "--home", broken]);

            Assert.Equal(1, exit);
            Assert.Contains("broken.yaml", error, StringComparison.Ordinal);
            Assert.Contains("nowhere", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

            (exit, _, error) = await RunCliAsync(["say", "--server", lab.Server.BaseUrl.ToString(), "hello"]);
            Assert.Equal(2, exit);
            Assert.Contains("token", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + RawDevice.Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50, Ct);
        }
    }

    private static Process StartCli(IEnumerable<string> arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerProcess.CliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("DURE_TOKEN");
        start.Environment.Remove("Dure__Demo__DeviceToken");
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<(int Exit, string Output, string Error)> RunCliAsync(IEnumerable<string> arguments,
        Dictionary<string, string>? environment = null)
    {
        using var process = StartCli(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
