using System.ClientModel;
using System.ClientModel.Primitives;
using Dure.Skills.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Dure.Platform.Alliance;

public static class LlmServices
{
    /// <summary>
    /// Binds <c>Dure:Llm</c> and, when it names an endpoint, registers the LLM agent on an OpenAI-compatible chat API
    /// (OpenAI, Ollama's <c>/v1</c>, vLLM …) with function invocation. Without an endpoint nothing is registered.
    /// </summary>
    public static IServiceCollection AddLlmAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LlmAgentOptions.Section);
        services.AddOptions<LlmAgentOptions>().Bind(section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _),
                $"{LlmAgentOptions.Section}:Endpoint must be an absolute URL")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.HistoryLines >= 0 && o.MaxAnswerLength > 0,
                $"{LlmAgentOptions.Section}: Timeout and MaxAnswerLength must be positive")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(section.Get<LlmAgentOptions>()?.Endpoint))
        {
            return services;
        }

        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<LlmAgentOptions>>().Value;
            // No retries: the agent's own timeout decides, and a retried request would only make the user wait longer.
            var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey),
                new OpenAIClientOptions { Endpoint = new Uri(settings.Endpoint!), RetryPolicy = new ClientRetryPolicy(0) });
            IChatClient chat = client.GetChatClient(settings.Model).AsIChatClient()
                .AsBuilder()
                .UseFunctionInvocation(sp.GetRequiredService<ILoggerFactory>(), invoker => invoker.MaximumIterationsPerRequest = 5)
                .Build(sp);
            return new LlmAgent(chat, sp.GetRequiredService<IOptions<LlmAgentOptions>>(), sp.GetRequiredService<ILogger<LlmAgent>>());
        });
        return services;
    }
}
