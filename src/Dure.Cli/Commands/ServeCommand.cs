using System.CommandLine;
using Dure.Homes;
using Dure.Server;

namespace Dure.Cli.Commands;

/// <summary><c>dure serve</c>: runs the platform with embedded storage and demo data.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "URLs to listen on, separated by ';'",
            DefaultValueFactory = _ => "http://localhost:5000",
        };
        var data = new Option<string?>("--data") { Description = "data directory (default ./data, or Dure:DataDirectory)" };
        var homes = new Option<string[]>("--home") { Description = "a home file to import at start; repeatable" };
        var cluster = new Option<string?>("--cluster")
        {
            Description = "join a cluster whose membership and reminders are in PostgreSQL: postgres://user@host:port/db or an Npgsql connection string",
        };
        var clusterId = new Option<string?>("--cluster-id") { Description = "the cluster to join (default dure, or Dure:Cluster:ClusterId)" };
        var siloPort = new Option<int?>("--silo-port") { Description = "the Orleans silo-to-silo port (default 11111)" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "the Orleans gateway port (default 30000)" };

        var command = new Command("serve", "Run the Dure server") { urls, data, homes, cluster, clusterId, siloPort, gatewayPort };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            Dictionary<string, string?> overrides = new() { ["urls"] = result.GetValue(urls) };
            if (result.GetValue(data) is { Length: > 0 } directory)
            {
                overrides["Dure:DataDirectory"] = directory;
            }

            if (result.GetValue(cluster) is { Length: > 0 } connection)
            {
                overrides["Dure:Cluster:Provider"] = "PostgreSql";
                overrides["Dure:Cluster:ConnectionString"] = connection;
            }

            if (result.GetValue(clusterId) is { Length: > 0 } id)
            {
                overrides["Dure:Cluster:ClusterId"] = id;
            }

            if (result.GetValue(siloPort) is { } silo)
            {
                overrides["Dure:Orleans:SiloPort"] = silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (result.GetValue(gatewayPort) is { } gateway)
            {
                overrides["Dure:Orleans:GatewayPort"] = gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var files = result.GetValue(homes) ?? [];
            for (var i = 0; i < files.Length; i++)
            {
                overrides[$"Dure:Homes:{i}"] = Path.GetFullPath(files[i]);
            }

            try
            {
                await using var app = DureServer.Build([], overrides);
                await DureServer.RunAsync(app, Console.Out, cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is HomeFileException or IOException or Dure.Platform.Clustering.ClusterException)
            {
                // Operator mistakes (a bad home file, a port in use) deserve a sentence, not a stack trace.
                await Console.Error.WriteLineAsync($"dure serve: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
