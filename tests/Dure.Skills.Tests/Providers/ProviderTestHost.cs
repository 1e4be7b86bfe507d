using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dure.Skills.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dure.Skills.Tests.Providers;

/// <summary>The providers composed as the platform composes them: configuration in memory, AddDureProviders, a fixed clock.</summary>
internal static class ProviderTestHost
{
    /// <summary>"Today" in the tests: 2026-05-04 10:00 in Seoul.</summary>
    public static readonly DateTimeOffset Now = new(2026, 5, 4, 1, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 5, 4);

    public static ServiceProvider Compose(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTime(Now));
        services.AddDureProviders(configuration);
        return services.BuildServiceProvider();
    }

    public static T Get<T>(params (string Key, string? Value)[] settings) where T : notnull =>
        Compose(settings).GetRequiredService<T>();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>A request the stand-in received.</summary>
internal sealed record StandInRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization, string Body);

/// <summary>
/// A local stand-in for a remote service: an HTTP server on a loopback port that answers from the test's handler and
/// records every request, so a real adapter's request shape is asserted and its reply mapping exercised offline.
/// </summary>
internal sealed class LocalStandIn : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<StandInRequest, (int Status, string Json)> handler;
    private readonly Task loop;

    public LocalStandIn(Func<StandInRequest, (int Status, string Json)> handler)
    {
        this.handler = handler;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<StandInRequest> Requests { get; } = new();

    public StandInRequest Single(string path) => Assert.Single(Requests, r => r.Path == path);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var query = context.Request.QueryString;
            var request = new StandInRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                query.AllKeys.OfType<string>().ToDictionary(k => k, k => query[k]!), context.Request.Headers["Authorization"],
                await reader.ReadToEndAsync());
            Requests.Enqueue(request);
            var (status, json) = handler(request);
            var body = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
