namespace Dure.Skills.Services;

/// <summary>Something that fires later on a device.</summary>
public enum ScheduleKind
{
    Timer,
    Alarm,
    Reminder,
    WakeUpCall,

    /// <summary>The proactive "time for a break" after long continuous driving.</summary>
    RestReminder,
}

/// <summary>
/// A timer, alarm, reminder or wake-up call. When it is due the platform sends the device an <c>Alert.Start</c>
/// directive and speaks <see cref="Announcement"/>; skills write the announcement when they schedule it, in the
/// language the user spoke.
/// </summary>
/// <param name="Id">Unique within the home; the platform assigns it when empty.</param>
/// <param name="Kind">What it is.</param>
/// <param name="DeviceId">The device it fires on.</param>
/// <param name="Due">When it fires (for a paused timer: when it would have fired; see <see cref="PausedRemaining"/>).</param>
/// <param name="Announcement">What is said when it fires ("라면 타이머가 끝났어요").</param>
/// <param name="Language">"ko" or "en".</param>
public sealed record Scheduled(string Id, ScheduleKind Kind, string DeviceId, DateTimeOffset Due, string Announcement, string Language)
{
    /// <summary>A timer's name ("라면"), an alarm's or reminder's label.</summary>
    public string? Label { get; init; }

    /// <summary>What a reminder reminds of.</summary>
    public string? Message { get; init; }

    /// <summary>The length a timer was started with, which identifies it ("the 5 minute timer").</summary>
    public TimeSpan? Length { get; init; }

    /// <summary>Set while a timer is paused: the time it still had.</summary>
    public TimeSpan? PausedRemaining { get; init; }

    /// <summary>The room it belongs to ("the kitchen timer").</summary>
    public string? AreaId { get; init; }

    /// <summary>
    /// Words to carry out when it is due, as if the device said them ("거실 불 꺼" for "10분 뒤에 거실 불 꺼줘");
    /// the platform runs them as a turn instead of ringing.
    /// </summary>
    public string? Command { get; init; }
}

/// <summary>
/// Durable timers, alarms, reminders and wake-up calls: they survive restarts and fire at their time
/// (the platform implements it with Orleans reminders).
/// </summary>
public interface IScheduler
{
    /// <summary>Stores the item and arranges for it to fire; returns it with its id.</summary>
    Task<Scheduled> AddAsync(string homeId, Scheduled item, CancellationToken cancellationToken);

    /// <summary>Replaces an item (a paused, resumed or lengthened timer); false when it no longer exists.</summary>
    Task<bool> UpdateAsync(string homeId, Scheduled item, CancellationToken cancellationToken);

    /// <summary>Removes an item; false when it no longer exists.</summary>
    Task<bool> RemoveAsync(string homeId, string id, CancellationToken cancellationToken);

    /// <summary>The home's pending items, soonest first.</summary>
    Task<IReadOnlyList<Scheduled>> ListAsync(string homeId, CancellationToken cancellationToken);
}
