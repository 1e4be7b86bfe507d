using Dure.Homes;
using Dure.Understanding.Analysis;
using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar;

/// <summary>
/// Turns tokens into a <see cref="Frame"/>: decides whether the utterance is a question or a command, then
/// gives every ambiguous token the reading that fits ("open" is an action in "open the blinds" and a state in
/// "are the blinds open?"; "Light" the device or light the kind of device).
/// </summary>
internal static class FrameBuilder
{
    private static readonly HashSet<string> ReadOnlyDomains =
        new([DeviceDomains.Sensor, DeviceDomains.BinarySensor, DeviceDomains.Person, DeviceDomains.Weather], StringComparer.Ordinal);

    public static bool IsControllable(string? domain) => domain is not null && !ReadOnlyDomains.Contains(domain);

    public static Frame Build(Utterance utterance, Home home, bool endsWithQuestionMark)
    {
        var frame = new Frame { Utterance = utterance };
        var tokens = utterance.Tokens;
        frame.IsQuestion = utterance.Language == "en"
            ? IsEnglishQuestion(tokens, endsWithQuestionMark)
            : IsKoreanQuestion(tokens, endsWithQuestionMark);

        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.IsUnknown)
            {
                frame.Unknowns.Add(token);
                continue;
            }

            frame.Explained += token.Length;
            token.Lexeme = Choose(tokens, i, frame.IsQuestion, home);
            Apply(frame, token, i);

            // Service topics and verbs are hints the service grammars read whatever reading won:
            // "틀어" is an action for the air conditioner and "play" for a song.
            foreach (var hint in token.Readings.Where(r => r != token.Lexeme && r.Kind is LexKind.Topic or LexKind.Verb))
            {
                (hint.Kind == LexKind.Topic ? frame.Topics : frame.Verbs).Add(hint.Value!);
            }
        }

        // English "not" negates only a request that follows it: "don't turn on ..." but not "play Does Not Exist".
        if (frame.Negation && utterance.Language == "en")
        {
            var negation = tokens.IndexOf(tokens.First(t => t.Lexeme?.Kind == LexKind.Negation));
            frame.Negation = tokens.Skip(negation + 1).Any(t => t.Readings.Any(r => r.Kind is LexKind.Action or LexKind.OnOff or LexKind.Verb));
        }

        return frame;
    }

    private static bool IsKoreanQuestion(IEnumerable<Token> tokens, bool questionMark)
    {
        var asks = false;
        foreach (var token in tokens)
        {
            foreach (var reading in token.Readings)
            {
                if (reading.Kind == LexKind.Action)
                {
                    return false;
                }

                asks |= reading.Kind is LexKind.Question or LexKind.Status or LexKind.TemperatureFeel or LexKind.TimeQuestion
                    or LexKind.DateQuestion or LexKind.State or LexKind.Exist || reading is { Kind: LexKind.Quantifier, Value: "which" or "count" };
            }
        }

        return asks || questionMark;
    }

    private static bool IsEnglishQuestion(IEnumerable<Token> tokens, bool questionMark)
    {
        var first = tokens.FirstOrDefault(t => t.IsUnknown || t.Readings.Any(r => !r.IsFunctionWord && r.Kind != LexKind.Preposition));
        if (first is null || first.IsUnknown)
        {
            return questionMark;
        }

        if (first.Readings.Any(r => r.Kind is LexKind.Question or LexKind.Exist or LexKind.TemperatureFeel or LexKind.TimeQuestion or LexKind.DateQuestion
                || r is { Kind: LexKind.Quantifier, Value: "which" or "count" or "any" }))
        {
            return true;
        }

        // A verb anywhere makes a request of it ("can you turn the lights off in the kitchen?").
        var requests = tokens.Any(t => t.Readings.Any(r => r.Kind is LexKind.Action or LexKind.OnOff));
        return !requests && questionMark;
    }

    private static Lexeme Choose(IReadOnlyList<Token> tokens, int index, bool question, Home home)
    {
        var readings = tokens[index].Readings;
        if (readings.Length == 1)
        {
            return readings[0];
        }

        var device = readings.FirstOrDefault(r => r.Kind == LexKind.Device);
        if (device is not null && DeviceFits(device, readings, tokens, index, question, home))
        {
            return device;
        }

        // After "in"/"at" comes a place: "in the garage" is the room, "in the home" the whole home.
        if (PreviousContent(tokens, index)?.Lexeme is { Kind: LexKind.Preposition, Value: "in" } &&
            readings.FirstOrDefault(r => r.Kind is LexKind.Area or LexKind.Floor or LexKind.Everywhere) is { } place)
        {
            return place;
        }

        // "switch all the lights on": an utterance that starts with a light verb uses it as one.
        if (!question && PreviousContent(tokens, index) is null && readings.FirstOrDefault(r => r.Kind == LexKind.Filler) is { } lightVerb)
        {
            return lightVerb;
        }

        var order = question ? QuestionPreference : CommandPreference;
        return readings.Where(r => r.Kind != LexKind.Device).MinBy(r => Rank(order, r.Kind)) ?? readings[0];
    }

    /// <summary>
    /// A device name wins over the other readings unless the device cannot be what is meant: a sensor named
    /// "Light" is not what "turn on the light" controls, and "현관" before a device word is the room.
    /// </summary>
    private static bool DeviceFits(Lexeme device, IReadOnlyList<Lexeme> readings, IReadOnlyList<Token> tokens, int index, bool question, Home home)
    {
        var domains = device.Name!.Ids.Select(id => home.FindDevice(id)?.Domain).ToList();
        if (!question && readings.Any(r => r.Kind == LexKind.Noun) && !domains.Any(IsControllable))
        {
            return false;
        }

        if (readings.Any(r => r.Kind == LexKind.Area) && NextContent(tokens, index) is { } next && next.Readings.Any(r => r.Kind == LexKind.Noun))
        {
            return false;
        }

        return true;
    }

    private static Token? PreviousContent(IReadOnlyList<Token> tokens, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            if (tokens[j].IsUnknown || tokens[j].Lexeme is { Kind: LexKind.Preposition } || tokens[j].Readings.Any(r => !r.IsFunctionWord))
            {
                return tokens[j];
            }
        }

        return null;
    }

    private static Token? NextContent(IReadOnlyList<Token> tokens, int index)
    {
        for (var j = index + 1; j < tokens.Count; j++)
        {
            if (tokens[j].IsUnknown || tokens[j].Readings.Any(r => !r.IsFunctionWord))
            {
                return tokens[j];
            }
        }

        return null;
    }

    private static readonly LexKind[] QuestionPreference =
    [
        LexKind.State, LexKind.OnOff, LexKind.Noun, LexKind.Quantifier, LexKind.Question, LexKind.Status, LexKind.Attribute,
        LexKind.Area, LexKind.Floor, LexKind.Everywhere, LexKind.Action,
    ];

    private static readonly LexKind[] CommandPreference =
    [
        LexKind.Action, LexKind.OnOff, LexKind.Noun, LexKind.Area, LexKind.Floor, LexKind.Everywhere, LexKind.Attribute, LexKind.Color,
        LexKind.Extreme, LexKind.Quantifier, LexKind.State,
    ];

    private static int Rank(LexKind[] order, LexKind kind)
    {
        var rank = Array.IndexOf(order, kind);
        return rank < 0 ? order.Length : rank;
    }

    private static void Apply(Frame frame, Token token, int index)
    {
        var lexeme = token.Lexeme!;
        switch (lexeme.Kind)
        {
            case LexKind.Device:
                frame.Devices.Add(new DeviceMention(lexeme.Name!, index));
                break;
            case LexKind.Area:
                frame.Areas.Add(lexeme.Name!);
                break;
            case LexKind.Floor:
                frame.Floors.Add(lexeme.Name!);
                break;
            case LexKind.Noun:
                frame.Nouns.Add(lexeme.Senses);
                break;
            case LexKind.Action:
                // Korean puts the verb last; in English the first verb is the command ("set ... to ...").
                if (frame.Language == "ko" || frame.Action == ActionKind.None)
                {
                    frame.Action = lexeme.Action;
                }

                // Some verbs name their device kind: "light up", "점등".
                if (!lexeme.Senses.IsEmpty)
                {
                    frame.Nouns.Add(lexeme.Senses);
                }

                break;
            case LexKind.Exist:
                frame.Exist = true;
                break;
            case LexKind.OnOff when frame.IsQuestion:
                frame.States.AddRange(lexeme.Value == "on" ? VocabularyBuilder.SwitchedOn : VocabularyBuilder.SwitchedOff);
                break;
            case LexKind.OnOff:
                if (frame.Action is ActionKind.None)
                {
                    frame.Action = lexeme.Value == "on" ? ActionKind.On : ActionKind.Off;
                }

                break;
            case LexKind.State:
                // Every state reading of the word counts ("running": switched on, or a running binary sensor).
                frame.States.AddRange(token.Readings.Where(r => r.Kind == LexKind.State).SelectMany(r => r.States));
                break;
            case LexKind.Attribute:
                frame.Attributes.Add(lexeme.Value!);
                break;
            case LexKind.Color:
                frame.Color = lexeme.Value;
                break;
            case LexKind.Extreme:
                frame.Extreme = lexeme.Value;
                break;
            case LexKind.Quantifier:
                frame.Quantifiers.Add(lexeme.Value!);
                break;
            case LexKind.Here:
                frame.Here = true;
                break;
            case LexKind.Everywhere:
                frame.Everywhere = true;
                break;
            case LexKind.TemperatureFeel:
                frame.TemperatureFeel = true;
                break;
            case LexKind.TimeQuestion:
                frame.TimeQuestion = true;
                break;
            case LexKind.DateQuestion:
                frame.DateQuestion = true;
                break;
            case LexKind.Status:
                frame.Status = true;
                break;
            case LexKind.Nevermind:
                frame.Nevermind = true;
                break;
            case LexKind.Negation:
                frame.Negation = true;
                break;
            case LexKind.Number:
                frame.Numbers.Add(token);
                break;
            case LexKind.Duration:
                frame.Durations.Add(token);
                break;
            case LexKind.Time:
                frame.Times.Add(token);
                break;
            case LexKind.Date:
                frame.Dates.Add(token);
                break;
            case LexKind.Topic:
                frame.Topics.Add(lexeme.Value!);
                break;
            case LexKind.Verb:
                frame.Verbs.Add(lexeme.Value!);
                break;
        }
    }
}
