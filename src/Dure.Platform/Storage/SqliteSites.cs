using Dure.Platform.Tenancy;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>Tenants, sites and space trees in SQLite. Every query names its tenant; another tenant's rows are never seen.</summary>
public sealed class SqliteSites(SqliteDatabase database, TimeProvider time) : ISiteStore
{
    private const string SiteColumns = "id, tenant_id, name, kind, created";
    private const string SpaceColumns = "id, tenant_id, site_id, parent_id, kind, name, home_id, created";

    public async Task<TenantRecord?> FindTenantAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT id, name, retention_days, created FROM tenants WHERE id = $id",
            ("$id", tenantId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new TenantRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), Rows.Time(reader, 3))
            : null;
    }

    public async Task<StoreOutcome> SetRetentionAsync(string tenantId, int retentionDays, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE tenants SET retention_days = $days WHERE id = $id", ("$id", tenantId), ("$days", retentionDays)),
            cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<(StoreOutcome Outcome, SiteRecord? Site)> CreateSiteAsync(string tenantId, string id, string name, string kind,
        CancellationToken cancellationToken = default)
    {
        var site = new SiteRecord(id, tenantId, name, kind, Sql.Now(time));
        var inserted = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "INSERT INTO sites (id, tenant_id, name, kind, created) VALUES ($id, $tenant, $name, $kind, $now) ON CONFLICT (id) DO NOTHING",
            ("$id", id), ("$tenant", tenantId), ("$name", name), ("$kind", kind), ("$now", site.Created.ToUnixTimeMilliseconds())),
            cancellationToken).ConfigureAwait(false);
        return inserted == 1 ? (StoreOutcome.Done, site) : (StoreOutcome.Conflict, null);
    }

    public async Task<SiteRecord?> FindSiteAsync(string tenantId, string siteId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {SiteColumns} FROM sites WHERE id = $id AND tenant_id = $tenant",
            ("$id", siteId), ("$tenant", tenantId));
        return (await ReadSitesAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<Page<SiteRecord>> ListSitesAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {SiteColumns} FROM sites WHERE tenant_id = $tenant AND id > $after ORDER BY id LIMIT $limit",
            ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        return Rows.Paged(await ReadSitesAsync(command, cancellationToken).ConfigureAwait(false), limit, s => s.Id);
    }

    public async Task<(StoreOutcome Outcome, SiteRecord? Site)> UpdateSiteAsync(string tenantId, string siteId, string? name, string? kind,
        CancellationToken cancellationToken = default)
    {
        var changed = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE sites SET name = COALESCE($name, name), kind = COALESCE($kind, kind) WHERE id = $id AND tenant_id = $tenant",
            ("$id", siteId), ("$tenant", tenantId), ("$name", name), ("$kind", kind)), cancellationToken).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindSiteAsync(tenantId, siteId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    public Task<StoreOutcome> DeleteSiteAsync(string tenantId, string siteId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            if (!Exists(connection, transaction, "SELECT 1 FROM sites WHERE id = $id AND tenant_id = $tenant", siteId, tenantId))
            {
                return StoreOutcome.NotFound;
            }

            if (Exists(connection, transaction, "SELECT 1 FROM spaces WHERE site_id = $id AND tenant_id = $tenant", siteId, tenantId))
            {
                return StoreOutcome.Conflict;
            }

            Sql.Execute(connection, transaction, "DELETE FROM sites WHERE id = $id AND tenant_id = $tenant", ("$id", siteId), ("$tenant", tenantId));
            return StoreOutcome.Done;
        }, cancellationToken);

    public async Task<(StoreOutcome Outcome, SpaceRecord? Space)> CreateSpaceAsync(string tenantId, string siteId, string id, string? parentId,
        string kind, string name, CancellationToken cancellationToken = default)
    {
        var space = new SpaceRecord(id, tenantId, siteId, parentId, kind, name, null, Sql.Now(time));
        var outcome = await database.WriteAsync((connection, transaction) =>
        {
            if (!Exists(connection, transaction, "SELECT 1 FROM sites WHERE id = $id AND tenant_id = $tenant", siteId, tenantId))
            {
                return StoreOutcome.NotFound;
            }

            // The parent must be a space of the same site (and so of the same tenant).
            if (parentId is not null && !Exists(connection, transaction,
                    "SELECT 1 FROM spaces WHERE id = $id AND tenant_id = $tenant AND site_id = $site", parentId, tenantId, siteId))
            {
                return StoreOutcome.NotFound;
            }

            // A space's id becomes its home's id, so it may not be the id of any space or home already there.
            if (Exists(connection, transaction, "SELECT 1 FROM spaces WHERE id = $id UNION ALL SELECT 1 FROM homes WHERE id = $id", id))
            {
                return StoreOutcome.Conflict;
            }

            Sql.Execute(connection, transaction,
                """
                INSERT INTO spaces (id, tenant_id, site_id, parent_id, kind, name, created) VALUES ($id, $tenant, $site, $parent, $kind, $name, $now)
                """,
                ("$id", id), ("$tenant", tenantId), ("$site", siteId), ("$parent", parentId), ("$kind", kind), ("$name", name),
                ("$now", space.Created.ToUnixTimeMilliseconds()));
            return StoreOutcome.Done;
        }, cancellationToken).ConfigureAwait(false);
        return (outcome, outcome == StoreOutcome.Done ? space : null);
    }

    public async Task<SpaceRecord?> FindSpaceAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {SpaceColumns} FROM spaces WHERE id = $id AND tenant_id = $tenant",
            ("$id", spaceId), ("$tenant", tenantId));
        return (await ReadSpacesAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<SpaceRecord?> FindSpaceOfHomeAsync(string homeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {SpaceColumns} FROM spaces WHERE home_id = $home", ("$home", homeId));
        return (await ReadSpacesAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<Page<SpaceRecord>> ListSpacesAsync(string tenantId, string siteId, string? after, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {SpaceColumns} FROM spaces WHERE tenant_id = $tenant AND site_id = $site AND id > $after ORDER BY id LIMIT $limit",
            ("$tenant", tenantId), ("$site", siteId), ("$after", after ?? ""), ("$limit", limit + 1));
        return Rows.Paged(await ReadSpacesAsync(command, cancellationToken).ConfigureAwait(false), limit, s => s.Id);
    }

    public async Task<(StoreOutcome Outcome, SpaceRecord? Space)> RenameSpaceAsync(string tenantId, string spaceId, string name,
        CancellationToken cancellationToken = default)
    {
        var changed = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE spaces SET name = $name WHERE id = $id AND tenant_id = $tenant", ("$id", spaceId), ("$tenant", tenantId), ("$name", name)),
            cancellationToken).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindSpaceAsync(tenantId, spaceId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    public Task<StoreOutcome> DeleteSpaceAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            if (!Exists(connection, transaction, "SELECT 1 FROM spaces WHERE id = $id AND tenant_id = $tenant", spaceId, tenantId))
            {
                return StoreOutcome.NotFound;
            }

            if (Exists(connection, transaction, "SELECT 1 FROM spaces WHERE parent_id = $id AND tenant_id = $tenant", spaceId, tenantId))
            {
                return StoreOutcome.Conflict;
            }

            // The home goes with its space: layout, device credentials, states, queued directives and what was said in it.
            foreach (var table in new[] { "device_credentials", "device_states", "directive_outbox", "schedules", "conversations" })
            {
                Sql.Execute(connection, transaction,
                    $"DELETE FROM {table} WHERE home_id IN (SELECT home_id FROM spaces WHERE id = $id AND tenant_id = $tenant)",
                    ("$id", spaceId), ("$tenant", tenantId));
            }

            Sql.Execute(connection, transaction, "DELETE FROM homes WHERE id = $id AND tenant_id = $tenant", ("$id", spaceId), ("$tenant", tenantId));
            Sql.Execute(connection, transaction, "DELETE FROM spaces WHERE id = $id AND tenant_id = $tenant", ("$id", spaceId), ("$tenant", tenantId));
            return StoreOutcome.Done;
        }, cancellationToken);

    public Task AttachHomeAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE spaces SET home_id = id WHERE id = $id AND tenant_id = $tenant", ("$id", spaceId), ("$tenant", tenantId)), cancellationToken);

    public Task EnsurePlacedAsync(string tenantId, string homeId, string homeName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var siteId = $"{tenantId}-homes";
        return database.WriteAsync((connection, transaction) =>
        {
            if (Exists(connection, transaction, "SELECT 1 FROM spaces WHERE home_id = $id AND tenant_id = $tenant", homeId, tenantId))
            {
                return 0;
            }

            Sql.Execute(connection, transaction,
                "INSERT INTO sites (id, tenant_id, name, kind, created) VALUES ($id, $tenant, 'Homes', 'other', $now) ON CONFLICT (id) DO NOTHING",
                ("$id", siteId), ("$tenant", tenantId), ("$now", now));
            return Sql.Execute(connection, transaction,
                """
                INSERT INTO spaces (id, tenant_id, site_id, parent_id, kind, name, home_id, created)
                SELECT $home, $tenant, $site, NULL, 'unit', $name, $home, $now WHERE EXISTS (SELECT 1 FROM sites WHERE id = $site AND tenant_id = $tenant)
                ON CONFLICT DO NOTHING
                """,
                ("$home", homeId), ("$tenant", tenantId), ("$site", siteId), ("$name", homeName), ("$now", now));
        }, cancellationToken);
    }

    private static bool Exists(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] values)
    {
        string[] names = ["$id", "$tenant", "$site"];
        using var command = Sql.Command(connection, transaction, sql, [.. values.Select((v, i) => (names[i], (object?)v))]);
        return command.ExecuteScalar() is not null;
    }

    private static async Task<List<SiteRecord>> ReadSitesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<SiteRecord> sites = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sites.Add(new SiteRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Rows.Time(reader, 4)));
        }

        return sites;
    }

    private static async Task<List<SpaceRecord>> ReadSpacesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<SpaceRecord> spaces = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            spaces.Add(new SpaceRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Rows.Text(reader, 3),
                reader.GetString(4), reader.GetString(5), Rows.Text(reader, 6), Rows.Time(reader, 7)));
        }

        return spaces;
    }
}
