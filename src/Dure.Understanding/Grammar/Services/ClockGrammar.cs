using Dure.Understanding.Lexicon;

namespace Dure.Understanding.Grammar.Services;

/// <summary>
/// The clock: the time and date now, alarms ("내일 아침 7시에 깨워줘"), reminders ("3시에 병원 가라고 알려줘")
/// and hotel wake-up calls. Times come out as "HH:MM" in 24 hours, dates as ISO dates.
/// </summary>
internal static class ClockGrammar
{
    public static ParseResult? Interpret(Frame frame, ParseContext context)
    {
        var plain = !frame.HasTarget && frame.Action == ActionKind.None && frame.Topics.Count == 0;
        if (frame.TimeQuestion && plain && frame.Times.Count == 0)
        {
            return Results.Make(frame, Intents.GetTime);
        }

        if (frame.DateQuestion && plain)
        {
            return Results.Make(frame, Intents.GetDate);
        }

        if (frame.Has("wakeup"))
        {
            return Results.Make(frame, Intents.WakeUpCall, When(frame, context, morning: true));
        }

        var reminder = frame.Has("reminder") || (frame.Does("remind") && Message(frame) is not null);
        if (reminder && (frame.Times.Count > 0 || frame.Dates.Count > 0 || frame.Durations.Count > 0 || frame.Has("reminder")))
        {
            var slots = When(frame, context, morning: false).ToList();
            slots.Add(Results.Text("message", Message(frame)));
            return Results.Make(frame, Intents.CreateReminder, slots);
        }

        if (frame.Has("alarm") || (frame.Does("wake") && (frame.Times.Count > 0 || frame.Dates.Count > 0)))
        {
            return Results.Make(frame, Intents.SetAlarm, When(frame, context, morning: true));
        }

        return null;
    }

    /// <summary>
    /// The time and date said. A time without 오전/오후 or am/pm is read as people mean it: for alarms the
    /// morning from 5 to 11 and the afternoon from 1 to 4; for another day's appointment the afternoon from 1 to 6;
    /// otherwise its next occurrence. "10분 뒤에" is now plus ten minutes, to the minute.
    /// </summary>
    private static Slot?[] When(Frame frame, ParseContext context, bool morning)
    {
        var now = TimeZoneInfo.ConvertTime(context.Now ?? DateTimeOffset.UtcNow, context.Home.Zone).DateTime;
        if (frame.Times.FirstOrDefault()?.Time is { } said)
        {
            var hour = said.Hour;
            if (!said.Meridiem && hour is >= 1 and <= 12)
            {
                hour = morning ? hour switch { 12 => 12, <= 4 => hour + 12, _ => hour }
                    : frame.Dates.Count > 0 ? hour switch { 12 => 12, <= 6 => hour + 12, _ => hour }
                    : NextOccurrence(now, hour, said.Minute);
            }

            var date = frame.Dates.FirstOrDefault()?.Date;
            return [Results.Time(hour, said.Minute), date is { } d ? Results.Date(d) : null];
        }

        if (frame.Durations.FirstOrDefault() is { } after)
        {
            // Times are to the minute: a moment inside a minute rounds up, so "30초 뒤에" is never already past.
            var at = now.AddSeconds(after.Number);
            at = at.Second > 0 || at.Millisecond > 0 ? at.AddSeconds(60 - at.Second).AddMilliseconds(-at.Millisecond) : at;
            return [Results.Time(at.Hour, at.Minute), Results.Date(DateOnly.FromDateTime(at))];
        }

        return [frame.Dates.FirstOrDefault()?.Date is { } only ? Results.Date(only) : null];
    }

    /// <summary>The time of day said in a fragment ("일곱 시"), read as <see cref="When"/> reads it.</summary>
    public static Slot? TimeOf(Frame frame, ParseContext context, bool morning) =>
        frame.Times.Count > 0 || frame.Durations.Count > 0 ? When(frame, context, morning).OfType<Slot>().FirstOrDefault(s => s.Name == "time") : null;

    private static int NextOccurrence(DateTime now, int hour, int minute)
    {
        if (hour == 12)
        {
            return hour;
        }

        var morning = now.Date.AddHours(hour).AddMinutes(minute);
        return morning > now ? hour : morning.AddHours(12) > now ? hour + 12 : hour;
    }

    /// <summary>
    /// What to be reminded of: Korean, the words before "라고/하라고/다고 알려줘"; English, the words after
    /// "remind me to" or "reminder to".
    /// </summary>
    private static string? Message(Frame frame)
    {
        var tokens = frame.Utterance.Tokens;
        if (frame.Language == "en")
        {
            var remind = FreeText.Find(frame, l => l.Kind == LexKind.Verb && l.Value == "remind" || l is { Kind: LexKind.Topic, Value: "reminder" });
            if (remind < 0)
            {
                return null;
            }

            // "remind me to call mom at 5", "remind me at 7 pm that I have a meeting".
            var marker = FreeText.FindWord(frame, remind + 1, "to", "that", "about");
            var start = marker >= 0 ? marker + 1 : remind + 1;
            while (start < tokens.Length && tokens[start].Surface is "to" or "that" or "me" or "about")
            {
                start++;
            }

            var end = start;
            while (end < tokens.Length && tokens[end].Kind is not (LexKind.Time or LexKind.Date or LexKind.Duration) &&
                   !(tokens[end].Surface is "at" or "on" or "in" && end + 1 < tokens.Length && tokens[end + 1].Kind is LexKind.Time or LexKind.Date or LexKind.Duration))
            {
                end++;
            }

            return FreeText.Between(frame, start, end, sentence: true);
        }

        var verb = FreeText.FindLast(frame, l => l.Kind == LexKind.Verb && l.Value == "remind" || l is { Kind: LexKind.Topic, Value: "reminder" });
        if (verb <= 0)
        {
            return null;
        }

        var first = 0;
        for (var i = 0; i < verb; i++)
        {
            if (tokens[i].Kind is LexKind.Time or LexKind.Date or LexKind.Duration || (tokens[i].Lexeme?.Kind == LexKind.Filler && i > 0 && tokens[i - 1].Kind == LexKind.Duration))
            {
                first = i + 1;
            }
        }

        var text = FreeText.Raw(frame, first, verb);
        return text is null ? null : FreeText.Unquote(text);
    }
}
