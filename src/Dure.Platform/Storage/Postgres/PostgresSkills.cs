using System.Data;
using System.Text.Json;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;

namespace Dure.Platform.Storage.Postgres;

/// <summary>Skills, their trained models and their sites in PostgreSQL. Every partner-facing query names its tenant.</summary>
public sealed class PostgresSkills(PostgresDatabase database, TimeProvider time) : ISkillStore
{
    public async Task<(StoreOutcome Outcome, SkillRecord? Skill)> CreateAsync(string tenantId, string id, SkillDefinition definition, string protectedSecret,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var inserted = await database.ExecuteAsync(
            """
            INSERT INTO skills (id, tenant_id, name, invocation_names, interaction_model, webhook_url, secret, model_version, model_status, created, updated,
                backend)
            VALUES (@id, @tenant, @name, @names, @model, @url, @secret, 1, 'training', @now, @now, @backend)
            ON CONFLICT (id) DO NOTHING
            """,
            cancellationToken, ("id", id), ("tenant", tenantId), ("name", definition.Name),
            ("names", JsonSerializer.Serialize(definition.InvocationNames, Rows.SkillJson)),
            ("model", JsonSerializer.Serialize(definition.InteractionModel, Rows.SkillJson)), ("url", definition.WebhookUrl), ("secret", protectedSecret),
            ("now", Sql.Now(time).ToUnixTimeMilliseconds()), ("backend", Rows.Backend(definition.Mcp))).ConfigureAwait(false);
        return inserted == 1
            ? (StoreOutcome.Done, await FindAsync(tenantId, id, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.Conflict, null);
    }

    public async Task<SkillRecord?> FindAsync(string tenantId, string skillId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.SkillColumns} FROM skills WHERE id = @id AND tenant_id = @tenant", Rows.Skill, cancellationToken,
            ("id", skillId), ("tenant", tenantId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<Page<SkillRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync($"SELECT {Rows.SkillColumns} FROM skills WHERE tenant_id = @tenant AND id > @after ORDER BY id LIMIT @limit",
            Rows.Skill, cancellationToken, ("tenant", tenantId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit, s => s.Id);

    public async Task<(StoreOutcome Outcome, SkillRecord? Skill)> UpdateAsync(string tenantId, string skillId, SkillDefinition change,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changed = await database.ExecuteAsync(
            """
            UPDATE skills SET
                name = COALESCE(@name, name),
                invocation_names = COALESCE(@names, invocation_names),
                webhook_url = COALESCE(@url, webhook_url),
                interaction_model = COALESCE(@model::text, interaction_model),
                backend = COALESCE(@backend::text, backend),
                model_version = model_version + CASE WHEN @model::text IS NULL THEN 0 ELSE 1 END,
                model_status = CASE WHEN @model::text IS NOT NULL THEN 'training' ELSE model_status END,
                model_error = CASE WHEN @model::text IS NOT NULL THEN NULL ELSE model_error END,
                updated = @now
            WHERE id = @id AND tenant_id = @tenant
            """,
            cancellationToken, ("id", skillId), ("tenant", tenantId), ("name", change.Name),
            ("names", change.InvocationNames is null ? null : JsonSerializer.Serialize(change.InvocationNames, Rows.SkillJson)),
            ("url", change.WebhookUrl),
            ("model", change.InteractionModel is null ? null : JsonSerializer.Serialize(change.InteractionModel, Rows.SkillJson)),
            ("backend", Rows.Backend(change.Mcp)),
            ("now", Sql.Now(time).ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindAsync(tenantId, skillId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    public async Task<StoreOutcome> DeleteAsync(string tenantId, string skillId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM skills WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("id", skillId), ("tenant", tenantId))
            .ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<StoreOutcome> RotateSecretAsync(string tenantId, string skillId, string protectedSecret, DateTimeOffset previousUntil,
        CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            """
            UPDATE skills SET previous_secret = secret, previous_secret_until = @until, secret = @secret, updated = @now
            WHERE id = @id AND tenant_id = @tenant
            """,
            cancellationToken, ("id", skillId), ("tenant", tenantId), ("secret", protectedSecret), ("until", previousUntil.ToUnixTimeMilliseconds()),
            ("now", Sql.Now(time).ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<Page<SiteSkillEntry>?> ListForSiteAsync(string tenantId, string siteId, string? after, int limit,
        CancellationToken cancellationToken = default)
    {
        if (await database.ScalarAsync("SELECT 1 FROM sites WHERE id = @site AND tenant_id = @tenant", cancellationToken, ("site", siteId),
                ("tenant", tenantId)).ConfigureAwait(false) is null)
        {
            return null;
        }

        return Rows.Paged(await database.QueryAsync(
            """
            SELECT s.id, s.name, EXISTS (SELECT 1 FROM site_skills e WHERE e.site_id = @site AND e.skill_id = s.id)
            FROM skills s WHERE s.tenant_id = @tenant AND s.id > @after ORDER BY s.id LIMIT @limit
            """,
            r => new SiteSkillEntry(r.GetString(0), r.GetString(1), r.GetBoolean(2)), cancellationToken, ("site", siteId), ("tenant", tenantId),
            ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit, e => e.Id);
    }

    public Task<StoreOutcome> SetEnabledAsync(string tenantId, string siteId, string skillId, bool enabled, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async session =>
        {
            var found = await session.ScalarAsync(
                "SELECT EXISTS (SELECT 1 FROM sites WHERE id = @site AND tenant_id = @tenant) AND EXISTS (SELECT 1 FROM skills WHERE id = @skill AND tenant_id = @tenant)",
                cancellationToken, ("site", siteId), ("skill", skillId), ("tenant", tenantId)).ConfigureAwait(false);
            if (found is not true)
            {
                return StoreOutcome.NotFound;
            }

            await session.ExecuteAsync(enabled
                    ? "INSERT INTO site_skills (site_id, skill_id, tenant_id) VALUES (@site, @skill, @tenant) ON CONFLICT DO NOTHING"
                    : "DELETE FROM site_skills WHERE site_id = @site AND skill_id = @skill AND tenant_id = @tenant",
                cancellationToken, ("site", siteId), ("skill", skillId), ("tenant", tenantId)).ConfigureAwait(false);
            return StoreOutcome.Done;
        }, cancellationToken);

    public async Task<EnabledSkills?> EnabledForHomeAsync(string homeId, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            $"""
            SELECT {Rows.EnabledSkillColumns}
            FROM spaces sp
            JOIN site_skills e ON e.site_id = sp.site_id AND e.tenant_id = sp.tenant_id
            JOIN skills s ON s.id = e.skill_id AND s.tenant_id = sp.tenant_id
            WHERE sp.home_id = @home
            ORDER BY s.id
            """,
            r => (Site: r.GetString(0), Skill: Rows.EnabledSkill(r)), cancellationToken, ("home", homeId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : new EnabledSkills(rows[0].Skill.TenantId, rows[^1].Site, [.. rows.Select(r => r.Skill)]);
    }

    public async Task<SkillTrainingJob?> TrainingJobAsync(string skillId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT model_version, interaction_model FROM skills WHERE id = @id AND model_status = 'training'",
            r => new SkillTrainingJob(skillId, r.GetInt32(0), JsonSerializer.Deserialize<InteractionModel>(r.GetString(1), Rows.SkillJson)!),
            cancellationToken, ("id", skillId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<string>> AwaitingTrainingAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT id FROM skills WHERE model_status = 'training' ORDER BY updated", r => r.GetString(0), cancellationToken)
            .ConfigureAwait(false);

    public Task<bool> SaveModelAsync(string skillId, int version, byte[] model, DateTimeOffset trainedAt, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async session =>
        {
            var marked = await session.ExecuteAsync(
                "UPDATE skills SET model_status = 'ready', model_trained = @at, model_error = NULL WHERE id = @id AND model_version = @version",
                cancellationToken, ("id", skillId), ("version", version), ("at", trainedAt.ToUnixTimeMilliseconds())).ConfigureAwait(false);
            if (marked == 0)
            {
                return false;
            }

            await session.ExecuteAsync(
                """
                INSERT INTO skill_models (skill_id, version, data) VALUES (@id, @version, @data)
                ON CONFLICT (skill_id) DO UPDATE SET version = excluded.version, data = excluded.data
                """,
                cancellationToken, ("id", skillId), ("version", version), ("data", model)).ConfigureAwait(false);
            return true;
        }, cancellationToken, IsolationLevel.ReadCommitted);

    public Task MarkFailedAsync(string skillId, int version, string error, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE skills SET model_status = 'failed', model_error = @error WHERE id = @id AND model_version = @version",
            cancellationToken, ("id", skillId), ("version", version), ("error", error));

    public async Task<byte[]?> LoadModelAsync(string skillId, int version, CancellationToken cancellationToken = default) =>
        await database.ScalarAsync("SELECT data FROM skill_models WHERE skill_id = @id AND version = @version", cancellationToken, ("id", skillId),
            ("version", version)).ConfigureAwait(false) as byte[];

    public async Task<bool> RequestTrainingAsync(string skillId, int version, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            "UPDATE skills SET model_status = 'training' WHERE id = @id AND model_version = @version AND model_status = 'ready'",
            cancellationToken, ("id", skillId), ("version", version)).ConfigureAwait(false) == 1;
}
