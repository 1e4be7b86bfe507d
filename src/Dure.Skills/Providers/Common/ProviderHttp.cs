using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dure.Skills.Providers;

/// <summary>The adapters' one way of calling a JSON API, so every failure reaches the skill as one exception type.</summary>
internal static class ProviderHttp
{
    public static async Task<T> SendAsync<T>(HttpClient client, string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderUnavailableException($"{service} answered {(int)response.StatusCode} {response.ReasonPhrase} for {request.RequestUri?.GetLeftPart(UriPartial.Path)}.");
            }

            return await response.Content.ReadFromJsonAsync<T>(EmbeddedData.Json, cancellationToken).ConfigureAwait(false)
                ?? throw new ProviderUnavailableException($"{service} answered an empty body.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or NotSupportedException)
        {
            // TaskCanceledException without the caller's token is the client's timeout.
            throw new ProviderUnavailableException($"{service} did not answer: {e.Message}", e);
        }
    }

    /// <summary>"base?name=value&amp;…", values escaped, nulls left out.</summary>
    public static string Url(string baseUrl, params (string Name, object? Value)[] query)
    {
        var builder = new StringBuilder(baseUrl);
        var separator = baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            var text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? "";
            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text));
            separator = '&';
        }

        return builder.ToString();
    }

    /// <summary>Joins a configured base URL and a path without doubling or dropping the slash.</summary>
    public static string Combine(string baseUrl, string path) => baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
