using Dure.Skills.Services;

namespace Dure.Skills.Tests;

/// <summary>Apartment, hotel, calls and broadcasts, at 2026-11-25 15:20 in Seoul.</summary>
public class ServiceSkillTests
{
    private static readonly TimeSpan Seoul = TimeSpan.FromHours(9);

    [Fact]
    public void Calling_the_elevator_commands_the_gateway()
    {
        var home = new Conversation();

        Assert.Equal("내려가는 엘리베이터를 불렀어요.", home.Say("내려가는 엘리베이터 불러줘"));
        var call = Assert.Single(home.Last.Commands);
        Assert.Equal(("elevator", "call", "down"), (call.Domain, call.Action, call.Params["direction"].GetString()));
    }

    [Fact]
    public void Energy_usage_compares_with_the_same_stretch_of_last_month()
    {
        var home = new Conversation();
        var readings = home.Records.Readings;
        readings.Add(new MeterReading("electricity", new(2026, 10, 1, 0, 0, 0, Seoul), 10_000, "kWh"));
        readings.Add(new MeterReading("electricity", new(2026, 10, 25, 15, 0, 0, Seoul), 10_278, "kWh"));
        readings.Add(new MeterReading("electricity", new(2026, 11, 1, 0, 0, 0, Seoul), 10_300, "kWh"));
        readings.Add(new MeterReading("electricity", new(2026, 11, 25, 15, 0, 0, Seoul), 10_545, "kWh"));

        // 245 kWh this month so far against 278 kWh by the same day of October: 12% less.
        Assert.Equal("이번 달 전기는 245kWh 썼어요, 지난달보다 12% 적어요.", home.Say("이번 달 전기 얼마나 썼어?"));
        Assert.Equal("You used 245 kWh of electricity this month, 12% less than last month.", home.Say("how much electricity did we use this month?"));
        Assert.Equal("이번 달 수도 검침 기록이 아직 없어요.", home.Say("이번 달 수도 사용량 알려줘"));
    }

    [Fact]
    public void Parcels_visitors_parking_and_notices_come_from_the_records()
    {
        var home = new Conversation();
        Assert.Equal("새로 온 택배는 없어요.", home.Say("택배 왔어?"));

        home.Records.Add("parcel.arrived", new(2026, 11, 25, 10, 30, 0, Seoul), new { carrier = "CJ" });
        home.Records.Add("visitor.arrived", new(2026, 11, 25, 14, 5, 0, Seoul), new { });
        home.Records.Add("parking.updated", new(2026, 11, 25, 9, 0, 0, Seoul), new { location = "지하 2층 B-15" });
        home.Records.Notices.Add(new Notice("n1", new(2026, 11, 24, 9, 0, 0, Seoul), "엘리베이터 점검", "내일 오전 10시부터 2시간 동안 점검해요.", "ko"));

        Assert.Equal("택배가 1개 와 있어요. 마지막 택배는 오늘 오전 10시 30분에 왔어요.", home.Say("택배 왔어?"));
        Assert.Equal("방문자는 1명이었어요. 마지막 방문은 오늘 오후 2시 5분에 있었어요.", home.Say("오늘 방문자 있었어?"));
        Assert.Equal("차는 지하 2층 B-15에 주차되어 있어요.", home.Say("내 차 어디 주차했어?"));
        Assert.Equal("공지가 1건 있어요. 가장 최근 공지는 '엘리베이터 점검'이에요. 내일 오전 10시부터 2시간 동안 점검해요.", home.Say("관리사무소 공지 알려줘"));
    }

    [Fact]
    public void Hotel_requests_become_front_desk_tickets()
    {
        var room = new Conversation(Conversation.Sample("hotel-room.yaml"), speaker: "speaker");

        Assert.Equal("수건 2개를 요청했어요. 준비되면 알려 드릴게요.", room.Say("수건 두 장 가져다 주세요"));
        var ticket = Assert.Single(room.Records.Tickets);
        Assert.Equal(("amenity", "수건", 2, "speaker", TicketStatus.Open), (ticket.Kind, ticket.Item, ticket.Quantity, ticket.DeviceId, ticket.Status));

        Assert.Equal("객실 청소를 요청했어요.", room.Say("방 청소 부탁해요"));
        Assert.Equal("I've asked for 1 pillow. I'll let you know when it's on its way.", room.Say("bring me a pillow please"));
        Assert.Equal(3, room.Records.Tickets.Count);
    }

    [Fact]
    public void Hotel_information_comes_from_the_property_profile()
    {
        var room = new Conversation(Conversation.Sample("hotel-room.yaml"), speaker: "speaker");

        Assert.Equal("체크아웃은 오전 11시예요.", room.Say("체크아웃 몇 시야?"));
        Assert.Equal("와이파이 이름은 DureHotel_Guest, 비밀번호는 dure1203이에요.", room.Say("와이파이 비밀번호 알려줘"));
        Assert.Equal("수영장은 지하 1층에 있고, 오전 6시부터 오후 10시까지 이용할 수 있어요.", room.Say("수영장 몇 시까지 해?"));
        Assert.Equal("The fitness center is on the 3rd floor, open from 5:30 AM to 11:00 PM.", room.Say("where is the gym"));
        Assert.StartsWith("레이트 체크아웃은 오후 2시까지 가능해요(1시간에 2만 원)", room.Say("레이트 체크아웃 가능해요?"));
        Assert.Equal("late_checkout", room.Records.Tickets.Single().Kind);
    }

    [Fact]
    public void Questions_the_grammar_does_not_know_are_answered_from_the_property_faq()
    {
        var room = new Conversation(Conversation.Sample("hotel-room.yaml"), speaker: "speaker");

        Assert.Equal("공항 셔틀버스는 매시 정각에 호텔 정문에서 출발해요.", room.Say("공항 셔틀 있어요?"));
        Assert.Equal("One pet up to 10 kg may stay with you.", room.Say("can I bring my dog?"));
        Assert.StartsWith("죄송해요", room.Say("오늘 주식 어때"));
    }

    [Fact]
    public void Wake_up_calls_are_scheduled_on_the_room_speaker()
    {
        var room = new Conversation(Conversation.Sample("hotel-room.yaml"), speaker: "speaker");

        Assert.Equal("내일 오전 6시에 모닝콜을 해 드릴게요.", room.Say("내일 아침 6시에 모닝콜 해줘"));
        var call = Assert.Single(room.Scheduler.Items);
        Assert.Equal((ScheduleKind.WakeUpCall, "speaker"), (call.Kind, call.DeviceId));
        Assert.Equal("좋은 아침이에요. 모닝콜이에요. 지금은 오전 6시예요.", call.Announcement);
    }

    [Fact]
    public void Calls_and_messages_are_phone_directives()
    {
        var home = new Conversation(Conversation.Sample("truck.yaml"), speaker: "driver-app");

        Assert.Equal("엄마에게 전화를 걸게요.", home.Say("엄마한테 전화해줘"));
        var call = Assert.Single(home.Last.Directives);
        Assert.Equal(("driver-app", "Phone.Call", "엄마"), (call.DeviceId, call.Name, call.Payload.GetProperty("contact").GetString()));

        Assert.Equal("누구에게 보낼까요?", home.Say("문자 보내줘"));
        Assert.Equal("어떤 내용을 보낼까요?", home.Say("아내"));
        Assert.Equal("아내에게 '곧 도착해'라고 보낼게요.", home.Say("곧 도착해"));
        Assert.Equal("곧 도착해", Assert.Single(home.Last.Directives).Payload.GetProperty("message").GetString());
    }

    [Fact]
    public void Help_and_small_talk()
    {
        var home = new Conversation();

        Assert.Contains("거실 불 켜줘", home.Say("도움말"), StringComparison.Ordinal);
        Assert.Equal("Hi! How can I help?", home.Say("hello"));
        Assert.Equal("지금은 여쭤본 게 없어요. 무엇을 도와드릴까요?", home.Say("네"));
    }

    [Fact]
    public void Faq_questions_win_over_a_follow_up_and_over_devices_the_room_does_not_have()
    {
        var room = new Conversation(Conversation.Sample("hotel-room.yaml"), speaker: "speaker");
        room.Say("where is the gym");

        Assert.Equal("Rooms are non-smoking. The smoking area is in the garden on the ground floor.", room.Say("can I smoke in the room?"));
        Assert.Equal("공항 셔틀버스는 매시 정각에 호텔 정문에서 출발해요.", room.Say("공항 셔틀 있어요?"));
    }

    [Fact]
    public void Tv_channels_by_number_and_by_name_come_from_the_homes_channel_map()
    {
        var home = new Conversation(Conversation.Sample("settop-home.yaml"), speaker: "media_player.settop");

        Assert.Equal("MBC(11번)으로 바꿀게요.", home.Say("11번 틀어줘"));
        var command = Assert.Single(home.Last.Commands);
        Assert.Equal(("play_media", "11", "MBC"), (command.Action, command.Params["media_content_id"].GetString(), command.Params["channel_name"].GetString()));
        Assert.Equal("Switching to channel 30.", home.Say("change to channel 30"));
        Assert.Equal("Switching to KBS1, channel 9.", home.Say("put on KBS1"));
    }

    [Fact]
    public void Thanks_are_answered_as_thanks_and_greetings_as_greetings()
    {
        var home = new Conversation();

        Assert.Equal("천만에요. 또 필요한 게 있으면 말씀해 주세요.", home.Say("고마워요"));
        Assert.Equal("안녕하세요! 무엇을 도와드릴까요?", home.Say("안녕하세요"));
        Assert.Equal("You're welcome.", home.Say("thank you"));
    }
}

