using static Dure.Understanding.Tests.Parsing;

namespace Dure.Understanding.Tests;

public class EnglishTests
{
    [Theory]
    [InlineData("turn on the living room light", Intents.TurnOn, "name=light.living_room")]
    [InlineData("switch off the kitchen lights", Intents.TurnOff, "area=kitchen")]
    [InlineData("kitchen lights off", Intents.TurnOff, "area=kitchen")]
    [InlineData("lights off", Intents.TurnOff, "area=living_room")]
    [InlineData("could you turn the lights in the bedroom on please?", Intents.TurnOn, "area=bedroom")]
    [InlineData("turn on the mood lamp", Intents.TurnOn, "name=light.bedroom_mood")]
    [InlineData("shut off the gas", Intents.TurnOff, "domain=valve")]
    [InlineData("close the gas valve", Intents.TurnOff, "name=valve.gas")]
    [InlineData("lock the front door", Intents.TurnOn, "name=lock.front_door")]
    [InlineData("open the front door", Intents.TurnOff, "name=lock.front_door")]
    [InlineData("lower the blinds", Intents.TurnOff, "device_class=blind")]
    public void Commands(string text, string intent, string slot)
    {
        var result = Parse(text);

        Assert.Equal(intent, result.Intent);
        Assert.Contains(slot, SlotsOf(result));
    }

    [Theory]
    [InlineData("set the air conditioner to 22 degrees", Intents.ClimateSetTemperature, "temperature=22")]
    [InlineData("set the living room heating to 23", Intents.ClimateSetTemperature, "temperature=23")]
    [InlineData("set the temperature to 20.5", Intents.ClimateSetTemperature, "temperature=20.5")]
    [InlineData("dim the living room light to 20%", Intents.LightSet, "brightness=20")]
    [InlineData("make the mood lamp red", Intents.LightSet, "color=red")]
    [InlineData("set the bedroom light to maximum brightness", Intents.LightSet, "brightness=100")]
    [InlineData("open the blinds to 30%", Intents.SetPosition, "position=30")]
    [InlineData("open the living room blinds halfway", Intents.SetPosition, "position=50")]
    public void Settings(string text, string intent, string slot)
    {
        var result = Parse(text);

        Assert.Equal(intent, result.Intent);
        Assert.Contains(slot, SlotsOf(result));
    }

    [Theory]
    [InlineData("is the front door locked?", Intents.GetState, "state=locked")]
    [InlineData("are the blinds open", Intents.GetState, "state=open")]
    [InlineData("which lights are on?", Intents.GetState, "state=on")]
    [InlineData("how many lights are off", Intents.GetState, "state=off")]
    [InlineData("what's the temperature in the bedroom?", Intents.ClimateGetTemperature, "area=bedroom")]
    [InlineData("how warm is it in here", Intents.ClimateGetTemperature, "area=living_room")]
    public void Questions(string text, string intent, string slot)
    {
        var result = Parse(text);

        Assert.Equal(intent, result.Intent);
        Assert.Contains(slot, SlotsOf(result));
    }

    [Theory]
    [InlineData("what time is it?", Intents.GetTime)]
    [InlineData("what's the date today", Intents.GetDate)]
    [InlineData("never mind", Intents.Nevermind)]
    public void Clock_and_system(string text, string intent) => Assert.Equal(intent, Parse(text).Intent);

    [Fact]
    public void Dont_is_not_a_command() => Assert.Null(Parse("don't turn on the lights").Intent);

    [Fact]
    public void An_unknown_room_is_reported()
    {
        var result = Parse("turn on the study lights");

        Assert.Equal("study", result.UnknownName);
        Assert.DoesNotContain(result.Slots, s => s.Name == "area");
    }

    [Fact]
    public void Language_is_detected_from_the_text()
    {
        Assert.Equal("en", Parse("turn on the lights").Language);
        Assert.Equal("ko", Parse("불 켜줘").Language);
    }
}
