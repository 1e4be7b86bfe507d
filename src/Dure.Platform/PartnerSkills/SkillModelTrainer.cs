using System.Threading.Channels;
using Dure.Understanding.Classification;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dure.Platform.PartnerSkills;

/// <summary>
/// Trains skills' intent models in the background, one at a time, with the understanding engine's classifier and slot
/// tagger: when a skill is created or its interaction model changes, and at start for models a stopped server left
/// untrained. A trained model is kept in the store, so a restart does not train again.
/// </summary>
public sealed partial class SkillModelTrainer(ISkillStore store, TimeProvider time, ILogger<SkillModelTrainer> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Trains the skill's model soon, if it awaits training.</summary>
    public void Enqueue(string skillId) => _queue.Writer.TryWrite(skillId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var skillId in await store.AwaitingTrainingAsync(stoppingToken).ConfigureAwait(false))
        {
            Enqueue(skillId);
        }

        await foreach (var skillId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await TrainAsync(skillId, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TrainAsync(string skillId, CancellationToken cancellationToken)
    {
        if (await store.TrainingJobAsync(skillId, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return; // trained already (it was queued twice), or deleted
        }

        try
        {
            var started = time.GetTimestamp();
            var examples = job.InteractionModel.TrainingExamples();
            var model = await Task.Run(() => IntentModel.Train(examples, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            using var file = new MemoryStream();
            model.Save(file);
            if (await store.SaveModelAsync(skillId, job.Version, file.ToArray(), time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                LogTrained(skillId, job.Version, examples.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, skillId, job.Version);
            await store.MarkFailedAsync(skillId, job.Version, e.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skill {Skill}: model version {Version} trained on {Examples} examples in {Ms} ms")]
    private partial void LogTrained(string skill, int version, int examples, long ms);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skill {Skill}: training model version {Version} failed")]
    private partial void LogFailed(Exception exception, string skill, int version);
}
