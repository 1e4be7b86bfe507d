using Dure.Platform.Clustering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;

namespace Dure.Server;

/// <summary>
/// <c>GET /health/cluster</c>: this silo's view of the cluster (active silos) and whether the membership store answers.
/// 200 when it does; 503 with the store's error while PostgreSQL is unreachable — the silos keep serving meanwhile on the
/// membership they last read, but cannot admit or evict silos until it is back.
/// </summary>
internal static class ClusterHealth
{
    private static readonly TimeSpan StoreCheckTimeout = TimeSpan.FromSeconds(3);

    public static async Task<IResult> ReadAsync(HttpContext context, ClusterSettings settings, IClusterMembershipService membership,
        ILocalSiloDetails silo)
    {
        var snapshot = membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress.ToString()).Order().ToArray();
        string? error = null;
        if (context.RequestServices.GetService<NpgsqlDataSource>() is { } dataSource)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                timeout.CancelAfter(StoreCheckTimeout);
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(timeout.Token);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                error = $"PostgreSQL at {ClusterHosting.Describe(dataSource.ConnectionString)} does not answer: {e.Message}";
            }
        }

        var body = new ClusterStatus(error is null ? "ok" : "degraded", settings.Provider.ToString(), settings.ClusterId, silo.SiloAddress.ToString(),
            active, error);
        return Results.Json(body, statusCode: error is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private sealed record ClusterStatus(string Status, string Provider, string ClusterId, string Silo, string[] ActiveSilos, string? Error);
}
