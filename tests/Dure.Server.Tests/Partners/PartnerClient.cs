using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dure.Server.Tests.Partners;

/// <summary>An HTTP client of the partner API with one credential (or none), for tests.</summary>
internal sealed class PartnerClient(Uri server, string? credential) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public string? Credential => credential;

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path,
        object? body, CancellationToken cancellationToken, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Content = body switch
        {
            null => null,
            string text => new StringContent(text, Encoding.UTF8, contentType ?? "application/json"),
            _ => JsonContent.Create(body),
        };
        var response = await _http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = answer.Length == 0 ? default : JsonDocument.Parse(answer).RootElement.Clone();
        return (response.StatusCode, json, response);
    }

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? contentType = null)
    {
        var (status, json, _) = await SendAsync(method, path, body, cancellationToken, contentType);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path} answered {(int)status}: {json}");
        return json;
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => OkAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken) => OkAsync(HttpMethod.Post, path, body, cancellationToken);

    public void Dispose() => _http.Dispose();
}
