using System.Globalization;
using Dure.Understanding;

namespace Dure.Skills.Clock;

/// <summary>The time and date where the home is ("지금은 오후 3시 20분이에요").</summary>
internal sealed class ClockSkill : ISkill
{
    private static readonly string[] KoreanDays = ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"];

    public bool Handles(string intent) => intent is Intents.GetTime or Intents.GetDate;

    public ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        var local = LocalTime(request);
        var outcome = request.Intent == Intents.GetTime
            ? request.Say($"지금은 {Phrases.Ieyo(KoreanTime(local))}.", $"It's {local.ToString("h:mm tt", CultureInfo.InvariantCulture)}.")
            : request.Say($"오늘은 {local.Month}월 {local.Day}일 {Phrases.Ieyo(KoreanDays[(int)local.DayOfWeek])}.",
                $"Today is {local.ToString("dddd, MMMM d", CultureInfo.InvariantCulture)}.");
        return ValueTask.FromResult(outcome);
    }

    /// <summary>"오후 3시 20분", "오전 9시", "밤 12시" is said 자정 and noon 정오.</summary>
    public static string KoreanTime(DateTime local)
    {
        if (local is { Hour: 0, Minute: 0 })
        {
            return "자정";
        }

        if (local is { Hour: 12, Minute: 0 })
        {
            return "정오";
        }

        var meridiem = local.Hour < 12 ? "오전" : "오후";
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return local.Minute == 0 ? $"{meridiem} {hour}시" : $"{meridiem} {hour}시 {local.Minute}분";
    }

    private static DateTime LocalTime(SkillRequest request) => TimeZoneInfo.ConvertTime(request.Turn.Now, request.Home.Zone).DateTime;
}
