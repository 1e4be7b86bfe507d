using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Dure.Homes;
using Dure.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dure.Skills.CustomSkills;

/// <summary>The skill intent an utterance was classified as, with its slots (declared values where they match).</summary>
internal sealed record SkillIntentMatch(string Name, IReadOnlyDictionary<string, string> Slots, double Confidence);

/// <summary>One request to a skill's webhook.</summary>
/// <param name="Text">What was said to the skill: the utterance without the invocation words.</param>
internal sealed record SkillCall(
    CustomSkill Skill,
    SiteSkills Site,
    Home Home,
    string DeviceId,
    string Language,
    string Text,
    SkillIntentMatch? Intent,
    SkillSession Session,
    bool NewSession);

/// <summary>A skill's answer, checked: what to say, device commands and directives, and whether to keep listening.</summary>
internal sealed record SkillReply(
    Speech Speech,
    ImmutableArray<DeviceCommand> Commands,
    ImmutableArray<DeviceDirective> Directives,
    bool EndSession,
    string? AttributesJson);

/// <summary>Why a webhook gave no usable answer.</summary>
internal enum WebhookFailure
{
    None,

    /// <summary>It did not answer in time, or could not be reached.</summary>
    NotResponding,

    /// <summary>It answered with an error status, or with something that is not a valid response.</summary>
    BadResponse,
}

internal readonly record struct WebhookResult(SkillReply? Reply, WebhookFailure Failure);

/// <summary>
/// Calls partners' skill webhooks (docs/custom-skills.md): POSTs the signed JSON request, waits at most
/// <see cref="CustomSkillOptions.WebhookTimeout"/> for the whole answer, reads at most
/// <see cref="CustomSkillOptions.MaxResponseBytes"/>, and checks the response. Only device-safe directives get
/// through (device control of the home's own devices short of unlocking or opening a gas valve, speech, alerts,
/// navigation); others are dropped and logged. Never throws for what a webhook does.
/// </summary>
public sealed partial class SkillWebhook(IHttpClientFactory clients, IOptions<CustomSkillOptions> options, TimeProvider time, ILogger<SkillWebhook> logger)
{
    public const string HttpClientName = "Dure.Skills.Webhooks";

    /// <summary>The request format's version, sent as <c>version</c>.</summary>
    public const string RequestVersion = "1.0";

    public const int MaxSpeechLength = 2000;
    public const int MaxAttributesBytes = 16 * 1024;
    public const int MaxDirectives = 10;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal async Task<WebhookResult> CallAsync(SkillCall call, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var skill = call.Skill;
        if (settings.WebhookProblem(skill.Webhook.OriginalString) is { } refused)
        {
            LogFailed(skill.Id, refused);
            return new(null, WebhookFailure.BadResponse);
        }

        var requestId = Guid.CreateVersion7().ToString("N");
        var now = time.GetUtcNow();
        var body = RequestBody(call, requestId, now);
        using var request = new HttpRequestMessage(HttpMethod.Post, skill.Webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(now.ToUnixTimeSeconds(), body, skill.Secrets));
        request.Headers.TryAddWithoutValidation(WebhookSignature.RequestIdHeader, requestId);
        request.Headers.UserAgent.ParseAdd("Dure-Skills/" + RequestVersion);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.WebhookTimeout);
        byte[]? answer;
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(skill.Id, $"it answered HTTP {(int)response.StatusCode}");
                return new(null, WebhookFailure.BadResponse);
            }

            answer = response.Content.Headers.ContentLength > settings.MaxResponseBytes
                ? null
                : await ReadAtMostAsync(response.Content, settings.MaxResponseBytes, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(skill.Id, (long)settings.WebhookTimeout.TotalMilliseconds);
            return new(null, WebhookFailure.NotResponding);
        }
        catch (HttpRequestException e)
        {
            LogFailed(skill.Id, e.Message);
            return new(null, e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                ? WebhookFailure.NotResponding
                : WebhookFailure.BadResponse);
        }
        catch (IOException e)
        {
            // The connection broke while the answer was being read.
            LogFailed(skill.Id, e.Message);
            return new(null, WebhookFailure.BadResponse);
        }

        if (answer is null)
        {
            LogFailed(skill.Id, $"its response is larger than {settings.MaxResponseBytes} bytes");
            return new(null, WebhookFailure.BadResponse);
        }

        var (reply, problem) = Read(call, answer);
        if (reply is null)
        {
            LogFailed(skill.Id, problem!);
            return new(null, WebhookFailure.BadResponse);
        }

        return new(reply, WebhookFailure.None);
    }

    private static byte[] RequestBody(SkillCall call, string requestId, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("version", RequestVersion);
            json.WriteString("requestId", requestId);
            json.WriteString("timestamp", now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("skillId", call.Skill.Id);
            json.WriteString("tenantId", call.Site.TenantId);
            json.WriteString("siteId", call.Site.SiteId);
            json.WriteString("homeId", call.Home.Id);
            json.WriteString("deviceId", call.DeviceId);
            json.WriteString("lang", call.Language);
            json.WriteString("text", call.Text);
            if (call.Intent is { } intent)
            {
                json.WriteStartObject("intent");
                json.WriteString("name", intent.Name);
                json.WriteStartObject("slots");
                foreach (var (name, value) in intent.Slots)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteNumber("confidence", Math.Round(intent.Confidence, 4));
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("intent");
            }

            json.WriteStartObject("session");
            json.WriteString("id", call.Session.SessionId);
            json.WriteBoolean("new", call.NewSession);
            json.WritePropertyName("attributes");
            json.WriteRawValue(call.Session.AttributesJson ?? "{}", skipInputValidation: true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task<byte[]?> ReadAtMostAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        using var collected = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (collected.Length + read > limit)
            {
                return null;
            }

            collected.Write(buffer, 0, read);
        }

        return collected.ToArray();
    }

    /// <summary>The response as a reply, or why it is not one.</summary>
    private (SkillReply? Reply, string? Problem) Read(SkillCall call, byte[] answer)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return (null, "its response is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "its response is not a JSON object");
            }

            if (!root.TryGetProperty("speech", out var speech) || speech.ValueKind != JsonValueKind.Object ||
                !speech.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String ||
                text.GetString() is not { Length: > 0 and <= MaxSpeechLength } said || string.IsNullOrWhiteSpace(said))
            {
                return (null, $"its response has no speech.text of 1-{MaxSpeechLength} characters");
            }

            var language = call.Language;
            if (speech.TryGetProperty("lang", out var lang) && lang.ValueKind != JsonValueKind.Null)
            {
                if (lang.ValueKind != JsonValueKind.String || lang.GetString() is not ("ko" or "en"))
                {
                    return (null, "speech.lang must be \"ko\" or \"en\"");
                }

                language = lang.GetString()!;
            }

            var endSession = true;
            if (root.TryGetProperty("endSession", out var end) && end.ValueKind != JsonValueKind.Null)
            {
                if (end.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return (null, "endSession must be true or false");
                }

                endSession = end.GetBoolean();
            }

            string? attributes = null;
            if (root.TryGetProperty("sessionAttributes", out var kept) && kept.ValueKind != JsonValueKind.Null)
            {
                if (kept.ValueKind != JsonValueKind.Object)
                {
                    return (null, "sessionAttributes must be an object");
                }

                attributes = kept.GetRawText();
                if (attributes.Length > MaxAttributesBytes)
                {
                    return (null, $"sessionAttributes may be at most {MaxAttributesBytes} bytes");
                }
            }

            var commands = ImmutableArray.CreateBuilder<DeviceCommand>();
            var directives = ImmutableArray.CreateBuilder<DeviceDirective>();
            if (root.TryGetProperty("directives", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    return (null, "directives must be an array");
                }

                foreach (var directive in list.EnumerateArray().Take(MaxDirectives))
                {
                    Accept(call, directive, commands, directives);
                }
            }

            return (new SkillReply(new Speech(said.Trim(), language), commands.ToImmutable(), directives.ToImmutable(), endSession, attributes), null);
        }
    }

    /// <summary>Adds a directive the skill may send, or logs why it may not.</summary>
    private void Accept(SkillCall call, JsonElement directive, ImmutableArray<DeviceCommand>.Builder commands, ImmutableArray<DeviceDirective>.Builder directives)
    {
        var name = directive.ValueKind == JsonValueKind.Object && directive.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : "";
        var payload = directive.ValueKind == JsonValueKind.Object && directive.TryGetProperty("payload", out var p) ? p : default;
        var device = directive.ValueKind == JsonValueKind.Object && directive.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()
            : null;
        if (payload.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
        {
            LogRejected(call.Skill.Id, name, "its payload is not an object");
            return;
        }

        string? problem;
        if (name == MessageNames.DeviceControl)
        {
            (var command, problem) = Control(call.Home, device, payload);
            if (command is not null)
            {
                commands.Add(command);
            }
        }
        else
        {
            var target = device ?? call.DeviceId;
            JsonElement? checkedPayload = name switch
            {
                MessageNames.SpeechSpeak => Typed(payload, ProtocolJson.Default.SpeechSpeak, s => s.Text is { Length: > 0 and <= MaxSpeechLength } && s.Lang is "ko" or "en"),
                MessageNames.AlertStart => Typed(payload, ProtocolJson.Default.AlertStart, a => a.Text.Length is > 0 and <= MaxSpeechLength),
                MessageNames.NavigationStart => Typed(payload, ProtocolJson.Default.NavigationStart, _ => true),
                MessageNames.NavigationStop => Typed(payload.ValueKind == JsonValueKind.Undefined ? EmptyObject : payload, ProtocolJson.Default.NavigationStop, _ => true),
                _ => null,
            };
            problem = !SkillDirectives.Contains(name) ? "skills may not send it"
                : checkedPayload is null ? "its payload does not fit the protocol (docs/protocol.md)"
                : call.Home.FindDevice(target) is null ? $"'{target}' is not a device of the home"
                : null;
            if (problem is null)
            {
                directives.Add(new DeviceDirective(target, name, checkedPayload!.Value));
            }
        }

        if (problem is not null)
        {
            LogRejected(call.Skill.Id, name, problem);
        }
    }

    /// <summary>The directives a skill may send besides <c>Device.Control</c>; the speech itself is the response's <c>speech</c>.</summary>
    public static IReadOnlyList<string> SkillDirectives { get; } =
        [MessageNames.DeviceControl, MessageNames.SpeechSpeak, MessageNames.AlertStart, MessageNames.NavigationStart, MessageNames.NavigationStop];

    private static readonly JsonElement EmptyObject = JsonSerializer.SerializeToElement(new Dictionary<string, string>());

    private static (DeviceCommand? Command, string? Problem) Control(Home home, string? device, JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return (null, "Device.Control needs a payload {domain, action, params}");
        }

        var id = device ?? (payload.TryGetProperty("device", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null);
        if (home.FindDevice(id) is not { } target)
        {
            return (null, $"'{id}' is not a device of the home");
        }

        if (payload.TryGetProperty("domain", out var domain) && (domain.ValueKind != JsonValueKind.String || domain.GetString() != target.Domain))
        {
            return (null, $"'{target.Id}' is a {target.Domain}, not a {domain}");
        }

        if (!payload.TryGetProperty("action", out var actionElement) || actionElement.ValueKind != JsonValueKind.String ||
            actionElement.GetString() is not { } action || !ActionName().IsMatch(action))
        {
            return (null, "Device.Control needs an action such as turn_on");
        }

        // What the built-in skills only do after the user said yes is not a partner's to do silently.
        if ((target.Domain == DeviceDomains.Lock && action != "lock") || (target.Domain == DeviceDomains.Valve && action is not ("close_valve" or "turn_off")))
        {
            return (null, $"skills may not {action} a {target.Domain}");
        }

        var parameters = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        if (payload.TryGetProperty("params", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                return (null, "Device.Control params must be an object");
            }

            foreach (var parameter in given.EnumerateObject())
            {
                parameters[parameter.Name] = parameter.Value.Clone();
            }
        }

        return (new DeviceCommand(target.Id, target.Domain, action, parameters.ToImmutable()), null);
    }

    private static JsonElement? Typed<T>(JsonElement payload, JsonTypeInfo<T> type, Func<T, bool> valid)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return payload.Deserialize(type) is { } value && valid(value) ? JsonSerializer.SerializeToElement(value, type) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionName();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill {Skill}: the webhook did not answer within {TimeoutMs} ms")]
    private partial void LogTimedOut(string skill, long timeoutMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill {Skill}: no usable answer from the webhook: {Reason}")]
    private partial void LogFailed(string skill, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skill {Skill}: dropped its {Directive} directive: {Reason}")]
    private partial void LogRejected(string skill, string directive, string reason);
}
