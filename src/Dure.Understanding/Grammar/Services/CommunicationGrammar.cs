using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// Calls and messages: "엄마한테 전화해줘", "엄마한테 늦는다고 문자 보내줘", "call mom",
/// "text mom that I'll be late", "send a message to John saying hello".
/// </summary>
internal static class CommunicationGrammar
{
    private static readonly HashSet<string> Recipients = new(["한테", "에게", "께", "더러", "한테로", "에게로"], StringComparer.Ordinal);

    public static ParseResult? Interpret(Frame frame)
    {
        var message = FreeText.Find(frame, FreeText.IsVerb("message"));
        var call = FreeText.Find(frame, FreeText.IsVerb("call"));
        var verb = message >= 0 ? message : call;

        // "is the phone charging?" asks about a device called Phone; it calls no one.
        if (verb < 0 || frame.IsQuestion || frame.Utterance.Tokens[verb].Kind is LexKind.Device or LexKind.Noun)
        {
            return null;
        }

        var (contact, text) = frame.Language == "en" ? English(frame, message >= 0 ? message : call) : Korean(frame, message >= 0 ? message : call);
        if (contact is null && text is null && frame.HasTarget)
        {
            return null;
        }

        return message >= 0
            ? Results.Make(frame, Intents.SendMessage, Results.Text("contact", contact), Results.Text("message", text))
            : Results.Make(frame, Intents.Call, Results.Text("contact", contact));
    }

    private static (string? Contact, string? Message) Korean(Frame frame, int verb)
    {
        var tokens = frame.Utterance.Tokens;
        var to = -1;
        for (var i = 0; i < verb; i++)
        {
            if (Recipients.Contains(tokens[i].Surface))
            {
                to = i;
                break;
            }
        }

        if (to < 0)
        {
            return (FreeText.Between(frame, 0, verb), null);
        }

        var contact = FreeText.Between(frame, 0, to);
        var body = FreeText.Raw(frame, to + 1, verb);
        return (contact, body is null ? null : Unquote(body));
    }

    private static (string? Contact, string? Message) English(Frame frame, int verb)
    {
        var tokens = frame.Utterance.Tokens;
        var start = verb + 1;
        while (start < tokens.Length && tokens[start].Surface is "a" or "message" or "text" or "to" or "up")
        {
            start++;
        }

        var split = FreeText.FindWord(frame, start, "that", "saying", "and", "to", "about");
        return split < 0
            ? (FreeText.Between(frame, start, tokens.Length), null)
            : (FreeText.Between(frame, start, split), FreeText.Between(frame, split + 1, tokens.Length, sentence: true));
    }

    private static string Unquote(string text) => FreeText.Unquote(text);
}
