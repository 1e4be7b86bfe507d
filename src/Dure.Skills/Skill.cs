using Dure.Homes;
using Dure.Understanding;

namespace Dure.Skills;

/// <summary>A domain of the assistant (home control, clock ...) that acts on the intents it knows.</summary>
internal interface ISkill
{
    bool Handles(string intent);

    ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken);
}

/// <summary>An understood turn handed to a skill.</summary>
/// <param name="Turn">The turn as the device sent it.</param>
/// <param name="Parse">What it means.</param>
/// <param name="Speaker">The speaking device, when it is part of the home.</param>
internal sealed record SkillRequest(Turn Turn, ParseResult Parse, Device? Speaker)
{
    public string Language => Parse.Language;

    public bool Korean => Parse.Language == "ko";

    public Home Home => Turn.Home;

    public string Intent => Parse.Intent!;

    public TurnOutcome Say(string korean, string english) => TurnOutcome.Say(new Speech(Korean ? korean : english, Language), Intent);
}
