using Microsoft.AspNetCore.DataProtection;

namespace Dure.HomeNetworks;

/// <summary>
/// Broker passwords and wall-pad shared secrets at rest. Unlike API keys and device tokens they cannot be hashed — Dure
/// must log in or sign with them — so they are encrypted with ASP.NET Core Data Protection, whose key ring lives in the
/// data directory's <c>keys</c> folder.
/// </summary>
public sealed class HomeNetworkSecrets(IDataProtectionProvider protection)
{
    public const string WallPadPrefix = "dure_ws_";

    private readonly IDataProtector _protector = protection.CreateProtector("Dure.HomeNetworks.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The clear text, or null when the key ring that encrypted it is gone.</summary>
    public string? Unprotect(string? protectedSecret)
    {
        if (protectedSecret is null)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A new wall-pad shared secret: 24 random bytes, base64url, with a recognisable prefix.</summary>
    public static string NewWallPadSecret() => Platform.Tenancy.Secrets.New(WallPadPrefix);
}
