using System.Text.Json;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>
/// Skills in SQLite: table <c>skills</c> (definition as JSON, secrets as Data Protection ciphertexts, model status),
/// <c>skill_models</c> (the trained model file of the current version) and <c>site_skills</c> (enabled per site).
/// Every partner-facing query names its tenant.
/// </summary>
public sealed class SqliteSkills(SqliteDatabase database, TimeProvider time) : ISkillStore
{
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill)> CreateAsync(string tenantId, string id, SkillDefinition definition, string protectedSecret,
        CancellationToken cancellationToken = default)
    {
        var now = Sql.Now(time).ToUnixTimeMilliseconds();
        var inserted = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO skills (id, tenant_id, name, invocation_names, interaction_model, webhook_url, secret, model_version, model_status, created, updated,
                backend)
            VALUES ($id, $tenant, $name, $names, $model, $url, $secret, 1, 'training', $now, $now, $backend)
            ON CONFLICT (id) DO NOTHING
            """,
            ("$id", id), ("$tenant", tenantId), ("$name", definition.Name), ("$names", JsonSerializer.Serialize(definition.InvocationNames, Rows.SkillJson)),
            ("$model", JsonSerializer.Serialize(definition.InteractionModel, Rows.SkillJson)), ("$url", definition.WebhookUrl), ("$secret", protectedSecret),
            ("$now", now), ("$backend", Rows.Backend(definition.Mcp))), cancellationToken).ConfigureAwait(false);
        return inserted == 1
            ? (StoreOutcome.Done, await FindAsync(tenantId, id, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.Conflict, null);
    }

    public async Task<SkillRecord?> FindAsync(string tenantId, string skillId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {Rows.SkillColumns} FROM skills WHERE id = $id AND tenant_id = $tenant",
            ("$id", skillId), ("$tenant", tenantId));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<Page<SkillRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {Rows.SkillColumns} FROM skills WHERE tenant_id = $tenant AND id > $after ORDER BY id LIMIT $limit",
            ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        return Rows.Paged(await ReadAsync(command, cancellationToken).ConfigureAwait(false), limit, s => s.Id);
    }

    public async Task<(StoreOutcome Outcome, SkillRecord? Skill)> UpdateAsync(string tenantId, string skillId, SkillDefinition change,
        CancellationToken cancellationToken = default)
    {
        var changed = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            UPDATE skills SET
                name = COALESCE($name, name),
                invocation_names = COALESCE($names, invocation_names),
                webhook_url = COALESCE($url, webhook_url),
                interaction_model = COALESCE($model, interaction_model),
                backend = COALESCE($backend, backend),
                model_version = model_version + ($model IS NOT NULL),
                model_status = CASE WHEN $model IS NOT NULL THEN 'training' ELSE model_status END,
                model_error = CASE WHEN $model IS NOT NULL THEN NULL ELSE model_error END,
                updated = $now
            WHERE id = $id AND tenant_id = $tenant
            """,
            ("$id", skillId), ("$tenant", tenantId), ("$name", change.Name),
            ("$names", change.InvocationNames is null ? null : JsonSerializer.Serialize(change.InvocationNames, Rows.SkillJson)),
            ("$url", change.WebhookUrl),
            ("$model", change.InteractionModel is null ? null : JsonSerializer.Serialize(change.InteractionModel, Rows.SkillJson)),
            ("$backend", Rows.Backend(change.Mcp)),
            ("$now", Sql.Now(time).ToUnixTimeMilliseconds())), cancellationToken).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindAsync(tenantId, skillId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    public async Task<StoreOutcome> DeleteAsync(string tenantId, string skillId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM skills WHERE id = $id AND tenant_id = $tenant", ("$id", skillId), ("$tenant", tenantId)),
            cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<StoreOutcome> RotateSecretAsync(string tenantId, string skillId, string protectedSecret, DateTimeOffset previousUntil,
        CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            UPDATE skills SET previous_secret = secret, previous_secret_until = $until, secret = $secret, updated = $now
            WHERE id = $id AND tenant_id = $tenant
            """,
            ("$id", skillId), ("$tenant", tenantId), ("$secret", protectedSecret), ("$until", previousUntil.ToUnixTimeMilliseconds()),
            ("$now", Sql.Now(time).ToUnixTimeMilliseconds())), cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<Page<SiteSkillEntry>?> ListForSiteAsync(string tenantId, string siteId, string? after, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (var site = Sql.Command(connection, null, "SELECT 1 FROM sites WHERE id = $site AND tenant_id = $tenant",
                         ("$site", siteId), ("$tenant", tenantId)))
        {
            if (await site.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }
        }

        await using var command = Sql.Command(connection, null,
            """
            SELECT s.id, s.name, EXISTS (SELECT 1 FROM site_skills e WHERE e.site_id = $site AND e.skill_id = s.id)
            FROM skills s WHERE s.tenant_id = $tenant AND s.id > $after ORDER BY s.id LIMIT $limit
            """,
            ("$site", siteId), ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<SiteSkillEntry> entries = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new SiteSkillEntry(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1));
        }

        return Rows.Paged(entries, limit, e => e.Id);
    }

    public Task<StoreOutcome> SetEnabledAsync(string tenantId, string siteId, string skillId, bool enabled, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var check = Sql.Command(connection, transaction,
                """
                SELECT (SELECT 1 FROM sites WHERE id = $site AND tenant_id = $tenant) AND (SELECT 1 FROM skills WHERE id = $skill AND tenant_id = $tenant)
                """,
                ("$site", siteId), ("$skill", skillId), ("$tenant", tenantId));
            if (check.ExecuteScalar() is not long found || found != 1)
            {
                return StoreOutcome.NotFound;
            }

            Sql.Execute(connection, transaction, enabled
                    ? "INSERT INTO site_skills (site_id, skill_id, tenant_id) VALUES ($site, $skill, $tenant) ON CONFLICT DO NOTHING"
                    : "DELETE FROM site_skills WHERE site_id = $site AND skill_id = $skill AND tenant_id = $tenant",
                ("$site", siteId), ("$skill", skillId), ("$tenant", tenantId));
            return StoreOutcome.Done;
        }, cancellationToken);

    public async Task<EnabledSkills?> EnabledForHomeAsync(string homeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"""
            SELECT {Rows.EnabledSkillColumns}
            FROM spaces sp
            JOIN site_skills e ON e.site_id = sp.site_id AND e.tenant_id = sp.tenant_id
            JOIN skills s ON s.id = e.skill_id AND s.tenant_id = sp.tenant_id
            WHERE sp.home_id = $home
            ORDER BY s.id
            """,
            ("$home", homeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        string? siteId = null;
        List<EnabledSkillRow> rows = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            siteId = reader.GetString(0);
            rows.Add(Rows.EnabledSkill(reader));
        }

        return siteId is null ? null : new EnabledSkills(rows[0].TenantId, siteId, rows);
    }

    public async Task<SkillTrainingJob?> TrainingJobAsync(string skillId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT model_version, interaction_model FROM skills WHERE id = $id AND model_status = 'training'", ("$id", skillId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SkillTrainingJob(skillId, reader.GetInt32(0), JsonSerializer.Deserialize<InteractionModel>(reader.GetString(1), Rows.SkillJson)!)
            : null;
    }

    public async Task<IReadOnlyList<string>> AwaitingTrainingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT id FROM skills WHERE model_status = 'training' ORDER BY updated");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<string> ids = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public Task<bool> SaveModelAsync(string skillId, int version, byte[] model, DateTimeOffset trainedAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            var marked = Sql.Execute(connection, transaction,
                """
                UPDATE skills SET model_status = 'ready', model_trained = $at, model_error = NULL
                WHERE id = $id AND model_version = $version
                """,
                ("$id", skillId), ("$version", version), ("$at", trainedAt.ToUnixTimeMilliseconds()));
            if (marked == 0)
            {
                return false;
            }

            Sql.Execute(connection, transaction,
                """
                INSERT INTO skill_models (skill_id, version, data) VALUES ($id, $version, $data)
                ON CONFLICT (skill_id) DO UPDATE SET version = excluded.version, data = excluded.data
                """,
                ("$id", skillId), ("$version", version), ("$data", model));
            return true;
        }, cancellationToken);

    public Task MarkFailedAsync(string skillId, int version, string error, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE skills SET model_status = 'failed', model_error = $error WHERE id = $id AND model_version = $version",
            ("$id", skillId), ("$version", version), ("$error", error)), cancellationToken);

    public async Task<byte[]?> LoadModelAsync(string skillId, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT data FROM skill_models WHERE skill_id = $id AND version = $version",
            ("$id", skillId), ("$version", version));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    public async Task<bool> RequestTrainingAsync(string skillId, int version, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "UPDATE skills SET model_status = 'training' WHERE id = $id AND model_version = $version AND model_status = 'ready'",
            ("$id", skillId), ("$version", version)), cancellationToken).ConfigureAwait(false) == 1;

    private static async Task<List<SkillRecord>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<SkillRecord> skills = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            skills.Add(Rows.Skill(reader));
        }

        return skills;
    }
}
