namespace Dure.Platform;

/// <summary>How scheduled items are kept and fired (configuration section <c>Dure:Schedules</c>).</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Dure:Schedules";

    /// <summary>
    /// The period of a home's Orleans reminder. It is due at the soonest item; the period only matters when a tick
    /// could not fire it, and is then the retry interval. Orleans requires at least a minute.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Items due within this keep their home's grain in memory for the precise timer; later ones rely on the reminder.</summary>
    public TimeSpan KeepAliveHorizon { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An item this close to its time when the timer fires counts as due.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMilliseconds(10);
}
