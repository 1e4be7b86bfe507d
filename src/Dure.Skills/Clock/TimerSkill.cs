using Dure.Skills.Services;
using Dure.Understanding;

namespace Dure.Skills.Clock;

/// <summary>
/// Timers on the speaking device: start ("라면 타이머 3분"), how long is left, pause, resume, add or take time,
/// cancel one or all. A timer with a command ("10분 뒤에 불 꺼줘") carries the command out when it is due.
/// </summary>
internal sealed class TimerSkill : ISkill
{
    public bool Handles(string intent) => intent.StartsWith("timer.", StringComparison.Ordinal);

    public async ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        if (request.Services.Scheduler is not { } scheduler)
        {
            return request.Say("지금은 타이머를 쓸 수 없어요.", "Timers aren't available right now.");
        }

        var homeId = request.Home.Id;
        if (request.Intent == Intents.TimerStart)
        {
            return await StartAsync(request, scheduler, cancellationToken);
        }

        var timers = (await scheduler.ListAsync(homeId, cancellationToken))
            .Where(t => t.Kind == ScheduleKind.Timer && t.DeviceId == request.DeviceId && t.Command is null).ToList();
        if (timers.Count == 0)
        {
            return request.Say("진행 중인 타이머가 없어요.", "There are no timers running.");
        }

        var now = request.Turn.Now;
        if (request.Intent == Intents.TimerCancelAll)
        {
            foreach (var timer in timers)
            {
                await scheduler.RemoveAsync(homeId, timer.Id, cancellationToken);
            }

            return timers.Count == 1
                ? request.Say("타이머를 취소했어요.", "Cancelled the timer.")
                : request.Say($"타이머 {timers.Count}개를 모두 취소했어요.", $"Cancelled all {timers.Count} timers.");
        }

        var matching = Matching(request, timers);
        if (request.Intent == Intents.TimerStatus && matching.Count > 1)
        {
            var ko = string.Join(", ", matching.Select(t => $"{Name(t, "ko")} {Phrasing.Duration(Remaining(t, now), "ko")}"));
            var en = string.Join(", ", matching.Select(t => $"{Name(t, "en")} {Phrasing.Duration(Remaining(t, now), "en")}"));
            return request.Say($"{ko} 남았어요.", $"Left: {en}.");
        }

        if (matching.Count != 1)
        {
            var names = string.Join(", ", timers.Select(t => Name(t, request.Language)));
            return matching.Count == 0
                ? request.Say("그런 타이머는 없어요.", "There's no such timer.")
                : request.Ask($"타이머가 {timers.Count}개 있어요: {names}. 어느 타이머요?", $"There are {timers.Count} timers: {names}. Which one?", "name");
        }

        var chosen = matching[0];
        var name = Name(chosen, request.Language);
        switch (request.Intent)
        {
            case Intents.TimerStatus:
                var left = Phrasing.Duration(Remaining(chosen, now), request.Language);
                return chosen.PausedRemaining is null
                    ? request.Say($"{Phrases.I(name)} {left} 남았어요.", $"{Phrases.Capitalize(name)} has {left} left.")
                    : request.Say($"{Phrases.Eun(name)} 멈춰 있고, {left} 남았어요.", $"{Phrases.Capitalize(name)} is paused with {left} left.");
            case Intents.TimerCancel:
                await scheduler.RemoveAsync(homeId, chosen.Id, cancellationToken);
                return request.Say($"{Phrases.Eul(name)} 취소했어요.", $"Cancelled {name}.");
            case Intents.TimerPause:
                if (chosen.PausedRemaining is not null)
                {
                    return request.Say($"{Phrases.Eun(name)} 이미 멈춰 있어요.", $"{Phrases.Capitalize(name)} is already paused.");
                }

                await scheduler.UpdateAsync(homeId, chosen with { PausedRemaining = Remaining(chosen, now) }, cancellationToken);
                return request.Say($"{Phrases.Eul(name)} 잠시 멈췄어요.", $"Paused {name}.");
            case Intents.TimerResume:
                if (chosen.PausedRemaining is not { } paused)
                {
                    return request.Say($"{Phrases.Eun(name)} 이미 가고 있어요.", $"{Phrases.Capitalize(name)} is already running.");
                }

                await scheduler.UpdateAsync(homeId, chosen with { Due = now + paused, PausedRemaining = null }, cancellationToken);
                return request.Say($"{Phrases.Eul(name)} 다시 시작했어요.", $"Resumed {name}.");
            default:
                if (request.Parse.Number("duration") is not { } seconds)
                {
                    return request.Ask("몇 분을 바꿀까요?", "By how much?", "duration");
                }

                var change = TimeSpan.FromSeconds(request.Intent == Intents.TimerIncrease ? seconds : -seconds);
                var remaining = Remaining(chosen, now) + change;
                if (remaining <= TimeSpan.Zero)
                {
                    await scheduler.RemoveAsync(homeId, chosen.Id, cancellationToken);
                    return request.Say($"{Phrases.Eul(name)} 끝냈어요.", $"That ends {name}.");
                }

                var updated = chosen.PausedRemaining is null ? chosen with { Due = now + remaining } : chosen with { PausedRemaining = remaining };
                await scheduler.UpdateAsync(homeId, updated, cancellationToken);
                var amount = Phrasing.Duration(TimeSpan.FromSeconds(seconds), request.Language);
                var total = Phrasing.Duration(remaining, request.Language);
                return request.Intent == Intents.TimerIncrease
                    ? request.Say($"{I(name)} {amount} 늘려서 {total} 남았어요.", $"Added {amount}; {name} has {total} left.")
                    : request.Say($"{I(name)} {amount} 줄여서 {total} 남았어요.", $"Took off {amount}; {name} has {total} left.");
        }

        static string I(string name) => Phrases.Eul(name);
    }

    private static async ValueTask<TurnOutcome> StartAsync(SkillRequest request, IScheduler scheduler, CancellationToken cancellationToken)
    {
        if (request.Parse.Number("duration") is not { } seconds || seconds <= 0)
        {
            return request.Ask("몇 분으로 맞출까요?", "For how long?", "duration");
        }

        var length = TimeSpan.FromSeconds(seconds);
        var label = request.Parse.Text("name");
        var command = request.Parse.Text("command");
        var ko = Phrasing.Duration(length, "ko");
        var en = Phrasing.Duration(length, "en");
        var timer = new Scheduled("", ScheduleKind.Timer, request.DeviceId, request.Turn.Now + length,
            request.Korean
                ? label is null ? "타이머가 끝났어요." : $"{label} 타이머가 끝났어요."
                : label is null ? "Your timer is done." : $"Your {label} timer is done.",
            request.Language)
        {
            Label = label,
            Length = length,
            Command = command,
            AreaId = request.Parse.Text("area"),
        };
        await scheduler.AddAsync(request.Home.Id, timer, cancellationToken);

        if (command is not null)
        {
            return request.Say($"{ko} 뒤에 할게요.", $"I'll do that in {en}.");
        }

        return label is null
            ? request.Say($"{ko} 타이머를 시작했어요.", $"Started a {Phrasing.DurationModifier(length)} timer.")
            : request.Say($"{label} 타이머 {Phrases.Eul(ko)} 시작했어요.", $"Started a {Phrasing.DurationModifier(length)} {label} timer.");
    }

    /// <summary>The timers the request names: by label, by the length they started with, by room; all when none is said.</summary>
    private static List<Scheduled> Matching(SkillRequest request, List<Scheduled> timers)
    {
        var label = request.Parse.Text("name");
        var length = request.Parse.Number("start_duration");
        var area = request.Parse.Text("area");
        return [.. timers.Where(t =>
            (label is null || string.Equals(t.Label, label, StringComparison.OrdinalIgnoreCase)) &&
            (length is null || t.Length?.TotalSeconds == length) &&
            (area is null || t.AreaId == area))];
    }

    private static TimeSpan Remaining(Scheduled timer, DateTimeOffset now) =>
        timer.PausedRemaining ?? (timer.Due - now > TimeSpan.Zero ? timer.Due - now : TimeSpan.Zero);

    private static string Name(Scheduled timer, string language) => language == "ko"
        ? timer.Label is null ? $"{Phrasing.Duration(timer.Length ?? TimeSpan.Zero, "ko")} 타이머" : $"{timer.Label} 타이머"
        : timer.Label is null ? $"the {Phrasing.DurationModifier(timer.Length ?? TimeSpan.Zero)} timer" : $"the {timer.Label} timer";
}
