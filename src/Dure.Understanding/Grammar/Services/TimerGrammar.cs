using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// Timers: start, cancel, status, pause, resume, add and take away time. A timer is named by a label
/// ("라면 타이머", "pizza timer", "timer named pizza"), a room, or the length it was started with
/// ("the 1 hour timer"). "5분 뒤에 알려줘" and "in 5 minutes, open the garage door" start timers too.
/// </summary>
internal static class TimerGrammar
{
    public static ParseResult? Interpret(Frame frame, ParseContext context)
    {
        if (!frame.Has("timer"))
        {
            return Delayed(frame);
        }

        var tokens = frame.Utterance.Tokens;
        var timer = FreeText.Find(frame, FreeText.IsTopic("timer"));
        var amount = Amount(frame);
        var identifying = frame.Durations.FirstOrDefault(d => d != amount);
        var label = Label(frame, timer);
        var area = frame.Areas.FirstOrDefault();
        var areaSlot = area is null ? null : new Slot("area", System.Text.Json.Nodes.JsonValue.Create(area.Ids[0]), area.Spoken);

        string intent;
        if (frame.Does("remaining") || frame.Status || (frame.IsQuestion && !frame.Does("pause") && !frame.Does("resume")))
        {
            intent = Intents.TimerStatus;
        }
        else if (frame.Does("resume"))
        {
            intent = Intents.TimerResume;
        }
        else if (frame.Does("pause"))
        {
            intent = Intents.TimerPause;
        }
        else if (amount is not null && (frame.Does("more") || frame.Action == ActionKind.Raise))
        {
            intent = Intents.TimerIncrease;
        }
        else if (amount is not null && (frame.Does("less") || frame.Does("cancel") || frame.Action == ActionKind.Lower))
        {
            intent = Intents.TimerDecrease;
        }
        else if (frame.Does("cancel") || frame.Action == ActionKind.Off)
        {
            intent = frame.All && label is null && identifying is null ? Intents.TimerCancelAll : Intents.TimerCancel;
        }
        else
        {
            var length = frame.Durations.FirstOrDefault();
            return Results.Make(frame, Intents.TimerStart,
                length is null ? null : Results.Duration((int)length.Number), Results.Text("name", label), areaSlot);
        }

        return Results.Make(frame, intent,
            amount is null ? null : Results.Duration((int)amount.Number),
            identifying is null || intent == Intents.TimerCancelAll ? null : Results.Duration((int)identifying.Number, "start_duration"),
            intent == Intents.TimerCancelAll ? null : Results.Text("name", label),
            areaSlot);
    }

    /// <summary>
    /// The time to add or take away: "by 5 minutes", "5 minutes off/from", "5분 더", never the length the timer
    /// is known by ("the 1 hour timer", "timer for 1 hour").
    /// </summary>
    private static Lexicon.Token? Amount(Frame frame)
    {
        if (!(frame.Does("more") || frame.Does("less") || frame.Does("cancel") || frame.Action is ActionKind.Raise or ActionKind.Lower) || frame.Durations.Count == 0)
        {
            return null;
        }

        var tokens = frame.Utterance.Tokens;
        foreach (var duration in frame.Durations)
        {
            var index = tokens.IndexOf(duration);
            var before = index > 0 ? tokens[index - 1].Surface : "";
            var after = index + 1 < tokens.Length ? tokens[index + 1] : null;
            var namesTimer = after is not null && after.Readings.Any(FreeText.IsTopic("timer"));
            if (before == "for" || (namesTimer && frame.Language == "en"))
            {
                continue;
            }

            return duration;
        }

        return frame.Language == "ko" ? frame.Durations[0] : null;
    }

    /// <summary>A timer's label: "named pizza", "pizza timer", "timer for pizza", "라면 타이머".</summary>
    private static string? Label(Frame frame, int timer)
    {
        var tokens = frame.Utterance.Tokens;
        var named = FreeText.Find(frame, l => l is { Kind: LexKind.Preposition, Value: "named" });
        if (named >= 0 && named + 1 < tokens.Length && tokens[named + 1].IsUnknown)
        {
            return tokens[named + 1].Surface;
        }

        var forWord = FreeText.FindWord(frame, timer, "for");
        if (forWord > timer && forWord + 1 < tokens.Length && tokens[forWord + 1].IsUnknown)
        {
            return tokens[forWord + 1].Surface;
        }

        // The unknown words right before "timer"/"타이머" ("my pizza timer", "라면 타이머").
        var start = timer;
        while (start > 0 && tokens[start - 1].IsUnknown)
        {
            start--;
        }

        return start < timer ? FreeText.Between(frame, start, timer) : null;
    }

    /// <summary>
    /// Timers without the word: "5분 뒤에 알려줘", "wake me in 10 minutes", and a command to run later —
    /// "in 5 minutes, open the garage door", "10분 뒤에 불 꺼줘".
    /// </summary>
    private static ParseResult? Delayed(Frame frame)
    {
        if (frame.Durations.Count != 1 || frame.Times.Count > 0 || frame.Has("alarm") || frame.Has("reminder"))
        {
            return null;
        }

        var tokens = frame.Utterance.Tokens;
        var duration = frame.Durations[0];
        var index = tokens.IndexOf(duration);
        var later = frame.Language == "en"
            ? index > 0 && tokens[index - 1].Surface == "in"
            : index + 1 < tokens.Length && tokens[index + 1].Readings.Any(r => r.Kind == LexKind.Filler && LaterWords.Contains(tokens[index + 1].Surface));
        if (!later)
        {
            return null;
        }

        if (frame.Action != ActionKind.None && frame.HasTarget)
        {
            var command = frame.Language == "en"
                ? FreeText.Span(frame, 0, index - 1) ?? FreeText.Span(frame, index + 1, tokens.Length)
                : FreeText.Span(frame, index + 2, tokens.Length);
            return Results.Make(frame, Intents.TimerStart, Results.Duration((int)duration.Number), Results.Text("command", command));
        }

        var remaining = tokens.Where((t, i) => i != index && (t.IsUnknown || (!t.Lexeme!.IsFunctionWord && t.Lexeme.Kind != LexKind.Verb && t.Lexeme.Kind != LexKind.Question)));
        return (frame.Does("remind") || frame.Does("wake")) && !remaining.Any()
            ? Results.Make(frame, Intents.TimerStart, Results.Duration((int)duration.Number))
            : null;
    }

    private static readonly HashSet<string> LaterWords = new(["뒤에", "뒤", "후에", "후", "있다가", "이따가", "지나면", "이후"], StringComparer.Ordinal);
}
