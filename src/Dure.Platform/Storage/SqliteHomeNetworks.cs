namespace Dure.Platform.Storage;

/// <summary>
/// A site's connection to a home network (<c>Kind</c> "mqtt" or "wallpad"): its settings as JSON without secrets, and
/// its secret (a broker password, a wall-pad shared secret) as Data Protection ciphertext. <c>PreviousSecret</c> is the
/// secret before the last rotation, still accepted for a while after <c>Rotated</c>.
/// </summary>
public sealed record HomeNetworkRecord(
    string SiteId,
    string Kind,
    string TenantId,
    string SettingsJson,
    string? ProtectedSecret,
    string? PreviousSecret,
    DateTimeOffset? Rotated,
    DateTimeOffset Updated);

/// <summary>Sites' home-network settings, and the request ids wall-pad servers already sent (to reject replays).</summary>
public interface IHomeNetworkStore
{
    Task PutAsync(HomeNetworkRecord record, CancellationToken cancellationToken = default);

    /// <summary>The site's settings of that kind when the site belongs to <paramref name="tenantId"/>; null otherwise.</summary>
    Task<HomeNetworkRecord?> FindAsync(string tenantId, string siteId, string kind, CancellationToken cancellationToken = default);

    /// <summary>The settings of a site whatever its tenant, for callers that authenticate otherwise (a signed vendor request).</summary>
    Task<HomeNetworkRecord?> FindBySiteAsync(string siteId, string kind, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HomeNetworkRecord>> ListAsync(string kind, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string tenantId, string siteId, string kind, CancellationToken cancellationToken = default);

    /// <summary>Remembers a request id; false when it was seen already. Ids older than <paramref name="forgetBefore"/> are forgotten.</summary>
    Task<bool> TryRememberRequestAsync(string siteId, string requestId, DateTimeOffset now, DateTimeOffset forgetBefore,
        CancellationToken cancellationToken = default);

    /// <summary>Forgets a request id whose handling failed on Dure's side, so that the sender may try again with it.</summary>
    Task ForgetRequestAsync(string siteId, string requestId, CancellationToken cancellationToken = default);
}

public sealed class SqliteHomeNetworks(SqliteDatabase database) : IHomeNetworkStore
{
    private const string Columns = "site_id, kind, tenant_id, settings, secret, previous_secret, rotated, updated";

    public Task PutAsync(HomeNetworkRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            $"""
            INSERT INTO site_home_networks ({Columns}) VALUES ($site, $kind, $tenant, $settings, $secret, $previous, $rotated, $updated)
            ON CONFLICT (site_id, kind) DO UPDATE SET tenant_id = excluded.tenant_id, settings = excluded.settings, secret = excluded.secret,
                previous_secret = excluded.previous_secret, rotated = excluded.rotated, updated = excluded.updated
            """,
            ("$site", record.SiteId), ("$kind", record.Kind), ("$tenant", record.TenantId), ("$settings", record.SettingsJson),
            ("$secret", record.ProtectedSecret), ("$previous", record.PreviousSecret), ("$rotated", record.Rotated?.ToUnixTimeMilliseconds()),
            ("$updated", record.Updated.ToUnixTimeMilliseconds())), cancellationToken);
    }

    public async Task<HomeNetworkRecord?> FindAsync(string tenantId, string siteId, string kind, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {Columns} FROM site_home_networks WHERE site_id = $site AND kind = $kind AND tenant_id = $tenant",
            cancellationToken, ("$site", siteId), ("$kind", kind), ("$tenant", tenantId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<HomeNetworkRecord?> FindBySiteAsync(string siteId, string kind, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {Columns} FROM site_home_networks WHERE site_id = $site AND kind = $kind",
            cancellationToken, ("$site", siteId), ("$kind", kind)).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<HomeNetworkRecord>> ListAsync(string kind, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM site_home_networks WHERE kind = $kind ORDER BY site_id", cancellationToken, ("$kind", kind));

    public async Task<bool> DeleteAsync(string tenantId, string siteId, string kind, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM site_home_networks WHERE site_id = $site AND kind = $kind AND tenant_id = $tenant",
            ("$site", siteId), ("$kind", kind), ("$tenant", tenantId)), cancellationToken).ConfigureAwait(false) == 1;

    public Task<bool> TryRememberRequestAsync(string siteId, string requestId, DateTimeOffset now, DateTimeOffset forgetBefore,
        CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction, "DELETE FROM wallpad_requests WHERE received < $before",
                ("$before", forgetBefore.ToUnixTimeMilliseconds()));
            return Sql.Execute(connection, transaction,
                "INSERT INTO wallpad_requests (site_id, request_id, received) VALUES ($site, $id, $now) ON CONFLICT DO NOTHING",
                ("$site", siteId), ("$id", requestId), ("$now", now.ToUnixTimeMilliseconds())) == 1;
        }, cancellationToken);

    public Task ForgetRequestAsync(string siteId, string requestId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM wallpad_requests WHERE site_id = $site AND request_id = $id", ("$site", siteId), ("$id", requestId)), cancellationToken);

    private async Task<IReadOnlyList<HomeNetworkRecord>> ReadAsync(string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<HomeNetworkRecord> records = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new HomeNetworkRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Rows.Text(reader, 4), Rows.Text(reader, 5), reader.IsDBNull(6) ? null : Rows.Time(reader, 6), Rows.Time(reader, 7)));
        }

        return records;
    }
}
