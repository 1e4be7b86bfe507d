using Dure.Language;

namespace Dure.Language.Tests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("  거실   불  켜줘!! ", "거실 불 켜줘")]
    [InlineData("ＴＶ　켜줘", "tv 켜줘")]
    [InlineData("Ｈｅｌｌｏ！", "hello")]
    [InlineData("Turn ON the Lights.", "turn on the lights")]
    [InlineData("온도 24.5도로", "온도 24.5도로")]
    [InlineData("50%로 해줘~", "50%로 해줘")]
    [InlineData("7:30 a.m.", "7:30 a.m.")]
    [InlineData("1,000원", "1000원")]
    [InlineData("1, 2, 3", "1 2 3")]
    [InlineData("“거실” 불 켜", "거실 불 켜")]
    [InlineData("\"거실\" 불 켜", "거실 불 켜")]
    [InlineData("What's up?", "what's up")]
    [InlineData("It’s 7 o’clock", "it's 7 o'clock")]
    [InlineData("Wi-Fi 켜", "wi-fi 켜")]
    [InlineData("1/2 hour", "1/2 hour")]
    [InlineData("24°C로", "24°c로")]
    [InlineData("불 켜줘…", "불 켜줘")]
    [InlineData("불 켜줘 😀", "불 켜줘")]
    [InlineData("(거실) 조명", "거실 조명")]
    [InlineData("켜줘,거실", "켜줘 거실")]
    [InlineData("Disney+ 틀어", "disney+ 틀어")]
    [InlineData("'거실'이라고 불러", "거실 이라고 불러")]
    [InlineData("‘안방’ 불 꺼", "안방 불 꺼")]
    [InlineData("parents' room", "parents room")]
    [InlineData("", "")]
    [InlineData("?!", "")]
    public void Normalize(string raw, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Fact]
    public void Normalize_composes_decomposed_hangul()
    {
        var decomposed = "\u1100\u1165\u1109\u1175\u11AF"; // 거실 as conjoining jamo
        Assert.Equal("거실", TextNormalizer.Normalize(decomposed));
    }

    [Fact]
    public void Normalize_handles_long_text()
    {
        var raw = string.Concat(Enumerable.Repeat("거실 불 켜줘! ", 100));
        var normalized = TextNormalizer.Normalize(raw);
        Assert.DoesNotContain("!", normalized);
        Assert.DoesNotContain("  ", normalized);
        Assert.Equal(100 * "거실 불 켜줘 ".Length - 1, normalized.Length);
    }

    [Theory]
    [InlineData("불 켜졌어?", true)]
    [InlineData("몇 도야？", true)]
    [InlineData("\"really?\"", true)]
    [InlineData("불 켜줘", false)]
    [InlineData("What time is it", true)]
    [InlineData("is the door locked", true)]
    [InlineData("Can you dim it", true)]
    [InlineData("how's the weather", true)]
    [InlineData("turn on the light", false)]
    [InlineData("don't turn it off", false)]
    [InlineData("island mode on", false)]
    [InlineData("", false)]
    public void IsQuestion(string raw, bool expected) => Assert.Equal(expected, TextNormalizer.IsQuestion(raw));

    [Theory]
    [InlineData("거실 불 켜", "ko")]
    [InlineData("TV 켜줘", "ko")]
    [InlineData("ㅋㅋ", "ko")]
    [InlineData("turn on the TV", "en")]
    [InlineData("123", "en")]
    [InlineData("", "en")]
    public void DetectLanguage(string text, string expected) => Assert.Equal(expected, TextNormalizer.DetectLanguage(text));
}
