using System.Text.Json;
using Dure.Homes;
using Dure.Skills.Services;
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
/// <param name="Parse">What it means (completed from the conversation when it continued one).</param>
/// <param name="Speaker">The speaking device, when it is part of the home.</param>
/// <param name="Services">The platform services and providers.</param>
/// <param name="Confirmed">True when the user already said yes to this request.</param>
internal sealed record SkillRequest(Turn Turn, ParseResult Parse, Device? Speaker, AssistantServices Services, bool Confirmed = false)
{
    public string Language => Parse.Language;

    public bool Korean => Parse.Language == "ko";

    public Home Home => Turn.Home;

    public string Intent => Parse.Intent!;

    public string DeviceId => Turn.DeviceId;

    public TurnOutcome Say(string korean, string english) => TurnOutcome.Say(new Speech(Korean ? korean : english, Language), Intent);

    /// <summary>Asks for a missing slot and keeps the request waiting for the answer ("몇 시로 맞출까요?").</summary>
    public TurnOutcome Ask(string korean, string english, string slot) =>
        Say(korean, english) with { ExpectSpeech = true, Dialog = new DialogState { Pending = new PendingQuestion(PendingKind.Slot, Parse, slot) } };

    /// <summary>Asks yes or no before a risky action ("가스 밸브를 열까요?").</summary>
    public TurnOutcome Confirm(string korean, string english) =>
        Say(korean, english) with { ExpectSpeech = true, Dialog = new DialogState { Pending = new PendingQuestion(PendingKind.Confirmation, Parse) } };

    /// <summary>Asks which of several things was meant ("어느 조명을 켤까요?").</summary>
    public TurnOutcome Choose(string korean, string english) =>
        Say(korean, english) with { ExpectSpeech = true, Dialog = new DialogState { Pending = new PendingQuestion(PendingKind.Choice, Parse) } };

    /// <summary>A directive for the speaking device.</summary>
    public DeviceDirective Directive<T>(string name, T payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(DeviceId, name, JsonSerializer.SerializeToElement(payload, type));

    /// <summary>A profile from the home file's <c>services:</c> section, e.g. the hotel's.</summary>
    public T? Profile<T>(string name) where T : class =>
        Home.Services.TryGetValue(name, out var section) ? section.Deserialize<T>(ProfileJson) : null;

    public DeviceState StateOf(Device device) =>
        Turn.States.TryGetValue(device.Id, out var state) ? state : device.InitialState;

    private static readonly JsonSerializerOptions ProfileJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
