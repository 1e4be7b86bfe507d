using Dure.Platform.Clustering;

namespace Dure.Platform.Storage;

/// <summary>Where the platform's data lives.</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file in the data directory (one machine).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, schema <c>dure</c>: silos on any number of machines share it.</summary>
    PostgreSql,
}

/// <summary>The platform's storage, bound from <c>Dure:Storage</c> (docs/cluster.md).</summary>
public sealed class StorageSettings
{
    public const string Section = "Dure:Storage";

    /// <summary>
    /// Null: PostgreSQL in cluster mode (the cluster's database), SQLite otherwise. Set <c>Sqlite</c> to keep a cluster's
    /// silos on one machine's shared file.
    /// </summary>
    public StorageProvider? Provider { get; set; }

    /// <summary>PostgreSQL as a connection string or <c>postgres://</c> URL; the cluster's when not given.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The provider in effect, given the cluster settings.</summary>
    public StorageProvider EffectiveProvider(ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Provider ?? (cluster.Provider == ClusterProvider.PostgreSql ? StorageProvider.PostgreSql : StorageProvider.Sqlite);
    }

    /// <summary>The Npgsql connection string: this section's, else the cluster's, URLs translated as the cluster's are.</summary>
    public string NpgsqlConnectionString(ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(cluster.ConnectionString))
        {
            throw new ClusterException(
                "Dure:Storage:ConnectionString (or Dure:Cluster:ConnectionString) is required when Dure:Storage:Provider is PostgreSql");
        }

        return string.IsNullOrWhiteSpace(ConnectionString)
            ? cluster.NpgsqlConnectionString()
            : new ClusterSettings { Provider = ClusterProvider.PostgreSql, ConnectionString = ConnectionString }.NpgsqlConnectionString();
    }
}
