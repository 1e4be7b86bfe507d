using Dure.Language;

namespace Dure.Language.Tests;

public class TimeExpressionsTests
{
    [Theory]
    [InlineData("7시에 깨워줘", "7시", 7, 0, false)]
    [InlineData("일곱 시에 깨워줘", "일곱 시", 7, 0, false)]
    [InlineData("열두시에", "열두시", 12, 0, false)]
    [InlineData("열 두 시에", "열 두 시", 12, 0, false)]
    [InlineData("세 시 알람", "세 시", 3, 0, false)]
    [InlineData("7시 30분에", "7시 30분", 7, 30, false)]
    [InlineData("7시30분", "7시30분", 7, 30, false)]
    [InlineData("일곱 시 반에", "일곱 시 반", 7, 30, false)]
    [InlineData("일곱 시 삼십 분", "일곱 시 삼십 분", 7, 30, false)]
    [InlineData("열 시 오 분", "열 시 오 분", 10, 5, false)]
    [InlineData("9시 15분", "9시 15분", 9, 15, false)]
    [InlineData("10시 5분 전에 알려줘", "10시 5분 전", 9, 55, false)]
    [InlineData("1시 10분 전", "1시 10분 전", 12, 50, false)]
    [InlineData("오전 7시", "오전 7시", 7, 0, true)]
    [InlineData("오전 12시", "오전 12시", 0, 0, true)]
    [InlineData("오후 3시 반", "오후 3시 반", 15, 30, true)]
    [InlineData("오후3시", "오후3시", 15, 0, true)]
    [InlineData("오후 12시", "오후 12시", 12, 0, true)]
    [InlineData("아침 7시", "아침 7시", 7, 0, true)]
    [InlineData("아침 여섯 시 반", "아침 여섯 시 반", 6, 30, true)]
    [InlineData("저녁 7시", "저녁 7시", 19, 0, true)]
    [InlineData("저녁 여덟 시 십오 분", "저녁 여덟 시 십오 분", 20, 15, true)]
    [InlineData("밤 11시", "밤 11시", 23, 0, true)]
    [InlineData("밤 12시", "밤 12시", 0, 0, true)]
    [InlineData("밤 1시", "밤 1시", 1, 0, true)]
    [InlineData("오늘밤 10시에", "밤 10시", 22, 0, true)]
    [InlineData("새벽 2시", "새벽 2시", 2, 0, true)]
    [InlineData("새벽 12시", "새벽 12시", 0, 0, true)]
    [InlineData("낮 2시", "낮 2시", 14, 0, true)]
    [InlineData("낮 12시", "낮 12시", 12, 0, true)]
    [InlineData("점심 1시", "점심 1시", 13, 0, true)]
    [InlineData("정오에", "정오", 12, 0, true)]
    [InlineData("자정까지", "자정", 0, 0, true)]
    [InlineData("19시", "19시", 19, 0, true)]
    [InlineData("0시 30분", "0시 30분", 0, 30, true)]
    [InlineData("24시", "24시", 0, 0, true)]
    [InlineData("7:30에", "7:30", 7, 30, false)]
    [InlineData("오후 7:30", "오후 7:30", 19, 30, true)]
    [InlineData("19:45", "19:45", 19, 45, true)]
    [InlineData("7시 정각", "7시 정각", 7, 0, false)]
    [InlineData("알람 7시쯤", "7시", 7, 0, false)]
    public void Korean_times(string text, string span, int hour, int minute, bool meridiem) =>
        AssertSingle(TimeExpressions.FindAll(text, "ko"), text, span, hour, minute, meridiem);

    [Theory]
    [InlineData("한 시간 동안")]
    [InlineData("세 시간 뒤에")]
    [InlineData("일시정지")]
    [InlineData("네 시작할게")]
    [InlineData("시계 맞춰줘")]
    [InlineData("오후에 비 와?")]
    [InlineData("30분 뒤에")]
    [InlineData("다시 해줘")]
    [InlineData("저녁 메뉴 추천")]
    public void Korean_non_times(string text) => Assert.Empty(TimeExpressions.FindAll(text, "ko"));

    [Fact]
    public void Korean_finds_two_times()
    {
        var matches = TimeExpressions.FindAll("오전 7시부터 오후 6시까지", "ko");
        Assert.Equal([(7, 0), (18, 0)], matches.Select(m => (m.Hour, m.Minute)));
    }

    [Theory]
    [InlineData("wake me at 7 am", "7 am", 7, 0, true)]
    [InlineData("wake me at 7am", "7am", 7, 0, true)]
    [InlineData("at 7 a.m. please", "7 a.m.", 7, 0, true)]
    [InlineData("7:30 pm", "7:30 pm", 19, 30, true)]
    [InlineData("7:30PM", "7:30PM", 19, 30, true)]
    [InlineData("12 am", "12 am", 0, 0, true)]
    [InlineData("12 pm", "12 pm", 12, 0, true)]
    [InlineData("at 19:30", "19:30", 19, 30, true)]
    [InlineData("at 7:30", "7:30", 7, 30, false)]
    [InlineData("7 30 pm", "7 30 pm", 19, 30, true)]
    [InlineData("seven thirty pm", "seven thirty pm", 19, 30, true)]
    [InlineData("at seven thirty", "seven thirty", 7, 30, false)]
    [InlineData("six oh five am", "six oh five am", 6, 5, true)]
    [InlineData("half past seven", "half past seven", 7, 30, false)]
    [InlineData("quarter past 7", "quarter past 7", 7, 15, false)]
    [InlineData("a quarter to eight", "a quarter to eight", 7, 45, false)]
    [InlineData("quarter to eight in the evening", "quarter to eight in the evening", 19, 45, true)]
    [InlineData("ten to six", "ten to six", 5, 50, false)]
    [InlineData("twenty five past four", "twenty five past four", 4, 25, false)]
    [InlineData("17 minutes past 3", "17 minutes past 3", 3, 17, false)]
    [InlineData("ten after six", "ten after six", 6, 10, false)]
    [InlineData("quarter to one", "quarter to one", 12, 45, false)]
    [InlineData("quarter to midnight", "quarter to midnight", 23, 45, true)]
    [InlineData("seven o'clock", "seven o'clock", 7, 0, false)]
    [InlineData("Seven O’Clock", "Seven O’Clock", 7, 0, false)]
    [InlineData("7 oclock in the morning", "7 oclock in the morning", 7, 0, true)]
    [InlineData("seven in the evening", "seven in the evening", 19, 0, true)]
    [InlineData("seven in the morning", "seven in the morning", 7, 0, true)]
    [InlineData("three in the afternoon", "three in the afternoon", 15, 0, true)]
    [InlineData("11 at night", "11 at night", 23, 0, true)]
    [InlineData("9 tonight", "9", 21, 0, true)]
    [InlineData("lunch at noon", "noon", 12, 0, true)]
    [InlineData("at midnight", "midnight", 0, 0, true)]
    [InlineData("remind me at 7", "7", 7, 0, false)]
    [InlineData("at 18", "18", 18, 0, true)]
    [InlineData("at 7.30pm", "7.30pm", 19, 30, true)]
    [InlineData("at 7 tomorrow morning", "7", 7, 0, true)]
    [InlineData("tomorrow evening at 7", "7", 19, 0, true)]
    [InlineData("this evening at 6", "6", 18, 0, true)]
    [InlineData("at 9 tonight", "9", 21, 0, true)]
    [InlineData("at 1 tonight", "1", 1, 0, true)]
    [InlineData("twelve thirty am", "twelve thirty am", 0, 30, true)]
    public void English_times(string text, string span, int hour, int minute, bool meridiem) =>
        AssertSingle(TimeExpressions.FindAll(text, "en"), text, span, hour, minute, meridiem);

    [Theory]
    [InlineData("set it at 21 degrees")]
    [InlineData("dim it to 7")]
    [InlineData("lights on from 5 to 7")]
    [InlineData("this afternoon")]
    [InlineData("I am home")]
    [InlineData("seven thirty")]
    [InlineData("at 50%")]
    [InlineData("the 7 dwarfs")]
    [InlineData("volume 7.30")]
    public void English_non_times(string text) => Assert.Empty(TimeExpressions.FindAll(text, "en"));

    private static void AssertSingle(IReadOnlyList<TimeMatch> matches, string text, string span, int hour, int minute, bool meridiem)
    {
        var match = Assert.Single(matches);
        Assert.Equal(span, text.Substring(match.Start, match.Length));
        Assert.Equal((hour, minute, meridiem), (match.Hour, match.Minute, match.Meridiem));
    }
}
