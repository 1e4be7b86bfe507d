using Dure.Language;

namespace Dure.Language.Tests;

public class EnglishNumberTests
{
    [Theory]
    [InlineData("zero", 0)]
    [InlineData("one", 1)]
    [InlineData("seven", 7)]
    [InlineData("eleven", 11)]
    [InlineData("nineteen", 19)]
    [InlineData("twenty", 20)]
    [InlineData("twenty-three", 23)]
    [InlineData("twenty three", 23)]
    [InlineData("Twenty-Three", 23)]
    [InlineData("ninety nine", 99)]
    [InlineData("one hundred", 100)]
    [InlineData("a hundred", 100)]
    [InlineData("one hundred and five", 105)]
    [InlineData("one hundred five", 105)]
    [InlineData("three hundred sixty-five", 365)]
    [InlineData("two thousand", 2000)]
    [InlineData("a thousand", 1000)]
    [InlineData("two thousand and twenty six", 2026)]
    [InlineData("nineteen hundred", 1900)]
    [InlineData("one million two hundred thousand", 1200000)]
    [InlineData("twenty point five", 20.5)]
    [InlineData("three point one four", 3.14)]
    [InlineData("zero point five", 0.5)]
    [InlineData("23", 23)]
    [InlineData("20.5", 20.5)]
    [InlineData("1,000", 1000)]
    [InlineData("5 thousand", 5000)]
    [InlineData("2.5 million", 2500000)]
    [InlineData("20 point 5", 20.5)]
    [InlineData("  forty two ", 42)]
    public void Cardinals(string text, double expected)
    {
        Assert.True(EnglishNumber.TryParse(text, out var value), text);
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("an")]
    public void Articles_are_one_only_when_asked(string text)
    {
        Assert.False(EnglishNumber.TryParse(text, out _));
        Assert.True(EnglishNumber.TryParse(text, out var value, articleIsOne: true));
        Assert.Equal(1, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("and")]
    [InlineData("point five")]
    [InlineData("twenty twenty")]
    [InlineData("one two")]
    [InlineData("five twenty")]
    [InlineData("thirty eleven")]
    [InlineData("hundred thousand million")]
    [InlineData("one thousand thousand")]
    [InlineData("someone")]
    [InlineData("twenty dogs")]
    [InlineData("이십")]
    public void Non_numbers_fail(string text) => Assert.False(EnglishNumber.TryParse(text, out _));

    [Theory]
    [InlineData("first", 1)]
    [InlineData("second", 2)]
    [InlineData("third", 3)]
    [InlineData("fifth", 5)]
    [InlineData("eighth", 8)]
    [InlineData("twelfth", 12)]
    [InlineData("twentieth", 20)]
    [InlineData("twenty-first", 21)]
    [InlineData("twenty second", 22)]
    [InlineData("thirty-first", 31)]
    [InlineData("one hundredth", 100)]
    [InlineData("one hundred and first", 101)]
    [InlineData("1st", 1)]
    [InlineData("2nd", 2)]
    [InlineData("3rd", 3)]
    [InlineData("23rd", 23)]
    [InlineData("11th", 11)]
    [InlineData("101ST", 101)]
    public void Ordinals(string text, int expected)
    {
        Assert.True(EnglishNumber.TryParseOrdinal(text, out var value), text);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("one")]
    [InlineData("3")]
    [InlineData("3x")]
    [InlineData("twenty-eleventh")]
    [InlineData("first second")]
    [InlineData("")]
    public void Non_ordinals_fail(string text) => Assert.False(EnglishNumber.TryParseOrdinal(text, out _));
}
