using Dure.Protocol;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// The truck of samples/homes/truck.yaml through the real server: the driver's app is the talking device and reports
/// its position and driving with <c>Home.Event vehicle.driving</c>. Navigation to places of the embedded gazetteer,
/// the arrival time, nearby rest areas, gas stations and chargers with an offer to go there, the rest reminder after
/// continuous driving (three seconds on the scenario server), and calls and messages.
/// </summary>
public sealed class VehicleScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private const string Truck = ScenarioHomes.Truck;
    private const string App = "driver-app";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Navigation_starts_tells_the_arrival_time_and_stops_in_korean()
    {
        await using var app = await ParkedAtSuwonAsync();

        var start = await app.SayAsync("부산항으로 안내해줘");
        Assert.Equal("부산항까지 안내를 시작할게요. 약 391km, 5시간 35분 걸려요.", start.Text);
        Expect.Directive(Assert.Single(start.Before), MessageNames.NavigationStart,
            """{"destination":"부산항","latitude":35.104,"longitude":129.042,"distanceKm":390.7,"etaMinutes":335}""");

        var before = SeoulClock.Now;
        var eta = await app.SayAsync("언제 도착해?");
        var after = SeoulClock.Now;
        Assert.Contains(eta.Text, new[] { before, after }.Select(t => $"부산항까지 약 5시간 35분 남았어요. {SeoulClock.Korean(t.AddMinutes(335))}쯤 도착해요."));

        var stop = await app.SayAsync("안내 종료");
        Assert.Equal("길 안내를 종료했어요.", stop.Text);
        Expect.Directive(Assert.Single(stop.Before), MessageNames.NavigationStop, "{}");
        Assert.Equal("지금은 안내 중인 목적지가 없어요.", (await app.SayAsync("언제 도착해?")).Text);
    }

    [Fact]
    public async Task Navigation_starts_tells_the_arrival_time_and_stops_in_english()
    {
        await using var app = await ParkedAtSuwonAsync();

        var start = await app.SayAsync("navigate to incheon airport");
        Assert.Equal("Starting navigation to Incheon International Airport: about 73 km, 1 hour 3 minutes.", start.Text);
        Expect.Directive(Assert.Single(start.Before), MessageNames.NavigationStart,
            """{"destination":"Incheon International Airport","latitude":37.4602,"longitude":126.4407,"distanceKm":73.3,"etaMinutes":63}""");

        var before = SeoulClock.Now;
        var eta = await app.SayAsync("when will we arrive");
        var after = SeoulClock.Now;
        Assert.Contains(eta.Text, new[] { before, after }.Select(t =>
            $"About 1 hour 3 minutes to Incheon International Airport; you'll arrive around {SeoulClock.English(t.AddMinutes(63))}."));

        var stop = await app.SayAsync("cancel navigation");
        Assert.Equal("Navigation stopped.", stop.Text);
        Expect.Directive(Assert.Single(stop.Before), MessageNames.NavigationStop, "{}");
    }

    [Fact]
    public async Task A_nearby_rest_area_is_offered_and_yes_navigates_there_while_no_does_nothing()
    {
        await using var app = await ParkedAtSuwonAsync();

        var offer = await app.AskedAsync("근처 휴게소 찾아줘");
        Assert.Equal("가장 가까운 휴게소는 기흥휴게소로, 약 8km 떨어져 있어요. 안내할까요?", offer.Text);
        Assert.Empty(offer.Named(MessageNames.NavigationStart));
        var yes = await app.SayAsync("응");
        Assert.Equal("기흥휴게소까지 안내를 시작할게요. 약 10km, 9분 걸려요.", yes.Text);
        Expect.Directive(Assert.Single(yes.Before), MessageNames.NavigationStart,
            """{"destination":"기흥휴게소","latitude":37.225,"longitude":127.105,"distanceKm":10.4,"etaMinutes":9}""");

        Assert.Equal("가장 가까운 전기차 충전소는 안성휴게소 전기차 충전소로, 약 26km 떨어져 있어요. 안내할까요?",
            (await app.AskedAsync("근처 전기차 충전소 찾아줘")).Text);
        Assert.Equal("알겠어요, 취소했어요.", (await app.SayAsync("아니")).Text);

        Assert.Equal("The nearest gas station is Giheung Rest Area Gas Station, about 8 km away. Shall I navigate there?",
            (await app.AskedAsync("find a gas station nearby")).Text);
        var no = await app.SayAsync("no");
        Assert.Equal("Okay, I've cancelled that.", no.Text);
        Assert.Empty(no.Named(MessageNames.NavigationStart));
        await app.AssertNoneAsync(MessageNames.NavigationStart, TimeSpan.FromMilliseconds(500));
        await app.SayAsync("안내 종료");
    }

    [Fact]
    public async Task After_continuous_driving_the_driver_is_reminded_to_rest_in_the_language_last_spoken()
    {
        await using var app = await ParkedAtSuwonAsync();
        var within = ScenarioServer.RestAfter + TimeSpan.FromSeconds(10);

        await app.SyncAsync(); // says something in Korean
        await app.ReportAsync(HomeEventTypes.VehicleDriving, """{"driving":true}""");
        Expect.Alert(await app.NextAsync(MessageNames.AlertStart, within), "rest_reminder", "3초 넘게 운전하셨어요. 가까운 휴게소에서 쉬어 가세요.");
        Expect.Announcement(await app.NextAsync(MessageNames.SpeechSpeak), "3초 넘게 운전하셨어요. 가까운 휴게소에서 쉬어 가세요.", "ko");
        await app.ReportAsync(HomeEventTypes.VehicleDriving, """{"driving":false}""");

        await app.SayAsync("hello");
        await app.ReportAsync(HomeEventTypes.VehicleDriving, """{"driving":true}""");
        var english = "You've been driving for over 3 seconds. Please take a break at a nearby rest area.";
        Expect.Alert(await app.NextAsync(MessageNames.AlertStart, within), "rest_reminder", english);
        Expect.Announcement(await app.NextAsync(MessageNames.SpeechSpeak), english, "en");
        await app.ReportAsync(HomeEventTypes.VehicleDriving, """{"driving":false}""");
    }

    [Fact]
    public async Task Stopping_before_the_rest_is_due_cancels_the_reminder()
    {
        await using var app = await ParkedAtSuwonAsync();

        await app.ReportAsync(HomeEventTypes.VehicleDriving, """{"driving":true,"latitude":37.3,"longitude":127.05}""");
        await app.ReportAsync(HomeEventTypes.VehicleDriving, """{"driving":false}""");
        await app.SyncAsync();

        await app.AssertNoneAsync(MessageNames.AlertStart, ScenarioServer.RestAfter + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await ServerStore.SchedulesAsync(Lab.Server.DataDirectory, Truck), s => s.Kind == Dure.Skills.Services.ScheduleKind.RestReminder);
        var state = (await ServerStore.StatesAsync(Lab.Server.DataDirectory, Truck))[App];
        Assert.Equal((37.3, 127.05), (state.Number("latitude"), state.Number("longitude")));
    }

    [Fact]
    public async Task Calls_and_messages_become_phone_directives_and_missing_parts_are_asked_for()
    {
        await using var app = await ParkedAtSuwonAsync();

        var call = await app.SayAsync("엄마한테 전화해줘");
        Assert.Equal("엄마에게 전화를 걸게요.", call.Text);
        Expect.Directive(Assert.Single(call.Before), MessageNames.PhoneCall, """{"contact":"엄마"}""");
        var english = await app.SayAsync("call mom");
        Assert.Equal("Calling mom.", english.Text);
        Expect.Directive(Assert.Single(english.Before), MessageNames.PhoneCall, """{"contact":"mom"}""");

        Assert.Equal("누구에게 보낼까요?", (await app.AskedAsync("문자 보내줘")).Text);
        Assert.Equal("어떤 내용을 보낼까요?", (await app.AskedAsync("아내")).Text);
        var sent = await app.SayAsync("곧 도착해");
        Assert.Equal("아내에게 '곧 도착해'라고 보낼게요.", sent.Text);
        Expect.Directive(Assert.Single(sent.Before), MessageNames.PhoneSendMessage, """{"contact":"아내","message":"곧 도착해"}""");

        var text = await app.SayAsync("text my wife that I'm almost there");
        Assert.Equal("Sending \"I'm almost there\" to wife.", text.Text);
        Expect.Directive(Assert.Single(text.Before), MessageNames.PhoneSendMessage, """{"contact":"wife","message":"I'm almost there"}""");

        Assert.Equal("Who should I call?", (await app.AskedAsync("make a phone call")).Text);
        var dispatcher = await app.SayAsync("the dispatcher");
        Assert.Equal("Calling dispatcher.", dispatcher.Text);
        Expect.Directive(Assert.Single(dispatcher.Before), MessageNames.PhoneCall, """{"contact":"dispatcher"}""");
    }

    /// <summary>The driver's app, with the truck standing at its depot in Suwon, so distances and times are known.</summary>
    private async Task<Talker> ParkedAtSuwonAsync()
    {
        var app = await Lab.ConnectGatewayAsync(Truck, Ct, App);
        await app.ReportAsync(HomeEventTypes.VehicleDriving, """{"driving":false,"latitude":37.2636,"longitude":127.0286}""");
        await app.SyncAsync();
        return app;
    }
}
