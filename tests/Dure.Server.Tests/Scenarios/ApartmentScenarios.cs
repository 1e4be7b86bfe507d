using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dure.Protocol;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// The AI apartment through the real server: the elevator, energy from meter readings, parcels, visitors and
/// parking from the complex's events, the management office's notices (partner API), and the gas valve and door
/// lock, whose opening waits for a spoken yes. The wall pad (<c>hub</c>) is the home-network gateway; people talk
/// to kitchen speakers <c>a1</c>... (one per test).
/// </summary>
public sealed class ApartmentScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private const string Home = ScenarioHomes.Apartment;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_elevator_is_called_through_the_gateway_and_its_arrival_is_announced_to_the_caller()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var korean = await Lab.ConnectAsync(Home, "a1", Ct);
        await using var english = await Lab.ConnectAsync(Home, "a2", Ct);

        Assert.Equal("내려가는 엘리베이터를 불렀어요.", (await korean.SayAsync("내려가는 엘리베이터 불러줘")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "elevator", "elevator", "call", """{"direction":"down"}""");
        await hub.ReportAsync(HomeEventTypes.ElevatorArrived, """{"floor":7}""");
        Expect.Announcement(await korean.NextAsync(MessageNames.SpeechSpeak), "엘리베이터가 7층에 도착했어요.", "ko");

        Assert.Equal("I've called the elevator.", (await english.SayAsync("call the elevator")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "elevator", "elevator", "call");
        await hub.ReportAsync(HomeEventTypes.ElevatorArrived, """{"floor":12}""");
        Expect.Announcement(await english.NextAsync(MessageNames.SpeechSpeak), "The elevator has arrived at floor 12.", "en");

        // Only the device that called it last hears the arrival.
        await korean.AssertNoneAsync(MessageNames.SpeechSpeak, Quiet);
    }

    [Fact]
    public async Task Energy_usage_is_the_difference_of_the_gateways_meter_readings_compared_with_last_month()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "a3", Ct);
        var now = SeoulClock.Now;
        var monthStart = new DateTime(now.Year, now.Month, 1);
        var justBefore = now.AddSeconds(-1);
        foreach (var (at, value) in new[]
        {
            (monthStart.AddMonths(-1), 10_000), (justBefore.AddMonths(-1), 10_278), (monthStart, 10_300), (justBefore, 10_545),
        })
        {
            await hub.ReportAsync(HomeEventTypes.MeterReading, $$"""{"utility":"electricity","value":{{value}},"unit":"kWh"}""", SeoulClock.At(at));
        }

        await hub.SyncAsync();

        // 245 kWh so far this month against 278 kWh by the same moment of last month.
        Assert.Equal("이번 달 전기는 245kWh 썼어요, 지난달보다 12% 적어요.", (await speaker.SayAsync("이번 달 전기 얼마나 썼어?")).Text);
        Assert.Equal("지난달 전기는 278kWh 썼어요.", (await speaker.SayAsync("지난달 전기 사용량 알려줘")).Text);
        Assert.Equal("이번 달 수도 검침 기록이 아직 없어요.", (await speaker.SayAsync("이번 달 수도 얼마나 썼어?")).Text);
        Assert.Equal("You used 245 kWh of electricity this month, 12% less than last month.",
            (await speaker.SayAsync("how much electricity did we use this month?")).Text);
    }

    [Fact]
    public async Task Parcels_visitors_and_the_parking_spot_come_from_the_complexs_events()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "a4", Ct);
        Assert.Equal("새로 온 택배는 없어요.", (await speaker.SayAsync("택배 왔어?")).Text);
        Assert.Equal("No one has visited.", (await speaker.SayAsync("any visitors today?")).Text);

        var at = SeoulClock.Now;
        at = at.AddSeconds(-at.Second).AddMilliseconds(-at.Millisecond);
        await hub.ReportAsync(HomeEventTypes.ParcelArrived, """{"carrier":"CJ대한통운"}""", SeoulClock.At(at));
        await hub.ReportAsync(HomeEventTypes.VisitorArrived, "{}", SeoulClock.At(at));
        await hub.ReportAsync(HomeEventTypes.ParkingUpdated, """{"location":"지하 2층 B-15"}""");
        await hub.SyncAsync();

        Assert.Equal($"택배가 1개 와 있어요. 마지막 택배는 오늘 {SeoulClock.Korean(at)}에 왔어요.", (await speaker.SayAsync("택배 왔어?")).Text);
        Assert.Equal($"방문자는 1명이었어요. 마지막 방문은 오늘 {SeoulClock.Korean(at)}에 있었어요.", (await speaker.SayAsync("오늘 방문자 있었어?")).Text);
        Assert.Equal("차는 지하 2층 B-15에 주차되어 있어요.", (await speaker.SayAsync("내 차 어디 주차했어?")).Text);
        Assert.Equal($"1 package has arrived; the last one today at {SeoulClock.English(at)}.", (await speaker.SayAsync("did I get any packages?")).Text);
        Assert.Equal($"1 visitor; the last one came today at {SeoulClock.English(at)}.", (await speaker.SayAsync("any visitors today?")).Text);

        await hub.ReportAsync(HomeEventTypes.ParkingUpdated, """{"location":"B2-15"}""");
        await hub.SyncAsync();
        Assert.Equal("Your car is parked at B2-15.", (await speaker.SayAsync("where did I park?")).Text);
    }

    [Fact]
    public async Task Closing_the_gas_valve_happens_at_once_and_opening_it_waits_for_a_spoken_yes()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "a5", Ct);
        await ReportStateAsync(hub, "valve.gas", "open");

        var closed = await speaker.SayAsync("가스 밸브 잠가줘");
        Assert.Equal("가스 밸브를 잠갔어요.", closed.Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "valve.gas", "valve", "close_valve");
        await speaker.AssertNoneAsync(MessageNames.SpeechExpectSpeech, TimeSpan.FromMilliseconds(300)); // nothing was asked

        // Refused: nothing is sent and the valve stays closed.
        var asked = await speaker.AskedAsync("가스 밸브 열어줘");
        Assert.Equal("가스 밸브를 열까요?", asked.Text);
        Assert.Equal("알겠어요, 취소했어요.", (await speaker.SayAsync("아니")).Text);
        await hub.AssertNoneAsync(MessageNames.DeviceControl, Quiet);
        Assert.Equal("closed", await StoredStateAsync("valve.gas"));
        Assert.Equal("네, 가스 밸브는 잠겨 있어요.", (await speaker.SayAsync("가스 밸브 잠겨 있어?")).Text);

        // A later yes answers nothing: the question was closed by the no.
        Assert.Equal("지금은 여쭤본 게 없어요. 무엇을 도와드릴까요?", (await speaker.SayAsync("응")).Text);
        await hub.AssertNoneAsync(MessageNames.DeviceControl, Quiet);

        // Confirmed: the valve opens.
        Assert.Equal("가스 밸브를 열까요?", (await speaker.AskedAsync("가스 밸브 열어줘")).Text);
        Assert.Equal("가스 밸브를 열었어요.", (await speaker.SayAsync("응")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "valve.gas", "valve", "open_valve");
        Assert.Equal("open", await StoredStateAsync("valve.gas"));
    }

    [Fact]
    public async Task Unlocking_the_door_refused_in_English_leaves_it_locked()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "a6", Ct);
        await ReportStateAsync(hub, "lock.front_door", "locked");

        Assert.Equal("Should I unlock the Front Door?", (await speaker.AskedAsync("unlock the front door")).Text);
        Assert.Equal("Okay, I've cancelled that.", (await speaker.SayAsync("no")).Text);
        await hub.AssertNoneAsync(MessageNames.DeviceControl, Quiet);
        Assert.Equal("locked", await StoredStateAsync("lock.front_door"));
        Assert.Equal("Yes, the Front Door is locked.", (await speaker.SayAsync("is the front door locked?")).Text);

        Assert.Equal("Should I unlock the Front Door?", (await speaker.AskedAsync("unlock the front door")).Text);
        Assert.Equal("Unlocked the Front Door.", (await speaker.SayAsync("yes")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "lock.front_door", "lock", "unlock");

        // Locking again needs no yes.
        Assert.Equal("Locked the Front Door.", (await speaker.SayAsync("lock the front door")).Text);
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "lock.front_door", "lock", "lock");
        Assert.Equal("locked", await StoredStateAsync("lock.front_door"));
    }

    [Fact]
    public async Task Opening_the_gas_valve_part_way_waits_for_a_yes_too()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "a7", Ct);
        await ReportStateAsync(hub, "valve.gas", "closed");

        Assert.Equal("가스 밸브를 50% 열까요?", (await speaker.AskedAsync("가스 밸브 50% 열어줘")).Text);
        Assert.Equal("알겠어요, 취소했어요.", (await speaker.SayAsync("아니요")).Text);
        Assert.Equal("Should I open the Gas Valve to 50%?", (await speaker.AskedAsync("open the gas valve halfway")).Text);
        Assert.Equal("Okay, I've cancelled that.", (await speaker.SayAsync("no")).Text);

        await hub.AssertNoneAsync(MessageNames.DeviceControl, Quiet);
        Assert.Equal("closed", await StoredStateAsync("valve.gas"));
    }

    [Fact]
    public async Task A_notice_the_partner_publishes_is_announced_on_the_homes_devices_and_read_back_on_request()
    {
        await using var hub = await Lab.ConnectGatewayAsync(Home, Ct);
        await using var speaker = await Lab.ConnectAsync(Home, "a8", Ct);
        await speaker.SyncAsync(); // a talking device of the home from now on
        using var office = Lab.Partner(ScenarioHomes.ApartmentTenant);

        using var published = await office.PostAsJsonAsync($"/v1/homes/{Home}/notices",
            new { title = "엘리베이터 점검", body = "내일 오전 10시부터 2시간 동안 1호기를 점검해요.", lang = "ko" }, Ct);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var notice = await published.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"/v1/homes/{Home}/notices/{notice.GetProperty("id").GetString()}", published.Headers.Location?.OriginalString);
        Assert.Equal((Home, "엘리베이터 점검", "ko"),
            (notice.GetProperty("homeId").GetString(), notice.GetProperty("title").GetString(), notice.GetProperty("lang").GetString()));

        Expect.Announcement(await speaker.NextAsync(MessageNames.SpeechSpeak), "관리사무소 공지가 있어요: 엘리베이터 점검", "ko");
        Expect.Announcement(await hub.NextAsync(MessageNames.SpeechSpeak), "관리사무소 공지가 있어요: 엘리베이터 점검", "ko");
        Assert.Equal("공지가 1건 있어요. 가장 최근 공지는 '엘리베이터 점검'이에요. 내일 오전 10시부터 2시간 동안 1호기를 점검해요.",
            (await speaker.SayAsync("관리사무소 공지 알려줘")).Text);

        using var english = await office.PostAsJsonAsync($"/v1/homes/{Home}/notices",
            new { title = "Water outage", body = "Water is off on Friday from 1 to 3 PM.", lang = "en" }, Ct);
        Assert.Equal(HttpStatusCode.Created, english.StatusCode);
        Expect.Announcement(await speaker.NextAsync(MessageNames.SpeechSpeak), "A notice from the management office: Water outage", "en");
        Assert.Equal("There are 2 notices. The latest is \"Water outage\": Water is off on Friday from 1 to 3 PM.",
            (await speaker.SayAsync("any notices from the management office?")).Text);

        var listed = await office.GetFromJsonAsync<JsonElement>($"/v1/homes/{Home}/notices", Ct);
        Assert.Equal(["Water outage", "엘리베이터 점검"],
            listed.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("title").GetString()).ToArray());

        // Another tenant cannot publish to this home or read its notices: for it the home does not exist.
        using var stranger = Lab.Partner(ScenarioHomes.HotelTenant);
        using var refused = await stranger.PostAsJsonAsync($"/v1/homes/{Home}/notices", new { title = "광고", body = "", lang = "ko" }, Ct);
        await ProblemJson.AssertAsync(refused, HttpStatusCode.NotFound, "not_found");
        using var hidden = await stranger.GetAsync($"/v1/homes/{Home}/notices", Ct);
        await ProblemJson.AssertAsync(hidden, HttpStatusCode.NotFound, "not_found");
        await speaker.AssertNoneAsync(MessageNames.SpeechSpeak, Quiet);
    }

    /// <summary>The state in the server's database; a device whose state never changed has none there and is as its home file says.</summary>
    private async Task<string> StoredStateAsync(string device) =>
        (await ServerStore.StatesAsync(Lab.Server.DataDirectory, Home)).GetValueOrDefault(device)?.Value
            ?? (device == "lock.front_door" ? "locked" : "open");

    /// <summary>Sets a device's state as the gateway reports it, and waits until the home has it.</summary>
    private static async Task ReportStateAsync(Talker hub, string device, string state)
    {
        await hub.SendAsync($$$"""{"type":"event","name":"Device.StateReport","id":"{{{Envelope.NewId()}}}","payload":{"device":"{{{device}}}","state":"{{{state}}}"}}""");
        await hub.SyncAsync();
    }
}
