using Dure.Language;

namespace Dure.Language.Tests;

public class DurationExpressionsTests
{
    [Theory]
    [InlineData("한 시간 반 동안 틀어줘", "한 시간 반", 5400)]
    [InlineData("1시간 15분", "1시간 15분", 4500)]
    [InlineData("90초 타이머", "90초", 90)]
    [InlineData("5분 30초", "5분 30초", 330)]
    [InlineData("삼십 분 뒤에", "삼십 분", 1800)]
    [InlineData("반 시간만", "반 시간", 1800)]
    [InlineData("반시간", "반시간", 1800)]
    [InlineData("이십 분", "이십 분", 1200)]
    [InlineData("두 시간", "두 시간", 7200)]
    [InlineData("두 시간 반", "두 시간 반", 9000)]
    [InlineData("10분 반", "10분 반", 630)]
    [InlineData("1시간반", "1시간반", 5400)]
    [InlineData("1.5시간", "1.5시간", 5400)]
    [InlineData("오 분만", "오 분", 300)]
    [InlineData("2시간 30분 15초", "2시간 30분 15초", 9015)]
    [InlineData("한 시간 30분 동안", "한 시간 30분", 5400)]
    [InlineData("30분 뒤에 꺼줘", "30분", 1800)]
    [InlineData("이틀 동안", "이틀", 172800)]
    [InlineData("하루 종일", "하루", 86400)]
    [InlineData("3일 동안", "3일", 259200)]
    [InlineData("3일간", "3일", 259200)]
    [InlineData("일주일 동안", "일주일", 604800)]
    [InlineData("삼십일 동안", "삼십일", 2592000)]
    [InlineData("사흘간", "사흘", 259200)]
    public void Korean_durations(string text, string span, int seconds) =>
        AssertSingle(DurationExpressions.FindAll(text, "ko"), text, span, seconds);

    [Theory]
    [InlineData("7시 30분에 깨워줘")]
    [InlineData("일곱 시 삼십 분")]
    [InlineData("세 시에")]
    [InlineData("25일에")]
    [InlineData("다섯 분 오셨어")]
    [InlineData("반만 열어")]
    public void Korean_non_durations(string text) => Assert.Empty(DurationExpressions.FindAll(text, "ko"));

    [Theory]
    [InlineData("천억 시간", "ko")]
    [InlineData("a billion hours", "en")]
    public void Durations_beyond_an_int_of_seconds_are_ignored(string text, string language) =>
        Assert.Empty(DurationExpressions.FindAll(text, language));

    [Fact]
    public void Korean_parts_must_descend()
    {
        var matches = DurationExpressions.FindAll("10분 켜고 5분 꺼", "ko");
        Assert.Equal([600, 300], matches.Select(m => m.Seconds));

        var ascending = DurationExpressions.FindAll("30초 2분", "ko");
        Assert.Equal([30, 120], ascending.Select(m => m.Seconds));
    }

    [Theory]
    [InlineData("for 1 hour and 15 minutes", "1 hour and 15 minutes", 4500)]
    [InlineData("an hour", "an hour", 3600)]
    [InlineData("half an hour", "half an hour", 1800)]
    [InlineData("1/2 an hour", "1/2 an hour", 1800)]
    [InlineData("a quarter of an hour", "a quarter of an hour", 900)]
    [InlineData("5 and a half minutes", "5 and a half minutes", 330)]
    [InlineData("1 and a half hours", "1 and a half hours", 5400)]
    [InlineData("an hour and a half", "an hour and a half", 5400)]
    [InlineData("90 seconds", "90 seconds", 90)]
    [InlineData("1 hour, 15 minutes, and 30 seconds", "1 hour, 15 minutes, and 30 seconds", 4530)]
    [InlineData("one minute", "one minute", 60)]
    [InlineData("twenty five minutes", "twenty five minutes", 1500)]
    [InlineData("1.5 hours", "1.5 hours", 5400)]
    [InlineData("two hours 30 minutes", "two hours 30 minutes", 9000)]
    [InlineData("half a minute", "half a minute", 30)]
    [InlineData("ten mins", "ten mins", 600)]
    [InlineData("2 hrs", "2 hrs", 7200)]
    [InlineData("3 days", "3 days", 259200)]
    [InlineData("a week", "a week", 604800)]
    [InlineData("set a timer for 10 minutes and turn off the lights", "10 minutes", 600)]
    public void English_durations(string text, string span, int seconds) =>
        AssertSingle(DurationExpressions.FindAll(text, "en"), text, span, seconds);

    [Theory]
    [InlineData("half past seven")]
    [InlineData("quarter to eight")]
    [InlineData("the second floor")]
    [InlineData("at 7")]
    [InlineData("a light")]
    public void English_non_durations(string text) => Assert.Empty(DurationExpressions.FindAll(text, "en"));

    private static void AssertSingle(IReadOnlyList<DurationMatch> matches, string text, string span, int seconds)
    {
        var match = Assert.Single(matches);
        Assert.Equal(span, text.Substring(match.Start, match.Length));
        Assert.Equal(seconds, match.Seconds);
    }
}
