using System.Globalization;
using Dure.Skills.Services;
using Dure.Understanding;

namespace Dure.Skills.Clock;

/// <summary>
/// Alarms, reminders and hotel wake-up calls: something that rings on the speaking device at a time of day
/// ("내일 아침 7시에 깨워줘", "3시에 병원 가라고 알려줘", "모닝콜 6시에 해줘"). A missing time is asked for.
/// </summary>
internal sealed class AlarmSkill : ISkill
{
    public bool Handles(string intent) => intent is Intents.SetAlarm or Intents.CreateReminder or Intents.WakeUpCall;

    public async ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        if (request.Services.Scheduler is not { } scheduler)
        {
            return request.Say("지금은 알람을 맞출 수 없어요.", "Alarms aren't available right now.");
        }

        var time = request.Parse.Text("time");
        var message = request.Parse.Text("message");
        if (request.Intent == Intents.CreateReminder && message is null)
        {
            return request.Ask("무엇을 알려 드릴까요?", "What should I remind you about?", "message");
        }

        if (time is null)
        {
            return request.Intent switch
            {
                Intents.CreateReminder => request.Ask("언제 알려 드릴까요?", "When should I remind you?", "time"),
                Intents.WakeUpCall => request.Ask("모닝콜을 몇 시로 해 드릴까요?", "What time should the wake-up call be?", "time"),
                _ => request.Ask("몇 시로 맞출까요?", "What time should I set it for?", "time"),
            };
        }

        var zone = request.Home.Zone;
        var now = TimeZoneInfo.ConvertTime(request.Turn.Now, zone).DateTime;
        var clock = TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture);
        var day = request.Parse.Text("date") is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : DateOnly.FromDateTime(now);
        var local = day.ToDateTime(clock);
        if (local <= now)
        {
            if (request.Parse.Text("date") is not null)
            {
                return request.Say("이미 지난 시간이에요. 다른 시간을 말씀해 주세요.", "That time has already passed. Please say another time.");
            }

            local = local.AddDays(1);
        }

        var due = new DateTimeOffset(local, zone.GetUtcOffset(local));
        var whenKo = Phrasing.When(local, now, "ko");
        var whenEn = Phrasing.When(local, now, "en");
        var spokenTime = request.Korean ? ClockSkill.KoreanTime(local) : local.ToString("h:mm tt", CultureInfo.InvariantCulture);
        var (kind, announcement, reply) = request.Intent switch
        {
            Intents.CreateReminder => (ScheduleKind.Reminder,
                request.Korean ? $"알려 드릴 게 있어요. {message}." : $"Here's your reminder: {message}.",
                request.Say($"{whenKo}에 알려 드릴게요.", $"I'll remind you {whenEn}.")),
            Intents.WakeUpCall => (ScheduleKind.WakeUpCall,
                request.Korean ? $"좋은 아침이에요. 모닝콜이에요. 지금은 {Phrases.Ieyo(spokenTime)}." : $"Good morning. This is your wake-up call. It's {spokenTime}.",
                request.Say($"{whenKo}에 모닝콜을 해 드릴게요.", $"I'll give you a wake-up call {whenEn}.")),
            _ => (ScheduleKind.Alarm,
                request.Korean ? $"{spokenTime} 알람이에요." : $"It's {spokenTime}. This is your alarm.",
                request.Say($"{whenKo}에 알람을 맞췄어요.", $"Alarm set for {whenEn}.")),
        };

        await scheduler.AddAsync(request.Home.Id,
            new Scheduled("", kind, request.DeviceId, due, announcement, request.Language) { Message = message }, cancellationToken);
        return reply;
    }
}
