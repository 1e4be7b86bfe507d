using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// Conversation control: yes, no, cancel, never mind, help, small talk and broadcasts. Yes and no count only
/// when they are all that was said ("네", "아니요"), so "네 거실 불 켜줘" stays a command.
/// </summary>
internal static class ConversationGrammar
{
    public static ParseResult? Interpret(Frame frame)
    {
        var content = frame.Utterance.Tokens.Where(t => t.IsUnknown || t.Readings.Any(r => !r.IsFunctionWord)).ToList();
        bool Only(string verb) => content.Count > 0 && content.All(t => t.Readings.Any(FreeText.IsVerb(verb)));

        if (Only("yes"))
        {
            return Results.Make(frame, Intents.Yes);
        }

        if (Only("no"))
        {
            return Results.Make(frame, Intents.No);
        }

        if (Only("cancel"))
        {
            return Results.Make(frame, Intents.Cancel);
        }

        if (frame.Nevermind && frame.Action == ActionKind.None && !frame.HasTarget && frame.Topics.Count == 0)
        {
            return Results.Make(frame, Intents.Nevermind);
        }

        if (content.Count > 0 && content.All(t => t.Readings.Any(r => r is { Kind: LexKind.Question, Value: "help" } || r.Kind is LexKind.Question or LexKind.Filler)) &&
            content.Any(t => t.Readings.Any(r => r is { Kind: LexKind.Question, Value: "help" })))
        {
            return Results.Make(frame, Intents.Help);
        }

        if (content.Count > 0 && content[0].Readings.Any(FreeText.IsVerb("smalltalk")) && frame.Action == ActionKind.None && frame.Devices.Count == 0)
        {
            return Results.Make(frame, Intents.SmallTalk);
        }

        var broadcast = FreeText.Find(frame, FreeText.IsVerb("broadcast"));
        if (broadcast >= 0)
        {
            var message = frame.Language == "en"
                ? FreeText.Between(frame, broadcast + 1, frame.Utterance.Tokens.Length, sentence: true)
                : FreeText.Between(frame, 0, broadcast);
            return Results.Make(frame, Intents.Broadcast, Results.Text("message", StripThat(message)));
        }

        return null;
    }

    private static string? StripThat(string? message) =>
        message is not null && message.StartsWith("that ", StringComparison.Ordinal) ? message[5..] : message;
}
