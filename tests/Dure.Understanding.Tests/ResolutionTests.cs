using Dure.Homes;
using static Dure.Understanding.Tests.Parsing;

namespace Dure.Understanding.Tests;

public class ResolutionTests
{
    // Two rooms each with a lamp called "스탠드", and an air conditioner only in the bedroom.
    private static readonly Home TwoLamps = HomeFile.Parse("""
        id: two-lamps
        language: ko
        areas:
          - { id: study, names: { ko: [서재], en: [Study] } }
          - { id: bedroom, names: { ko: [침실], en: [Bedroom] } }
          - { id: hall, names: { ko: [복도], en: [Hall] } }
        devices:
          - { id: light.study_stand, area: study, names: { ko: [스탠드, 서재 스탠드], en: [desk lamp] } }
          - { id: light.bedroom_stand, area: bedroom, names: { ko: [스탠드, 침실 스탠드], en: [desk lamp] } }
          - { id: climate.bedroom_ac, area: bedroom, names: { ko: [에어컨], en: [air conditioner] } }
        """);

    [Fact]
    public void The_same_name_in_two_rooms_means_the_one_in_the_speakers_room()
    {
        var result = Parse("스탠드 켜줘", area: "study", home: TwoLamps);

        Assert.Contains("name=light.study_stand", SlotsOf(result));
    }

    [Fact]
    public void From_a_third_room_the_same_name_stays_ambiguous_for_a_clarifying_question()
    {
        var result = Parse("스탠드 켜줘", area: "hall", home: TwoLamps);

        Assert.Equal(Intents.TurnOn, result.Intent);
        Assert.Equal(["light.study_stand", "light.bedroom_stand"], result.DeviceIds);
    }

    [Fact]
    public void A_room_said_with_the_name_picks_that_rooms_device()
    {
        var result = Parse("침실 스탠드 꺼", area: "study", home: TwoLamps);

        Assert.Equal(["light.bedroom_stand"], result.DeviceIds);
    }

    [Fact]
    public void An_unsaid_room_defaults_to_the_speakers_only_when_it_has_such_a_device()
    {
        // The hall has no lights: "불 켜" from the hall cannot mean the hall's lights.
        var fromHall = Parse("불 켜", area: "hall", home: TwoLamps);
        var fromStudy = Parse("불 켜", area: "study", home: TwoLamps);

        Assert.DoesNotContain(fromHall.Slots, s => s.Name == "area");
        Assert.Contains("area=study", SlotsOf(fromStudy));
    }

    [Fact]
    public void English_names_of_a_korean_home_are_understood()
    {
        var result = Parse("turn on the air conditioner", area: "study", home: TwoLamps);

        Assert.Equal(["climate.bedroom_ac"], result.DeviceIds);
    }

    [Theory]
    [InlineData("거싷 불 켜줘", "area=living_room")]
    [InlineData("주반 조명 꺼줘", "name=light.kitchen")]
    [InlineData("안빵 불 꺼", "area=bedroom")]
    [InlineData("침싫 블라인드 열어", "name=cover.bedroom_blinds")]
    [InlineData("가스 벨브 잠가", "name=valve.gas")]
    [InlineData("에어콘 켜줘", "name=climate.air_conditioner")]
    public void Names_that_speech_recognition_slipped_a_jamo_in_are_still_found(string text, string slot)
    {
        Assert.Contains(slot, SlotsOf(Parse(text, area: "bathroom")));
    }

    [Theory]
    [InlineData("욕심 나")]
    [InlineData("거의 다 왔어")]
    public void Words_near_a_name_that_are_not_commands_stay_not_understood(string text)
    {
        Assert.Null(Parse(text).Intent);
    }

    [Fact]
    public void The_parse_remembers_the_alias_that_was_said()
    {
        var result = Parse("안방 불 켜줘");

        Assert.Equal("안방", result["area"]!.Spoken);
    }
}
