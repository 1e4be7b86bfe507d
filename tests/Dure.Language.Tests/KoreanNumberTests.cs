using Dure.Language;

namespace Dure.Language.Tests;

public class KoreanNumberTests
{
    [Theory]
    [InlineData("영", 0)]
    [InlineData("일", 1)]
    [InlineData("구", 9)]
    [InlineData("십", 10)]
    [InlineData("십오", 15)]
    [InlineData("이십", 20)]
    [InlineData("이십삼", 23)]
    [InlineData("구십구", 99)]
    [InlineData("백", 100)]
    [InlineData("백일", 101)]
    [InlineData("삼백육십오", 365)]
    [InlineData("천", 1000)]
    [InlineData("삼천오백", 3500)]
    [InlineData("이천이십육", 2026)]
    [InlineData("만", 10000)]
    [InlineData("만 이천", 12000)]
    [InlineData("만이천", 12000)]
    [InlineData("십만", 100000)]
    [InlineData("백만", 1000000)]
    [InlineData("천만", 10000000)]
    [InlineData("삼십오만 칠천", 357000)]
    [InlineData("일억", 100000000)]
    [InlineData("일억 오천만", 150000000)]
    [InlineData("육", 6)]
    [InlineData("륙", 6)]
    public void Sino_korean(string text, double expected) => AssertParses(text, expected);

    [Theory]
    [InlineData("하나", 1)]
    [InlineData("둘", 2)]
    [InlineData("셋", 3)]
    [InlineData("넷", 4)]
    [InlineData("다섯", 5)]
    [InlineData("여섯", 6)]
    [InlineData("일곱", 7)]
    [InlineData("여덟", 8)]
    [InlineData("아홉", 9)]
    [InlineData("열", 10)]
    [InlineData("열하나", 11)]
    [InlineData("열둘", 12)]
    [InlineData("스물", 20)]
    [InlineData("스물셋", 23)]
    [InlineData("서른", 30)]
    [InlineData("마흔다섯", 45)]
    [InlineData("쉰", 50)]
    [InlineData("예순", 60)]
    [InlineData("일흔일곱", 77)]
    [InlineData("여든", 80)]
    [InlineData("아흔아홉", 99)]
    public void Native_cardinals(string text, double expected) => AssertParses(text, expected);

    [Theory]
    [InlineData("한", 1)]
    [InlineData("두", 2)]
    [InlineData("세", 3)]
    [InlineData("네", 4)]
    [InlineData("스무", 20)]
    [InlineData("스물세", 23)]
    [InlineData("스물한", 21)]
    [InlineData("열두", 12)]
    [InlineData("열 두", 12)]
    [InlineData("서른 네", 34)]
    [InlineData("석", 3)]
    [InlineData("넉", 4)]
    public void Native_attributive_forms(string text, double expected) => AssertParses(text, expected);

    [Theory]
    [InlineData("23", 23)]
    [InlineData("0", 0)]
    [InlineData("20.5", 20.5)]
    [InlineData("1,000", 1000)]
    [InlineData("12,345,678", 12345678)]
    [InlineData("3천", 3000)]
    [InlineData("5백", 500)]
    [InlineData("2만", 20000)]
    [InlineData("2만 5천", 25000)]
    [InlineData("2만5천", 25000)]
    [InlineData("3천5백", 3500)]
    [InlineData("1억 2천만", 120000000)]
    [InlineData("2.5만", 25000)]
    [InlineData("2천500", 2500)]
    public void Digits_and_mixtures(string text, double expected) => AssertParses(text, expected);

    [Theory]
    [InlineData("이십 점 오", 20.5)]
    [InlineData("이십점오", 20.5)]
    [InlineData("20점5", 20.5)]
    [InlineData("삼 점 일사", 3.14)]
    [InlineData("영점오", 0.5)]
    [InlineData("일 점 공오", 1.05)]
    public void Decimals(string text, double expected) => AssertParses(text, expected);

    [Theory]
    [InlineData("  이십삼  ", 23)]
    [InlineData("\t23\n", 23)]
    public void Surrounding_whitespace_is_ignored(string text, double expected) => AssertParses(text, expected);

    [Theory]
    [InlineData("")]
    [InlineData("반")]
    [InlineData("사과")]
    [InlineData("이이")]
    [InlineData("십백")]
    [InlineData("천천")]
    [InlineData("만만")]
    [InlineData("스무셋")]
    [InlineData("이십 삼")]
    [InlineData("이십 점")]
    [InlineData("23도")]
    [InlineData("하나 둘")]
    [InlineData("1,00")]
    [InlineData("twenty")]
    public void Non_numbers_and_partial_numbers_fail(string text) =>
        Assert.False(KoreanNumber.TryParse(text, out _));

    private static void AssertParses(string text, double expected)
    {
        Assert.True(KoreanNumber.TryParse(text, out var value), text);
        Assert.Equal(expected, value, 9);
    }
}
