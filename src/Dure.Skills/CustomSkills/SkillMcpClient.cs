using System.Collections.Immutable;
using System.Net.Http;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Dure.Skills.CustomSkills;

/// <summary>Why a partner's MCP server could not be used: it was not reached in time, or it answered with an error.</summary>
public sealed class McpSkillException : Exception
{
    internal McpSkillException(string message, Exception? inner) : base(message, inner)
    {
    }
}

/// <summary>What a tool call gave: its text to speak, or why there is none.</summary>
internal readonly record struct McpCallResult(string? Text, WebhookFailure Failure);

/// <summary>
/// Dure's MCP client for skills served by a partner's MCP server (Streamable HTTP, the official SDK): lists its tools
/// when the skill is registered or refreshed, and calls one when the assistant understood an utterance as it. Each use
/// is one short connection (initialize, then the request) over the webhook's HTTP client: no redirects, no proxy, TLS
/// with <see cref="CustomSkillOptions.TrustedCertificates"/>. A call gets <see cref="CustomSkillOptions.WebhookTimeout"/>,
/// the connection included. The call carries the user's language and the home and device in <c>_meta</c>.
/// </summary>
public sealed partial class SkillMcpClient(IHttpClientFactory clients, IOptions<CustomSkillOptions> options, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<SkillMcpClient>();

    /// <summary>The server's tools; throws <see cref="McpSkillException"/> when it cannot be reached in <paramref name="timeout"/> or answers badly.</summary>
    public async Task<IReadOnlyList<McpTool>> ListToolsAsync(Uri url, string? token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var client = await ConnectAsync(url, token, timeout, deadline.Token).ConfigureAwait(false);
            var tools = await client.ListToolsAsync(cancellationToken: deadline.Token).ConfigureAwait(false);
            return [.. tools.Select(t => t.ProtocolTool).Select(t => new McpTool(t.Name, t.Title ?? t.Annotations?.Title, t.Description,
                t.InputSchema.Clone(), t.Annotations?.DestructiveHint == true))];
        }
        catch (Exception e) when (Failure(e, cancellationToken) is { } failure)
        {
            throw new McpSkillException(failure == WebhookFailure.NotResponding
                ? $"the MCP server at {url} did not answer within {timeout.TotalSeconds:0.#} s ({Reason(e)})"
                : $"the MCP server at {url} answered tools/list with an error ({Reason(e)})", e);
        }
    }

    internal async Task<McpCallResult> CallAsync(SkillCall call, McpSkillBackend backend, McpTool tool, IReadOnlyDictionary<string, JsonElement> arguments,
        CancellationToken cancellationToken)
    {
        var timeout = options.Value.WebhookTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var client = await ConnectAsync(backend.Url, backend.Token, timeout, deadline.Token).ConfigureAwait(false);
            var request = new CallToolRequestParams
            {
                Name = tool.Name,
                Arguments = arguments.ToDictionary(StringComparer.Ordinal),
                // Who asks, for servers that answer per room or in the user's language.
                Meta = new System.Text.Json.Nodes.JsonObject
                {
                    ["dure/lang"] = call.Language,
                    ["dure/tenantId"] = call.Site.TenantId,
                    ["dure/siteId"] = call.Site.SiteId,
                    ["dure/homeId"] = call.Home.Id,
                    ["dure/deviceId"] = call.DeviceId,
                },
            };
            var result = await client.CallToolAsync(request, deadline.Token).ConfigureAwait(false);
            var text = string.Join(' ', result.Content.OfType<TextContentBlock>().Select(b => b.Text.Trim()).Where(t => t.Length > 0));
            if (result.IsError == true)
            {
                LogFailed(call.Skill.Id, tool.Name, "the tool answered an error: " + Clip(text));
                return new(null, WebhookFailure.BadResponse);
            }

            if (text.Length == 0)
            {
                LogFailed(call.Skill.Id, tool.Name, "the tool's result has no text");
                return new(null, WebhookFailure.BadResponse);
            }

            return new(text.Length > SkillWebhook.MaxSpeechLength ? text[..SkillWebhook.MaxSpeechLength] : text, WebhookFailure.None);
        }
        catch (Exception e) when (Failure(e, cancellationToken) is { } failure)
        {
            if (failure == WebhookFailure.NotResponding)
            {
                LogTimedOut(call.Skill.Id, tool.Name, (long)timeout.TotalMilliseconds, Reason(e));
            }
            else
            {
                LogFailed(call.Skill.Id, tool.Name, Reason(e));
            }

            return new(null, failure);
        }
    }

    private async Task<McpClient> ConnectAsync(Uri url, string? token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = url,
            TransportMode = HttpTransportMode.StreamableHttp,
            ConnectionTimeout = timeout,
            // One request per connection: no standing stream of server notifications, and no reconnecting.
            EnableStandaloneGetStream = false,
            MaxReconnectionAttempts = 0,
            AdditionalHeaders = token is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["Authorization"] = "Bearer " + token },
        }, clients.CreateClient(SkillWebhook.HttpClientName), loggers, ownsHttpClient: false);
        return await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "dure", Title = "Dure", Version = SkillWebhook.RequestVersion },
            InitializationTimeout = timeout,
        }, loggers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How an exception of the SDK or the network reads for the user; null when the caller itself was cancelled.</summary>
    private static WebhookFailure? Failure(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        OperationCanceledException or TimeoutException => WebhookFailure.NotResponding,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => WebhookFailure.NotResponding,
        HttpRequestException or McpException or IOException or JsonException or InvalidOperationException => WebhookFailure.BadResponse,
        _ => null,
    };

    private static string Reason(Exception e) => Clip(e is OperationCanceledException ? "timed out" : e.Message);

    private static string Clip(string text) => text.Length > 300 ? text[..300] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill {Skill}: MCP tool {Tool} did not answer within {TimeoutMs} ms: {Reason}")]
    private partial void LogTimedOut(string skill, string tool, long timeoutMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill {Skill}: no usable answer from MCP tool {Tool}: {Reason}")]
    private partial void LogFailed(string skill, string tool, string reason);
}
