using Microsoft.AspNetCore.DataProtection;

namespace Dure.Platform.Alliance;

/// <summary>
/// Alliance agents' outbound tokens at rest: Dure must send them, so they are encrypted with Data Protection (the data
/// directory's key ring, as skill webhook secrets are) rather than hashed.
/// </summary>
public sealed class AllianceSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Dure.Alliance.AgentToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);
}
