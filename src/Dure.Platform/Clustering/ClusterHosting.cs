using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Dure.Platform.Clustering;

public static partial class ClusterHosting
{
    // The ADO.NET providers find the Npgsql factory by this invariant name.
    private const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Registers what cluster mode needs before the silo starts: the PostgreSQL data source and the schema installer.
    /// Call before <c>UseOrleans</c>, so the installer (a hosted service) has run when the silo joins.
    /// </summary>
    public static IServiceCollection AddDureCluster(this IServiceCollection services, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        if (settings.Provider == ClusterProvider.PostgreSql)
        {
            var connectionString = settings.NpgsqlConnectionString();
            services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.AddHostedService<PostgresSchemaInstaller>();
        }

        return services;
    }

    /// <summary>
    /// Configures the silo's membership and reminders: on its own with SQLite reminders (localhost), or a member of a
    /// PostgreSQL cluster that detects a crashed peer within a few seconds.
    /// </summary>
    public static ISiloBuilder UseDureCluster(this ISiloBuilder silo, ClusterSettings settings, int siloPort, int gatewayPort)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == ClusterProvider.Localhost)
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort).UseSqliteReminders();
        }

        if (!IPAddress.TryParse(settings.AdvertisedAddress, out var address))
        {
            throw new ClusterException($"Dure:Cluster:AdvertisedAddress '{settings.AdvertisedAddress}' is not an IP address");
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: false);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = settings.ProbeTimeout;
            o.NumMissedProbesLimit = settings.MissedProbesLimit;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
        });
        silo.UseAdoNetClustering(options => options.Configure<NpgsqlDataSource>((o, dataSource) =>
        {
            o.Invariant = NpgsqlInvariant;
            o.DataSource = dataSource;
        }));
        silo.UseAdoNetReminderService(options => options.Configure<NpgsqlDataSource>((o, dataSource) =>
        {
            o.Invariant = NpgsqlInvariant;
            o.DataSource = dataSource;
        }));
        return silo;
    }

    /// <summary>Creates the cluster schema before the silo joins, waiting for PostgreSQL with a clear message meanwhile.</summary>
    private sealed partial class PostgresSchemaInstaller(NpgsqlDataSource dataSource, ClusterSettings settings, ILogger<PostgresSchemaInstaller> logger)
        : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + settings.StartupTimeout;
            var where = Describe(dataSource.ConnectionString);
            while (true)
            {
                try
                {
                    await PostgresClusterSchema.EnsureAsync(dataSource, cancellationToken).ConfigureAwait(false);
                    LogReady(where, settings.ClusterId);
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new ClusterException(
                            $"cluster mode: PostgreSQL at {where} was not reachable within {settings.StartupTimeout.TotalSeconds:F0} s: {e.Message}", e);
                    }

                    LogWaiting(where, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "Cluster '{ClusterId}': membership and reminders in PostgreSQL at {Where}")]
        private partial void LogReady(string where, string clusterId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster mode: PostgreSQL at {Where} is not reachable ({Error}); retrying")]
        private partial void LogWaiting(string where, string error);
    }

    /// <summary>host:port/database, never the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
