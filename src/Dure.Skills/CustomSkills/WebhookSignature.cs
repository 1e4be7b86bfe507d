using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dure.Skills.CustomSkills;

/// <summary>
/// The <c>Dure-Signature</c> header of a webhook request: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]</c>, each v1 the
/// lower-case hex HMAC-SHA256, keyed by the UTF-8 bytes of a secret, of <c>"&lt;t&gt;." + raw body</c> (docs/custom-skills.md).
/// Several v1 values while a rotated-out secret is still honoured.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "Dure-Signature";
    public const string RequestIdHeader = "Dure-Request-Id";

    public static string Sign(long unixSeconds, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));

        var header = new StringBuilder("t=").Append(timestamp);
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        }

        return header.ToString();
    }
}
