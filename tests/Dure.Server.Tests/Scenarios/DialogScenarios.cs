using Dure.Protocol;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// Multi-turn conversations through the real server: a missing value is asked for (with <c>Speech.ExpectSpeech</c>)
/// and the answer completes the request, a request is continued ("침실도") or corrected ("아니 25도"), an ambiguous one
/// is asked about, and "됐어" / "never mind" close the question. Each test talks through its own living-room speaker
/// <c>d1</c>...; the wall pad <c>hub</c> is the gateway that gets the commands.
/// </summary>
public sealed class DialogScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private const string Home = ScenarioHomes.Dialog;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_alarm_time_is_asked_for_and_the_answer_sets_it()
    {
        await using var korean = await Lab.ConnectAsync(Home, "d1", Ct);
        await using var english = await Lab.ConnectAsync(Home, "d2", Ct);
        var now = SeoulClock.Now;
        var day = now.TimeOfDay < TimeSpan.FromHours(7) ? ("오늘", "today") : ("내일", "tomorrow");

        Assert.Equal("몇 시로 맞출까요?", (await korean.AskedAsync("알람 맞춰줘")).Text);
        Assert.Equal($"{day.Item1} 오전 7시에 알람을 맞췄어요.", (await korean.SayAsync("일곱 시")).Text);
        await korean.AssertNoneAsync(MessageNames.SpeechExpectSpeech, TimeSpan.FromMilliseconds(300));

        Assert.Equal("What time should I set it for?", (await english.AskedAsync("set an alarm")).Text);
        Assert.Equal($"Alarm set for {day.Item2} at 7:00 AM.", (await english.SayAsync("7 am")).Text);

        var alarms = (await ServerStore.SchedulesAsync(Lab.Server.DataDirectory, Home)).Where(s => s.Kind == Dure.Skills.Services.ScheduleKind.Alarm).ToList();
        Assert.Equal(["d1", "d2"], alarms.Select(a => a.DeviceId).Order().ToArray());
        Assert.All(alarms, a => Assert.Equal(7, TimeZoneInfo.ConvertTime(a.Due, SeoulClock.Zone).Hour));
    }

    [Fact]
    public async Task Another_room_continues_the_last_request()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var korean = await Lab.ConnectAsync(Home, "d3", Ct);
        await using var english = await Lab.ConnectAsync(Home, "d4", Ct);

        Assert.Equal("거실 불을 켰어요.", (await korean.SayAsync("거실 불 켜줘")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "light.living_room", "light", "turn_on");
        Assert.Equal("침실 조명을 모두 켰어요.", (await korean.SayAsync("침실도")).Text);
        Assert.Equal(["light.bedroom", "light.bedroom_stand"], await ControlledAsync(hub, 2, "turn_on"));

        Assert.Equal("Turned off the Living Room Light.", (await english.SayAsync("turn off the living room light")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "light.living_room", "light", "turn_off");
        Assert.Equal("Turned off 2 lights in the Bedroom.", (await english.SayAsync("what about the bedroom")).Text);
        Assert.Equal(["light.bedroom", "light.bedroom_stand"], await ControlledAsync(hub, 2, "turn_off"));
    }

    [Fact]
    public async Task A_correction_replaces_the_value_of_the_last_request()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var korean = await Lab.ConnectAsync(Home, "d5", Ct);
        await using var english = await Lab.ConnectAsync(Home, "d6", Ct);

        Assert.Equal("에어컨 온도를 24도로 맞췄어요.", (await korean.SayAsync("에어컨 24도로 맞춰줘")).Text);
        Assert.Equal(24, Temperature(await hub.NextAsync(MessageNames.DeviceControl)));
        Assert.Equal("에어컨 온도를 25도로 맞췄어요.", (await korean.SayAsync("아니 25도")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "climate.air_conditioner", "climate", "set_temperature", """{"temperature":25}""");

        Assert.Equal("Set the Air Conditioner to 22 degrees.", (await english.SayAsync("set the air conditioner to 22 degrees")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "climate.air_conditioner", "climate", "set_temperature", """{"temperature":22}""");
        Assert.Equal("Set the Air Conditioner to 23 degrees.", (await english.SayAsync("no, 23")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "climate.air_conditioner", "climate", "set_temperature", """{"temperature":23}""");
        Assert.Equal(23, (await ServerStore.StatesAsync(Lab.Server.DataDirectory, Home))["climate.air_conditioner"].Number("temperature"));
    }

    [Fact]
    public async Task A_missing_temperature_is_asked_for()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "d7", Ct);

        Assert.Equal("몇 도로 맞출까요?", (await speaker.AskedAsync("에어컨 온도 맞춰줘")).Text);
        Assert.Equal("에어컨 온도를 21도로 맞췄어요.", (await speaker.SayAsync("스물한 도")).Text);
        Assert.Equal(21, Temperature(await hub.NextAsync(MessageNames.DeviceControl)));

        Assert.Equal("What temperature should I set?", (await speaker.AskedAsync("set the air conditioner temperature")).Text);
        Assert.Equal("Set the Air Conditioner to 26 degrees.", (await speaker.SayAsync("26 degrees")).Text);
        Assert.Equal(26, Temperature(await hub.NextAsync(MessageNames.DeviceControl)));
    }

    [Fact]
    public async Task When_several_devices_fit_the_assistant_asks_which_and_the_answer_picks_it()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "d8", Ct);

        var which = await speaker.AskedAsync("스탠드 켜줘");
        Assert.Equal("어느 조명을 켤까요? 침실 스탠드, 서재 스탠드 중에서 말씀해 주세요.", which.Text);
        Assert.Empty(which.Named(MessageNames.DeviceControl));
        Assert.Equal("서재 스탠드를 켰어요.", (await speaker.SayAsync("서재")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "light.study_stand", "light", "turn_on");

        Assert.Equal("Which one should I turn off: Bedroom Lamp or Study Lamp?", (await speaker.AskedAsync("turn off the lamp")).Text);
        Assert.Equal("Turned off the Bedroom Lamp.", (await speaker.SayAsync("the bedroom one")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "light.bedroom_stand", "light", "turn_off");

        // Nothing named at all is asked about too, not aimed at the speaker's room.
        Assert.Equal("무엇을 켤까요?", (await speaker.AskedAsync("켜줘")).Text);
        Assert.Equal("욕실 환풍기를 켰어요.", (await speaker.SayAsync("욕실 환풍기")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "fan.bathroom", "fan", "turn_on");
    }

    [Fact]
    public async Task Never_mind_closes_the_question_and_its_answer_no_longer_completes_anything()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "d9", Ct);

        foreach (var (ask, question, stop, cancelled) in new[]
        {
            ("알람 맞춰줘", "몇 시로 맞출까요?", "됐어", "알겠어요, 취소했어요."),
            ("에어컨 온도 맞춰줘", "몇 도로 맞출까요?", "취소", "알겠어요, 취소했어요."),
            ("set a timer", "For how long?", "never mind", "Okay, I've cancelled that."),
            ("turn on", "What should I turn on?", "cancel", "Okay, I've cancelled that."),
        })
        {
            Assert.Equal(question, (await speaker.AskedAsync(ask)).Text);
            Assert.Equal(cancelled, (await speaker.SayAsync(stop)).Text);
        }

        Assert.DoesNotContain("알람을 맞췄어요", (await speaker.SayAsync("일곱 시")).Text, StringComparison.Ordinal);
        await hub.AssertNoneAsync(MessageNames.DeviceControl, TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain(await ServerStore.SchedulesAsync(Lab.Server.DataDirectory, Home), s => s.DeviceId == "d9");
        Assert.Equal("지금은 여쭤본 게 없어요. 무엇을 도와드릴까요?", (await speaker.SayAsync("네")).Text);
        Assert.Equal("I didn't ask anything just now. What can I do for you?", (await speaker.SayAsync("yes")).Text);
    }

    /// <summary>The devices of the next <paramref name="count"/> commands the gateway gets, all with this action.</summary>
    private static async Task<string[]> ControlledAsync(Talker hub, int count, string action)
    {
        List<string> devices = [];
        for (var i = 0; i < count; i++)
        {
            var payload = RawDevice.Payload(await hub.NextAsync(MessageNames.DeviceControl));
            Assert.Equal(action, payload.GetProperty("action").GetString());
            devices.Add(payload.GetProperty("device").GetString()!);
        }

        return [.. devices.Order(StringComparer.Ordinal)];
    }

    private static double Temperature(System.Text.Json.JsonElement control)
    {
        var payload = RawDevice.Payload(control);
        Assert.Equal(("climate.air_conditioner", "set_temperature"), (payload.GetProperty("device").GetString(), payload.GetProperty("action").GetString()));
        return payload.GetProperty("params").GetProperty("temperature").GetDouble();
    }
}
