using System.Net.WebSockets;
using System.Text;
using Dure.Platform;
using Dure.Protocol;
using Dure.Testing;

namespace Dure.Server.Tests;

/// <summary>Turns, at-least-once delivery, the durable outbox and restarts, against the real server process.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly string _homes = Directory.CreateTempSubdirectory("dure-homes-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_homes, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Turning_on_a_light_commands_the_gateway_and_the_state_survives_kill_9()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: Ct);
        string controlId;
        await using (var wallpad = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            var turn = await wallpad.SayAsync("거실 불 켜줘", Ct, lang: "ko");

            var control = await wallpad.ReceiveAsync(MessageNames.DeviceControl, Ct);
            var payload = RawDevice.Payload(control);
            Assert.Equal("light.living_room", payload.GetProperty("device").GetString());
            Assert.Equal("light", payload.GetProperty("domain").GetString());
            Assert.Equal("turn_on", payload.GetProperty("action").GetString());
            var speech = await wallpad.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
            Assert.Equal("ko", RawDevice.Payload(speech).GetProperty("lang").GetString());

            controlId = control.GetProperty("id").GetString()!;
            await wallpad.AckAsync(controlId, Ct);
            await wallpad.AckAsync(speech.GetProperty("id").GetString()!, Ct);
            await wallpad.CloseAsync(Ct); // the server reads the acks before the close frame
        }

        await server.RestartAsync(kill: true, Ct);

        var states = await ServerStore.StatesAsync(server.DataDirectory, HomeProvisioning.DemoHomeId);
        Assert.Equal("on", states["light.living_room"].Value);
        await using var again = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct);
        // The re-activated home grain answers from the stored state, not the home file's initial "off".
        var nextTurn = await again.SayAsync("is the living room light on?", Ct, lang: "en");
        var answer = await again.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: nextTurn);
        Assert.StartsWith("Yes", RawDevice.Payload(answer).GetProperty("text").GetString(), StringComparison.Ordinal);
        var early = await again.DrainAsync(TimeSpan.FromMilliseconds(300), Ct);
        Assert.DoesNotContain(early, m => m.GetProperty("id").GetString() == controlId);
    }

    [Fact]
    public async Task A_command_for_an_offline_gateway_waits_in_the_outbox_across_a_crash()
    {
        var home = TestHomes.Write(_homes);
        await using var server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = [home.Path] }, Ct);
        await using (var speaker = await RawDevice.ConnectAsync(server.BaseUrl, home.Tokens["s1"], Ct))
        {
            var turn = await speaker.SayAsync("거실 불 켜줘", Ct);
            await speaker.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
            var forSpeaker = await speaker.DrainAsync(TimeSpan.FromMilliseconds(300), Ct);
            Assert.DoesNotContain(forSpeaker, m => RawDevice.Name(m) == MessageNames.DeviceControl); // the hub executes it
        }

        await server.RestartAsync(kill: true, Ct);

        await using var hub = await RawDevice.ConnectAsync(server.BaseUrl, home.Tokens[TestHomes.Gateway], Ct);
        var control = await hub.ReceiveAsync(MessageNames.DeviceControl, Ct);
        Assert.Equal("light.living_room", RawDevice.Payload(control).GetProperty("device").GetString());
        Assert.Equal("turn_on", RawDevice.Payload(control).GetProperty("action").GetString());
    }

    [Fact]
    public async Task Unacknowledged_directives_survive_kill_9_and_are_redelivered_in_order_until_acknowledged()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: Ct);
        string first, second;
        await using (var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            var turn1 = await device.SayAsync("하나", Ct);
            first = (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn1)).GetProperty("id").GetString()!;
            var turn2 = await device.SayAsync("둘", Ct);
            second = (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn2)).GetProperty("id").GetString()!;
        }

        await server.RestartAsync(kill: true, Ct);

        await using (var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            Assert.Equal(first, (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct)).GetProperty("id").GetString());
            Assert.Equal(second, (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct)).GetProperty("id").GetString());
            await device.AckAsync(first, Ct);
            await device.CloseAsync(Ct);
        }

        await using (var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            Assert.Equal(second, (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct)).GetProperty("id").GetString());
            await device.AckAsync(second, Ct);
            var turn3 = await device.SayAsync("셋", Ct);
            List<string?> seen = [];
            await device.ReceiveAsync(m =>
            {
                seen.Add(m.GetProperty("id").GetString());
                return m.TryGetProperty("replyTo", out var r) && r.GetString() == turn3;
            }, Ct);
            Assert.DoesNotContain(first, seen);
            await device.CloseAsync(Ct);
        }

        await using (var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            var turn4 = await device.SayAsync("넷", Ct);
            List<string?> seen = [];
            await device.ReceiveAsync(m =>
            {
                seen.Add(m.GetProperty("id").GetString());
                return m.TryGetProperty("replyTo", out var r) && r.GetString() == turn4;
            }, Ct);
            Assert.DoesNotContain(first, seen);
            Assert.DoesNotContain(second, seen);
        }
    }

    [Fact]
    public async Task Expired_directives_are_dropped_instead_of_redelivered()
    {
        var ttl = TimeSpan.FromSeconds(3);
        await using var server = await ServerProcess.StartAsync(new ServerSettings
        {
            Environment = new Dictionary<string, string> { ["Dure__Directives__SpeechTtl"] = ttl.ToString() },
        }, Ct);
        string speech;
        await using (var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            var turn = await device.SayAsync("하나", Ct);
            speech = (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn)).GetProperty("id").GetString()!;
        }

        await using (var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            // Within its time-to-live the unacknowledged reply comes again...
            Assert.Equal(speech, (await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct)).GetProperty("id").GetString());
        }

        await Task.Delay(ttl + TimeSpan.FromMilliseconds(500), Ct);

        await using (var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct))
        {
            // ...after it, never again.
            var turn = await device.SayAsync("둘", Ct);
            List<string?> seen = [];
            await device.ReceiveAsync(m =>
            {
                seen.Add(m.GetProperty("id").GetString());
                return m.TryGetProperty("replyTo", out var r) && r.GetString() == turn;
            }, Ct);
            Assert.DoesNotContain(speech, seen);
        }
    }

    [Fact]
    public async Task Commands_go_to_the_target_when_it_connects_itself_else_its_controller_else_the_gateway()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var path = Path.Combine(_homes, "routing.yaml");
        await File.WriteAllTextAsync(path, $"""
            id: routing
            areas:
              - id: bedroom
                names: [침실]
            devices:
              - id: pad
                domain: assist_satellite
                gateway: true
                token: pad-{tag}
                names: [월패드]
              - id: speaker
                domain: assist_satellite
                area: bedroom
                token: speaker-{tag}
                names: [침실 스피커]
              - id: fan.bedroom
                area: bedroom
                token: fan-{tag}
                names: [선풍기]
                state: "off"
              - id: light.desk
                area: bedroom
                controlled_by: speaker
                names: [책상 조명]
                state: "off"
              - id: light.bedroom
                area: bedroom
                names: [침실 조명]
                state: "off"
            """, Ct);
        await using var server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = [path] }, Ct);
        await using var pad = await RawDevice.ConnectAsync(server.BaseUrl, $"pad-{tag}", Ct);
        await using var speaker = await RawDevice.ConnectAsync(server.BaseUrl, $"speaker-{tag}", Ct);
        await using var fan = await RawDevice.ConnectAsync(server.BaseUrl, $"fan-{tag}", Ct);

        foreach (var (utterance, device, receiver) in new[]
        {
            ("선풍기 켜줘", "fan.bedroom", fan), ("책상 조명 켜줘", "light.desk", speaker), ("침실 조명 켜줘", "light.bedroom", pad),
        })
        {
            var turn = await speaker.SayAsync(utterance, Ct, lang: "ko");
            var control = await receiver.ReceiveAsync(MessageNames.DeviceControl, Ct); // commands go out before the answer
            await speaker.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: turn);
            Assert.Equal(device, RawDevice.Payload(control).GetProperty("device").GetString());
            Assert.Equal("turn_on", RawDevice.Payload(control).GetProperty("action").GetString());
        }

        var strays = (await pad.DrainAsync(TimeSpan.FromMilliseconds(200), Ct))
            .Concat(await fan.DrainAsync(TimeSpan.FromMilliseconds(200), Ct))
            .Where(m => RawDevice.Name(m) == MessageNames.DeviceControl);
        Assert.Empty(strays);
    }

    [Fact]
    public async Task A_newer_connection_replaces_the_older_one_which_is_closed_with_4000()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: Ct);
        await using var older = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct);
        await older.AssertStillAnswersAsync(Ct);

        await using var newer = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct);

        await older.Closed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal((WebSocketCloseStatus)ProtocolLimits.ReplacedCloseStatus, older.CloseStatus);
        await newer.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task Graceful_shutdown_closes_devices_with_going_away_and_exits_cleanly()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: Ct);
        await using var device = await RawDevice.ConnectAsync(server.BaseUrl, server.DemoToken, Ct);
        await device.AssertStillAnswersAsync(Ct);

        var exitCode = await server.StopAsync(kill: false, Ct);

        await device.Closed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, device.CloseStatus);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Gateway_state_reports_survive_kill_9_and_home_file_tokens_are_kept_only_as_hashes()
    {
        var home = TestHomes.Write(_homes);
        await using var server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = [home.Path] }, Ct);
        await using (var hub = await RawDevice.ConnectAsync(server.BaseUrl, home.Tokens[TestHomes.Gateway], Ct))
        {
            await hub.SendTextAsync("""
                {"type":"event","name":"Device.StateReport","id":"r1","payload":{"device":"light.kitchen","state":"on","attributes":{"brightness":30}}}
                """, Ct);
            // A speaker may not report for a light it does not control.
            await using var speaker = await RawDevice.ConnectAsync(server.BaseUrl, home.Tokens["s1"], Ct);
            await speaker.SendTextAsync("""
                {"type":"event","name":"Device.StateReport","id":"r2","payload":{"device":"light.living_room","state":"on"}}
                """, Ct);
            var error = await speaker.ReceiveAsync(MessageNames.SystemError, Ct);
            Assert.Equal(ErrorCodes.UnknownDevice, RawDevice.Payload(error).GetProperty("code").GetString());
            Assert.Equal("r2", error.GetProperty("replyTo").GetString());
            await hub.AssertStillAnswersAsync(Ct); // the report before it has been handled by now
        }

        await server.StopAsync(kill: true, Ct);

        // Read straight from the files the killed process left behind.
        var states = await ServerStore.StatesAsync(server.DataDirectory, TestHomes.HomeId);
        Assert.Equal("on", states["light.kitchen"].Value);
        Assert.Equal(30, states["light.kitchen"].Number("brightness"));
        Assert.False(states.ContainsKey("light.living_room"));
        var stored = await ServerStore.HomeAsync(server.DataDirectory, TestHomes.HomeId);
        Assert.NotNull(stored);
        var bytes = Directory.GetFiles(server.DataDirectory).Select(File.ReadAllBytes).SelectMany(b => b).ToArray();
        foreach (var token in home.Tokens.Values)
        {
            Assert.DoesNotContain(token, stored.Layout, StringComparison.Ordinal);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)));
        }
    }
}
