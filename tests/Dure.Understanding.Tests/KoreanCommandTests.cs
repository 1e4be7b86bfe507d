using static Dure.Understanding.Tests.Parsing;

namespace Dure.Understanding.Tests;

public class KoreanCommandTests
{
    [Theory]
    [InlineData("거실 불 켜줘")]
    [InlineData("거실불켜줘")]
    [InlineData("거실 불 켜")]
    [InlineData("거실 불 켜 줄래?")]
    [InlineData("거실 불 좀 켜주세요")]
    [InlineData("거실 불 켜 주시겠어요?")]
    [InlineData("거실 불 켜라")]
    [InlineData("거실 불 켜 봐")]
    [InlineData("거실에 불 켜줘")]
    [InlineData("거실의 불을 켜 줘")]
    [InlineData("거실 전등 켜줄 수 있어?")]
    public void Every_ending_and_spacing_turns_on_the_living_room_light(string text)
    {
        var result = Parse(text, area: "bedroom");

        Assert.Equal(Intents.TurnOn, result.Intent);
        Assert.Contains(result.Slots, s => s is { Name: "area" } && s.Value.ToString() == "living_room" || s is { Name: "name" } && s.Value.ToString() == "light.living_room");
    }

    [Theory]
    [InlineData("침실 불 꺼", "area=bedroom")]
    [InlineData("안방 불 꺼줘", "area=bedroom")]
    [InlineData("주방 조명 끄기", "name=light.kitchen")]
    [InlineData("욕실 환풍기 꺼 줘요", "name=fan.bathroom")]
    [InlineData("불 꺼줘", "area=living_room")]
    public void Turn_off_resolves_rooms_aliases_and_names(string text, string expected)
    {
        var result = Parse(text);

        Assert.Equal(Intents.TurnOff, result.Intent);
        Assert.Contains(expected, SlotsOf(result));
    }

    [Theory]
    [InlineData("불 다 꺼줘")]
    [InlineData("모든 불 꺼")]
    [InlineData("집 전체 불 꺼줘")]
    public void All_the_lights_means_the_whole_home_not_the_speakers_room(string text)
    {
        var result = Parse(text);

        Assert.Equal(Intents.TurnOff, result.Intent);
        Assert.Equal(["domain=light"], SlotsOf(result));
        Assert.True(result.SaidAll);
    }

    [Theory]
    [InlineData("무드등 켜줘", "light.bedroom_mood")]
    [InlineData("조리대 조명 켜", "light.kitchen_countertop")]
    [InlineData("조리대 불 켜줘", "light.kitchen_countertop")]
    [InlineData("에어컨 틀어줘", "climate.air_conditioner")]
    public void Partial_names_find_the_device_from_any_room(string text, string device)
    {
        var result = Parse(text, area: "bathroom");

        Assert.Equal(Intents.TurnOn, result.Intent);
        Assert.Contains($"name={device}", SlotsOf(result));
    }

    [Theory]
    [InlineData("가스 밸브 잠가줘", Intents.TurnOff)]
    [InlineData("가스 잠가", Intents.TurnOff)]
    [InlineData("가스 중간 밸브 닫아", Intents.TurnOff)]
    [InlineData("가스 밸브 열어줘", Intents.TurnOn)]
    public void Locking_a_gas_valve_closes_it(string text, string intent)
    {
        var result = Parse(text);

        Assert.Equal(intent, result.Intent);
        Assert.Contains("name=valve.gas", SlotsOf(result));
    }

    [Theory]
    [InlineData("현관문 잠가줘", Intents.TurnOn)]
    [InlineData("도어락 잠가", Intents.TurnOn)]
    [InlineData("현관문 열어줘", Intents.TurnOff)]
    [InlineData("현관문 잠금 해제해줘", Intents.TurnOff)]
    public void Locks_follow_home_assistants_mapping_lock_is_on(string text, string intent)
    {
        var result = Parse(text);

        Assert.Equal(intent, result.Intent);
        Assert.Contains("name=lock.front_door", SlotsOf(result));
    }

    [Theory]
    [InlineData("에어컨 24도로 맞춰줘", 24, "name=climate.air_conditioner")]
    [InlineData("난방 23도", 23, "area=living_room")]
    [InlineData("침실 온도 21도로 설정해줘", 21, "area=bedroom")]
    [InlineData("거실 난방 온도 25 도로 올려줘", 25, "name=climate.living_room_floor_heating")]
    public void Temperatures_set_climate(string text, int temperature, string target)
    {
        var result = Parse(text);

        Assert.Equal(Intents.ClimateSetTemperature, result.Intent);
        Assert.Equal(temperature, result.Number("temperature"));
        Assert.Contains(target, SlotsOf(result));
    }

    [Theory]
    [InlineData("거실 조명 밝기 50%로", "brightness=50")]
    [InlineData("거실 불 밝기 30퍼센트로 해줘", "brightness=30")]
    [InlineData("무드등 최대 밝기로", "brightness=100")]
    [InlineData("침실 조명 가장 어둡게", "brightness=1")]
    [InlineData("침실 무드등 파란색으로 바꿔줘", "color=blue")]
    [InlineData("무드등 빨간색으로", "color=red")]
    public void Brightness_and_color_set_lights(string text, string expected)
    {
        var result = Parse(text);

        Assert.Equal(Intents.LightSet, result.Intent);
        Assert.Contains(expected, SlotsOf(result));
    }

    [Theory]
    [InlineData("거실 블라인드 50%로 열어", 50)]
    [InlineData("블라인드 반만 열어줘", 50)]
    [InlineData("침실 블라인드 30프로로 맞춰", 30)]
    public void Percentages_on_covers_set_position(string text, int position)
    {
        var result = Parse(text);

        Assert.Equal(Intents.SetPosition, result.Intent);
        Assert.Equal(position, result.Number("position"));
        Assert.Contains("domain=cover", SlotsOf(result));
    }

    [Fact]
    public void Every_light_of_a_room_is_not_the_one_device_named_after_it()
    {
        var one = Parse("거실 조명 켜줘");
        var all = Parse("모든 거실 조명 켜줘");

        Assert.Contains("name=light.living_room", SlotsOf(one));
        Assert.Equal(["area=living_room", "domain=light"], SlotsOf(all));
    }

    [Theory]
    [InlineData("거실 불 켜지 마")]
    [InlineData("불 끄지 마세요")]
    public void A_negated_command_is_not_a_command(string text) => Assert.Null(Parse(text).Intent);

    [Theory]
    [InlineData("서재 불 켜줘", "서재")]
    [InlineData("베란다 불 꺼줘", "베란다")]
    public void An_unknown_room_is_reported_and_never_replaced_by_the_speakers_room(string text, string unknown)
    {
        var result = Parse(text);

        Assert.False(result.TargetsKnown);
        Assert.Equal(unknown, result.UnknownName);
        Assert.DoesNotContain(result.Slots, s => s.Name == "area");
    }

    [Theory]
    [InlineData("됐어", Intents.Nevermind)]
    [InlineData("아니야 됐어", Intents.Nevermind)]
    [InlineData("지금 몇 시야?", Intents.GetTime)]
    [InlineData("몇 시예요", Intents.GetTime)]
    [InlineData("오늘 며칠이야?", Intents.GetDate)]
    [InlineData("무슨 요일이야", Intents.GetDate)]
    public void Clock_and_system_intents(string text, string intent) => Assert.Equal(intent, Parse(text).Intent);
}
