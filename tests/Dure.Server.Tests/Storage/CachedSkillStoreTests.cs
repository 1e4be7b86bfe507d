using Dure.Platform.PartnerSkills;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Dure.Skills.Services;
using Microsoft.Extensions.Options;

namespace Dure.Server.Tests.Storage;

/// <summary>The enabled skills every turn reads, kept for a moment: changes through the store show at once, others within the lifetime.</summary>
[Collection(StoreBackendsCollection.Name)]
public sealed class CachedSkillStoreTests(StoreBackends backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SteppedClock _clock = new();

    [Theory]
    [MemberData(nameof(StoreBackends.Both), MemberType = typeof(StoreBackends))]
    public async Task Changes_made_through_the_cache_show_at_once_and_another_silos_within_the_lifetime(string backend)
    {
        var stores = backends.For(backend);
        var silo = new CachedSkillStore(stores.Skills, Options.Create(new CustomSkillOptions { EnabledCacheLifetime = TimeSpan.FromSeconds(5) }), _clock);
        var (tenant, site, home) = await StoreBackends.TenantWithHomeAsync(stores, Ct);
        var id = $"sk-{Guid.NewGuid():N}";
        var definition = new SkillDefinition("택시", new LocalizedWords(["택시"], ["taxi"]), new InteractionModel([]), "https://example.kr/hook");
        Assert.Null(await silo.EnabledForHomeAsync(home, Ct)); // nothing enabled yet, and that is kept too

        await silo.CreateAsync(tenant, id, definition, "protected", Ct);
        Assert.Equal(StoreOutcome.Done, await silo.SetEnabledAsync(tenant, site, id, true, Ct));
        Assert.Equal("training", (await silo.EnabledForHomeAsync(home, Ct))!.Skills.Single().ModelStatus);

        // Training finishes through this store: the model is ready for the very next turn.
        var job = await silo.TrainingJobAsync(id, Ct);
        Assert.True(await silo.SaveModelAsync(id, job!.Version, [1, 2], DateTimeOffset.UtcNow, Ct));
        Assert.Equal("ready", (await silo.EnabledForHomeAsync(home, Ct))!.Skills.Single().ModelStatus);

        // Another silo disables it, straight in the shared store: this one follows once the lifetime has passed.
        Assert.Equal(StoreOutcome.Done, await stores.Skills.SetEnabledAsync(tenant, site, id, false, Ct));
        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.NotNull(await silo.EnabledForHomeAsync(home, Ct));
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Null(await silo.EnabledForHomeAsync(home, Ct));

        Assert.Equal(StoreOutcome.Done, await silo.SetEnabledAsync(tenant, site, id, true, Ct));
        var rotatedUntil = DateTimeOffset.UtcNow.AddHours(1);
        Assert.Equal(StoreOutcome.Done, await silo.RotateSecretAsync(tenant, id, "rotated", rotatedUntil, Ct));
        var rotated = (await silo.EnabledForHomeAsync(home, Ct))!.Skills.Single();
        Assert.Equal(("rotated", "protected"), (rotated.ProtectedSecret, rotated.ProtectedPreviousSecret));

        Assert.Equal("https://example.kr/v2",
            (await silo.UpdateAsync(tenant, id, new SkillDefinition(null, null, null, "https://example.kr/v2"), Ct)).Skill!.WebhookUrl);
        Assert.Equal("https://example.kr/v2", (await silo.EnabledForHomeAsync(home, Ct))!.Skills.Single().WebhookUrl);
        Assert.Equal(StoreOutcome.Done, await silo.DeleteAsync(tenant, id, Ct));
        Assert.Null(await silo.EnabledForHomeAsync(home, Ct));
    }
}
