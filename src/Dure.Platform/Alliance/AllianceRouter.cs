using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Language;
using Dure.Platform.Storage;
using Dure.Skills;
using Dure.Skills.Alliance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Platform.Alliance;

/// <summary>
/// The tenant's routing rules applied to a turn, and the call to the chosen agent over A2A (<c>SendMessage</c>) or Open
/// Floor (an envelope with <c>invite</c> and <c>utterance</c>; <c>bye</c> gives the floor back). Every call has
/// <see cref="AllianceOptions.Timeout"/>; an agent that is slow, unreachable or answers nonsense gets the user an apology.
/// </summary>
public sealed partial class AllianceRouter(IAllianceStore store, AllianceSecrets secrets, IHttpClientFactory clients, IOptions<AllianceOptions> options,
    TimeProvider time, ILogger<AllianceRouter> logger) : IAllianceDelegation
{
    public const string HttpClientName = "Dure.Alliance";

    // Every turn consults the routes (a rule may take an intent the grammar understands): read them once in a while.
    private readonly ReadCache<string, IReadOnlyList<AllianceRouteTarget>> _routes = new(options.Value.RouteCacheLifetime, time);

    private enum Failure
    {
        None,
        NotResponding,
        BadResponse,
    }

    /// <summary>Called after this process changed a tenant's agents or routes, so the next turn reads them afresh.</summary>
    public void RoutesChanged() => _routes.Clear();

    public async ValueTask<DelegatedAnswer?> DelegateAsync(DelegatedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AllianceAgentRecord agent;
        string? protectedToken;
        if (request.Floor is { } floor)
        {
            if (await store.FindAgentForCallAsync(request.TenantId, floor.AgentId, cancellationToken).ConfigureAwait(false) is not { } held)
            {
                return null; // the agent was deleted while it held the floor: the turn is Dure's again
            }

            (agent, protectedToken) = held;
        }
        else
        {
            var routes = await _routes.GetAsync(request.TenantId, (tenant, ct) => store.RoutesAsync(tenant, ct), cancellationToken).ConfigureAwait(false);
            if (routes.FirstOrDefault(r => Matches(r.Route, request)) is not { } target)
            {
                return null;
            }

            (agent, protectedToken) = (target.Agent, target.ProtectedToken);
        }

        var conversation = request.Floor?.ConversationId ?? Guid.NewGuid().ToString("N");
        string? token;
        try
        {
            token = protectedToken is null ? null : secrets.Unprotect(protectedToken);
        }
        catch (CryptographicException e)
        {
            LogFailed(e, agent.Id, "its token cannot be decrypted with this data directory's keys; register it again");
            return Apology(agent, request.Language, Failure.BadResponse);
        }

        var (text, keepsFloor, failure) = agent.Protocol == AllianceProtocols.OpenFloor
            ? await CallOpenFloorAsync(agent, token, request, conversation, request.Floor is null, cancellationToken).ConfigureAwait(false)
            : await CallA2aAsync(agent, token, request, conversation, cancellationToken).ConfigureAwait(false);
        if (failure != Failure.None)
        {
            return Apology(agent, request.Language, failure);
        }

        LogDelegated(agent.Id, request.Intent ?? "(not understood)");
        return new DelegatedAnswer(agent.Id, new Speech(text!, request.Language), keepsFloor ? new AllianceFloor(agent.Id, conversation) : null);
    }

    public async ValueTask EndAsync(string tenantId, AllianceFloor floor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(floor);
        if (await store.FindAgentForCallAsync(tenantId, floor.AgentId, cancellationToken).ConfigureAwait(false) is not { } held ||
            held.Agent.Protocol != AllianceProtocols.OpenFloor)
        {
            return;
        }

        string? token;
        try
        {
            token = held.ProtectedToken is null ? null : secrets.Unprotect(held.ProtectedToken);
        }
        catch (CryptographicException)
        {
            return;
        }

        var envelope = OpenFloorWire.Envelope(floor.ConversationId, SpeakerUri(tenantId), options.Value.PublicUrl, OpenFloorWire.ByeEvent(held.Agent.Url));
        _ = await PostAsync(held.Agent, token, envelope, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a rule takes the request: its intent, the intent's domain (the part before the dot), its Dure skill, or nothing understood.</summary>
    public static bool Matches(AllianceRouteRecord route, DelegatedRequest request)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(request);
        return route.Match switch
        {
            RouteMatches.Unknown => request.Intent is null,
            RouteMatches.Intent => request.Intent is not null && request.Intent == route.Value,
            RouteMatches.Domain => request.Intent is { } intent && intent.Split('.')[0] == route.Value,
            RouteMatches.Skill => request.Skill is not null && request.Skill == route.Value,
            _ => false,
        };
    }

    private static string SpeakerUri(string tenantId) => $"tag:dure,2026:{tenantId}";

    private async Task<(string? Text, bool KeepsFloor, Failure Failure)> CallA2aAsync(AllianceAgentRecord agent, string? token, DelegatedRequest request,
        string conversation, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["language"] = request.Language };
        if (request.Intent is not null)
        {
            metadata["intent"] = request.Intent;
        }

        var body = A2aWire.Request(A2aWire.SendMessage, new JsonObject
        {
            ["message"] = A2aWire.Message("ROLE_USER", request.Text, conversation, metadata: metadata),
            ["configuration"] = new JsonObject { ["acceptedOutputModes"] = new JsonArray("text/plain"), ["returnImmediately"] = false },
        });
        var (answer, failure) = await PostAsync(agent, token, body, A2aWire.Version, cancellationToken).ConfigureAwait(false);
        if (failure != Failure.None)
        {
            return (null, false, failure);
        }

        if (answer?["error"] is JsonObject error)
        {
            LogFailed(null, agent.Id, $"it answered JSON-RPC error {error["code"]}: {A2aWire.Str(error["message"])}");
            return (null, false, Failure.BadResponse);
        }

        if (A2aWire.ReadResult(answer?["result"]) is not { } result)
        {
            LogFailed(null, agent.Id, "its answer has no text");
            return (null, false, Failure.BadResponse);
        }

        return (Trim(result.Text), result.InputRequired, Failure.None);
    }

    private async Task<(string? Text, bool KeepsFloor, Failure Failure)> CallOpenFloorAsync(AllianceAgentRecord agent, string? token,
        DelegatedRequest request, string conversation, bool invite, CancellationToken cancellationToken)
    {
        var speaker = SpeakerUri(request.TenantId);
        var utterance = OpenFloorWire.UtteranceEvent(speaker, request.Text, request.Language, time.GetUtcNow(), agent.Url);
        var envelope = invite
            ? OpenFloorWire.Envelope(conversation, speaker, options.Value.PublicUrl, OpenFloorWire.InviteEvent(agent.Url), utterance)
            : OpenFloorWire.Envelope(conversation, speaker, options.Value.PublicUrl, utterance);
        var (answer, failure) = await PostAsync(agent, token, envelope, null, cancellationToken).ConfigureAwait(false);
        if (failure != Failure.None)
        {
            return (null, false, failure);
        }

        if (OpenFloorWire.Read(answer) is not { } read || read.Events.Where(e => e.Type == OpenFloorWire.Utterance && e.Text is { Length: > 0 })
                .Select(e => e.Text).ToList() is not { Count: > 0 } said)
        {
            LogFailed(null, agent.Id, "its answer is not an Open Floor envelope with an utterance");
            return (null, false, Failure.BadResponse);
        }

        // The agent keeps the floor until it says bye.
        return (Trim(string.Join(' ', said)), !read.Events.Any(e => e.Type == OpenFloorWire.Bye), Failure.None);
    }

    private static string Trim(string text) => text.Length > Skills.CustomSkills.SkillWebhook.MaxSpeechLength
        ? text[..Skills.CustomSkills.SkillWebhook.MaxSpeechLength]
        : text.Trim();

    private async Task<(JsonNode? Answer, Failure Failure)> PostAsync(AllianceAgentRecord agent, string? token, JsonObject body, string? a2aVersion,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.UrlProblem(agent.Url) is { } refused)
        {
            LogFailed(null, agent.Id, refused);
            return (null, Failure.BadResponse);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, agent.Url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd("Dure-Alliance/1.0");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (a2aVersion is not null)
        {
            request.Headers.TryAddWithoutValidation(A2aWire.VersionHeader, a2aVersion);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(null, agent.Id, $"it answered HTTP {(int)response.StatusCode}");
                return (null, Failure.BadResponse);
            }

            if (response.Content.Headers.ContentLength > settings.MaxResponseBytes)
            {
                LogFailed(null, agent.Id, "its answer is too large");
                return (null, Failure.BadResponse);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            return bytes.Length > settings.MaxResponseBytes ? (null, Failure.BadResponse) : (JsonNode.Parse(bytes), Failure.None);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(null, agent.Id, $"no answer within {settings.Timeout}");
            return (null, Failure.NotResponding);
        }
        catch (HttpRequestException e)
        {
            LogFailed(e, agent.Id, e.Message);
            return (null, Failure.NotResponding);
        }
        catch (JsonException e)
        {
            LogFailed(e, agent.Id, "its answer is not JSON");
            return (null, Failure.BadResponse);
        }
    }

    private static DelegatedAnswer Apology(AllianceAgentRecord agent, string language, Failure failure)
    {
        var korean = failure == Failure.NotResponding
            ? $"죄송해요, {Josa.Attach(agent.Name, Particle.IGa)} 지금 응답하지 않아요. 잠시 후에 다시 말씀해 주세요."
            : $"죄송해요, {agent.Name}에서 답을 받지 못했어요. 잠시 후에 다시 말씀해 주세요.";
        var english = failure == Failure.NotResponding
            ? $"Sorry, {agent.Name} isn't responding right now. Please try again in a moment."
            : $"Sorry, I couldn't get an answer from {agent.Name}. Please try again in a moment.";
        return new DelegatedAnswer(agent.Id, new Speech(language == "ko" ? korean : english, language), null, TurnErrors.ProviderUnavailable);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alliance agent {Agent} answered a request ({Intent})")]
    private partial void LogDelegated(string agent, string intent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alliance agent {Agent} failed: {Reason}")]
    private partial void LogFailed(Exception? exception, string agent, string reason);
}
