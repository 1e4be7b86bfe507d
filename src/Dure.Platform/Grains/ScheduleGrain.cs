using Dure.Platform.Storage;
using Dure.Protocol;
using Dure.Skills.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Grains;

/// <summary>
/// A home's pending timers, alarms, reminders and wake-up calls. The items live in the <c>schedules</c> table; while
/// any is pending the grain keeps one Orleans reminder due at the soonest item, which survives restarts and
/// re-activates the grain, and a grain timer for second-precise firing while it is active. A due item is sent to its
/// device as <c>Alert.Start</c> and <c>Speech.Speak</c> (or, when it carries a command, run as the device's turn) and
/// removed: every kind is one-shot. Paused timers never fire.
/// </summary>
public sealed partial class ScheduleGrain(IScheduleStore store, IOptions<ScheduleOptions> options, TimeProvider time,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain, IRemindable
{
    private const string ReminderName = "due";

    private readonly Dictionary<string, Scheduled> _items = new(StringComparer.Ordinal);
    private string _homeId = "";
    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDue;
    private IGrainReminder? _reminder;
    private DateTimeOffset? _reminderDue;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _homeId = this.GetPrimaryKeyString();
        foreach (var item in await store.LoadAsync(_homeId, cancellationToken))
        {
            _items[item.Id] = item;
        }

        try
        {
            _reminder = await this.GetReminder(ReminderName, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReminderFailed(e, _homeId); // the reminder service may still be starting; arming retries
        }

        // Overdue items (the server was down at their time) fire as soon as the home wakes up.
        await FireDueAsync();
        await ArmAsync();
    }

    public async Task<Scheduled> Add(Scheduled item)
    {
        Validate(item);
        var stored = string.IsNullOrEmpty(item.Id) ? item with { Id = NewId() } : item;
        await store.SaveAsync(_homeId, stored);
        _items[stored.Id] = stored;
        await FireDueAsync();
        await ArmAsync();
        return stored;
    }

    public async Task<bool> Update(Scheduled item)
    {
        Validate(item);
        if (!_items.ContainsKey(item.Id))
        {
            return false;
        }

        await store.SaveAsync(_homeId, item);
        _items[item.Id] = item;
        await FireDueAsync();
        await ArmAsync();
        return true;
    }

    public async Task<bool> Remove(string id)
    {
        if (!_items.Remove(id))
        {
            return false;
        }

        await store.RemoveAsync(_homeId, id);
        await ArmAsync();
        return true;
    }

    public Task<Scheduled[]> List() =>
        Task.FromResult(_items.Values.OrderBy(i => i.PausedRemaining is null ? i.Due : DateTimeOffset.MaxValue).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToArray());

    public Task Wake() => Task.CompletedTask; // activation did the work

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await FireDueAsync();
        await ArmAsync();
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        _timerDue = null;
        await FireDueAsync();
        await ArmAsync();
    }

    /// <summary>Sends every due, running item to its device, then forgets it.</summary>
    private async Task FireDueAsync()
    {
        var now = time.GetUtcNow() + options.Value.Tolerance;
        foreach (var item in _items.Values.Where(i => i.PausedRemaining is null && i.Due <= now).OrderBy(i => i.Due).ToList())
        {
            if (item.Command is { Length: > 0 } command)
            {
                // Words to carry out later: the home runs them as the device's turn instead of ringing.
                await GrainFactory.GetGrain<IHomeGrain>(_homeId).RunScheduled(item.DeviceId, command, item.Language);
                await store.RemoveAsync(_homeId, item.Id);
                _items.Remove(item.Id);
                LogFired(_homeId, item.Id, "command", item.DeviceId, time.GetUtcNow() - item.Due);
                continue;
            }

            var device = GrainFactory.GetGrain<IDeviceGrain>(DeviceKey.Of(_homeId, item.DeviceId));
            var alert = new AlertStart(item.Id, ScheduleKinds.Name(item.Kind), item.Announcement, item.Label ?? item.Message);
            var speech = new SpeechSpeak(item.Announcement, item.Language);
            // The directives are durable in the outbox before the item is forgotten: a crash in between fires it twice,
            // never not at all.
            await device.Send(new Directive(Envelope.NewId(), MessageNames.AlertStart, null,
                Payloads.ToElement(alert, ProtocolJson.Default.AlertStart).GetRawText()));
            await device.Send(new Directive(Envelope.NewId(), MessageNames.SpeechSpeak, null,
                Payloads.ToElement(speech, ProtocolJson.Default.SpeechSpeak).GetRawText()));
            await store.RemoveAsync(_homeId, item.Id);
            _items.Remove(item.Id);
            LogFired(_homeId, item.Id, ScheduleKinds.Name(item.Kind), item.DeviceId, time.GetUtcNow() - item.Due);
        }
    }

    /// <summary>Points the timer and the reminder at the soonest running item, or drops both when there is none.</summary>
    private async Task ArmAsync()
    {
        var next = _items.Values.Where(i => i.PausedRemaining is null).Select(i => (DateTimeOffset?)i.Due).Min();
        var now = time.GetUtcNow();
        if (next != _timerDue)
        {
            _timer?.Dispose();
            _timer = null;
            _timerDue = null;
            if (next is { } due)
            {
                var wait = due > now ? due - now : TimeSpan.Zero;
                _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan)
                {
                    // A near item keeps the home in memory for the precise timer; a far one lets it go, and the
                    // reminder brings it back in time.
                    KeepAlive = wait <= options.Value.KeepAliveHorizon,
                });
                _timerDue = due;
            }
        }

        try
        {
            if (next is { } due && (_reminder is null || _reminderDue != due))
            {
                var wait = due > now ? due - now : TimeSpan.Zero;
                _reminder = await this.RegisterOrUpdateReminder(ReminderName, wait, options.Value.ReminderPeriod);
                _reminderDue = due;
            }
            else if (next is null && _reminder is { } reminder)
            {
                _reminder = null;
                _reminderDue = null;
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The timer still fires while the grain lives; the next change or tick tries the reminder again.
            _reminderDue = null;
            LogReminderFailed(e, _homeId);
        }
    }

    private static void Validate(Scheduled item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrEmpty(item.DeviceId) || string.IsNullOrWhiteSpace(item.Announcement) || item.Language is not ("ko" or "en"))
        {
            throw new ArgumentException("a scheduled item needs a device, an announcement and a language (ko or en)", nameof(item));
        }

        _ = ScheduleKinds.Name(item.Kind);
    }

    private static string NewId() => Guid.CreateVersion7().ToString("N");

    [LoggerMessage(Level = LogLevel.Information, Message = "Home {Home}: {Kind} {Id} fired on {Device} ({Late} after its time)")]
    private partial void LogFired(string home, string id, string kind, string device, TimeSpan late);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home {Home}: the schedule's Orleans reminder could not be read or changed")]
    private partial void LogReminderFailed(Exception e, string home);
}
