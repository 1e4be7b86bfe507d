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
            return Implied(frame);
        }

        var add = FreeText.Find(frame, FreeText.IsVerb("add"));
        var done = FreeText.Find(frame, l => l.Kind == LexKind.Verb && l.Value is "complete" or "cancel" or "less");
        var verb = add >= 0 && (done < 0 || frame.Language == "ko" ? add >= done : add <= done) ? add : done;
        if (verb < 0)
        {
            return null;
        }

        var intent = verb == add ? Intents.ListAddItem : Intents.ListCompleteItem;
        var name = named is null ? null : new Slot("name", JsonValue.Create(named.Name.Ids[0]), named.Name.Spoken);
        return Results.Make(frame, intent, Results.Text("item", Item(frame, verb, list)), name);
    }

    /// <summary>
    /// "우유 샀어", "우유 추가해": with nothing else said, adding or having bought something is about the
    /// shopping list.
    /// </summary>
    private static ParseResult? Implied(Frame frame)
    {
        if (frame.Language != "ko" || frame.HasTarget || frame.Topics.Count > 0 || frame.Durations.Count > 0 || frame.Times.Count > 0)
        {
            return null;
        }

        var complete = FreeText.Find(frame, l => l is { Kind: LexKind.Verb, Value: "complete" });
        var add = FreeText.Find(frame, l => l is { Kind: LexKind.Verb, Value: "add" });
        var verb = complete >= 0 ? complete : add;
        var item = verb > 0 ? FreeText.Between(frame, 0, verb) : null;
        return item is null ? null : Results.Make(frame, complete >= 0 ? Intents.ListCompleteItem : Intents.ListAddItem, Results.Text("item", item));
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
