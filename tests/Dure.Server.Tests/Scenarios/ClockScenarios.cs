using Dure.Protocol;
using Dure.Skills.Services;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// The clock, timers, alarms and reminders through the real server. Timers of a few seconds really fire: the device
/// gets <c>Alert.Start</c> and the spoken announcement, or, for "3초 뒤에 거실 불 켜줘", the command runs as its turn.
/// Alarms and reminders are checked where the scheduler keeps them (ScheduleRestartScenarios lets them ring).
/// Kitchen speakers <c>c1</c>...; the wall pad <c>hub</c> is the gateway.
/// </summary>
public sealed class ClockScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private const string Home = ScenarioHomes.Clock;
    private static readonly TimeSpan FireWithin = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_timer_asked_for_without_a_length_is_started_by_the_answer_and_fires_on_the_device()
    {
        await using var korean = await Lab.ConnectAsync(Home, "c1", Ct);
        await using var english = await Lab.ConnectAsync(Home, "c2", Ct);

        Assert.Equal("몇 분으로 맞출까요?", (await korean.AskedAsync("타이머 맞춰줘")).Text);
        Assert.Equal("2초 타이머를 시작했어요.", (await korean.SayAsync("2초")).Text);
        Assert.Equal("For how long?", (await english.AskedAsync("set a timer")).Text);
        Assert.Equal("Started a 3 second timer.", (await english.SayAsync("3 seconds")).Text);

        Expect.Alert(await korean.NextAsync(MessageNames.AlertStart, FireWithin), "timer", "타이머가 끝났어요.");
        Expect.Announcement(await korean.NextAsync(MessageNames.SpeechSpeak), "타이머가 끝났어요.", "ko");
        Expect.Alert(await english.NextAsync(MessageNames.AlertStart, FireWithin), "timer", "Your timer is done.");
        Expect.Announcement(await english.NextAsync(MessageNames.SpeechSpeak), "Your timer is done.", "en");
        Assert.DoesNotContain(await ServerStore.SchedulesAsync(Lab.Server.DataDirectory, Home), s => s.DeviceId is "c1" or "c2");
    }

    [Fact]
    public async Task A_named_timer_tells_how_long_is_left_and_is_cancelled_by_name()
    {
        await using var korean = await Lab.ConnectAsync(Home, "c3", Ct);
        await using var english = await Lab.ConnectAsync(Home, "c4", Ct);

        Assert.Equal("라면 타이머 5분을 시작했어요.", (await korean.SayAsync("라면 타이머 5분 맞춰줘")).Text);
        Assert.Matches("^라면 타이머가 (5분|4분 [0-9]+초) 남았어요\\.$", (await korean.SayAsync("라면 타이머 얼마나 남았어?")).Text);
        Assert.Equal("라면 타이머를 잠시 멈췄어요.", (await korean.SayAsync("라면 타이머 일시정지")).Text);
        Assert.Matches("^라면 타이머는 멈춰 있고, (5분|4분 [0-9]+초) 남았어요\\.$", (await korean.SayAsync("라면 타이머 얼마나 남았어?")).Text);
        Assert.Equal("라면 타이머를 취소했어요.", (await korean.SayAsync("라면 타이머 취소해줘")).Text);
        Assert.Equal("진행 중인 타이머가 없어요.", (await korean.SayAsync("타이머 얼마나 남았어?")).Text);

        Assert.Equal("Started a 10 minute pasta timer.", (await english.SayAsync("set a pasta timer for 10 minutes")).Text);
        Assert.Matches("^The pasta timer has (10 minutes|9 minutes [0-9]+ seconds?) left\\.$",
            (await english.SayAsync("how much time is left on the pasta timer")).Text);
        Assert.Equal("Cancelled the pasta timer.", (await english.SayAsync("cancel the pasta timer")).Text);
        Assert.Equal("There are no timers running.", (await english.SayAsync("how much time is left on my timer")).Text);
        Assert.DoesNotContain(await ServerStore.SchedulesAsync(Lab.Server.DataDirectory, Home), s => s.DeviceId is "c3" or "c4");
    }

    [Fact]
    public async Task A_command_said_with_a_delay_is_carried_out_when_its_timer_falls_due()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var korean = await Lab.ConnectAsync(Home, "c5", Ct);
        await using var english = await Lab.ConnectAsync(Home, "c6", Ct);

        var later = await korean.SayAsync("2초 뒤에 거실 불 켜줘");
        Assert.Equal("2초 뒤에 할게요.", later.Text);
        Assert.Empty(later.Named(MessageNames.DeviceControl));
        Assert.Equal("I'll do that in 3 seconds.", (await english.SayAsync("in 3 seconds turn on the kitchen light")).Text);

        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl, FireWithin), "light.living_room", "light", "turn_on");
        Expect.Announcement(await korean.NextAsync(MessageNames.SpeechSpeak, FireWithin), "거실 불을 켰어요.", "ko");
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl, FireWithin), "light.kitchen", "light", "turn_on");
        Expect.Announcement(await english.NextAsync(MessageNames.SpeechSpeak, FireWithin), "Turned on the Kitchen Light.", "en");
    }

    [Fact]
    public async Task Alarms_and_reminders_are_scheduled_for_the_time_said()
    {
        await using var korean = await Lab.ConnectAsync(Home, "c7", Ct);
        await using var english = await Lab.ConnectAsync(Home, "c8", Ct);
        var tomorrow = SeoulClock.Now.Date.AddDays(1);

        Assert.Equal("내일 오전 7시에 알람을 맞췄어요.", (await korean.SayAsync("내일 아침 7시에 깨워줘")).Text);
        Assert.Equal("내일 오후 3시에 알려 드릴게요.", (await korean.SayAsync("내일 오후 3시에 병원 가라고 알려줘")).Text);
        Assert.Equal("Alarm set for tomorrow at 6:30 AM.", (await english.SayAsync("wake me up at 6:30 am tomorrow")).Text);
        Assert.Equal("I'll remind you tomorrow at 6:00 PM.", (await english.SayAsync("remind me to call mom tomorrow at 6 pm")).Text);
        Assert.Equal("무엇을 알려 드릴까요?", (await korean.AskedAsync("알림 설정해줘")).Text);
        Assert.Equal("알겠어요, 취소했어요.", (await korean.SayAsync("됐어")).Text);

        var items = await ServerStore.SchedulesAsync(Lab.Server.DataDirectory, Home);
        (ScheduleKind, string, DateTimeOffset, string, string?)[] expected =
        [
            (ScheduleKind.Alarm, "c7", SeoulClock.At(tomorrow.AddHours(7)), "오전 7시 알람이에요.", null),
            (ScheduleKind.Reminder, "c7", SeoulClock.At(tomorrow.AddHours(15)), "알려 드릴 게 있어요. 병원 가.", "병원 가"),
            (ScheduleKind.Alarm, "c8", SeoulClock.At(tomorrow.AddHours(6.5)), "It's 6:30 AM. This is your alarm.", null),
            (ScheduleKind.Reminder, "c8", SeoulClock.At(tomorrow.AddHours(18)), "Here's your reminder: call mom.", "call mom"),
        ];
        Assert.Equal(expected.OrderBy(e => e.Item3),
            items.Where(i => i.DeviceId is "c7" or "c8").Select(i => (i.Kind, i.DeviceId, i.Due, i.Announcement, i.Message)).OrderBy(e => e.Due));
    }

    [Fact]
    public async Task The_time_and_date_are_those_of_the_home()
    {
        await using var speaker = await Lab.ConnectAsync(Home, "c9", Ct);

        var before = SeoulClock.Now;
        var korean = (await speaker.SayAsync("지금 몇 시야?")).Text;
        var english = (await speaker.SayAsync("what time is it")).Text;
        var after = SeoulClock.Now;
        Assert.Contains(korean, new[] { before, after }.Select(t => $"지금은 {Josa(SeoulClock.Korean(t))}."));
        Assert.Contains(english, new[] { before, after }.Select(t => $"It's {SeoulClock.English(t)}."));

        string[] days = ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"];
        var today = SeoulClock.Now;
        Assert.Equal($"오늘은 {today.Month}월 {today.Day}일 {days[(int)today.DayOfWeek]}이에요.", (await speaker.SayAsync("오늘 며칠이야?")).Text);
        Assert.Equal($"Today is {today.ToString("dddd, MMMM d", System.Globalization.CultureInfo.InvariantCulture)}.",
            (await speaker.SayAsync("what's the date today?")).Text);
    }

    /// <summary>"오후 3시예요", "오후 3시 20분이에요": 시 ends in a vowel, 분 in a consonant.</summary>
    private static string Josa(string time) => time.EndsWith('분') || time == "자정" ? $"{time}이에요" : $"{time}예요";
}
