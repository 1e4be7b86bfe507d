namespace Dure.Skills.Tests;

public class KoreanAnswerTests
{
    [Fact]
    public void Turning_on_the_living_room_light_commands_it_and_says_so_with_the_right_particle()
    {
        var home = new Conversation();

        Assert.Equal("거실 조명을 켰어요.", home.Say("거실 불 켜줘"));
        var command = Assert.Single(home.Last.Commands);
        Assert.Equal(("light.living_room", "light", "turn_on"), (command.DeviceId, command.Domain, command.Action));
        Assert.Equal("on", home.StateOf("light.living_room"));
        Assert.Equal("home.turn_on", home.Last.Intent);
    }

    [Theory]
    [InlineData("욕실 환풍기 켜줘", "욕실 환풍기를 켰어요.")]
    [InlineData("거실 블라인드 열어줘", "거실 블라인드를 열었어요.")]
    [InlineData("침실 블라인드 닫아", "침실 블라인드를 닫았어요.")]
    [InlineData("가스 밸브 잠가줘", "가스 밸브를 잠갔어요.")]
    [InlineData("현관문 잠가", "현관문을 잠갔어요.")]
    [InlineData("도어락 잠가", "도어락을 잠갔어요.")]
    [InlineData("에어컨 켜", "에어컨을 켰어요.")]
    public void Particles_follow_the_final_sound_of_the_name(string text, string answer)
    {
        Assert.Equal(answer, new Conversation().Say(text));
    }

    [Fact]
    public void A_device_its_network_reports_offline_is_not_responding_and_gets_no_command()
    {
        var home = new Conversation();
        home.Set("light.living_room", new Dure.Homes.DeviceState("unavailable"));

        Assert.Equal("거실 조명은 지금 응답하지 않아서 상태를 알 수 없어요.", home.Say("거실 불 켜져 있어?"));
        Assert.Equal("거실 조명은 지금 응답하지 않아요. 연결 상태를 확인해 주세요.", home.Say("거실 불 켜줘"));
        Assert.Empty(home.Last.Commands);
        Assert.Equal("unavailable", home.StateOf("light.living_room"));
    }

    [Fact]
    public void Of_several_lights_those_that_answer_obey_and_the_offline_one_is_named()
    {
        var home = new Conversation();
        home.Set("light.kitchen_countertop", new Dure.Homes.DeviceState("unavailable"));

        Assert.Equal("주방 조명을 켰어요. 주방 조리대 조명은 지금 응답하지 않아요. 연결 상태를 확인해 주세요.", home.Say("주방 불 켜줘"));
        Assert.Equal("light.kitchen", Assert.Single(home.Last.Commands).DeviceId);
    }

    [Fact]
    public void Several_lights_of_one_room_are_named_by_room_and_kind()
    {
        var home = new Conversation();

        Assert.Equal("주방 조명을 모두 켰어요.", home.Say("주방 불 켜줘"));
        Assert.Equal(2, home.Last.Commands.Length);
        Assert.All(home.Last.Commands, c => Assert.Equal("turn_on", c.Action));
    }

    [Fact]
    public void All_the_lights_of_the_home()
    {
        var home = new Conversation();
        home.Say("집 전체 불 켜줘");

        Assert.Equal("집 안의 조명을 모두 껐어요.", home.Say("불 다 꺼줘"));
        Assert.Equal(7, home.Last.Commands.Length);
        Assert.All(home.Home.Devices.Where(d => d.Domain == "light"), d => Assert.Equal("off", home.StateOf(d.Id)));
    }

    [Fact]
    public void Lock_state_is_answered_in_haeyo_with_the_name_the_user_said()
    {
        var home = new Conversation();

        Assert.Equal("네, 현관문은 잠겨 있어요.", home.Say("현관문 잠겨 있어?"));
        Assert.Equal("현관문 잠금을 해제할까요?", home.Say("현관문 열어줘"));
        home.Say("네");
        Assert.Equal("unlocked", home.StateOf("lock.front_door"));
        Assert.Equal("아니요, 현관문은 잠금이 풀려 있어요.", home.Say("현관문 잠겨 있어?"));
    }

    [Fact]
    public void Which_lights_are_on_lists_them_or_says_none()
    {
        var home = new Conversation();

        Assert.Equal("켜져 있는 조명이 없어요.", home.Say("어떤 불이 켜져 있어?"));
        home.Say("거실 불 켜줘");
        home.Say("무드등 켜줘");
        Assert.Equal("거실 조명, 침실 무드등이 켜져 있어요.", home.Say("어떤 불이 켜져 있어?"));
        Assert.Equal("조명 2개가 켜져 있어요.", home.Say("불 몇 개 켜져 있어?"));
    }

    [Fact]
    public void Temperature_is_read_from_the_rooms_climate_devices()
    {
        var home = new Conversation();

        // The living room has floor heating (21°) and an air conditioner (26°): the answer is their mean.
        Assert.Equal("거실 온도는 23.5도예요.", home.Say("거실 온도 몇 도야?"));
        Assert.Equal("침실 온도는 20도예요.", home.Say("침실 온도 알려줘"));
    }

    [Fact]
    public void Setting_a_temperature_turns_the_heating_on_at_that_temperature()
    {
        var home = new Conversation();

        Assert.Equal("침실 난방 온도를 24도로 맞췄어요.", home.Say("침실 난방 24도로 맞춰줘"));
        var command = Assert.Single(home.Last.Commands);
        Assert.Equal("set_temperature", command.Action);
        Assert.Equal(24, command.Params["temperature"].GetDouble());
        Assert.Equal("heat", home.StateOf("climate.bedroom_floor_heating"));
    }

    [Fact]
    public void An_impossible_temperature_is_refused_without_a_command()
    {
        var home = new Conversation();

        Assert.Equal("온도는 5도에서 35도 사이로 맞출 수 있어요.", home.Say("에어컨 50도로 맞춰줘"));
        Assert.Empty(home.Last.Commands);
    }

    [Theory]
    [InlineData("거실 조명 밝기 50%로", "거실 조명 밝기를 50%로 맞췄어요.")]
    [InlineData("침실 무드등 파란색으로 바꿔줘", "침실 무드등을 파란색으로 바꿨어요.")]
    [InlineData("무드등 파란색으로 바꿔줘", "무드등을 파란색으로 바꿨어요.")]
    [InlineData("거실 블라인드 30%로 열어", "거실 블라인드를 30% 열었어요.")]
    public void Settings_are_confirmed_with_their_values(string text, string answer)
    {
        Assert.Equal(answer, new Conversation().Say(text));
    }

    [Fact]
    public void An_unknown_room_gets_a_helpful_answer_and_nothing_happens()
    {
        var home = new Conversation();

        Assert.Equal("서재라는 곳이나 기기를 찾지 못했어요. 이 집에는 거실, 주방, 침실, 욕실, 현관이 있어요.", home.Say("서재 불 켜줘"));
        Assert.Empty(home.Last.Commands);
        Assert.Empty(home.Last.StateChanges);
    }

    [Fact]
    public void A_kind_the_room_does_not_have_is_said_plainly()
    {
        var home = new Conversation();

        Assert.Equal("욕실에는 냉난방기가 없어요.", home.Say("욕실 에어컨 켜줘"));
        Assert.Empty(home.Last.Commands);
    }

    [Fact]
    public void Clock_answers_in_the_homes_time_zone()
    {
        var home = new Conversation { Now = new DateTimeOffset(2026, 11, 25, 6, 20, 0, TimeSpan.Zero) };

        Assert.Equal("지금은 오후 3시 20분이에요.", home.Say("지금 몇 시야?"));
        Assert.Equal("오늘은 11월 25일 수요일이에요.", home.Say("오늘 며칠이야?"));
    }

    [Fact]
    public void Understood_but_unavailable_is_not_called_misunderstood()
    {
        var home = new Conversation(services: new Services.AssistantServices());

        Assert.Equal("지금은 단지 정보를 볼 수 없어요.", home.Say("택배 왔어?"));
        Assert.Equal("apartment.parcel_check", home.Last.Intent);
        Assert.Empty(home.Last.Commands);
    }

    [Fact]
    public void Not_understood_is_said_politely()
    {
        var home = new Conversation();

        Assert.StartsWith("죄송해요", home.Say("오늘 저녁 메뉴 추천해줘"));
        Assert.Null(home.Last.Intent);
    }
}
