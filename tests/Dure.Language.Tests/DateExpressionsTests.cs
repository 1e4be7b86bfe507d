using Dure.Language;

namespace Dure.Language.Tests;

public class DateExpressionsTests
{
    // A Wednesday.
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("오늘 날씨", "오늘", "2026-11-25")]
    [InlineData("내일 아침", "내일", "2026-11-26")]
    [InlineData("모레 일정", "모레", "2026-11-27")]
    [InlineData("글피에", "글피", "2026-11-28")]
    [InlineData("어제 몇 도였어", "어제", "2026-11-24")]
    [InlineData("그저께", "그저께", "2026-11-23")]
    [InlineData("그제 저녁", "그제", "2026-11-23")]
    [InlineData("내일모레", "내일모레", "2026-11-27")]
    [InlineData("월요일에", "월요일", "2026-11-30")]
    [InlineData("수요일", "수요일", "2026-12-02")]
    [InlineData("금요일 날씨", "금요일", "2026-11-27")]
    [InlineData("오는 토요일", "오는 토요일", "2026-11-28")]
    [InlineData("이번 주 금요일", "이번 주 금요일", "2026-11-27")]
    [InlineData("이번주 월요일", "이번주 월요일", "2026-11-23")]
    [InlineData("이번 주 일요일", "이번 주 일요일", "2026-11-29")]
    [InlineData("이번 금요일", "이번 금요일", "2026-11-27")]
    [InlineData("금주 목요일", "금주 목요일", "2026-11-26")]
    [InlineData("다음 주 월요일에", "다음 주 월요일", "2026-11-30")]
    [InlineData("다음주 수요일", "다음주 수요일", "2026-12-02")]
    [InlineData("다음주수요일", "다음주수요일", "2026-12-02")]
    [InlineData("담주 화요일", "담주 화요일", "2026-12-01")]
    [InlineData("다음 금요일", "다음 금요일", "2026-12-04")]
    [InlineData("다다음 주 월요일", "다다음 주 월요일", "2026-12-07")]
    [InlineData("지난주 금요일", "지난주 금요일", "2026-11-20")]
    [InlineData("지난 주 월요일", "지난 주 월요일", "2026-11-16")]
    [InlineData("지난 화요일", "지난 화요일", "2026-11-24")]
    [InlineData("저번 금요일", "저번 금요일", "2026-11-20")]
    [InlineData("주말에", "주말", "2026-11-28")]
    [InlineData("이번 주말", "이번 주말", "2026-11-28")]
    [InlineData("다음 주말", "다음 주말", "2026-12-05")]
    [InlineData("지난 주말", "지난 주말", "2026-11-21")]
    [InlineData("12월 25일", "12월 25일", "2026-12-25")]
    [InlineData("12월25일에", "12월25일", "2026-12-25")]
    [InlineData("십이월 이십오일", "십이월 이십오일", "2026-12-25")]
    [InlineData("3월 1일", "3월 1일", "2027-03-01")]
    [InlineData("11월 25일", "11월 25일", "2026-11-25")]
    [InlineData("시월 구일", "시월 구일", "2027-10-09")]
    [InlineData("유월 6일", "유월 6일", "2027-06-06")]
    [InlineData("2027년 1월 1일", "2027년 1월 1일", "2027-01-01")]
    [InlineData("내년 3월 1일", "내년 3월 1일", "2027-03-01")]
    [InlineData("올해 12월 31일", "올해 12월 31일", "2026-12-31")]
    [InlineData("작년 12월 25일", "작년 12월 25일", "2025-12-25")]
    [InlineData("다음 달 3일", "다음 달 3일", "2026-12-03")]
    [InlineData("다음달 삼일", "다음달 삼일", "2026-12-03")]
    [InlineData("이번 달 30일", "이번 달 30일", "2026-11-30")]
    [InlineData("지난달 5일", "지난달 5일", "2026-10-05")]
    [InlineData("25일에", "25일", "2026-11-25")]
    [InlineData("24일", "24일", "2026-12-24")]
    [InlineData("31일", "31일", "2026-12-31")]
    [InlineData("이십팔일", "이십팔일", "2026-11-28")]
    [InlineData("3일 후에", "3일 후", "2026-11-28")]
    [InlineData("3일 뒤", "3일 뒤", "2026-11-28")]
    [InlineData("삼 일 후", "삼 일 후", "2026-11-28")]
    [InlineData("3일 전", "3일 전", "2026-11-22")]
    [InlineData("일주일 뒤", "일주일 뒤", "2026-12-02")]
    [InlineData("2주 후", "2주 후", "2026-12-09")]
    [InlineData("한 달 뒤", "한 달 뒤", "2026-12-25")]
    [InlineData("석 달 뒤", "석 달 뒤", "2027-02-25")]
    [InlineData("1년 후", "1년 후", "2027-11-25")]
    [InlineData("이틀 뒤", "이틀 뒤", "2026-11-27")]
    [InlineData("하루 있다가", "하루 있다가", "2026-11-26")]
    [InlineData("열흘 후", "열흘 후", "2026-12-05")]
    [InlineData("십일월 이십일", "십일월 이십일", "2027-11-20")]
    [InlineData("12월 이십일일", "12월 이십일일", "2026-12-21")]
    [InlineData("다음 달 십일", "다음 달 십일", "2026-12-10")]
    [InlineData("이십일 뒤에", "이십일 뒤", "2026-12-15")]
    [InlineData("이십일일에", "이십일일", "2026-12-21")]
    public void Korean_dates(string text, string span, string expected) =>
        AssertSingle(DateExpressions.FindAll(text, "ko", Today), text, span, expected);

    [Theory]
    [InlineData("3일 동안")]
    [InlineData("3일간 켜 둬")]
    [InlineData("3일째")]
    [InlineData("일정 알려줘")]
    [InlineData("12월에")]
    [InlineData("다음에 해")]
    [InlineData("이번에는")]
    [InlineData("볼륨 이십일로")]
    [InlineData("하루 종일")]
    public void Korean_non_dates(string text) => Assert.Empty(DateExpressions.FindAll(text, "ko", Today));

    [Fact]
    public void Korean_finds_a_range()
    {
        var matches = DateExpressions.FindAll("내일부터 다음 주 금요일까지", "ko", Today);
        Assert.Equal([new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 4)], matches.Select(m => m.Date));
    }

    [Fact]
    public void Korean_bare_weekday_on_a_sunday_points_to_the_coming_week()
    {
        var sunday = new DateOnly(2026, 11, 29);
        Assert.Equal(new DateOnly(2026, 11, 30), Assert.Single(DateExpressions.FindAll("월요일", "ko", sunday)).Date);
        Assert.Equal(sunday, Assert.Single(DateExpressions.FindAll("주말", "ko", sunday)).Date);
        Assert.Equal(new DateOnly(2026, 11, 23), Assert.Single(DateExpressions.FindAll("이번 주 월요일", "ko", sunday)).Date);
    }

    [Theory]
    [InlineData("what's the weather today", "today", "2026-11-25")]
    [InlineData("tonight", "tonight", "2026-11-25")]
    [InlineData("Tomorrow morning", "Tomorrow", "2026-11-26")]
    [InlineData("the day after tomorrow", "the day after tomorrow", "2026-11-27")]
    [InlineData("day after tomorrow", "day after tomorrow", "2026-11-27")]
    [InlineData("yesterday", "yesterday", "2026-11-24")]
    [InlineData("the day before yesterday", "the day before yesterday", "2026-11-23")]
    [InlineData("next monday", "next monday", "2026-11-30")]
    [InlineData("next friday", "next friday", "2026-12-04")]
    [InlineData("on friday", "on friday", "2026-11-27")]
    [InlineData("Friday", "Friday", "2026-11-27")]
    [InlineData("wednesday", "wednesday", "2026-12-02")]
    [InlineData("this saturday", "this saturday", "2026-11-28")]
    [InlineData("this monday", "this monday", "2026-11-23")]
    [InlineData("this coming friday", "this coming friday", "2026-11-27")]
    [InlineData("last friday", "last friday", "2026-11-20")]
    [InlineData("last tuesday", "last tuesday", "2026-11-24")]
    [InlineData("this weekend", "this weekend", "2026-11-28")]
    [InlineData("on the weekend", "on the weekend", "2026-11-28")]
    [InlineData("next weekend", "next weekend", "2026-12-05")]
    [InlineData("last weekend", "last weekend", "2026-11-21")]
    [InlineData("december 25th", "december 25th", "2026-12-25")]
    [InlineData("December 25", "December 25", "2026-12-25")]
    [InlineData("dec 25, 2027", "dec 25, 2027", "2027-12-25")]
    [InlineData("Dec. 31", "Dec. 31", "2026-12-31")]
    [InlineData("december the 31st", "december the 31st", "2026-12-31")]
    [InlineData("december twenty-fifth", "december twenty-fifth", "2026-12-25")]
    [InlineData("25 december", "25 december", "2026-12-25")]
    [InlineData("the 25th of december", "the 25th of december", "2026-12-25")]
    [InlineData("on the 1st of march", "on the 1st of march", "2027-03-01")]
    [InlineData("march 1st", "march 1st", "2027-03-01")]
    [InlineData("on june 5th 2027", "on june 5th 2027", "2027-06-05")]
    [InlineData("november 25", "november 25", "2026-11-25")]
    [InlineData("the 25th", "the 25th", "2026-11-25")]
    [InlineData("on the 3rd", "on the 3rd", "2026-12-03")]
    [InlineData("the 30th of next month", "the 30th of next month", "2026-12-30")]
    [InlineData("the 28th at noon", "the 28th", "2026-11-28")]
    [InlineData("on the twenty-fifth", "on the twenty-fifth", "2026-11-25")]
    [InlineData("in 3 days", "in 3 days", "2026-11-28")]
    [InlineData("in three days", "in three days", "2026-11-28")]
    [InlineData("in a week", "in a week", "2026-12-02")]
    [InlineData("a week from today", "a week from today", "2026-12-02")]
    [InlineData("2 weeks from now", "2 weeks from now", "2026-12-09")]
    [InlineData("in a month", "in a month", "2026-12-25")]
    [InlineData("in 2 years", "in 2 years", "2028-11-25")]
    [InlineData("3 days ago", "3 days ago", "2026-11-22")]
    [InlineData("two days later", "two days later", "2026-11-27")]
    public void English_dates(string text, string span, string expected) =>
        AssertSingle(DateExpressions.FindAll(text, "en", Today), text, span, expected);

    [Theory]
    [InlineData("turn on the third light")]
    [InlineData("the 3rd floor")]
    [InlineData("may I ask")]
    [InlineData("march on")]
    [InlineData("in 5 minutes")]
    [InlineData("for 3 days")]
    [InlineData("the weekday schedule")]
    public void English_non_dates(string text) => Assert.Empty(DateExpressions.FindAll(text, "en", Today));

    [Theory]
    [InlineData("십만 년 뒤", "ko")]
    [InlineData("in 99999999 years", "en")]
    [InlineData("on the", "en")]
    [InlineData("the ", "en")]
    public void Out_of_range_and_cut_off_dates_are_ignored(string text, string language) =>
        Assert.Empty(DateExpressions.FindAll(text, language, Today));

    [Fact]
    public void Month_days_roll_to_the_next_month_that_has_them()
    {
        var lastOfJanuary = new DateOnly(2027, 1, 31);
        Assert.Equal(new DateOnly(2027, 3, 30), Assert.Single(DateExpressions.FindAll("30일", "ko", lastOfJanuary)).Date);
        Assert.Equal(new DateOnly(2028, 2, 29), Assert.Single(DateExpressions.FindAll("2월 29일", "ko", lastOfJanuary)).Date);
    }

    [Fact]
    public void Month_offsets_clamp_to_the_end_of_the_month()
    {
        var endOfJanuary = new DateOnly(2027, 1, 31);
        Assert.Equal(new DateOnly(2027, 2, 28), Assert.Single(DateExpressions.FindAll("한 달 뒤", "ko", endOfJanuary)).Date);
        Assert.Equal(new DateOnly(2027, 2, 28), Assert.Single(DateExpressions.FindAll("in a month", "en", endOfJanuary)).Date);
    }

    private static void AssertSingle(IReadOnlyList<DateMatch> matches, string text, string span, string expected)
    {
        var match = Assert.Single(matches);
        Assert.Equal(span, text.Substring(match.Start, match.Length));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), match.Date);
    }
}
