using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dure.Skills.CustomSkills;

public static class CustomSkillServices
{
    /// <summary>
    /// Binds <c>Dure:Skills</c> and registers <see cref="SkillWebhook"/> and <see cref="SkillMcpClient"/> with their HTTP client: no redirects, no proxy,
    /// TLS validated against the system's roots plus <see cref="CustomSkillOptions.TrustedCertificates"/>.
    /// </summary>
    public static IServiceCollection AddCustomSkillWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Checked at start-up, so that a wrong certificate path stops the server instead of failing webhook calls later.
        services.AddOptions<CustomSkillOptions>().Bind(configuration.GetSection(CustomSkillOptions.Section))
            .Validate(o => o.WebhookTimeout > TimeSpan.Zero && o.McpListTimeout > TimeSpan.Zero && o.MaxResponseBytes > 0 && o.SecretGracePeriod >= TimeSpan.Zero,
                $"{CustomSkillOptions.Section}: WebhookTimeout, McpListTimeout and MaxResponseBytes must be positive, SecretGracePeriod not negative.")
            .Validate(o => o.TrustedCertificates.All(WebhookTls.CanLoad),
                $"{CustomSkillOptions.Section}:TrustedCertificates: every entry must be a readable certificate file (PEM or DER).")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new WebhookTls(sp.GetRequiredService<IOptions<CustomSkillOptions>>().Value.TrustedCertificates));
        services.AddHttpClient(SkillWebhook.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                sp.GetRequiredService<WebhookTls>().CreateHandler(sp.GetRequiredService<IOptions<CustomSkillOptions>>().Value.WebhookTimeout))
            .RemoveAllLoggers();
        services.TryAddSingleton<SkillWebhook>();
        services.TryAddSingleton<SkillMcpClient>();
        return services;
    }
}
