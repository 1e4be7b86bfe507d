using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dure.Protocol;
using Dure.Skills.Services;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// The AI hotel through the real server, with the room of samples/homes/hotel-room.yaml: requests become tickets the
/// front desk lists, accepts and completes through the partner API (the guest hears when one is on its way), wake-up
/// calls, and answers from the property's profile and FAQ. The room speaker is the only talking device.
/// </summary>
public sealed class HotelScenarios(ScenarioServer lab) : ScenarioTests(lab)
{
    private const string Room = ScenarioHomes.Hotel;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_amenity_request_is_a_ticket_the_front_desk_accepts_and_completes_and_the_guest_hears_it_is_on_its_way()
    {
        await using var guest = await Lab.ConnectAsync(Room, "speaker", Ct);
        using var desk = Lab.Partner(ScenarioHomes.HotelTenant);

        Assert.Equal("수건 2개를 요청했어요. 준비되면 알려 드릴게요.", (await guest.SayAsync("수건 두 장 가져다 주세요")).Text);
        var ticket = await OpenTicketAsync(desk, t => t.GetProperty("item").GetString() == "수건");
        Assert.Equal(("amenity", 2, Room, "speaker", "ko"), (ticket.GetProperty("kind").GetString(), ticket.GetProperty("quantity").GetInt32(),
            ticket.GetProperty("homeId").GetString(), ticket.GetProperty("deviceId").GetString(), ticket.GetProperty("language").GetString()));
        var id = ticket.GetProperty("id").GetString()!;

        var accepted = await PostAsync(desk, $"/v1/tickets/{id}/accept");
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, accepted.GetProperty("acceptedAt").ValueKind);
        Expect.Announcement(await guest.NextAsync(MessageNames.SpeechSpeak), "요청하신 수건 2개가 곧 도착해요.", "ko");

        // Accepting again changes nothing and says nothing.
        Assert.Equal("accepted", (await PostAsync(desk, $"/v1/tickets/{id}/accept")).GetProperty("status").GetString());
        await guest.AssertNoneAsync(MessageNames.SpeechSpeak, Quiet);

        var completed = await PostAsync(desk, $"/v1/tickets/{id}/complete");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.DoesNotContain(await ListAsync(desk, ""), t => t.GetProperty("id").GetString() == id); // open and accepted by default
        Assert.Contains(await ListAsync(desk, "?status=completed"), t => t.GetProperty("id").GetString() == id);
        using var late = await desk.PostAsync($"/v1/tickets/{id}/accept", null, Ct);
        await ProblemJson.AssertAsync(late, HttpStatusCode.Conflict, "conflict");

        Assert.Equal("I've asked for 2 pillows. I'll let you know when it's on its way.", (await guest.SayAsync("bring me two pillows please")).Text);
        var pillows = await OpenTicketAsync(desk, t => t.GetProperty("item").GetString() == "pillows");
        Assert.Equal(("amenity", 2, "en"), (pillows.GetProperty("kind").GetString(), pillows.GetProperty("quantity").GetInt32(),
            pillows.GetProperty("language").GetString()));
        await PostAsync(desk, $"/v1/tickets/{pillows.GetProperty("id").GetString()}/accept");
        Expect.Announcement(await guest.NextAsync(MessageNames.SpeechSpeak), "Your request for 2 pillows is on its way.", "en");
        await PostAsync(desk, $"/v1/tickets/{pillows.GetProperty("id").GetString()}/complete");
    }

    [Fact]
    public async Task Another_tenants_key_sees_none_of_the_hotels_tickets_and_cannot_change_them()
    {
        await using var guest = await Lab.ConnectAsync(Room, "speaker", Ct);
        using var desk = Lab.Partner(ScenarioHomes.HotelTenant);
        using var stranger = Lab.Partner(ScenarioHomes.OtherTenant);
        Assert.Equal("I've asked for 1 blanket. I'll let you know when it's on its way.", (await guest.SayAsync("can I get a blanket?")).Text);
        var id = (await OpenTicketAsync(desk, t => t.GetProperty("item").GetString() == "blanket")).GetProperty("id").GetString()!;

        Assert.Empty(await ListAsync(stranger, "?status=open,accepted,completed"));
        foreach (var action in new[] { "accept", "complete" })
        {
            using var response = await stranger.PostAsync($"/v1/tickets/{id}/{action}", null, Ct);
            await ProblemJson.AssertAsync(response, HttpStatusCode.NotFound, "not_found");
        }

        await guest.AssertNoneAsync(MessageNames.SpeechSpeak, Quiet);
        Assert.Equal("open", (await OpenTicketAsync(desk, t => t.GetProperty("id").GetString() == id)).GetProperty("status").GetString());
        await PostAsync(desk, $"/v1/tickets/{id}/complete");
    }

    [Fact]
    public async Task Housekeeping_and_late_checkout_are_tickets_too_in_both_languages()
    {
        await using var guest = await Lab.ConnectAsync(Room, "speaker", Ct);
        using var desk = Lab.Partner(ScenarioHomes.HotelTenant);

        Assert.Equal("객실 청소를 요청했어요.", (await guest.SayAsync("방 청소 부탁해요")).Text);
        var cleaning = await OpenTicketAsync(desk, t => t.GetProperty("kind").GetString() == "housekeeping");
        await PostAsync(desk, $"/v1/tickets/{cleaning.GetProperty("id").GetString()}/accept");
        Expect.Announcement(await guest.NextAsync(MessageNames.SpeechSpeak), "요청하신 객실 정리를 곧 해 드릴게요.", "ko");
        await PostAsync(desk, $"/v1/tickets/{cleaning.GetProperty("id").GetString()}/complete");

        Assert.Equal("Late checkout is possible until 2:00 PM (KRW 20,000 an hour). I've let the front desk know.",
            (await guest.SayAsync("can I get a late checkout?")).Text);
        var lateCheckout = await OpenTicketAsync(desk, t => t.GetProperty("kind").GetString() == "late_checkout");
        Assert.Equal("en", lateCheckout.GetProperty("language").GetString());
        await PostAsync(desk, $"/v1/tickets/{lateCheckout.GetProperty("id").GetString()}/accept");
        Expect.Announcement(await guest.NextAsync(MessageNames.SpeechSpeak), "Your late checkout has been approved.", "en");
        await PostAsync(desk, $"/v1/tickets/{lateCheckout.GetProperty("id").GetString()}/complete");
    }

    [Fact]
    public async Task Checkout_wifi_facilities_and_the_property_faq_are_answered_from_the_hotels_profile()
    {
        await using var guest = await Lab.ConnectAsync(Room, "speaker", Ct);
        (string Said, string Answer)[] turns =
        [
            ("체크아웃 몇 시야?", "체크아웃은 오전 11시예요."),
            ("what time is checkout?", "Checkout is at 11:00 AM."),
            ("와이파이 비밀번호 알려줘", "와이파이 이름은 DureHotel_Guest, 비밀번호는 dure1203이에요."),
            ("what's the wifi password", "The Wi-Fi network is DureHotel_Guest and the password is dure1203."),
            ("수영장 몇 시까지 해?", "수영장은 지하 1층에 있고, 오전 6시부터 오후 10시까지 이용할 수 있어요."),
            ("조식 어디서 먹어?", "조식은 2층 레스토랑에 있고, 오전 6시 30분부터 오전 10시까지 이용할 수 있어요. 1인 3만 원이에요."),
            ("where is the gym", "The fitness center is on the 3rd floor, open from 5:30 AM to 11:00 PM."),
            ("공항 셔틀 있어요?", "공항 셔틀버스는 매시 정각에 호텔 정문에서 출발해요."),
            ("is there an airport shuttle?", "The airport shuttle leaves from the main entrance every hour on the hour."),
            ("강아지 데려가도 돼요?", "반려동물은 10kg 이하 한 마리까지 함께 묵을 수 있어요."),
            ("can I smoke in the room?", "Rooms are non-smoking. The smoking area is in the garden on the ground floor."),
        ];

        foreach (var (said, answer) in turns)
        {
            Assert.Equal(answer, (await guest.SayAsync(said)).Text);
        }
    }

    [Fact]
    public async Task A_wake_up_call_is_asked_for_and_scheduled_on_the_room_speaker_in_both_languages()
    {
        await using var guest = await Lab.ConnectAsync(Room, "speaker", Ct);
        var now = SeoulClock.Now;
        var halfPastSix = now.Date.AddHours(6.5) > now ? now.Date.AddHours(6.5) : now.Date.AddDays(1).AddHours(6.5);

        Assert.Equal("모닝콜을 몇 시로 해 드릴까요?", (await guest.AskedAsync("모닝콜 해줘")).Text);
        Assert.Equal($"{(halfPastSix.Date == now.Date ? "오늘" : "내일")} 오전 6시 30분에 모닝콜을 해 드릴게요.", (await guest.SayAsync("여섯 시 반")).Text);
        Assert.Equal("I'll give you a wake-up call tomorrow at 7:15 AM.", (await guest.SayAsync("I'd like a wake-up call at 7:15 tomorrow")).Text);

        var calls = (await ServerStore.SchedulesAsync(Lab.Server.DataDirectory, Room)).Where(s => s.Kind == ScheduleKind.WakeUpCall).ToList();
        var korean = Assert.Single(calls, c => c.Language == "ko");
        Assert.Equal((SeoulClock.At(halfPastSix), "speaker", "좋은 아침이에요. 모닝콜이에요. 지금은 오전 6시 30분이에요."),
            (korean.Due, korean.DeviceId, korean.Announcement));
        var english = Assert.Single(calls, c => c.Language == "en");
        Assert.Equal((SeoulClock.At(now.Date.AddDays(1).AddHours(7.25)), "Good morning. This is your wake-up call. It's 7:15 AM."),
            (english.Due, english.Announcement));
    }

    private static async Task<JsonElement> PostAsync(HttpClient desk, string path)
    {
        using var response = await desk.PostAsync(path, null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient desk, string query) =>
        [.. (await desk.GetFromJsonAsync<JsonElement>($"/v1/tickets{query}", Ct)).GetProperty("items").EnumerateArray()];

    /// <summary>The open or accepted ticket that fits; the desk lists the tenant's tickets oldest first.</summary>
    private static async Task<JsonElement> OpenTicketAsync(HttpClient desk, Func<JsonElement, bool> fits) =>
        Assert.Single(await ListAsync(desk, ""), t => fits(t));
}
