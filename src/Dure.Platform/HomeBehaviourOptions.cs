namespace Dure.Platform;

/// <summary>Driving-related behaviour (configuration section <c>Dure:Vehicle</c>).</summary>
public sealed class VehicleOptions
{
    public const string Section = "Dure:Vehicle";

    /// <summary>Continuous driving after which the driver is reminded to rest.</summary>
    public TimeSpan RestAfter { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>One answer when several devices hear the same words (configuration section <c>Dure:Arbitration</c>).</summary>
public sealed class ArbitrationOptions
{
    public const string Section = "Dure:Arbitration";

    /// <summary>The same utterance from another device of the home within this window is not answered again; zero turns arbitration off.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Words the platform says on its own initiative. The rest reminder's text belongs to the skills; until they provide
/// it this default says it. Register another implementation to replace it.
/// </summary>
public interface IProactiveSpeech
{
    /// <summary>What a driver hears after <see cref="VehicleOptions.RestAfter"/> of continuous driving.</summary>
    string RestReminder(string language, TimeSpan drivenFor);
}

public sealed class DefaultProactiveSpeech : IProactiveSpeech
{
    public string RestReminder(string language, TimeSpan drivenFor) => language == "ko"
        ? $"{Length(drivenFor, "ko")} 넘게 운전하셨어요. 가까운 휴게소에서 쉬어 가세요."
        : $"You've been driving for over {Length(drivenFor, "en")}. Please take a break at a nearby rest area.";

    /// <summary>The configured stretch as said: "2시간", "1시간 30분", "90 minutes" is "1 hour 30 minutes".</summary>
    private static string Length(TimeSpan length, string language)
    {
        var (hours, minutes, seconds) = ((int)length.TotalHours, length.Minutes, length.Seconds);
        List<string> parts = [];
        if (hours > 0)
        {
            parts.Add(language == "ko" ? $"{hours}시간" : hours == 1 ? "1 hour" : $"{hours} hours");
        }

        if (minutes > 0)
        {
            parts.Add(language == "ko" ? $"{minutes}분" : minutes == 1 ? "1 minute" : $"{minutes} minutes");
        }

        if (parts.Count == 0)
        {
            parts.Add(language == "ko" ? $"{seconds}초" : seconds == 1 ? "1 second" : $"{seconds} seconds");
        }

        return string.Join(' ', parts);
    }
}
