using System.Security.Cryptography;

namespace Dure.Platform.Provisioning;

/// <summary>
/// The codes people type to approve a device (RFC 8628 §6.1): eight letters from an alphabet without vowels (so no words
/// form) and without letters easily confused with digits or each other, shown as <c>XXXX-XXXX</c> and accepted in any
/// case, with or without the dash or spaces. 20⁸ ≈ 2.6·10¹⁰ codes; only a signed-in partner may try one.
/// </summary>
public static class UserCodes
{
    public const string Alphabet = "BCDFGHJKLMNPQRSTVWXZ";
    public const int Length = 8;

    /// <summary>A new random code, normalized (no dash).</summary>
    public static string New() => string.Create(Length, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });

    /// <summary>The code as people see it: <c>BCDF-GHJK</c>.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;
    }

    /// <summary>The code as stored, from what someone typed: upper case, dashes and spaces dropped; false when it cannot be a code.</summary>
    public static bool TryNormalize(string? typed, out string code)
    {
        code = "";
        if (typed is null || typed.Length > 4 * Length)
        {
            return false;
        }

        Span<char> letters = stackalloc char[Length];
        var count = 0;
        foreach (var c in typed)
        {
            if (c is '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return false;
            }

            letters[count++] = upper;
        }

        if (count != Length)
        {
            return false;
        }

        code = new string(letters);
        return true;
    }
}
