using Dure.Protocol;
using Dure.Understanding;

namespace Dure.Skills.Communication;

/// <summary>
/// Calls and messages through the device's phone (<c>Phone.Call</c>, <c>Phone.SendMessage</c>): the device
/// looks the contact up in its own address book. A missing contact or message is asked for.
/// </summary>
internal sealed class CallSkill : ISkill
{
    public bool Handles(string intent) => intent is Intents.Call or Intents.SendMessage;

    public ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(Handle(request));

    private static TurnOutcome Handle(SkillRequest request)
    {
        if (request.Parse.Text("contact") is not { } contact)
        {
            return request.Intent == Intents.Call
                ? request.Ask("누구에게 전화할까요?", "Who should I call?", "contact")
                : request.Ask("누구에게 보낼까요?", "Who should I send it to?", "contact");
        }

        var to = $"{contact}에게";
        if (request.Intent == Intents.Call)
        {
            var call = request.Directive(MessageNames.PhoneCall, new PhoneCall(contact), ProtocolJson.Default.PhoneCall);
            return request.Say($"{to} 전화를 걸게요.", $"Calling {contact}.") with { Directives = [call] };
        }

        if (request.Parse.Text("message") is not { } message)
        {
            return request.Ask("어떤 내용을 보낼까요?", "What should the message say?", "message");
        }

        var send = request.Directive(MessageNames.PhoneSendMessage, new PhoneSendMessage(contact, message), ProtocolJson.Default.PhoneSendMessage);
        return request.Say($"{to} '{message}'라고 보낼게요.", $"Sending \"{message}\" to {contact}.") with { Directives = [send] };
    }
}
