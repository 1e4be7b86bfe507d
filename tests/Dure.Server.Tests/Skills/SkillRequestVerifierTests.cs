using System.Text;
using Dure.Sdk.Skills;

namespace Dure.Server.Tests.Skills;

/// <summary>The published verifier on its own: what it accepts and each way it refuses.</summary>
public sealed class SkillRequestVerifierTests
{
    private const string Secret = "dure_ss_0123456789abcdefghijklmnopqrstuv";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 20, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"version":"1.0","text":"오늘 운세"}""");
    private static long T => Now.ToUnixTimeSeconds();

    private static string Header(long t, params string[] secrets) =>
        $"t={t}" + string.Concat(secrets.Select(s => ",v1=" + SkillRequestVerifier.Sign(s, t, Body)));

    [Fact]
    public void A_request_signed_with_the_secret_now_is_valid() =>
        Assert.Equal(SkillSignatureResult.Valid, new SkillRequestVerifier(Secret).Verify(Header(T, Secret), Body, Now));

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_the_timestamp_a_full_stop_and_the_body()
    {
        // Computed independently of the verifier, the way docs/custom-skills.md tells a partner to.
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{T}."), .. Body];
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        Assert.Equal(expected, SkillRequestVerifier.Sign(Secret, T, Body));
    }

    [Fact]
    public void The_test_vector_of_the_docs_verifies()
    {
        // docs/custom-skills.md gives this example for partners who implement the check themselves (computed there with Python's hmac).
        var body = Encoding.UTF8.GetBytes("""{"text":"안녕"}""");
        const string Header = "t=1767225600,v1=3ec7d154c9f29af6a41bed0b3d06ec6192601755e018872b94d359b20e10023b";
        var verifier = new SkillRequestVerifier("dure_ss_example_secret_0123456789");
        Assert.Equal(SkillSignatureResult.Valid, verifier.Verify(Header, body, DateTimeOffset.FromUnixTimeSeconds(1767225600 + 10)));
        Assert.Equal(SkillSignatureResult.OutsideTolerance, verifier.Verify(Header, body, DateTimeOffset.FromUnixTimeSeconds(1767225600 + 400)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_header_is_refused(string? header) =>
        Assert.Equal(SkillSignatureResult.Missing, new SkillRequestVerifier(Secret).Verify(header, Body, Now));

    [Theory]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795587600")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795587600,v1=00")]
    [InlineData("t=1795587600,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795587600,t=1795587601,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    [InlineData("t=1795587600;v1=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_header_is_refused(string header) =>
        Assert.Equal(SkillSignatureResult.Malformed, new SkillRequestVerifier(Secret).Verify(header, Body, Now));

    [Fact]
    public void An_overlong_header_is_refused_as_malformed() =>
        Assert.Equal(SkillSignatureResult.Malformed,
            new SkillRequestVerifier(Secret).Verify(Header(T, Secret) + string.Concat(Enumerable.Repeat(",x=y", 2000)), Body, Now));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void A_timestamp_more_than_five_minutes_away_is_refused_even_when_signed_right(int seconds) =>
        Assert.Equal(SkillSignatureResult.OutsideTolerance, new SkillRequestVerifier(Secret).Verify(Header(T + seconds, Secret), Body, Now));

    [Theory]
    [InlineData(-300)]
    [InlineData(299)]
    public void A_timestamp_within_five_minutes_is_accepted(int seconds) =>
        Assert.Equal(SkillSignatureResult.Valid, new SkillRequestVerifier(Secret).Verify(Header(T + seconds, Secret), Body, Now));

    [Fact]
    public void Another_secret_a_changed_body_or_a_changed_timestamp_is_a_mismatch()
    {
        var verifier = new SkillRequestVerifier(Secret);
        Assert.Equal(SkillSignatureResult.Mismatch, verifier.Verify(Header(T, "dure_ss_other"), Body, Now));
        Assert.Equal(SkillSignatureResult.Mismatch, verifier.Verify(Header(T, Secret), [.. Body, (byte)' '], Now));
        var signature = SkillRequestVerifier.Sign(Secret, T, Body);
        Assert.Equal(SkillSignatureResult.Mismatch, verifier.Verify($"t={T + 1},v1={signature}", Body, Now));
        var flipped = signature[..63] + (signature[^1] == '0' ? '1' : '0');
        Assert.Equal(SkillSignatureResult.Mismatch, verifier.Verify($"t={T},v1={flipped}", Body, Now));
        Assert.Equal(SkillSignatureResult.Valid, verifier.Verify($"t={T}, v1={signature.ToUpperInvariant()}", Body, Now));
    }

    [Fact]
    public void During_a_rotation_any_matching_pair_of_secret_and_v1_is_enough()
    {
        const string Old = "dure_ss_old_secret_old_secret_old_sec";
        const string New = "dure_ss_new_secret_new_secret_new_sec";
        var both = Header(T, New, Old);
        Assert.Equal(SkillSignatureResult.Valid, new SkillRequestVerifier(Old).Verify(both, Body, Now));
        Assert.Equal(SkillSignatureResult.Valid, new SkillRequestVerifier(New).Verify(both, Body, Now));
        Assert.Equal(SkillSignatureResult.Valid, new SkillRequestVerifier([New, Old]).Verify(Header(T, Old), Body, Now));
        Assert.Equal(SkillSignatureResult.Mismatch, new SkillRequestVerifier("dure_ss_unrelated").Verify(both, Body, Now));
        Assert.Equal(SkillSignatureResult.Valid, new SkillRequestVerifier(New).Verify(both + ",v0=legacy", Body, Now));
    }

    [Fact]
    public void A_verifier_needs_a_secret_and_a_positive_tolerance()
    {
        Assert.Throws<ArgumentException>(() => new SkillRequestVerifier(Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => new SkillRequestVerifier(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkillRequestVerifier(Secret, TimeSpan.Zero));
        Assert.Equal(SkillSignatureResult.OutsideTolerance,
            new SkillRequestVerifier(Secret, TimeSpan.FromSeconds(30)).Verify(Header(T - 31, Secret), Body, Now));
    }
}
