using Dure.Homes;
using Dure.Protocol;
using Dure.Understanding;

namespace Dure.Skills.Conversation;

/// <summary>
/// Conversation control and the assistant itself: never mind, cancel, a yes or no with nothing asked, help,
/// small talk, and broadcasts to the home's other talking devices.
/// </summary>
internal sealed class SystemSkill : ISkill
{
    public bool Handles(string intent) => intent.StartsWith("system.", StringComparison.Ordinal);

    public ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Intent switch
    {
        Intents.Help => request.Say(
            "불이나 난방, 가스 밸브 같은 집 안의 기기를 켜고 끌 수 있고, 타이머와 알람, 날씨, 음악도 도와드려요. 예를 들어 '거실 불 켜줘'라고 말씀해 보세요.",
            "I can control your home's lights, heating and other devices, set timers and alarms, tell you the weather and play music. Try \"turn on the living room light\"."),
        Intents.SmallTalk when Thanks(request.Turn.Text) => request.Say("천만에요. 또 필요한 게 있으면 말씀해 주세요.", "You're welcome."),
        Intents.SmallTalk => request.Say("안녕하세요! 무엇을 도와드릴까요?", "Hi! How can I help?"),
        Intents.Broadcast => Broadcast(request),
        Intents.Yes or Intents.No => request.Say("지금은 여쭤본 게 없어요. 무엇을 도와드릴까요?", "I didn't ask anything just now. What can I do for you?"),
        _ => request.Say("네, 알겠어요.", "Okay."),
    });

    private static bool Thanks(string text) =>
        new[] { "고마", "감사", "thank" }.Any(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Speaks the message on every other talking device of the home.</summary>
    private static TurnOutcome Broadcast(SkillRequest request)
    {
        if (request.Parse.Text("message") is not { } message)
        {
            return request.Ask("어떤 내용을 방송할까요?", "What should I announce?", "message");
        }

        var speakers = request.Home.Devices
            .Where(d => d.Domain == DeviceDomains.AssistSatellite && d.Id != request.DeviceId)
            .Select(d => new DeviceDirective(d.Id, MessageNames.SpeechSpeak,
                System.Text.Json.JsonSerializer.SerializeToElement(new SpeechSpeak(message, request.Language), ProtocolJson.Default.SpeechSpeak)))
            .ToList();
        return speakers.Count == 0
            ? request.Say("방송할 다른 기기가 없어요.", "There are no other devices to announce on.")
            : request.Say("방송했어요.", "Announced.") with { Directives = [.. speakers] };
    }
}
