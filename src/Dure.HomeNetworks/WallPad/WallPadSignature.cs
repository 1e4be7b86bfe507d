using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dure.HomeNetworks.WallPad;

/// <summary>
/// The signature on requests between Dure and a wall-pad vendor's server, both ways:
/// <c>Dure-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + body)&gt;</c> over the exact body bytes.
/// </summary>
public static class WallPadSignature
{
    public const string Header = "Dure-Signature";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";

    /// <summary>Reads <c>t=…,v1=…</c> (several v1 allowed, any order); false when the header is not of that shape.</summary>
    public static bool TryParse(string? header, out long timestamp, out IReadOnlyList<string> signatures)
    {
        timestamp = 0;
        List<string> found = [];
        signatures = found;
        var hasTime = false;
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var (key, value) = (part[..equals], part[(equals + 1)..]);
            if (key == "t")
            {
                hasTime = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
            }
            else if (key == "v1" && value.Length == 64)
            {
                found.Add(value);
            }
        }

        return hasTime && found.Count > 0;
    }

    /// <summary>Whether <paramref name="signature"/> (hex) is the MAC of the body at that time, compared in constant time.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string signature)
    {
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(secret, timestamp, body), given);
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
