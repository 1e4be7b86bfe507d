using Dure.Protocol;
using Dure.Testing;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// Timers, alarms, reminders and a hotel wake-up call survive the server being killed: scheduled, the server is
/// killed with SIGKILL and started again on the same data, and each fires on its device after the restart. Alarms
/// and wake-up calls are set to a minute, so the test waits for the next whole minute (at most a minute).
/// </summary>
public sealed class ScheduleRestartScenarios : IAsyncLifetime
{
    private readonly string _homes = Directory.CreateTempSubdirectory("dure-restart-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_homes, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Scheduled_items_fire_on_their_devices_after_the_server_is_killed_and_restarted()
    {
        var roomToken = $"room-{Guid.NewGuid():N}";
        var hotel = Path.Combine(_homes, "hotel-room.yaml");
        await File.WriteAllTextAsync(hotel, ScenarioHomes.Sample("hotel-room.yaml", _ => roomToken, "speaker"), Ct);
        var home = TestHomes.Write(_homes);
        await using var server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = [hotel, home.Path] }, Ct);

        // The next whole minute that leaves a few seconds to ask for it.
        var now = SeoulClock.Now;
        var at = now.Date.AddHours(now.Hour).AddMinutes(now.Minute + 1);
        if (at - now < TimeSpan.FromSeconds(5))
        {
            at = at.AddMinutes(1);
        }

        var day = at.Date == now.Date ? ("오늘", "today") : ("내일", "tomorrow");
        await using (var guest = await Talker.ConnectAsync(server.BaseUrl, roomToken, Ct))
        await using (var speaker = await Talker.ConnectAsync(server.BaseUrl, home.Tokens["s1"], Ct))
        {
            Assert.Equal($"{day.Item1} {SeoulClock.Korean(at)}에 모닝콜을 해 드릴게요.", (await guest.SayAsync($"{SeoulClock.Korean(at)}에 모닝콜 해줘")).Text);
            Assert.Equal("Started a 3 second timer.", (await guest.SayAsync("set a timer for 3 seconds")).Text);
            Assert.Equal($"Alarm set for {day.Item2} at {SeoulClock.English(at)}.", (await speaker.SayAsync($"set an alarm for {SeoulClock.English(at)}")).Text);
            Assert.Equal($"{day.Item1} {SeoulClock.Korean(at)}에 알려 드릴게요.", (await speaker.SayAsync($"{SeoulClock.Korean(at)}에 병원 가라고 알려줘")).Text);
        }

        await server.RestartAsync(kill: true, Ct);

        await using var room = await Talker.ConnectAsync(server.BaseUrl, roomToken, Ct);
        await using var kitchen = await Talker.ConnectAsync(server.BaseUrl, home.Tokens["s1"], Ct);
        // What fell due while the server was down fires as it starts; the rest at its time. A slow restart may end after it.
        var untilDue = SeoulClock.At(at) - DateTimeOffset.UtcNow;
        var patience = (untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero) + TimeSpan.FromSeconds(30);

        var wakeUp = $"좋은 아침이에요. 모닝콜이에요. 지금은 {Copula(SeoulClock.Korean(at))}.";
        var roomAlerts = await AlertsAsync(room, patience, "timer", "wake_up_call");
        Expect.Alert(roomAlerts["timer"], "timer", "Your timer is done.");
        Expect.Alert(roomAlerts["wake_up_call"], "wake_up_call", wakeUp);
        Expect.Announcement(await room.NextAsync(m => RawDevice.Name(m) == MessageNames.SpeechSpeak &&
            RawDevice.Payload(m).GetProperty("text").GetString() == wakeUp), wakeUp, "ko");

        var kitchenAlerts = await AlertsAsync(kitchen, patience, "alarm", "reminder");
        Expect.Alert(kitchenAlerts["alarm"], "alarm", $"It's {SeoulClock.English(at)}. This is your alarm.");
        Expect.Alert(kitchenAlerts["reminder"], "reminder", "알려 드릴 게 있어요. 병원 가.");
        Assert.Empty(await ServerStore.SchedulesAsync(server.DataDirectory, ScenarioHomes.Hotel));
        Assert.Empty(await ServerStore.SchedulesAsync(server.DataDirectory, TestHomes.HomeId));
    }

    /// <summary>The device's next <c>Alert.Start</c> of each kind, in whatever order they come.</summary>
    private static async Task<Dictionary<string, System.Text.Json.JsonElement>> AlertsAsync(Talker device, TimeSpan patience, params string[] kinds)
    {
        var deadline = DateTime.UtcNow + patience;
        Dictionary<string, System.Text.Json.JsonElement> alerts = [];
        while (!kinds.All(alerts.ContainsKey))
        {
            var alert = await device.NextAsync(MessageNames.AlertStart, deadline - DateTime.UtcNow);
            alerts.TryAdd(RawDevice.Payload(alert).GetProperty("kind").GetString()!, alert);
        }

        return alerts;
    }

    /// <summary>"오후 3시예요", "오후 3시 21분이에요", "자정이에요".</summary>
    private static string Copula(string time) => time.EndsWith('분') || time == "자정" ? $"{time}이에요" : $"{time}예요";
}
