namespace Dure.Language;

/// <summary>Canonical unit names reported in <see cref="NumberMatch.Unit"/>, the same for Korean and English.</summary>
public static class Units
{
    public const string Percent = "percent";

    /// <summary>Degrees Celsius, or degrees with no scale said (도, °, °C, "degrees").</summary>
    public const string Degree = "degree";

    public const string Fahrenheit = "fahrenheit";
    public const string Floor = "floor";

    /// <summary>A numbered item: "3번" (channel 3, number 3).</summary>
    public const string Channel = "channel";

    /// <summary>Repetitions: "세 번", "3 times".</summary>
    public const string Times = "times";

    /// <summary>An ordinal: "세 번째", "3rd".</summary>
    public const string Ordinal = "ordinal";

    /// <summary>Things counted with 개.</summary>
    public const string Count = "count";

    public const string Person = "person";
    public const string Cup = "cup";
    public const string Sheet = "sheet";

    /// <summary>A clock hour: "7시", "7 o'clock".</summary>
    public const string OClock = "oclock";

    public const string Hour = "hour";
    public const string Minute = "minute";
    public const string Second = "second";
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";
    public const string Year = "year";
    public const string KilowattHour = "kwh";

    /// <summary>How a unit is written or said in English ("percent", "%", "degrees", "minutes" ...).</summary>
    public static IEnumerable<string> EnglishPhrases(string unit) => EnglishUnits.Phrases(unit);
}
