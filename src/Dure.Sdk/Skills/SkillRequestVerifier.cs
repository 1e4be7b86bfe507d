using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dure.Sdk.Skills;

/// <summary>What <see cref="SkillRequestVerifier.Verify"/> found.</summary>
public enum SkillSignatureResult
{
    /// <summary>Signed by Dure with one of the secrets, recently enough.</summary>
    Valid,

    /// <summary>No <c>Dure-Signature</c> header.</summary>
    Missing,

    /// <summary>The header is not <c>t=&lt;unix seconds&gt;,v1=&lt;64 hex digits&gt;[,v1=…]</c>.</summary>
    Malformed,

    /// <summary>The timestamp is further from now than the tolerance: a replayed or badly delayed request.</summary>
    OutsideTolerance,

    /// <summary>No v1 signature matches any of the secrets: not from Dure, or the body was changed.</summary>
    Mismatch,
}

/// <summary>
/// Checks that a skill webhook request comes from Dure: the reference implementation of the algorithm in
/// docs/custom-skills.md. The <c>Dure-Signature</c> header is <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where each v1 is the
/// lower-case hex HMAC-SHA256, keyed by the UTF-8 bytes of the skill's secret, of the UTF-8 timestamp, a full stop and
/// the raw request body. During a secret rotation Dure sends one v1 per secret, and a verifier may hold both the old
/// and the new secret; any match is enough. Comparisons take constant time; a timestamp more than
/// <see cref="Tolerance"/> (5 minutes by default) away from now is refused, so a captured request cannot be replayed later.
/// </summary>
public sealed class SkillRequestVerifier
{
    public const string SignatureHeader = "Dure-Signature";
    public const string RequestIdHeader = "Dure-Request-Id";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int MaxHeaderLength = 4096;
    private const int SignatureHexLength = 64;

    private readonly byte[][] _keys;

    public SkillRequestVerifier(string secret, TimeSpan? tolerance = null)
        : this([secret], tolerance)
    {
    }

    /// <param name="secrets">The skill's secret, or during a rotation the new and the old one.</param>
    /// <param name="tolerance">How far the request's timestamp may be from now.</param>
    public SkillRequestVerifier(IEnumerable<string> secrets, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _keys = [.. secrets.Select(s => string.IsNullOrEmpty(s) ? throw new ArgumentException("a secret may not be empty", nameof(secrets)) : Encoding.UTF8.GetBytes(s))];
        if (_keys.Length == 0)
        {
            throw new ArgumentException("give at least one secret", nameof(secrets));
        }

        Tolerance = tolerance ?? DefaultTolerance;
        if (Tolerance <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), "the tolerance must be positive");
        }
    }

    public TimeSpan Tolerance { get; }

    /// <summary>Checks the <c>Dure-Signature</c> header against the raw body, as received, at <paramref name="now"/>.</summary>
    public SkillSignatureResult Verify(string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return SkillSignatureResult.Missing;
        }

        if (!TryParse(signatureHeader, out var timestamp, out var signatures))
        {
            return SkillSignatureResult.Malformed;
        }

        var age = now.ToUnixTimeSeconds() - timestamp;
        if (Math.Abs((double)age) > Tolerance.TotalSeconds)
        {
            return SkillSignatureResult.OutsideTolerance;
        }

        var signed = Signed(timestamp, body);
        var matched = false;
        foreach (var key in _keys)
        {
            var expected = HMACSHA256.HashData(key, signed);
            foreach (var signature in signatures)
            {
                // Every pair is compared, so the time taken says nothing about which secret or how much matched.
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched ? SkillSignatureResult.Valid : SkillSignatureResult.Mismatch;
    }

    /// <summary>The hex v1 signature of a body at a timestamp with a secret: what Dure sends, for a partner's own tests.</summary>
    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Signed(unixSeconds, body)));
    }

    private static byte[] Signed(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }

    // "t=1767225600,v1=5257a869…,v1=…": one t, at least one v1; other keys (future schemes) are ignored.
    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (header.Length > MaxHeaderLength)
        {
            return false;
        }

        var seenTimestamp = false;
        foreach (var part in header.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            switch (key)
            {
                case "t":
                    if (seenTimestamp || value.Length is 0 or > 12 || !value.All(char.IsAsciiDigit))
                    {
                        return false;
                    }

                    timestamp = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    seenTimestamp = true;
                    break;
                case "v1":
                    if (value.Length != SignatureHexLength || !value.All(char.IsAsciiHexDigit))
                    {
                        return false;
                    }

                    signatures.Add(Convert.FromHexString(value));
                    break;
            }
        }

        return seenTimestamp && signatures.Count > 0;
    }
}
