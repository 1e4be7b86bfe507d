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
        ? "2시간 넘게 운전하셨어요. 가까운 휴게소에서 쉬어 가세요."
        : "You've been driving for over two hours. Please take a break at a nearby rest area.";
}
