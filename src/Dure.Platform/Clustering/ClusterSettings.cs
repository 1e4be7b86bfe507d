using Npgsql;

namespace Dure.Platform.Clustering;

/// <summary>How the silos of a deployment find each other and keep their reminders.</summary>
public enum ClusterProvider
{
    /// <summary>One silo on its own, reminders in the embedded SQLite file (the default).</summary>
    Localhost,

    /// <summary>Orleans membership and reminders in PostgreSQL: any number of silos, on one machine or many.</summary>
    PostgreSql,
}

/// <summary>Cluster mode, bound from <c>Dure:Cluster</c> (docs/cluster.md).</summary>
public sealed class ClusterSettings
{
    public const string Section = "Dure:Cluster";

    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    /// <summary>PostgreSQL, as an Npgsql connection string or a <c>postgres://user:password@host:port/database</c> URL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The silos that share a cluster id form one cluster; a new id starts a new one beside it.</summary>
    public string ClusterId { get; set; } = "dure";

    /// <summary>Survives redeployments (new cluster ids): reminders belong to the service.</summary>
    public string ServiceId { get; set; } = "dure";

    /// <summary>The address other silos reach this one at; loopback for several silos on one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// How often a silo probes its peers, and how long a probe may take. With <see cref="MissedProbesLimit"/> it bounds how
    /// long a crashed silo's grains stay unreachable: about ProbeTimeout × MissedProbesLimit, plus the votes.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How long a starting silo waits for PostgreSQL before giving up with an error.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The Npgsql connection string, URLs translated; a short connect timeout unless one is given.</summary>
    public string NpgsqlConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ClusterException(
                "Dure:Cluster:ConnectionString is required when Dure:Cluster:Provider is PostgreSql (e.g. postgres://dure@127.0.0.1:55432/dure)");
        }

        var builder = ConnectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            ConnectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(new Uri(ConnectionString))
            : new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!ConnectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            // A silo must notice an unreachable database in seconds, not the default 15.
            builder.Timeout = 5;
        }

        return builder.ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder FromUrl(Uri url)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = url.AbsolutePath.Trim('/') is { Length: > 0 } database ? Uri.UnescapeDataString(database) : "postgres",
        };
        if (url.UserInfo.Split(':', 2) is [var user, ..] rest && user.Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user);
            if (rest.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(rest[1]);
            }
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            builder[Uri.UnescapeDataString(key).Replace('_', ' ')] = Uri.UnescapeDataString(value);
        }

        return builder;
    }
}
