using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dure.LoadGenerator;

/// <summary>
/// Makes the devices a load run needs through the partner API: one site, and per device a unit holding a home with a
/// wall pad (the talking device and gateway) and a living-room light, each wall pad with its own token.
/// </summary>
public sealed class FleetProvisioner(Uri server, string partnerKey)
{
    private const string HomeFile = """
        name: 부하 시험 세대
        language: ko
        areas:
          - id: living_room
            names: { ko: [거실], en: [Living Room] }
        devices:
          - id: wallpad
            domain: assist_satellite
            area: living_room
            gateway: true
            names: { ko: [월패드], en: [Wall Pad] }
          - id: light.living_room
            area: living_room
            names: { ko: [거실 조명], en: [Living Room Light] }
            state: "off"
        """;

    public async Task<IReadOnlyList<string>> ProvisionAsync(int devices, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerKey);
        var run = Guid.NewGuid().ToString("N")[..8];
        var site = await SendAsync(http, HttpMethod.Post, "/v1/sites", () => JsonContent.Create(new { id = $"bench-{run}", name = $"Load run {run}", kind = "other" }),
            cancellationToken).ConfigureAwait(false);
        var siteId = site.GetProperty("id").GetString()!;
        var tokens = new string[devices];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, devices), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var homeId = $"bench-{run}-{i}";
                await SendAsync(http, HttpMethod.Post, $"/v1/sites/{siteId}/spaces", () => JsonContent.Create(new { id = homeId, kind = "unit", name = $"{i}호" }), ct)
                    .ConfigureAwait(false);
                await SendAsync(http, HttpMethod.Put, $"/v1/spaces/{homeId}/home", () => new StringContent(HomeFile, Encoding.UTF8, "application/yaml"), ct)
                    .ConfigureAwait(false);
                var token = await SendAsync(http, HttpMethod.Post, $"/v1/homes/{homeId}/devices/wallpad/token", null, ct).ConfigureAwait(false);
                tokens[i] = token.GetProperty("token").GetString()!;
                progress?.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        return tokens;
    }

    // The body is made afresh for every attempt: a request disposes its content once sent.
    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, Func<HttpContent>? content,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content?.Invoke() };
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 429 && attempt < 20)
            {
                // The partner API's per-tenant budget: wait as told and try again.
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {body}");
            }

            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
