using Dure.Language;

namespace Dure.Language.Tests;

public class HangulTests
{
    [Theory]
    [InlineData('가', true)]
    [InlineData('힣', true)]
    [InlineData('실', true)]
    [InlineData('ㄱ', false)]
    [InlineData('a', false)]
    [InlineData('1', false)]
    public void IsSyllable_covers_the_precomposed_block_only(char c, bool expected) =>
        Assert.Equal(expected, Hangul.IsSyllable(c));

    [Theory]
    [InlineData('실', 'ㄹ')]
    [InlineData('방', 'ㅇ')]
    [InlineData('닭', 'ㄺ')]
    [InlineData('거', '\0')]
    [InlineData('A', '\0')]
    public void FinalConsonant_is_the_compatibility_jamo(char c, char expected)
    {
        Assert.Equal(expected, Hangul.FinalConsonant(c));
        Assert.Equal(expected != '\0', Hangul.HasFinalConsonant(c));
    }

    [Theory]
    [InlineData('거', 'ㄱ', 'ㅓ')]
    [InlineData('뷁', 'ㅂ', 'ㅞ')]
    [InlineData('쌀', 'ㅆ', 'ㅏ')]
    public void Initial_consonant_and_vowel(char c, char initial, char vowel)
    {
        Assert.Equal(initial, Hangul.InitialConsonant(c));
        Assert.Equal(vowel, Hangul.Vowel(c));
    }

    [Theory]
    [InlineData('ㄱ', 'ㅏ', 'ㅇ', '강')]
    [InlineData('ㅎ', 'ㅣ', 'ㅎ', '힣')]
    [InlineData('ㄱ', 'ㅏ', '\0', '가')]
    [InlineData('ㄷ', 'ㅏ', 'ㄺ', '닭')]
    public void Compose_builds_syllables(char initial, char vowel, char final, char expected) =>
        Assert.Equal(expected, Hangul.Compose(initial, vowel, final));

    [Fact]
    public void Compose_rejects_a_vowel_in_the_initial_position() =>
        Assert.Throws<ArgumentException>(() => Hangul.Compose('ㅏ', 'ㅏ'));

    [Theory]
    [InlineData("거실", "ㄱㅓㅅㅣㄹ")]
    [InlineData("닭", "ㄷㅏㄺ")]
    [InlineData("TV 켜", "TV ㅋㅕ")]
    [InlineData("", "")]
    public void ToJamo_decomposes_syllables_and_keeps_the_rest(string text, string expected) =>
        Assert.Equal(expected, Hangul.ToJamo(text));

    [Theory]
    [InlineData("거실", "거실", 0)]
    [InlineData("거실", "거싴", 1)]
    [InlineData("거실", "거시", 1)]
    [InlineData("안방", "안밤", 1)]
    [InlineData("주방", "부엌", 4)]
    [InlineData("", "거실", 5)]
    [InlineData("light", "lamp", 4)]
    public void JamoDistance_counts_letter_edits(string a, string b, int expected)
    {
        Assert.Equal(expected, Hangul.JamoDistance(a, b));
        Assert.Equal(expected, Hangul.JamoDistance(b, a));
    }

    [Fact]
    public void JamoDistance_handles_long_texts_beyond_the_stack_buffer()
    {
        var a = new string('가', 200);
        var b = new string('가', 199) + "각";
        Assert.Equal(1, Hangul.JamoDistance(a, b));
    }
}
