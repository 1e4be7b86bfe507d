namespace Dure.Skills.Tests;

public class EnglishAnswerTests
{
    [Fact]
    public void Turn_on_and_off()
    {
        var home = new Conversation();

        Assert.Equal("Turned on the Living Room Light.", home.Say("turn on the living room light"));
        Assert.Equal("Turned off 2 lights in the Kitchen.", home.Say("turn off the kitchen lights"));
        Assert.Equal("Closed the Gas Valve.", home.Say("close the gas valve"));
    }

    [Fact]
    public void States_and_temperatures()
    {
        var home = new Conversation();

        Assert.Equal("Yes, the Front Door is locked.", home.Say("is the front door locked?"));
        Assert.Equal("It's 20 degrees in the Bedroom.", home.Say("what's the temperature in the bedroom?"));
        Assert.Equal("No lights are on.", home.Say("which lights are on?"));
    }

    [Fact]
    public void An_offline_device_is_not_responding()
    {
        var home = new Conversation();
        home.Set("light.living_room", new Dure.Homes.DeviceState("unavailable"));

        Assert.Equal("The Living Room Light isn't responding right now, so I can't tell its state.", home.Say("is the living room light on?"));
        Assert.Equal("The Living Room Light isn't responding right now. Please check its connection.", home.Say("turn on the living room light"));
        Assert.Empty(home.Last.Commands);
    }

    [Fact]
    public void Clock()
    {
        var home = new Conversation();

        Assert.Equal("It's 3:20 PM.", home.Say("what time is it?"));
        Assert.Equal("Today is Wednesday, November 25.", home.Say("what's the date today?"));
    }

    [Fact]
    public void Ambiguous_names_get_a_question_not_a_guess()
    {
        var home = new Conversation(Dure.Homes.HomeFile.Parse("""
            language: en
            areas: [{ id: study, name: Study }, { id: bedroom, name: Bedroom }, { id: hall, name: Hall }]
            devices:
              - { id: speaker, domain: assist_satellite, area: hall }
              - { id: light.a, area: study, name: Desk Lamp }
              - { id: light.b, area: bedroom, name: Desk Lamp }
            """), speaker: "speaker");

        Assert.Equal("Which one should I turn on: Study Desk Lamp or Bedroom Desk Lamp?", home.Say("turn on the desk lamp"));
        Assert.Empty(home.Last.Commands);
    }
}
