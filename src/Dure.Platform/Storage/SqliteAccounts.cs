using Dure.Platform.Tenancy;
using Microsoft.Data.Sqlite;

namespace Dure.Platform.Storage;

/// <summary>Console users and sessions in SQLite: passwords as salted PBKDF2 hashes, session tokens as SHA-256 hashes.</summary>
public sealed class SqliteUserAccounts(SqliteDatabase database, TimeProvider time) : IUserAccounts
{
    private const string Columns = "id, tenant_id, email, name, role, created";

    public async Task<(StoreOutcome Outcome, UserRecord? User)> CreateAsync(string tenantId, string email, string name, string role,
        string password, CancellationToken cancellationToken = default)
    {
        var user = new UserRecord("us_" + Guid.CreateVersion7().ToString("N"), tenantId, Normalize(email), name, role, Sql.Now(time));
        var hash = Secrets.HashPassword(password);
        var inserted = await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO users (id, tenant_id, email, name, role, password_hash, created) VALUES ($id, $tenant, $email, $name, $role, $hash, $now)
            ON CONFLICT (email) DO NOTHING
            """,
            ("$id", user.Id), ("$tenant", tenantId), ("$email", user.Email), ("$name", name), ("$role", role), ("$hash", hash),
            ("$now", user.Created.ToUnixTimeMilliseconds())), cancellationToken).ConfigureAwait(false);
        return inserted == 1 ? (StoreOutcome.Done, user) : (StoreOutcome.Conflict, null);
    }

    public async Task<Page<UserRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT {Columns} FROM users WHERE tenant_id = $tenant AND id > $after ORDER BY id LIMIT $limit",
            ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        return Rows.Paged(await ReadAsync(command, cancellationToken).ConfigureAwait(false), limit, u => u.Id);
    }

    public async Task<UserRecord?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM users WHERE id = $id AND tenant_id = $tenant",
            ("$id", userId), ("$tenant", tenantId));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<(StoreOutcome Outcome, UserRecord? User)> UpdateAsync(string tenantId, string userId, string? role, string? password,
        CancellationToken cancellationToken = default)
    {
        var hash = password is null ? null : Secrets.HashPassword(password);
        var changed = await database.WriteAsync((connection, transaction) =>
        {
            var rows = Sql.Execute(connection, transaction,
                "UPDATE users SET role = COALESCE($role, role), password_hash = COALESCE($hash, password_hash) WHERE id = $id AND tenant_id = $tenant",
                ("$id", userId), ("$tenant", tenantId), ("$role", role), ("$hash", hash));
            if (rows == 1 && hash is not null)
            {
                // A new password ends every session signed in with the old one.
                Sql.Execute(connection, transaction, "DELETE FROM user_sessions WHERE user_id = $id", ("$id", userId));
            }

            return rows;
        }, cancellationToken).ConfigureAwait(false);
        return changed == 1
            ? (StoreOutcome.Done, await FindAsync(tenantId, userId, cancellationToken).ConfigureAwait(false))
            : (StoreOutcome.NotFound, null);
    }

    public async Task<StoreOutcome> DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction,
                "DELETE FROM user_sessions WHERE user_id IN (SELECT id FROM users WHERE id = $id AND tenant_id = $tenant)",
                ("$id", userId), ("$tenant", tenantId));
            return Sql.Execute(connection, transaction, "DELETE FROM users WHERE id = $id AND tenant_id = $tenant", ("$id", userId), ("$tenant", tenantId));
        }, cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    public async Task<(UserRecord User, string Token, DateTimeOffset Expires)?> SignInAsync(string email, string password, TimeSpan lifetime,
        CancellationToken cancellationToken = default)
    {
        string? stored = null;
        UserRecord? user = null;
        await using (var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = Sql.Command(connection, null, $"SELECT {Columns}, password_hash FROM users WHERE email = $email",
                ("$email", Normalize(email)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                user = Read(reader);
                stored = reader.GetString(6);
            }
        }

        // Without a user, verify against a dummy hash anyway so the answer takes as long either way.
        var valid = Secrets.VerifyPassword(password, stored ?? DummyHash);
        if (user is null || !valid)
        {
            return null;
        }

        var token = Secrets.New("dure_us_");
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        await database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction, "DELETE FROM user_sessions WHERE expires <= $now", ("$now", now.ToUnixTimeMilliseconds()));
            return Sql.Execute(connection, transaction, "INSERT INTO user_sessions (token_hash, user_id, expires) VALUES ($hash, $user, $expires)",
                ("$hash", Secrets.Sha256(token)), ("$user", user.Id), ("$expires", expires.ToUnixTimeMilliseconds()));
        }, cancellationToken).ConfigureAwait(false);
        return (user, token, expires);
    }

    public async Task<UserRecord?> FindSessionAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(c => "u." + c))} FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = $hash AND s.expires > $now
            """,
            ("$hash", Secrets.Sha256(token)), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public Task SignOutAsync(string token, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM user_sessions WHERE token_hash = $hash", ("$hash", Secrets.Sha256(token))), cancellationToken);

    private static readonly string DummyHash = Secrets.HashPassword(Guid.NewGuid().ToString());

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static async Task<List<UserRecord>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<UserRecord> users = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    private static UserRecord Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Rows.Time(reader, 5));
}

/// <summary>Partner API keys in SQLite, by SHA-256 hash; listing shows only each key's first characters.</summary>
public sealed class SqlitePartnerKeys(SqliteDatabase database, TimeProvider time) : IPartnerKeys
{
    public const string KeyPrefix = "dure_pk_";

    public Task SetKeyAsync(string tenantId, string name, string key, IReadOnlyList<string>? scopes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var hash = Secrets.Sha256(key);
        var scopeText = string.Join(' ', scopes is { Count: > 0 } ? scopes : [Scopes.Admin]);
        return database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction, "DELETE FROM partner_keys WHERE (tenant_id = $tenant AND name = $name) OR key_hash = $hash",
                ("$tenant", tenantId), ("$name", name), ("$hash", hash));
            return Insert(connection, transaction, tenantId, name, key, scopeText, null);
        }, cancellationToken);
    }

    public async Task<(StoreOutcome Outcome, ApiKeyRecord? Key, string? Secret)> CreateAsync(string tenantId, string name,
        IReadOnlyList<string> scopes, CancellationToken cancellationToken = default, string? siteId = null)
    {
        var secret = Secrets.New(KeyPrefix);
        var created = Sql.Now(time);
        var inserted = await database.WriteAsync((connection, transaction) =>
        {
            using var taken = Sql.Command(connection, transaction, "SELECT 1 FROM partner_keys WHERE tenant_id = $tenant AND name = $name",
                ("$tenant", tenantId), ("$name", name));
            return taken.ExecuteScalar() is null && Insert(connection, transaction, tenantId, name, secret, string.Join(' ', scopes), siteId) == 1;
        }, cancellationToken).ConfigureAwait(false);
        return inserted
            ? (StoreOutcome.Done, new ApiKeyRecord(name, tenantId, Prefix(secret), scopes, created, siteId), secret)
            : (StoreOutcome.Conflict, null, null);
    }

    public async Task<PartnerIdentity?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT tenant_id, name, scopes, site_id FROM partner_keys WHERE key_hash = $hash", ("$hash", Secrets.Sha256(key)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PartnerIdentity(reader.GetString(0), reader.GetString(1), ParseScopes(reader.GetString(2)), Rows.Text(reader, 3))
            : null;
    }

    public async Task<Page<ApiKeyRecord>> ListAsync(string tenantId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT name, prefix, scopes, created, site_id FROM partner_keys WHERE tenant_id = $tenant AND name > $after ORDER BY name LIMIT $limit",
            ("$tenant", tenantId), ("$after", after ?? ""), ("$limit", limit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<ApiKeyRecord> keys = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new ApiKeyRecord(reader.GetString(0), tenantId, reader.GetString(1), ParseScopes(reader.GetString(2)), Rows.Time(reader, 3),
                Rows.Text(reader, 4)));
        }

        return Rows.Paged(keys, limit, k => k.Name);
    }

    public async Task<StoreOutcome> DeleteAsync(string tenantId, string name, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM partner_keys WHERE tenant_id = $tenant AND name = $name", ("$tenant", tenantId), ("$name", name)),
            cancellationToken).ConfigureAwait(false) == 1 ? StoreOutcome.Done : StoreOutcome.NotFound;

    private int Insert(SqliteConnection connection, SqliteTransaction transaction, string tenantId, string name, string key, string scopes,
        string? siteId) =>
        Sql.Execute(connection, transaction,
            """
            INSERT INTO partner_keys (key_hash, tenant_id, name, scopes, prefix, created, site_id)
            VALUES ($hash, $tenant, $name, $scopes, $prefix, $now, $site)
            """,
            ("$hash", Secrets.Sha256(key)), ("$tenant", tenantId), ("$name", name), ("$scopes", scopes), ("$prefix", Prefix(key)),
            ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("$site", siteId));

    // Keys from before scopes existed say "*": everything.
    private static string[] ParseScopes(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s == "*" ? Scopes.Admin : s)];

    /// <summary>Enough of a key to tell keys apart in a listing, never enough to use it.</summary>
    private static string Prefix(string key) => key.Length > 12 ? key[..12] : "";
}

/// <summary>The audit log in SQLite, newest first.</summary>
public sealed class SqliteAuditLog(SqliteDatabase database, TimeProvider time) : IAuditLog
{
    public Task AppendAsync(string tenantId, string actor, string action, string target, string? detail = null,
        CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "INSERT INTO audit_log (tenant_id, at, actor, action, target, detail) VALUES ($tenant, $at, $actor, $action, $target, $detail)",
            ("$tenant", tenantId), ("$at", time.GetUtcNow().ToUnixTimeMilliseconds()), ("$actor", actor), ("$action", action),
            ("$target", target), ("$detail", detail)), cancellationToken);

    public async Task<Page<AuditEntry>> ListAsync(string tenantId, long? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT seq, at, actor, action, target, detail FROM audit_log WHERE tenant_id = $tenant AND seq < $before ORDER BY seq DESC LIMIT $limit",
            ("$tenant", tenantId), ("$before", before ?? long.MaxValue), ("$limit", limit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<AuditEntry> entries = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), Rows.Time(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Rows.Text(reader, 5)));
        }

        return Rows.Paged(entries, limit, e => e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Responses kept under idempotency keys, per tenant.</summary>
public sealed class SqliteIdempotencyKeys(SqliteDatabase database, TimeProvider time) : IIdempotencyKeys
{
    public async Task<IdempotentResponse?> FindAsync(string tenantId, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT fingerprint, status, body, location FROM idempotency_keys WHERE tenant_id = $tenant AND key = $key",
            ("$tenant", tenantId), ("$key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new IdempotentResponse((byte[])reader.GetValue(0), reader.GetInt32(1), reader.GetString(2), Rows.Text(reader, 3))
            : null;
    }

    public async Task<bool> SaveAsync(string tenantId, string key, IdempotentResponse response, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            """
            INSERT INTO idempotency_keys (tenant_id, key, fingerprint, status, body, location, created)
            VALUES ($tenant, $key, $fingerprint, $status, $body, $location, $now) ON CONFLICT DO NOTHING
            """,
            ("$tenant", tenantId), ("$key", key), ("$fingerprint", response.Fingerprint), ("$status", response.Status),
            ("$body", response.Body), ("$location", response.Location), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds())),
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Sql.Execute(connection, transaction,
            "DELETE FROM idempotency_keys WHERE created < $before", ("$before", before.ToUnixTimeMilliseconds())), cancellationToken);
}
