using Dure.Understanding.Classification;

namespace Dure.Understanding.Tests.Classification;

public class TokenizerTests
{
    private static string[] Forms(string text) => [.. Tokenizer.Tokenize(text).Select(t => t.Form)];

    [Fact]
    public void Korean_particles_part_from_their_nouns()
    {
        Assert.Equal(["수건", "을", "두", "장", "주세요"], Forms("수건을 두 장 주세요"));
        Assert.Equal(["거실", "에서", "불", "켜줘"], Forms("거실에서 불 켜줘"));
    }

    [Fact]
    public void Digits_part_from_hangul_and_counters_from_particles()
    {
        Assert.Equal(["7", "시", "에", "깨워줘"], Forms("7시에 깨워줘"));
    }

    [Fact]
    public void English_keeps_apostrophes_and_decimals_inside_words_and_lowercases()
    {
        Assert.Equal(["wake", "me", "at", "7", "o'clock", "it's", "20.5", "?"], Forms("Wake me at 7 O'clock it's 20.5?"));
    }

    [Fact]
    public void Offsets_point_at_the_written_words()
    {
        const string text = "ＴＶ를  켜 줘";
        var tokens = Tokenizer.Tokenize(text);

        Assert.Equal("tv", tokens[0].Form);
        Assert.Equal("ＴＶ", text[tokens[0].Start..tokens[0].End]);
        Assert.Equal("켜", text[tokens[2].Start..tokens[2].End]);
        Assert.Equal([0, 0, 1, 2], tokens.Select(t => t.Eojeol));
    }
}
