using Microsoft.AspNetCore.DataProtection;

namespace Dure.Platform.PartnerSkills;

/// <summary>
/// Skill webhook secrets at rest. Unlike API keys and device tokens they cannot be hashed — Dure must sign with them —
/// so they are encrypted with ASP.NET Core Data Protection, whose key ring lives in the data directory's <c>keys</c>
/// folder (docs/custom-skills.md). A secret is shown to the partner only when it is created or rotated.
/// </summary>
public sealed class SkillSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "dure_ss_";

    private readonly IDataProtector _protector = protection.CreateProtector("Dure.Skills.WebhookSecret.v1");

    // A partner's token for its own MCP server: Dure sends it, so it is encrypted rather than hashed, under its own purpose.
    private readonly IDataProtector _tokens = protection.CreateProtector("Dure.Skills.McpToken.v1");

    /// <summary>A new random secret and its ciphertext to store.</summary>
    public (string Secret, string Protected) New()
    {
        var secret = Tenancy.Secrets.New(Prefix);
        return (secret, _protector.Protect(secret));
    }

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    public string ProtectToken(string token) => _tokens.Protect(token);

    public string UnprotectToken(string protectedToken) => _tokens.Unprotect(protectedToken);
}
