using Dure.Platform.Tenancy;

namespace Dure.Platform.Storage.Postgres;

/// <summary>Tenants, sites and space trees in PostgreSQL. Every query names its tenant; another tenant's rows are never seen.</summary>
public sealed class PostgresSites(PostgresDatabase database, TimeProvider time) : ISiteStore
{
    public async Task<TenantRecord?> FindTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT id, name, retention_days, created FROM tenants WHERE id = @id",
            r => new TenantRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), Rows.Time(r, 3)), cancellationToken, ("id", tenantId))
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<StoreOutcome> SetRetentionAsync(string tenantId, int retentionDays, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("UPDATE tenants SET retention_days = @days WHERE id = @id", cancellationToken, ("id", tenantId),
            ("days", retentionDays)).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<(StoreOutcome Outcome, SiteRecord? Site)> CreateSiteAsync(string tenantId, string id, string name, string kind,
        CancellationToken cancellationToken = default)
    {
        var site = new SiteRecord(id, tenantId, name, kind, Sql.Now(time));
        var inserted = await database.ExecuteAsync(
            "INSERT INTO sites (id, tenant_id, name, kind, created) VALUES (@id, @tenant, @name, @kind, @now) ON CONFLICT (id) DO NOTHING",
            cancellationToken, ("id", id), ("tenant", tenantId), ("name", name), ("kind", kind), ("now", site.Created.ToUnixTimeMilliseconds()))
            .ConfigureAwait(false);
        return inserted == 1 ? (StoreOutcome.Done, site) : (StoreOutcome.Conflict, null);
    }

    public async Task<SiteRecord?> FindSiteAsync(string tenantId, string siteId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.SiteColumns} FROM sites WHERE id = @id AND tenant_id = @tenant", Rows.Site, cancellationToken,
            ("id", siteId), ("tenant", tenantId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<Page<SiteRecord>> ListSitesAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync($"SELECT {Rows.SiteColumns} FROM sites WHERE tenant_id = @tenant AND id > @after ORDER BY id LIMIT @limit",
            Rows.Site, cancellationToken, ("tenant", tenantId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit, s => s.Id);

    public async Task<(StoreOutcome Outcome, SiteRecord? Site)> UpdateSiteAsync(string tenantId, string siteId, string? name, string? kind,
        CancellationToken cancellationToken = default)
    {
        var changed = await database.ExecuteAsync(
            "UPDATE sites SET name = COALESCE(@name, name), kind = COALESCE(@kind, kind) WHERE id = @id AND tenant_id = @tenant",
            cancellationToken, ("id", siteId), ("tenant", tenantId), ("name", name), ("kind", kind)).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindSiteAsync(tenantId, siteId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    public Task<StoreOutcome> DeleteSiteAsync(string tenantId, string siteId, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async session =>
        {
            if (!await ExistsAsync(session, "SELECT 1 FROM sites WHERE id = @id AND tenant_id = @tenant", cancellationToken, siteId, tenantId)
                    .ConfigureAwait(false))
            {
                return StoreOutcome.NotFound;
            }

            if (await ExistsAsync(session, "SELECT 1 FROM spaces WHERE site_id = @id AND tenant_id = @tenant", cancellationToken, siteId, tenantId)
                    .ConfigureAwait(false))
            {
                return StoreOutcome.Conflict;
            }

            // The site's settings and enabled skills go with it (ON DELETE CASCADE), as in SQLite.
            await session.ExecuteAsync("DELETE FROM sites WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("id", siteId),
                ("tenant", tenantId)).ConfigureAwait(false);
            return StoreOutcome.Done;
        }, cancellationToken);

    public async Task<(StoreOutcome Outcome, SpaceRecord? Space)> CreateSpaceAsync(string tenantId, string siteId, string id, string? parentId,
        string kind, string name, CancellationToken cancellationToken = default)
    {
        var space = new SpaceRecord(id, tenantId, siteId, parentId, kind, name, null, Sql.Now(time));
        var outcome = await database.InTransactionAsync(async session =>
        {
            if (!await ExistsAsync(session, "SELECT 1 FROM sites WHERE id = @id AND tenant_id = @tenant", cancellationToken, siteId, tenantId)
                    .ConfigureAwait(false))
            {
                return StoreOutcome.NotFound;
            }

            // The parent must be a space of the same site (and so of the same tenant).
            if (parentId is not null && !await ExistsAsync(session,
                    "SELECT 1 FROM spaces WHERE id = @id AND tenant_id = @tenant AND site_id = @site", cancellationToken, parentId, tenantId, siteId)
                    .ConfigureAwait(false))
            {
                return StoreOutcome.NotFound;
            }

            // A space's id becomes its home's id, so it may not be the id of any space or home already there.
            if (await ExistsAsync(session, "SELECT 1 FROM spaces WHERE id = @id UNION ALL SELECT 1 FROM homes WHERE id = @id", cancellationToken, id)
                    .ConfigureAwait(false))
            {
                return StoreOutcome.Conflict;
            }

            await session.ExecuteAsync(
                "INSERT INTO spaces (id, tenant_id, site_id, parent_id, kind, name, created) VALUES (@id, @tenant, @site, @parent, @kind, @name, @now)",
                cancellationToken, ("id", id), ("tenant", tenantId), ("site", siteId), ("parent", parentId), ("kind", kind), ("name", name),
                ("now", space.Created.ToUnixTimeMilliseconds())).ConfigureAwait(false);
            return StoreOutcome.Done;
        }, cancellationToken).ConfigureAwait(false);
        return (outcome, outcome == StoreOutcome.Done ? space : null);
    }

    public async Task<SpaceRecord?> FindSpaceAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.SpaceColumns} FROM spaces WHERE id = @id AND tenant_id = @tenant", Rows.Space, cancellationToken,
            ("id", spaceId), ("tenant", tenantId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<SpaceRecord?> FindSpaceOfHomeAsync(string homeId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.SpaceColumns} FROM spaces WHERE home_id = @home", Rows.Space, cancellationToken, ("home", homeId))
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<Page<SpaceRecord>> ListSpacesAsync(string tenantId, string siteId, string? after, int limit,
        CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync(
            $"SELECT {Rows.SpaceColumns} FROM spaces WHERE tenant_id = @tenant AND site_id = @site AND id > @after ORDER BY id LIMIT @limit",
            Rows.Space, cancellationToken, ("tenant", tenantId), ("site", siteId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false),
            limit, s => s.Id);

    public async Task<(StoreOutcome Outcome, SpaceRecord? Space)> RenameSpaceAsync(string tenantId, string spaceId, string name,
        CancellationToken cancellationToken = default)
    {
        var changed = await database.ExecuteAsync("UPDATE spaces SET name = @name WHERE id = @id AND tenant_id = @tenant", cancellationToken,
            ("id", spaceId), ("tenant", tenantId), ("name", name)).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindSpaceAsync(tenantId, spaceId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    public Task<StoreOutcome> DeleteSpaceAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async session =>
        {
            if (!await ExistsAsync(session, "SELECT 1 FROM spaces WHERE id = @id AND tenant_id = @tenant", cancellationToken, spaceId, tenantId)
                    .ConfigureAwait(false))
            {
                return StoreOutcome.NotFound;
            }

            if (await ExistsAsync(session, "SELECT 1 FROM spaces WHERE parent_id = @id AND tenant_id = @tenant", cancellationToken, spaceId, tenantId)
                    .ConfigureAwait(false))
            {
                return StoreOutcome.Conflict;
            }

            // The home goes with its space: layout, device credentials, states, queued directives and what was said in it.
            foreach (var table in new[] { "device_credentials", "device_states", "directive_outbox", "schedules", "conversations" })
            {
                await session.ExecuteAsync(
                    $"DELETE FROM {table} WHERE home_id IN (SELECT home_id FROM spaces WHERE id = @id AND tenant_id = @tenant)",
                    cancellationToken, ("id", spaceId), ("tenant", tenantId)).ConfigureAwait(false);
            }

            await session.ExecuteAsync("DELETE FROM homes WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("id", spaceId),
                ("tenant", tenantId)).ConfigureAwait(false);
            await session.ExecuteAsync("DELETE FROM spaces WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("id", spaceId),
                ("tenant", tenantId)).ConfigureAwait(false);
            return StoreOutcome.Done;
        }, cancellationToken);

    public Task AttachHomeAsync(string tenantId, string spaceId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE spaces SET home_id = id WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("id", spaceId),
            ("tenant", tenantId));

    public Task EnsurePlacedAsync(string tenantId, string homeId, string homeName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var siteId = $"{tenantId}-homes";
        return database.InTransactionAsync(async session =>
        {
            if (await ExistsAsync(session, "SELECT 1 FROM spaces WHERE home_id = @id AND tenant_id = @tenant", cancellationToken, homeId, tenantId)
                    .ConfigureAwait(false))
            {
                return 0;
            }

            await session.ExecuteAsync(
                "INSERT INTO sites (id, tenant_id, name, kind, created) VALUES (@id, @tenant, 'Homes', 'other', @now) ON CONFLICT (id) DO NOTHING",
                cancellationToken, ("id", siteId), ("tenant", tenantId), ("now", now)).ConfigureAwait(false);
            return await session.ExecuteAsync(
                """
                INSERT INTO spaces (id, tenant_id, site_id, parent_id, kind, name, home_id, created)
                SELECT @home, @tenant, @site, NULL, 'unit', @name, @home, @now WHERE EXISTS (SELECT 1 FROM sites WHERE id = @site AND tenant_id = @tenant)
                ON CONFLICT DO NOTHING
                """,
                cancellationToken, ("home", homeId), ("tenant", tenantId), ("site", siteId), ("name", homeName), ("now", now)).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static async Task<bool> ExistsAsync(PostgresSession session, string sql, CancellationToken cancellationToken, params string[] values)
    {
        string[] names = ["id", "tenant", "site"];
        return await session.ScalarAsync(sql, cancellationToken, [.. values.Select((v, i) => (names[i], (object?)v))]).ConfigureAwait(false) is not null;
    }
}

/// <summary>Console users and sessions in PostgreSQL: passwords as salted PBKDF2 hashes, session tokens as SHA-256 hashes.</summary>
public sealed class PostgresUserAccounts(PostgresDatabase database, TimeProvider time) : IUserAccounts
{
    private static readonly string DummyHash = Secrets.HashPassword(Guid.NewGuid().ToString());

    public async Task<(StoreOutcome Outcome, UserRecord? User)> CreateAsync(string tenantId, string email, string name, string role,
        string password, CancellationToken cancellationToken = default)
    {
        var user = new UserRecord("us_" + Guid.CreateVersion7().ToString("N"), tenantId, Normalize(email), name, role, Sql.Now(time));
        var inserted = await database.ExecuteAsync(
            """
            INSERT INTO users (id, tenant_id, email, name, role, password_hash, created) VALUES (@id, @tenant, @email, @name, @role, @hash, @now)
            ON CONFLICT (email) DO NOTHING
            """,
            cancellationToken, ("id", user.Id), ("tenant", tenantId), ("email", user.Email), ("name", name), ("role", role),
            ("hash", Secrets.HashPassword(password)), ("now", user.Created.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return inserted == 1 ? (StoreOutcome.Done, user) : (StoreOutcome.Conflict, null);
    }

    public async Task<Page<UserRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync($"SELECT {Rows.UserColumns} FROM users WHERE tenant_id = @tenant AND id > @after ORDER BY id LIMIT @limit",
            Rows.User, cancellationToken, ("tenant", tenantId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit, u => u.Id);

    public async Task<UserRecord?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.UserColumns} FROM users WHERE id = @id AND tenant_id = @tenant", Rows.User, cancellationToken,
            ("id", userId), ("tenant", tenantId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<(StoreOutcome Outcome, UserRecord? User)> UpdateAsync(string tenantId, string userId, string? role, string? password,
        CancellationToken cancellationToken = default)
    {
        var hash = password is null ? null : Secrets.HashPassword(password);
        var changed = await database.InTransactionAsync(async session =>
        {
            var rows = await session.ExecuteAsync(
                "UPDATE users SET role = COALESCE(@role, role), password_hash = COALESCE(@hash, password_hash) WHERE id = @id AND tenant_id = @tenant",
                cancellationToken, ("id", userId), ("tenant", tenantId), ("role", role), ("hash", hash)).ConfigureAwait(false);
            if (rows == 1 && hash is not null)
            {
                // A new password ends every session signed in with the old one.
                await session.ExecuteAsync("DELETE FROM user_sessions WHERE user_id = @id", cancellationToken, ("id", userId)).ConfigureAwait(false);
            }

            return rows;
        }, cancellationToken, System.Data.IsolationLevel.ReadCommitted).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindAsync(tenantId, userId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    // The sessions go with the user (ON DELETE CASCADE).
    public async Task<StoreOutcome> DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM users WHERE id = @id AND tenant_id = @tenant", cancellationToken, ("id", userId),
            ("tenant", tenantId)).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<(UserRecord User, string Token, DateTimeOffset Expires)?> SignInAsync(string email, string password, TimeSpan lifetime,
        CancellationToken cancellationToken = default)
    {
        var found = (await database.QueryAsync($"SELECT {Rows.UserColumns}, password_hash FROM users WHERE email = @email",
            r => (User: Rows.User(r), Hash: r.GetString(6)), cancellationToken, ("email", Normalize(email))).ConfigureAwait(false)).FirstOrDefault();
        // Without a user, verify against a dummy hash anyway so the answer takes as long either way.
        var valid = Secrets.VerifyPassword(password, found.Hash ?? DummyHash);
        if (found.User is not { } user || !valid)
        {
            return null;
        }

        var token = Secrets.New("dure_us_");
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        await database.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync("DELETE FROM user_sessions WHERE expires <= @now", cancellationToken, ("now", now.ToUnixTimeMilliseconds()))
                .ConfigureAwait(false);
            return await session.ExecuteAsync("INSERT INTO user_sessions (token_hash, user_id, expires) VALUES (@hash, @user, @expires)",
                cancellationToken, ("hash", Secrets.Sha256(token)), ("user", user.Id), ("expires", expires.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        }, cancellationToken, System.Data.IsolationLevel.ReadCommitted).ConfigureAwait(false);
        return (user, token, expires);
    }

    public async Task<UserRecord?> FindSessionAsync(string token, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync(
            $"""
            SELECT {string.Join(", ", Rows.UserColumns.Split(", ").Select(c => "u." + c))} FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = @hash AND s.expires > @now
            """,
            Rows.User, cancellationToken, ("hash", Secrets.Sha256(token)), ("now", time.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false))
            .FirstOrDefault();

    public Task SignOutAsync(string token, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("DELETE FROM user_sessions WHERE token_hash = @hash", cancellationToken, ("hash", Secrets.Sha256(token)));

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>Partner API keys in PostgreSQL, by SHA-256 hash; listing shows only each key's first characters.</summary>
public sealed class PostgresPartnerKeys(PostgresDatabase database, TimeProvider time) : IPartnerKeys
{
    public Task SetKeyAsync(string tenantId, string name, string key, IReadOnlyList<string>? scopes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var hash = Secrets.Sha256(key);
        var scopeText = string.Join(' ', scopes is { Count: > 0 } ? scopes : [Scopes.Admin]);
        return database.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync("DELETE FROM partner_keys WHERE (tenant_id = @tenant AND name = @name) OR key_hash = @hash", cancellationToken,
                ("tenant", tenantId), ("name", name), ("hash", hash)).ConfigureAwait(false);
            return await InsertAsync(session, tenantId, name, key, scopeText, null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<(StoreOutcome Outcome, ApiKeyRecord? Key, string? Secret)> CreateAsync(string tenantId, string name,
        IReadOnlyList<string> scopes, CancellationToken cancellationToken = default, string? siteId = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var secret = Secrets.New(SqlitePartnerKeys.KeyPrefix);
        var created = Sql.Now(time);
        // The (tenant, name) unique constraint decides between two creators; ON CONFLICT turns the loser into a conflict.
        var inserted = await database.InTransactionAsync(
            session => InsertAsync(session, tenantId, name, secret, string.Join(' ', scopes), siteId, cancellationToken, onConflictNothing: true),
            cancellationToken).ConfigureAwait(false) == 1;
        return inserted
            ? (StoreOutcome.Done, new ApiKeyRecord(name, tenantId, Prefix(secret), scopes, created, siteId), secret)
            : (StoreOutcome.Conflict, null, null);
    }

    public async Task<PartnerIdentity?> FindAsync(string key, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(key)
            ? null
            : (await database.QueryAsync("SELECT tenant_id, name, scopes, site_id FROM partner_keys WHERE key_hash = @hash",
                r => new PartnerIdentity(r.GetString(0), r.GetString(1), Rows.Scopes(r.GetString(2)), Rows.Text(r, 3)), cancellationToken,
                ("hash", Secrets.Sha256(key))).ConfigureAwait(false)).FirstOrDefault();

    public async Task<Page<ApiKeyRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync(
            "SELECT name, prefix, scopes, created, site_id FROM partner_keys WHERE tenant_id = @tenant AND name > @after ORDER BY name LIMIT @limit",
            r => new ApiKeyRecord(r.GetString(0), tenantId, r.GetString(1), Rows.Scopes(r.GetString(2)), Rows.Time(r, 3), Rows.Text(r, 4)),
            cancellationToken, ("tenant", tenantId), ("after", after ?? ""), ("limit", limit + 1)).ConfigureAwait(false), limit, k => k.Name);

    public async Task<StoreOutcome> DeleteAsync(string tenantId, string name, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM partner_keys WHERE tenant_id = @tenant AND name = @name", cancellationToken, ("tenant", tenantId),
            ("name", name)).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    private Task<int> InsertAsync(PostgresSession session, string tenantId, string name, string key, string scopes, string? siteId,
        CancellationToken cancellationToken, bool onConflictNothing = false) =>
        session.ExecuteAsync(
            $"""
            INSERT INTO partner_keys (key_hash, tenant_id, name, scopes, prefix, created, site_id)
            VALUES (@hash, @tenant, @name, @scopes, @prefix, @now, @site){(onConflictNothing ? " ON CONFLICT (tenant_id, name) DO NOTHING" : "")}
            """,
            cancellationToken, ("hash", Secrets.Sha256(key)), ("tenant", tenantId), ("name", name), ("scopes", scopes), ("prefix", Prefix(key)),
            ("now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("site", siteId));

    private static string Prefix(string key) => key.Length > 12 ? key[..12] : "";
}

/// <summary>The audit log in PostgreSQL, newest first.</summary>
public sealed class PostgresAuditLog(PostgresDatabase database, TimeProvider time) : IAuditLog
{
    public Task AppendAsync(string tenantId, string actor, string action, string target, string? detail = null,
        CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            "INSERT INTO audit_log (tenant_id, at, actor, action, target, detail) VALUES (@tenant, @at, @actor, @action, @target, @detail)",
            cancellationToken, ("tenant", tenantId), ("at", time.GetUtcNow().ToUnixTimeMilliseconds()), ("actor", actor), ("action", action),
            ("target", target), ("detail", detail));

    public async Task<Page<AuditEntry>> ListAsync(string tenantId, long? before, int limit, CancellationToken cancellationToken = default) =>
        Rows.Paged(await database.QueryAsync(
            "SELECT seq, at, actor, action, target, detail FROM audit_log WHERE tenant_id = @tenant AND seq < @before ORDER BY seq DESC LIMIT @limit",
            r => new AuditEntry(r.GetInt64(0), Rows.Time(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), Rows.Text(r, 5)), cancellationToken,
            ("tenant", tenantId), ("before", before ?? long.MaxValue), ("limit", limit + 1)).ConfigureAwait(false), limit,
            e => e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Responses kept under idempotency keys, per tenant, in PostgreSQL.</summary>
public sealed class PostgresIdempotencyKeys(PostgresDatabase database, TimeProvider time) : IIdempotencyKeys
{
    public async Task<IdempotentResponse?> FindAsync(string tenantId, string key, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT fingerprint, status, body, location FROM idempotency_keys WHERE tenant_id = @tenant AND key = @key",
            r => new IdempotentResponse((byte[])r.GetValue(0), r.GetInt32(1), r.GetString(2), Rows.Text(r, 3)), cancellationToken,
            ("tenant", tenantId), ("key", key)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<bool> SaveAsync(string tenantId, string key, IdempotentResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await database.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (tenant_id, key, fingerprint, status, body, location, created)
            VALUES (@tenant, @key, @fingerprint, @status, @body, @location, @now) ON CONFLICT DO NOTHING
            """,
            cancellationToken, ("tenant", tenantId), ("key", key), ("fingerprint", response.Fingerprint), ("status", response.Status),
            ("body", response.Body), ("location", response.Location), ("now", time.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1;
    }

    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("DELETE FROM idempotency_keys WHERE created < @before", cancellationToken, ("before", before.ToUnixTimeMilliseconds()));
}
