using System.Security.Cryptography;
using System.Text;

namespace Dure.Platform.Storage;

/// <summary>Who a partner API key belongs to, and what it may do (<c>*</c> for everything until scopes arrive).</summary>
public sealed record PartnerIdentity(string TenantId, string KeyName, IReadOnlyList<string> Scopes);

/// <summary>Partner API keys per tenant. Only SHA-256 hashes are stored; a key is never written anywhere.</summary>
public interface IPartnerKeys
{
    /// <summary>Sets the tenant's key called <paramref name="name"/>, replacing (revoking) any previous key of that name.</summary>
    Task SetKeyAsync(string tenantId, string name, string key, IReadOnlyList<string>? scopes = null, CancellationToken cancellationToken = default);

    Task<PartnerIdentity?> FindAsync(string key, CancellationToken cancellationToken = default);
}

public sealed class SqlitePartnerKeys(SqliteDatabase database, TimeProvider time) : IPartnerKeys
{
    public Task SetKeyAsync(string tenantId, string name, string key, IReadOnlyList<string>? scopes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var hash = Hash(key);
        var scopeText = string.Join(' ', scopes is { Count: > 0 } ? scopes : ["*"]);
        return database.WriteAsync((connection, transaction) =>
        {
            Sql.Execute(connection, transaction, "DELETE FROM partner_keys WHERE (tenant_id = $tenant AND name = $name) OR key_hash = $hash",
                ("$tenant", tenantId), ("$name", name), ("$hash", hash));
            return Sql.Execute(connection, transaction,
                "INSERT INTO partner_keys (key_hash, tenant_id, name, scopes, created) VALUES ($hash, $tenant, $name, $scopes, $now)",
                ("$hash", hash), ("$tenant", tenantId), ("$name", name), ("$scopes", scopeText),
                ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        }, cancellationToken);
    }

    public async Task<PartnerIdentity?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        await using var connection = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT tenant_id, name, scopes FROM partner_keys WHERE key_hash = $hash", ("$hash", Hash(key)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PartnerIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : null;
    }

    // Keys are random and long, so an unsalted SHA-256 is enough and lets a key be looked up by its hash.
    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
