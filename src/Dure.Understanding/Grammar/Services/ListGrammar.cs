using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// Shopping and to-do lists: "장보기 목록에 우유 추가해줘", "우유 샀어", "add apples to my shopping list",
/// "check apples off my list". A list the home names (a to-do device) fills the name slot.
/// </summary>
internal static class ListGrammar
{
    public static ParseResult? Interpret(Frame frame, ParseContext context)
    {
        var named = frame.Devices.FirstOrDefault(d => d.Name.Ids.Any(id => context.Home.FindDevice(id)?.Domain == DeviceDomains.Todo));
        var list = named?.TokenIndex ?? FreeText.Find(frame, FreeText.IsTopic("list"));
        if (list < 0)
        {
            return null;
        }

        var add = FreeText.Find(frame, FreeText.IsVerb("add"));
        var done = FreeText.Find(frame, l => l.Kind == LexKind.Verb && l.Value is "complete" or "cancel");
        var verb = add >= 0 && (done < 0 || frame.Language == "ko" ? add >= done : add <= done) ? add : done;
        if (verb < 0)
        {
            return null;
        }

        var intent = verb == add ? Intents.ListAddItem : Intents.ListCompleteItem;
        var name = named is null ? null : new Slot("name", JsonValue.Create(named.Name.Ids[0]), named.Name.Spoken);
        return Results.Make(frame, intent, Results.Text("item", Item(frame, verb, list)), name);
    }

    private static string? Item(Frame frame, int verb, int list)
    {
        var tokens = frame.Utterance.Tokens;
        if (frame.Language == "en")
        {
            // The item runs from the verb to the word that introduces the list ("to", "on", "from", "off").
            var end = FreeText.FindWord(frame, verb + 1, "to", "on", "from", "off", "in", "onto");
            if (end < 0 || end > list)
            {
                end = list;
            }

            return FreeText.Between(frame, verb + 1, end);
        }

        // Korean: "목록에 [우유] 추가해" or "[우유를] 목록에 추가해".
        var listEnd = list + 1;
        while (listEnd < tokens.Length && tokens[listEnd].Lexeme is { Kind: LexKind.Particle })
        {
            listEnd++;
        }

        return listEnd < verb ? FreeText.Between(frame, listEnd, verb) : FreeText.Between(frame, 0, list);
    }
}
