using Dure.Platform.Clustering;
using Npgsql;

namespace Dure.Server.Tests.Cluster;

public sealed class ClusterSettingsTests
{
    [Fact]
    public void A_postgres_url_becomes_an_npgsql_connection_string_with_a_short_connect_timeout()
    {
        var settings = new ClusterSettings { ConnectionString = "postgres://dure:s%40cret@db.local:6543/dure_cluster?sslmode=disable" };
        var built = new NpgsqlConnectionStringBuilder(settings.NpgsqlConnectionString());
        Assert.Equal(("db.local", 6543, "dure_cluster", "dure", "s@cret"), (built.Host, built.Port, built.Database, built.Username, built.Password));
        Assert.Equal(SslMode.Disable, built.SslMode);
        Assert.Equal(5, built.Timeout);
    }

    [Fact]
    public void A_connection_string_is_kept_with_its_own_timeout()
    {
        var settings = new ClusterSettings { ConnectionString = "Host=127.0.0.1;Port=55432;Username=dure;Database=x;Timeout=9" };
        var built = new NpgsqlConnectionStringBuilder(settings.NpgsqlConnectionString());
        Assert.Equal((55432, "x", 9), (built.Port, built.Database, built.Timeout));
    }

    [Fact]
    public void Cluster_mode_without_a_connection_string_says_what_is_missing()
    {
        var error = Assert.Throws<ClusterException>(() => new ClusterSettings { Provider = ClusterProvider.PostgreSql }.NpgsqlConnectionString());
        Assert.Contains("Dure:Cluster:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
