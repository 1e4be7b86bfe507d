using System.Net;
using System.Text.Json;

namespace Dure.Sdk;

public sealed class DureDeviceAuthorizationOptions
{
    /// <summary>The server's base URL (http or https; ws and wss are taken as their HTTP counterparts).</summary>
    public required Uri Server { get; init; }

    /// <summary>The partner's device client id: which product this device is.</summary>
    public required string ClientId { get; init; }

    /// <summary>An HTTP client to use; by default the helper makes its own.</summary>
    public HttpClient? HttpClient { get; init; }
}

/// <summary>What to show the user: go to <see cref="VerificationUri"/> and enter <see cref="UserCode"/>. The device code stays on the device.</summary>
public sealed record DeviceAuthorizationCode(
    string DeviceCode,
    string UserCode,
    Uri VerificationUri,
    Uri? VerificationUriComplete,
    DateTimeOffset ExpiresAt,
    TimeSpan Interval);

/// <summary>The device's token and where it was placed; connect with <see cref="DureDeviceClientOptions.Token"/> = <see cref="AccessToken"/>.</summary>
public sealed record DeviceAuthorizationGrant(string AccessToken, string HomeId, string DeviceId);

/// <summary>The sign-in ended without a token; <see cref="Error"/> is the OAuth error (<c>access_denied</c>, <c>expired_token</c> ...).</summary>
public sealed class DureDeviceAuthorizationException : Exception
{
    public DureDeviceAuthorizationException() : this("server_error", "the device authorization failed") { }

    public DureDeviceAuthorizationException(string message) : this("server_error", message) { }

    public DureDeviceAuthorizationException(string message, Exception inner) : base(message, inner) => Error = "server_error";

    public DureDeviceAuthorizationException(string error, string message) : base($"{error}: {message}") => Error = error;

    public string Error { get; }
}

/// <summary>
/// Signs a device in with the OAuth 2.0 device authorization grant (RFC 8628), for devices without a keyboard: ask for a
/// code, show the user code and the address to enter it at, then poll until the partner approves the device, and receive
/// the device token. Polling keeps to the server's interval and adds five seconds at every <c>slow_down</c>.
/// </summary>
public sealed class DureDeviceAuthorization : IDisposable
{
    public const string DeviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";

    private static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly DureDeviceAuthorizationOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _base;

    public DureDeviceAuthorization(DureDeviceAuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClientId);
        _options = options;
        _ownsHttp = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var builder = new UriBuilder(options.Server)
        {
            Scheme = options.Server.Scheme switch
            {
                "http" or "ws" => "http",
                "https" or "wss" => "https",
                _ => throw new ArgumentException($"unsupported URL scheme '{options.Server.Scheme}'", nameof(options)),
            },
        };
        builder.Path = builder.Path.TrimEnd('/') + "/";
        _base = builder.Uri;
    }

    /// <summary>Asks for a device code and a user code (RFC 8628 §3.1).</summary>
    public async Task<DeviceAuthorizationCode> RequestCodeAsync(CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync("v1/oauth/device_authorization", [new("client_id", _options.ClientId)], cancellationToken).ConfigureAwait(false);
        using var body = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var root = body.RootElement;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure(root, response.StatusCode);
        }

        var interval = root.TryGetProperty("interval", out var seconds) && seconds.TryGetInt32(out var value) && value > 0 ? value : 5;
        return new DeviceAuthorizationCode(
            Text(root, "device_code"),
            Text(root, "user_code"),
            new Uri(Text(root, "verification_uri")),
            root.TryGetProperty("verification_uri_complete", out var complete) && complete.GetString() is { } uri ? new Uri(uri) : null,
            DateTimeOffset.UtcNow.AddSeconds(root.GetProperty("expires_in").GetInt32()),
            TimeSpan.FromSeconds(interval));
    }

    /// <summary>
    /// Polls the token endpoint (RFC 8628 §3.4) until the device is approved, and returns its token. Waits the interval
    /// before each poll; <c>slow_down</c> lengthens it by five seconds (or to what the server says), connection failures
    /// and server errors double it for the next try.
    /// </summary>
    /// <exception cref="DureDeviceAuthorizationException">Denied, expired, or refused for another reason.</exception>
    public async Task<DeviceAuthorizationGrant> PollForTokenAsync(DeviceAuthorizationCode code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var interval = code.Interval;
        var backoff = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(interval + backoff, cancellationToken).ConfigureAwait(false);
            if (DateTimeOffset.UtcNow >= code.ExpiresAt)
            {
                throw new DureDeviceAuthorizationException("expired_token", "the code expired before the device was approved");
            }

            HttpResponseMessage response;
            try
            {
                response = await PostAsync("v1/oauth/token",
                    [new("grant_type", DeviceCodeGrantType), new("device_code", code.DeviceCode), new("client_id", _options.ClientId)],
                    cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                backoff = Backoff(backoff, interval);
                continue;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                backoff = Backoff(backoff, interval); // the request timed out
                continue;
            }

            using (response)
            {
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    backoff = response.Headers.RetryAfter?.Delta is { } retryAfter && retryAfter > backoff ? retryAfter : Backoff(backoff, interval);
                    continue;
                }

                backoff = TimeSpan.Zero;
                using var body = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
                var root = body.RootElement;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new DeviceAuthorizationGrant(Text(root, "access_token"), Text(root, "home_id"), Text(root, "device_id"));
                }

                switch (root.TryGetProperty("error", out var error) ? error.GetString() : null)
                {
                    case "authorization_pending":
                        continue;
                    case "slow_down":
                        var told = root.TryGetProperty("interval", out var seconds) && seconds.TryGetInt32(out var value) ? TimeSpan.FromSeconds(value) : TimeSpan.Zero;
                        interval = told > interval + SlowDownStep ? told : interval + SlowDownStep;
                        continue;
                    default:
                        throw Failure(root, response.StatusCode);
                }
            }
        }
    }

    /// <summary>
    /// The whole sign-in: asks for a code, hands it to <paramref name="show"/> (print it, put it on the screen), then polls
    /// until approved.
    /// </summary>
    public async Task<DeviceAuthorizationGrant> AuthorizeAsync(Func<DeviceAuthorizationCode, CancellationToken, Task> show,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(show);
        var code = await RequestCodeAsync(cancellationToken).ConfigureAwait(false);
        await show(code, cancellationToken).ConfigureAwait(false);
        return await PollForTokenAsync(code, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync(new Uri(_base, path), content, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        }
        catch (JsonException e)
        {
            throw new DureDeviceAuthorizationException($"the server answered {(int)response.StatusCode} with something that is not JSON", e);
        }
    }

    private static DureDeviceAuthorizationException Failure(JsonElement root, HttpStatusCode status)
    {
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.GetString() is { } code ? code : "server_error";
        var description = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_description", out var d) && d.GetString() is { } text
            ? text
            : $"the server answered {(int)status}";
        return new DureDeviceAuthorizationException(error, description);
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new DureDeviceAuthorizationException("server_error", $"the server's answer has no {name}");

    private static TimeSpan Backoff(TimeSpan current, TimeSpan interval)
    {
        var next = current == TimeSpan.Zero ? interval : current * 2;
        return next > MaxBackoff ? MaxBackoff : next;
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
