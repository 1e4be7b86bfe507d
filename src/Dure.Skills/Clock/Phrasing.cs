using System.Globalization;

namespace Dure.Skills.Clock;

/// <summary>How times, dates and lengths of time are said in answers.</summary>
internal static class Phrasing
{
    private static readonly string[] KoreanDays = ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"];

    /// <summary>"3분", "1시간 30분", "45초"; "3 minutes", "1 hour 30 minutes".</summary>
    public static string Duration(TimeSpan length, string language)
    {
        var seconds = (long)Math.Round(length.TotalSeconds);
        var (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
        var parts = new List<string>();
        if (language == "ko")
        {
            if (h > 0) parts.Add($"{h}시간");
            if (m > 0) parts.Add($"{m}분");
            if (s > 0 || parts.Count == 0) parts.Add($"{s}초");
        }
        else
        {
            if (h > 0) parts.Add(h == 1 ? "1 hour" : $"{h} hours");
            if (m > 0) parts.Add(m == 1 ? "1 minute" : $"{m} minutes");
            if (s > 0 || parts.Count == 0) parts.Add(s == 1 ? "1 second" : $"{s} seconds");
        }

        return string.Join(' ', parts);
    }

    /// <summary>"a 3 minute", "a 1 hour 30 minute": a length as a modifier ("a 3 minute timer").</summary>
    public static string DurationModifier(TimeSpan length) =>
        Duration(length, "en").Replace("hours", "hour", StringComparison.Ordinal).Replace("minutes", "minute", StringComparison.Ordinal)
            .Replace("seconds", "second", StringComparison.Ordinal);

    /// <summary>"오늘 오후 3시", "내일 오전 7시", "12월 25일 금요일 오전 9시"; "today at 3:00 PM", "tomorrow at 7:00 AM".</summary>
    public static string When(DateTime local, DateTime now, string language)
    {
        var days = (local.Date - now.Date).Days;
        if (language == "ko")
        {
            var day = days switch
            {
                0 => "오늘",
                1 => "내일",
                2 => "모레",
                _ => $"{local.Month}월 {local.Day}일 {KoreanDays[(int)local.DayOfWeek]}",
            };
            return $"{day} {ClockSkill.KoreanTime(local)}";
        }

        var time = local.ToString("h:mm tt", CultureInfo.InvariantCulture);
        return days switch
        {
            0 => $"today at {time}",
            1 => $"tomorrow at {time}",
            _ => $"{local.ToString("dddd, MMMM d", CultureInfo.InvariantCulture)} at {time}",
        };
    }
}
