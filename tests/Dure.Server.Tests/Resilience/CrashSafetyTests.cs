using System.Text.Json;
using Dure.Protocol;
using Dure.Testing;

namespace Dure.Server.Tests.Resilience;

/// <summary>
/// Embedded mode under kill -9: speakers change the brightness of their room's light as fast as the server answers while
/// the gateway that executes the commands is offline, the server is killed mid-load, and after the restart every
/// answered turn must still be there — its state change in the home and its <c>Device.Control</c> in the gateway's
/// outbox, in order. Repeated over several crashes on the same data.
/// </summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private const int Crashes = 3;
    private const string HomeId = "crash-home";

    // Speaker, its room's light and how it asks (two in Korean, two in English).
    private static readonly (string Speaker, string Light, Func<int, string> Say)[] Rooms =
    [
        ("s1", "light.living_room", v => $"거실 불 밝기 {v}%로 해줘"),
        ("s2", "light.bedroom", v => $"침실 조명 밝기를 {v}퍼센트로 맞춰 줘"),
        ("s3", "light.kitchen", v => $"set the kitchen light brightness to {v} percent"),
        ("s4", "light.study", v => $"set the study light brightness to {v} percent"),
    ];

    private readonly string _homes = Directory.CreateTempSubdirectory("dure-crash-").FullName;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_homes, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task No_answered_state_change_or_queued_directive_is_lost_when_the_server_is_killed_under_load()
    {
        var home = WriteHome();
        await using var server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = [home] }, Ct);
        HashSet<string> acknowledged = [];
        var answeredInAll = 0;

        for (var crash = 0; crash < Crashes; crash++)
        {
            // Values of this round are distinct from the earlier rounds', so a directive redelivered from an old round shows.
            var firstValue = 1 + (crash * 30);
            using var load = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var speakers = Rooms.Select(room => SpeakAsync(server, room.Speaker, room.Say, firstValue, load.Token)).ToArray();

            // Kill once every speaker has had several answers, while they are still talking.
            await WaitUntilAsync(() => speakers.All(s => s.Progress.Answered.Count >= 3), TimeSpan.FromSeconds(90));
            await Task.Delay(Random.Shared.Next(50, 400), Ct);
            await server.StopAsync(kill: true, Ct);
            await load.CancelAsync();
            var turns = await Task.WhenAll(speakers.Select(s => s.Run));
            answeredInAll += turns.Sum(t => t.Answered.Count);

            await server.RestartAsync(kill: false, Ct);

            // State: each light holds its last answered value, or the value of the one turn in flight at the crash.
            var states = await ServerStore.StatesAsync(server.DataDirectory, HomeId);
            foreach (var (room, turn) in Rooms.Zip(turns))
            {
                var brightness = states[room.Light].Attributes["brightness"].GetInt32();
                int[] allowed = turn.InFlight is { } pending ? [turn.Answered[^1], pending] : [turn.Answered[^1]];
                Assert.True(allowed.Contains(brightness),
                    $"round {crash}: {room.Light} is at {brightness}, answered last {turn.Answered[^1]}, in flight {turn.InFlight}");
            }

            // Outbox: the gateway gets every answered turn's command, in the order the turns were answered, and none of an
            // earlier round that it acknowledged.
            await using var hub = await RawDevice.ConnectAsync(server.BaseUrl, Token("hub"), Ct);
            var controls = await ReceiveControlsAsync(hub, turns.Sum(t => t.Answered.Count));
            Assert.DoesNotContain(controls, c => acknowledged.Contains(c.Id));
            foreach (var (room, turn) in Rooms.Zip(turns))
            {
                var delivered = controls.Where(c => c.Device == room.Light).Select(c => c.Brightness).ToList();
                var answeredOrder = delivered.Where(turn.Answered.Contains).Distinct().ToList();
                Assert.Equal(turn.Answered, answeredOrder);
            }

            foreach (var control in controls)
            {
                await hub.AckAsync(control.Id, Ct);
                acknowledged.Add(control.Id);
            }

            await hub.CloseAsync(Ct); // the server reads the acknowledgements before the close frame
        }

        Assert.True(answeredInAll >= Crashes * Rooms.Length * 3, $"only {answeredInAll} turns were answered");
    }

    /// <summary>What one speaker saw: the values whose turns were answered, in order, and the one sent but not answered.</summary>
    private sealed class Turns
    {
        public List<int> Answered { get; } = [];

        public int? InFlight { get; set; }
    }

    private sealed record Speaker(Turns Progress, Task<Turns> Run);

    private Speaker SpeakAsync(ServerProcess server, string speaker, Func<int, string> say, int firstValue, CancellationToken cancellationToken)
    {
        var progress = new Turns();
        return new Speaker(progress, Run());

        async Task<Turns> Run()
        {
            try
            {
                await using var device = await RawDevice.ConnectAsync(server.BaseUrl, Token(speaker), cancellationToken);
                // 30 distinct values a round; the crash comes long before they run out.
                for (var value = firstValue; value < firstValue + 30 && !cancellationToken.IsCancellationRequested; value++)
                {
                    progress.InFlight = value;
                    var turn = await device.SayAsync(say(value), cancellationToken);
                    var speech = await device.ReceiveAsync(MessageNames.SpeechSpeak, cancellationToken, replyTo: turn);
                    lock (progress)
                    {
                        progress.Answered.Add(value);
                        progress.InFlight = null;
                    }

                    await device.AckAsync(speech.GetProperty("id").GetString()!, cancellationToken);
                    if (value == firstValue + 29)
                    {
                        // Out of values before the crash: keep the connection, stop talking.
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException or TimeoutException
                or System.Threading.Channels.ChannelClosedException)
            {
                // The server died under it: what was answered is what counts.
            }

            return progress;
        }
    }

    private sealed record Control(string Id, string Device, int Brightness);

    private static async Task<List<Control>> ReceiveControlsAsync(RawDevice hub, int atLeast)
    {
        List<Control> controls = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var batch = await hub.DrainAsync(TimeSpan.FromMilliseconds(controls.Count >= atLeast ? 500 : 1500), Ct);
            controls.AddRange(batch.Where(m => RawDevice.Name(m) == MessageNames.DeviceControl).Select(Parse));
            if (controls.Count >= atLeast && batch.Count == 0)
            {
                break;
            }
        }

        return controls;

        static Control Parse(JsonElement message)
        {
            var payload = RawDevice.Payload(message);
            var brightness = payload.TryGetProperty("params", out var parameters) && parameters.TryGetProperty("brightness", out var b) ? b.GetInt32() : -1;
            return new Control(message.GetProperty("id").GetString()!, payload.GetProperty("device").GetString()!, brightness);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the speakers did not get going");
            await Task.Delay(20, Ct);
        }
    }

    private string Token(string device) => $"{device}-{_tag}";

    private string WriteHome()
    {
        var yaml = $$"""
            id: {{HomeId}}
            name: 충돌 시험 집
            language: ko
            areas:
              - { id: living_room, names: { ko: [거실], en: [Living Room] } }
              - { id: bedroom, names: { ko: [침실], en: [Bedroom] } }
              - { id: kitchen, names: { ko: [주방], en: [Kitchen] } }
              - { id: study, names: { ko: [서재], en: [Study] } }
            devices:
              - { id: hub, domain: assist_satellite, area: living_room, gateway: true, token: {{Token("hub")}}, names: { ko: [월패드], en: [Wall Pad] } }
              - { id: s1, domain: assist_satellite, area: living_room, token: {{Token("s1")}}, names: { ko: [거실 스피커], en: [Living Room Speaker] } }
              - { id: s2, domain: assist_satellite, area: bedroom, token: {{Token("s2")}}, names: { ko: [침실 스피커], en: [Bedroom Speaker] } }
              - { id: s3, domain: assist_satellite, area: kitchen, token: {{Token("s3")}}, names: { ko: [주방 스피커], en: [Kitchen Speaker] } }
              - { id: s4, domain: assist_satellite, area: study, token: {{Token("s4")}}, names: { ko: [서재 스피커], en: [Study Speaker] } }
              - { id: light.living_room, area: living_room, names: { ko: [거실 불, 거실 조명], en: [Living Room Light] }, state: "on", attributes: { brightness: 100 } }
              - { id: light.bedroom, area: bedroom, names: { ko: [침실 조명, 침실 불], en: [Bedroom Light] }, state: "on", attributes: { brightness: 100 } }
              - { id: light.kitchen, area: kitchen, names: { ko: [주방 조명], en: [Kitchen Light] }, state: "on", attributes: { brightness: 100 } }
              - { id: light.study, area: study, names: { ko: [서재 조명], en: [Study Light] }, state: "on", attributes: { brightness: 100 } }

            """;
        var path = Path.Combine(_homes, "crash-home.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
