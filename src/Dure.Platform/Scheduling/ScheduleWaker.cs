using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Scheduling;

/// <summary>
/// At start-up, wakes the homes whose items fell due while the server was down or fall due within a reminder period,
/// so overdue alarms ring right away instead of at the reminder's next tick.
/// </summary>
public sealed partial class ScheduleWaker(IScheduleStore store, IGrainFactory grains, IHostApplicationLifetime lifetime,
    IOptions<ScheduleOptions> options, TimeProvider time, ILogger<ScheduleWaker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The silo must be up before grains can be called.
            await Task.Delay(Timeout.InfiniteTimeSpan, lifetime.ApplicationStarted).WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            // Started.
        }

        try
        {
            var homes = await store.HomesDueAsync(time.GetUtcNow() + options.Value.ReminderPeriod, stoppingToken).ConfigureAwait(false);
            foreach (var home in homes)
            {
                await grains.GetGrain<IScheduleGrain>(home).Wake().WaitAsync(stoppingToken).ConfigureAwait(false);
            }

            if (homes.Count > 0)
            {
                LogWoken(homes.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e); // the reminders still fire them, a little later
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} homes with scheduled items due")]
    private partial void LogWoken(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking homes with due items failed")]
    private partial void LogFailed(Exception e);
}
