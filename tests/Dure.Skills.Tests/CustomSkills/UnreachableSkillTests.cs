using System.Collections.Immutable;
using Dure.Homes;
using Dure.Skills.CustomSkills;
using Dure.Skills.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dure.Skills.Tests.CustomSkills;

/// <summary>
/// The assistant with a partner skill whose webhook is plain http on a loopback port nobody listens on: allowed only
/// with <c>AllowInsecureLoopback</c>, and then an apology in the speaker's language, with the right particle.
/// </summary>
public sealed class UnreachableSkillTests
{
    private static readonly Home Home = HomeFile.Parse("""
        name: 테스트
        areas: [{ id: living_room, names: { ko: [거실], en: [Living Room] } }]
        devices: [{ id: speaker, domain: assist_satellite, area: living_room, names: { ko: [스피커], en: [Speaker] } }]
        """, "home");

    [Theory]
    [InlineData("별자리친구한테 오늘 운세 물어봐", "죄송해요, 별자리친구가 지금 응답하지 않아요.")]
    [InlineData("ask star friend about my horoscope", "Sorry, Star Friend isn't responding right now.")]
    public async Task An_unreachable_webhook_is_an_apology_and_the_turn_goes_on(string said, string apology)
    {
        using var services = Services(allowInsecureLoopback: true);
        var outcome = await Assistant(services).HandleAsync(new Turn(Home, ImmutableDictionary<string, DeviceState>.Empty, "speaker", said, null, DateTimeOffset.UtcNow),
            TestContext.Current.CancellationToken);
        Assert.Equal(apology, outcome.Speech.Text);
        Assert.False(outcome.ExpectSpeech);
        Assert.Null(outcome.Dialog.Skill);
    }

    [Fact]
    public async Task Plain_http_is_refused_without_AllowInsecureLoopback_even_on_loopback()
    {
        using var services = Services(allowInsecureLoopback: false);
        var outcome = await Assistant(services).HandleAsync(
            new Turn(Home, ImmutableDictionary<string, DeviceState>.Empty, "speaker", "별자리친구한테 오늘 운세 물어봐", null, DateTimeOffset.UtcNow),
            TestContext.Current.CancellationToken);
        Assert.Equal("죄송해요, 별자리친구에서 문제가 생겼어요. 잠시 후에 다시 말씀해 주세요.", outcome.Speech.Text);
    }

    [Theory]
    [InlineData("https://skills.example.com/dure", false, null)]
    [InlineData("http://skills.example.com/dure", true, "must be https (plain http only on a loopback address)")]
    [InlineData("http://127.0.0.1:8080/dure", false, "must be https")]
    [InlineData("http://127.0.0.1:8080/dure", true, null)]
    [InlineData("http://[::1]:8080/dure", true, null)]
    [InlineData("http://localhost:8080/dure", true, null)]
    [InlineData("https://user:secret@skills.example.com/dure", false, "credentials")]
    [InlineData("ftp://skills.example.com/dure", false, "must be https")]
    [InlineData("/dure", false, "must be https")]
    [InlineData("", false, "absolute https URL")]
    public void Webhook_addresses_are_https_or_loopback_http_when_allowed(string url, bool allowInsecureLoopback, string? problem)
    {
        var found = new CustomSkillOptions { AllowInsecureLoopback = allowInsecureLoopback }.WebhookProblem(url);
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    private static Assistant Assistant(ServiceProvider services) => new(new AssistantServices
    {
        CustomSkills = new OneSite(FortuneSkill.Skill() with { Webhook = new Uri($"http://127.0.0.1:{ClosedPort()}/dure") }),
        SkillWebhooks = services.GetRequiredService<SkillWebhook>(),
    });

    private static ServiceProvider Services(bool allowInsecureLoopback)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dure:Skills:AllowInsecureLoopback"] = allowInsecureLoopback ? "true" : "false",
        }).Build();
        return new ServiceCollection().AddLogging().AddCustomSkillWebhooks(configuration).BuildServiceProvider();
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The platform's directory reduced to one site with one skill.</summary>
    private sealed class OneSite(CustomSkill skill) : ICustomSkillDirectory
    {
        public ValueTask<SiteSkills?> ForHomeAsync(string homeId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<SiteSkills?>(new SiteSkills("acme", "site", [skill]));
    }
}
