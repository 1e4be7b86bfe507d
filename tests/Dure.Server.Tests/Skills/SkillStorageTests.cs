using Dure.Platform;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dure.Server.Tests.Skills;

/// <summary>
/// Skills across a restart of the platform, composed as the server composes it on one data directory: trained models
/// and encrypted secrets are read back, not trained or lost again; a model missing from the store is trained again.
/// </summary>
public sealed class SkillStorageTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dure-skills-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task After_a_restart_a_skill_signs_with_its_secret_and_answers_with_its_stored_model_without_training_again()
    {
        string? secret;
        await using (var first = Platform())
        {
            await PlaceHomeAsync(first);
            var trainer = first.GetRequiredService<SkillModelTrainer>();
            await trainer.StartAsync(Ct);
            (_, _, secret) = await first.GetRequiredService<SkillCatalog>().CreateAsync("acme", "fortune", Definition(), Ct);
            await first.GetRequiredService<ISkillStore>().SetEnabledAsync("acme", "site", "fortune", enabled: true, Ct);
            await ReadyAsync(first);
            await trainer.StopAsync(Ct);
        }

        // No trainer runs now: whatever answers comes from the store.
        await using var second = Platform();
        var store = second.GetRequiredService<ISkillStore>();
        Assert.Empty(await store.AwaitingTrainingAsync(Ct));
        var skill = Assert.Single((await second.GetRequiredService<SkillDirectory>().ForHomeAsync("home", Ct))!.Skills);
        Assert.Equal([secret!], skill.Secrets);
        Assert.StartsWith(SkillSecrets.Prefix, secret, StringComparison.Ordinal);
        Assert.NotNull(skill.Model);
        Assert.Equal("fortune.today", skill.Model.Predict("오늘 내 운세 좀 봐 줄래").Intent);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory, "keys"), "*.xml"));
    }

    [Fact]
    public async Task A_model_missing_from_the_store_is_trained_again_when_it_is_next_needed()
    {
        await using var platform = Platform();
        await PlaceHomeAsync(platform);
        var trainer = platform.GetRequiredService<SkillModelTrainer>();
        await trainer.StartAsync(Ct);
        await platform.GetRequiredService<SkillCatalog>().CreateAsync("acme", "fortune", Definition(), Ct);
        await platform.GetRequiredService<ISkillStore>().SetEnabledAsync("acme", "site", "fortune", enabled: true, Ct);
        var trainedAt = await ReadyAsync(platform);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, SqliteDatabase.FileName)};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM skill_models";
            await delete.ExecuteNonQueryAsync(Ct);
        }

        // A fresh directory (as after a restart) finds no model: the turn goes on without it, and training starts.
        var directory = new SkillDirectory(platform.GetRequiredService<ISkillStore>(), platform.GetRequiredService<SkillSecrets>(), trainer,
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SkillDirectory>.Instance);
        Assert.Null(Assert.Single((await directory.ForHomeAsync("home", Ct))!.Skills).Model);
        Assert.True(await ReadyAsync(platform) > trainedAt);
        Assert.NotNull(Assert.Single((await directory.ForHomeAsync("home", Ct))!.Skills).Model);
        await trainer.StopAsync(Ct);
    }

    private ServiceProvider Platform()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurePlatform(_directory, new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private static async Task PlaceHomeAsync(IServiceProvider platform)
    {
        await platform.GetRequiredService<IHomeStore>().UpsertTenantAsync("acme", "Acme", Ct);
        var sites = platform.GetRequiredService<ISiteStore>();
        await sites.CreateSiteAsync("acme", "site", "단지", "apartment_complex", Ct);
        await sites.CreateSpaceAsync("acme", "site", "home", null, SpaceKinds.Unit, "101호", Ct);
        await sites.AttachHomeAsync("acme", "home", Ct);
    }

    private static async Task<DateTimeOffset> ReadyAsync(IServiceProvider platform)
    {
        var store = platform.GetRequiredService<ISkillStore>();
        for (var i = 0; i < 600; i++)
        {
            if (await store.FindAsync("acme", "fortune", Ct) is { Model: { Status: SkillModelStatus.Ready, TrainedAt: { } at } })
            {
                return at;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("the model was not trained");
    }

    private static SkillDefinition Definition() => new("별자리친구", new LocalizedWords(["별자리친구"], ["Star Friend"]), new InteractionModel(
    [
        new SkillIntent("fortune.today", [], new LocalizedWords(["오늘 운세 알려줘", "오늘 내 운세 어때", "내 운세 좀 알려 줄래", "오늘 운이 어떨까"], ["tell me my fortune"])),
        new SkillIntent("fortune.lucky_number", [], new LocalizedWords(["행운의 숫자 알려줘", "오늘 행운의 번호 뭐야"], ["what's my lucky number"])),
    ]), "https://fortune.example.test/dure");
}
