using Dure.HomeNetworks;
using Dure.Platform;
using Dure.Platform.Clustering;
using Dure.Server.Alliance;
using Dure.Server.Devices;
using Dure.Server.Partners;
using Dure.Server.WebConsole;
using Dure.Speech;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dure.Server;

/// <summary>
/// The Dure server: one ASP.NET Core process hosting the device gateway and a co-hosted Orleans silo,
/// with embedded SQLite storage and the demo home.
/// </summary>
public static class DureServer
{
    /// <summary>Builds the application. <paramref name="overrides"/> (e.g. from command-line options) win over other configuration.</summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        if (overrides is { Count: > 0 })
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // Kestrel's limits from configuration (Kestrel:Limits:KeepAliveTimeout, RequestHeadersTimeout, MaxConcurrentConnections …),
        // which the host does not bind by itself: how long a socket that never finishes a request may stay open.
        builder.WebHost.ConfigureKestrel((context, kestrel) => context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));

        var section = builder.Configuration.GetSection(DureServerOptions.Section);
        var options = section.Get<DureServerOptions>() ?? new DureServerOptions();
        builder.Services.Configure<DureServerOptions>(section);

        // Orleans and ASP.NET Core are chatty at Information; keep the console for what an operator needs.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error); // the ServerGC advice does not apply to a co-hosted silo
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // Data Protection encrypts skill webhook and home-network secrets with a key ring in the data directory; its warning
        // that the key files themselves are not encrypted is expected (docs/custom-skills.md and docs/home-networks.md,
        // "Secrets at rest").
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Dure.Server.Partners.PartnerAuthentication", LogLevel.Warning);

        builder.Services.AddDurePlatform(Path.GetFullPath(options.DataDirectory), builder.Configuration);
        builder.Services.AddDureSpeech(builder.Configuration);
        builder.Services.AddSingleton<Voice.VoiceServices>();
        builder.Services.AddHostedService<Voice.SpeechWarmUp>();
        builder.Services.AddOptions<DeviceConnectionOptions>().Bind(builder.Configuration.GetSection(DeviceConnectionOptions.Section))
            .Validate(o => o.MaxQueuedMessages > 0 && o.SendTimeout > TimeSpan.Zero, $"{DeviceConnectionOptions.Section}: MaxQueuedMessages and SendTimeout must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<DeviceSessions>();
        builder.Services.AddSingleton<DeviceEndpoint>();
        builder.Services.AddPartnerApi(builder.Configuration);
        builder.Services.AddAlliance();
        // Cluster mode (docs/cluster.md): registered before the silo, whose membership needs the schema it installs.
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.Services.AddDureCluster(cluster);
        builder.UseOrleans(silo => silo.UseDureCluster(cluster, options.Orleans.SiloPort, options.Orleans.GatewayPort));
        // After the silo: hosted services stop in reverse order, so the bridges let go of their grains first.
        builder.Services.AddDureHomeNetworks(builder.Configuration);

        var app = builder.Build();
        // Pings every 30 s; a device that stops answering them (power cut, dead NAT) is dropped after 60 s more,
        // so its directives wait in the outbox instead of going into a dead socket.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30), KeepAliveTimeout = TimeSpan.FromSeconds(60) });
        app.MapGet("/health", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStarted.IsCancellationRequested
            ? Results.Text("""{"status":"ok"}""", "application/json")
            : Results.Text("""{"status":"starting"}""", "application/json", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/health/process", ProcessHealth.Read);
        app.MapGet("/health/cluster", ClusterHealth.ReadAsync);
        app.Map(Protocol.ProtocolLimits.ConnectPath, (HttpContext context, DeviceEndpoint endpoint) => endpoint.HandleAsync(context));
        app.UseConsoleSite();
        app.UsePartnerApi();
        app.MapPartnerApi();
        app.MapAlliance();
        return app;
    }

    /// <summary>Provisions the demo and configured homes, prints the demo token, and serves until shut down.</summary>
    public static async Task RunAsync(WebApplication app, TextWriter console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(console);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DureServerOptions>>().Value;
        var provisioning = app.Services.GetRequiredService<HomeProvisioning>();

        var token = await provisioning.SeedDemoAsync(options.Demo.DeviceToken, cancellationToken).ConfigureAwait(false);
        foreach (var file in options.Homes)
        {
            (Dure.Homes.Home home, IReadOnlyList<string> devices) imported;
            try
            {
                imported = await provisioning.ImportFileAsync(HomeProvisioning.DemoTenant, file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Dure.Homes.HomeFileException or IOException)
            {
                throw new Dure.Homes.HomeFileException($"home file {file}: {e.Message}", e);
            }

            var (home, devices) = imported;
            await console.WriteLineAsync($"Imported home '{home.Id}' from {file}" +
                (devices.Count > 0 ? $" (tokens for {string.Join(", ", devices)})" : "")).ConfigureAwait(false);
        }

        var partnerKey = await provisioning.SeedDemoPartnerKeyAsync(options.Demo.PartnerKey, cancellationToken).ConfigureAwait(false);
        foreach (var (tenant, key) in options.PartnerKeys)
        {
            await provisioning.SetPartnerKeyAsync(tenant, key, cancellationToken).ConfigureAwait(false);
        }

        var consolePassword = await provisioning.SeedDemoConsoleUserAsync(options.Demo.ConsolePassword, cancellationToken).ConfigureAwait(false);

        await console.WriteLineAsync($"Data directory: {Path.GetFullPath(options.DataDirectory)}").ConfigureAwait(false);
        await console.WriteLineAsync($"Demo wall pad token: {token}").ConfigureAwait(false);
        await console.WriteLineAsync($"Demo partner key: {partnerKey}").ConfigureAwait(false);
        await console.WriteLineAsync($"Demo console user: {HomeProvisioning.DemoConsoleEmail}, password {consolePassword} (sign in at {ConsoleSite.Path})").ConfigureAwait(false);
        await console.FlushAsync(cancellationToken).ConfigureAwait(false);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
