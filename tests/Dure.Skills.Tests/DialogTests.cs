using Dure.Homes;

namespace Dure.Skills.Tests;

/// <summary>Multi-turn conversations: confirmation, slot filling, choices, follow-ups and cancelling.</summary>
public class DialogTests
{
    [Fact]
    public void Opening_the_gas_valve_waits_for_yes()
    {
        var home = new Conversation();
        home.Say("가스 잠가줘");
        Assert.Equal("closed", home.StateOf("valve.gas"));

        Assert.Equal("가스 밸브를 열까요?", home.Say("가스 밸브 열어줘"));
        Assert.True(home.Last.ExpectSpeech);
        Assert.Empty(home.Last.Commands);
        Assert.Equal("closed", home.StateOf("valve.gas"));

        Assert.Equal("가스 밸브를 열었어요.", home.Say("응"));
        Assert.Equal("open_valve", Assert.Single(home.Last.Commands).Action);
        Assert.Equal("open", home.StateOf("valve.gas"));
    }

    [Fact]
    public void Refused_confirmation_changes_nothing()
    {
        var home = new Conversation();
        Assert.Equal("현관문 잠금을 해제할까요?", home.Say("현관문 열어줘"));

        Assert.Equal("알겠어요, 취소했어요.", home.Say("아니"));
        Assert.Empty(home.Last.Commands);
        Assert.Empty(home.Last.StateChanges);
        Assert.Equal("locked", home.StateOf("lock.front_door"));

        // The question is closed: a later yes does not unlock.
        home.Say("네");
        Assert.Equal("locked", home.StateOf("lock.front_door"));
    }

    [Fact]
    public void Closing_the_gas_valve_needs_no_confirmation()
    {
        var home = new Conversation();

        Assert.Equal("가스 밸브를 잠갔어요.", home.Say("가스 밸브 잠가줘"));
        Assert.False(home.Last.ExpectSpeech);
    }

    [Fact]
    public void English_confirmation()
    {
        var home = new Conversation();

        Assert.Equal("Should I unlock the Front Door?", home.Say("unlock the front door"));
        Assert.Equal("Okay, I've cancelled that.", home.Say("no"));
        Assert.Equal("locked", home.StateOf("lock.front_door"));
        home.Say("unlock the front door");
        home.Say("yes");
        Assert.Equal("unlocked", home.StateOf("lock.front_door"));
    }

    [Fact]
    public void A_missing_temperature_is_asked_for_and_the_answer_completes_the_request()
    {
        var home = new Conversation();

        Assert.Equal("몇 도로 맞출까요?", home.Say("에어컨 온도 맞춰줘"));
        Assert.True(home.Last.ExpectSpeech);
        Assert.Equal("에어컨 온도를 24도로 맞췄어요.", home.Say("이십사 도"));
        Assert.Equal(24, home.States["climate.air_conditioner"].Number("temperature"));
    }

    [Fact]
    public void Another_room_continues_the_last_request()
    {
        var home = new Conversation();
        home.Say("거실 불 켜줘");

        Assert.Equal("침실 조명을 모두 켰어요.", home.Say("침실도"));
        Assert.Equal("on", home.StateOf("light.bedroom"));
        Assert.Equal("on", home.StateOf("light.bedroom_mood"));
        Assert.Equal("off", home.StateOf("light.kitchen"));
    }

    [Fact]
    public void A_correction_replaces_the_value()
    {
        var home = new Conversation();
        home.Say("에어컨 24도로 맞춰줘");

        Assert.Equal("에어컨 온도를 25도로 맞췄어요.", home.Say("아니 25도"));
        Assert.Equal(25, home.States["climate.air_conditioner"].Number("temperature"));
    }

    [Fact]
    public void English_follow_ups()
    {
        var home = new Conversation();
        home.Say("turn off the kitchen lights");
        home.Say("turn on all the lights");

        Assert.Equal("Turned on 2 lights in the Bedroom.", home.Say("what about the bedroom"));
    }

    [Fact]
    public void Nothing_named_is_asked_about_and_the_answer_picks_it()
    {
        var home = new Conversation();

        Assert.Equal("무엇을 켤까요?", home.Say("켜줘"));
        Assert.Empty(home.Last.Commands);
        Assert.Equal("욕실 환풍기를 켰어요.", home.Say("욕실 환풍기"));
    }

    [Fact]
    public void Never_mind_closes_an_open_question()
    {
        var home = new Conversation();
        home.Say("에어컨 온도 맞춰줘");

        Assert.Equal("알겠어요, 취소했어요.", home.Say("됐어"));
        Assert.Null(home.Last.Dialog.Pending);
    }

    [Fact]
    public void Opening_the_gas_valve_part_way_waits_for_yes_too()
    {
        var home = new Conversation();
        home.Say("가스 밸브 잠가줘");

        Assert.Equal("가스 밸브를 50% 열까요?", home.Say("가스 밸브 50% 열어줘"));
        Assert.Empty(home.Last.Commands);
        Assert.Equal("알겠어요, 취소했어요.", home.Say("아니"));
        Assert.Equal("closed", home.StateOf("valve.gas"));

        Assert.Equal("Should I open the Gas Valve to 50%?", home.Say("open the gas valve halfway"));
        Assert.Equal("Opened the Gas Valve to 50%.", home.Say("yes"));
        Assert.Equal("set_valve_position", Assert.Single(home.Last.Commands).Action);
    }

    [Fact]
    public void A_bare_command_after_another_is_asked_about_rather_than_aimed_at_the_speakers_room()
    {
        var home = new Conversation();
        home.Say("침실 불 꺼줘");

        Assert.Equal("무엇을 켤까요?", home.Say("켜줘"));
        Assert.Empty(home.Last.Commands);
        Assert.Equal("침실 조명을 켰어요.", home.Say("침실 조명"));
    }

    [Fact]
    public void The_answer_to_which_one_picks_among_the_devices_offered_and_the_reply_names_it_fully()
    {
        var home = new Conversation(HomeFile.Parse("""
            id: stands
            areas:
              - { id: bedroom, names: { ko: [침실], en: [Bedroom] } }
              - { id: study, names: { ko: [서재], en: [Study] } }
              - { id: hall, names: { ko: [거실], en: [Hall] } }
            devices:
              - { id: speaker, domain: assist_satellite, area: hall, names: { ko: [스피커], en: [Speaker] } }
              - { id: light.bedroom, area: bedroom, names: { ko: [침실 조명], en: [Bedroom Light] }, state: "off" }
              - { id: light.bedroom_stand, area: bedroom, names: { ko: [스탠드], en: [Lamp] }, state: "off" }
              - { id: light.study_stand, area: study, names: { ko: [스탠드], en: [Lamp] }, state: "off" }
            """, "stands"), speaker: "speaker");

        Assert.Equal("Which one should I turn on: Bedroom Lamp or Study Lamp?", home.Say("turn on the lamp"));
        Assert.Equal("Turned on the Bedroom Lamp.", home.Say("the bedroom one"));
        Assert.Equal("light.bedroom_stand", Assert.Single(home.Last.Commands).DeviceId);
        Assert.Equal("off", home.StateOf("light.bedroom"));

        Assert.Equal("어느 조명을 켤까요? 침실 스탠드, 서재 스탠드 중에서 말씀해 주세요.", home.Say("스탠드 켜줘"));
        Assert.Equal("서재 스탠드를 켰어요.", home.Say("서재"));
        Assert.Equal("light.study_stand", Assert.Single(home.Last.Commands).DeviceId);
    }
}
