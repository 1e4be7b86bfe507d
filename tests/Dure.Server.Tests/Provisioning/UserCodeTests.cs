using Dure.Platform.Provisioning;

namespace Dure.Server.Tests.Provisioning;

/// <summary>User codes (RFC 8628 §6.1): unambiguous letters, shown with a dash, typed any way.</summary>
public sealed class UserCodeTests
{
    [Fact]
    public void New_codes_are_eight_letters_of_the_alphabet_and_differ()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => UserCodes.New()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(8, code.Length);
            Assert.All(code, c => Assert.Contains(c, UserCodes.Alphabet));
        });
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // Over 4,000 letters every one of the 20 shows up: the draw is not stuck on part of the alphabet.
        Assert.Equal(UserCodes.Alphabet.Order(), codes.SelectMany(c => c).Distinct().Order());
    }

    [Fact]
    public void The_alphabet_has_no_vowels_and_no_look_alikes_of_digits()
    {
        Assert.Equal(20, UserCodes.Alphabet.Length);
        Assert.DoesNotContain(UserCodes.Alphabet, c => "AEIOUY01".Contains(c, StringComparison.Ordinal));
    }

    [Fact]
    public void Codes_are_shown_as_two_groups_of_four()
    {
        Assert.Equal("BCDF-GHJK", UserCodes.Format("BCDFGHJK"));
    }

    [Theory]
    [InlineData("BCDF-GHJK")]
    [InlineData("bcdf-ghjk")]
    [InlineData("BCDFGHJK")]
    [InlineData("bcdfghjk")]
    [InlineData(" bcdf ghjk ")]
    [InlineData("B-C-D-F-G-H-J-K")]
    [InlineData("Bcdf-Ghjk\n")]
    public void Typing_ignores_case_dashes_and_spaces(string typed)
    {
        Assert.True(UserCodes.TryNormalize(typed, out var code));
        Assert.Equal("BCDFGHJK", code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("----")]
    [InlineData("BCDF-GHJ")]
    [InlineData("BCDF-GHJKL")]
    [InlineData("BCDF-GHJA")]
    [InlineData("BCDF-GHJ1")]
    [InlineData("BCDF_GHJK")]
    [InlineData("ＢＣＤＦ-ＧＨＪＫ")]
    [InlineData("비씨디에프-지에이치제이케이")]
    public void What_cannot_be_a_code_is_refused(string? typed)
    {
        Assert.False(UserCodes.TryNormalize(typed, out var code));
        Assert.Equal("", code);
    }
}
