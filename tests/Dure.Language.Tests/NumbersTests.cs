using Dure.Language;

namespace Dure.Language.Tests;

public class NumbersTests
{
    [Theory]
    [InlineData("온도 24도로 맞춰줘", "24도", 24, Units.Degree)]
    [InlineData("에어컨 이십삼 도로 해줘", "이십삼 도", 23, Units.Degree)]
    [InlineData("난방 스물세 도로 올려", "스물세 도", 23, Units.Degree)]
    [InlineData("밝기 50%로", "50%", 50, Units.Percent)]
    [InlineData("밝기 오십 퍼센트", "오십 퍼센트", 50, Units.Percent)]
    [InlineData("볼륨 30프로", "30프로", 30, Units.Percent)]
    [InlineData("3층 조명", "3층", 3, Units.Floor)]
    [InlineData("삼 층 복도", "삼 층", 3, Units.Floor)]
    [InlineData("7번 틀어줘", "7번", 7, Units.Channel)]
    [InlineData("세 번 깜빡여줘", "세 번", 3, Units.Times)]
    [InlineData("두 번째 조명", "두 번째", 2, Units.Ordinal)]
    [InlineData("사과 다섯 개", "다섯 개", 5, Units.Count)]
    [InlineData("손님 네 명", "네 명", 4, Units.Person)]
    [InlineData("커피 한 잔", "한 잔", 1, Units.Cup)]
    [InlineData("사진 열 장", "열 장", 10, Units.Sheet)]
    [InlineData("세 시에 깨워줘", "세 시", 3, Units.OClock)]
    [InlineData("두 시간 동안", "두 시간", 2, Units.Hour)]
    [InlineData("오 분 뒤에", "오 분", 5, Units.Minute)]
    [InlineData("삼십 초만", "삼십 초", 30, Units.Second)]
    [InlineData("3일 뒤", "3일", 3, Units.Day)]
    [InlineData("일주일 동안", "일주일", 1, Units.Week)]
    [InlineData("2주 후", "2주", 2, Units.Week)]
    [InlineData("6개월 전", "6개월", 6, Units.Month)]
    [InlineData("석 달 뒤", "석 달", 3, Units.Month)]
    [InlineData("1년 뒤", "1년", 1, Units.Year)]
    [InlineData("이번 달 사용량 120kWh", "120kWh", 120, Units.KilowattHour)]
    [InlineData("전기 300 킬로와트시", "300 킬로와트시", 300, Units.KilowattHour)]
    [InlineData("거실 21.5℃", "21.5℃", 21.5, Units.Degree)]
    [InlineData("실내 22°c", "22°c", 22, Units.Degree)]
    [InlineData("설정 70°F", "70°F", 70, Units.Fahrenheit)]
    [InlineData("풍선 백 개", "백 개", 100, Units.Count)]
    [InlineData("관객 천 명", "천 명", 1000, Units.Person)]
    [InlineData("기온 영하 5도", "영하 5도", -5, Units.Degree)]
    [InlineData("마이너스 3도", "마이너스 3도", -3, Units.Degree)]
    [InlineData("냉동실 -18도", "-18도", -18, Units.Degree)]
    [InlineData("타이머3분맞춰", "3분", 3, Units.Minute)]
    [InlineData("알람7시에맞춰", "7시", 7, Units.OClock)]
    [InlineData("온도24도로해줘", "24도", 24, Units.Degree)]
    public void Korean_numbers_with_units(string text, string span, double value, string unit)
    {
        var match = Assert.Single(Numbers.FindAll(text, "ko"));
        Assert.Equal(span, text.Substring(match.Start, match.Length));
        Assert.Equal(value, match.Value, 9);
        Assert.Equal(unit, match.Unit);
    }

    [Theory]
    [InlineData("3도시 여행", 3)]
    [InlineData("5시작 버튼", 5)]
    [InlineData("2분위기 좋은", 2)]
    public void Digits_glued_to_a_word_that_begins_like_a_counter_keep_no_unit(string text, double value)
    {
        var match = Assert.Single(Numbers.FindAll(text, "ko"));
        Assert.Equal(value, match.Value, 9);
        Assert.Null(match.Unit);
    }

    [Theory]
    [InlineData("볼륨 이십삼", "이십삼", 23)]
    [InlineData("볼륨 스물셋으로", "스물셋", 23)]
    [InlineData("채널 11", "11", 11)]
    [InlineData("볼륨을 칠 정도로", "칠", 7)]
    [InlineData("하나 더", "하나", 1)]
    [InlineData("셋 셀게", "셋", 3)]
    [InlineData("그 다섯", "다섯", 5)]
    [InlineData("밝기 1,000", "1,000", 1000)]
    [InlineData("이만 오천 원", "이만 오천", 25000)]
    [InlineData("음량 이십 점 오", "이십 점 오", 20.5)]
    [InlineData("볼륨 오", "오", 5)]
    [InlineData("채널 구 틀어", "구", 9)]
    public void Korean_numbers_without_units(string text, string span, double value)
    {
        var match = Assert.Single(Numbers.FindAll(text, "ko"));
        Assert.Equal(span, text.Substring(match.Start, match.Length));
        Assert.Equal(value, match.Value, 9);
        Assert.Null(match.Unit);
    }

    [Theory]
    [InlineData("사과 좀 사와")]
    [InlineData("오전에 알려줘")]
    [InlineData("구름 많아?")]
    [InlineData("일요일에 뭐 해")]
    [InlineData("삼성 티비 켜")]
    [InlineData("한국 날씨")]
    [InlineData("세탁기 돌려줘")]
    [InlineData("네 알겠어")]
    [InlineData("네")]
    [InlineData("이 방 불 꺼줘")]
    [InlineData("이거 뭐야")]
    [InlineData("이번 주 일정")]
    [InlineData("이사 준비")]
    [InlineData("천장 조명 켜")]
    [InlineData("일시정지 해줘")]
    [InlineData("오늘 날씨 어때")]
    [InlineData("구독 취소")]
    [InlineData("백화점 가는 길")]
    [InlineData("천천히 열어줘")]
    [InlineData("문 열어")]
    [InlineData("두부 사와")]
    [InlineData("세일 상품")]
    [InlineData("네 시작해")]
    [InlineData("사장님께 전화")]
    [InlineData("육개장 레시피")]
    [InlineData("기억해 줘")]
    [InlineData("만약에")]
    [InlineData("영화 틀어줘")]
    [InlineData("한도 조회")]
    [InlineData("조명 켜줘")]
    [InlineData("mp3 재생")]
    public void Korean_words_with_numeral_syllables_hold_no_number(string text) =>
        Assert.Empty(Numbers.FindAll(text, "ko"));

    [Fact]
    public void Korean_finds_several_numbers_left_to_right()
    {
        var matches = Numbers.FindAll("거실은 24도, 안방은 스물두 도, 습도 40%로", "ko");
        Assert.Equal([24d, 22d, 40d], matches.Select(m => m.Value));
        Assert.Equal([Units.Degree, Units.Degree, Units.Percent], matches.Select(m => m.Unit));
        Assert.True(matches[0].Start < matches[1].Start && matches[1].Start < matches[2].Start);
    }

    [Fact]
    public void Korean_longest_unit_wins()
    {
        Assert.Equal(Units.Hour, Assert.Single(Numbers.FindAll("3시간", "ko")).Unit);
        Assert.Equal(Units.Month, Assert.Single(Numbers.FindAll("3개월", "ko")).Unit);
        Assert.Equal(Units.Ordinal, Assert.Single(Numbers.FindAll("3번째", "ko")).Unit);
    }

    [Theory]
    [InlineData("3도시 여행", 3)]
    [InlineData("2시리즈", 2)]
    public void Korean_unit_is_not_taken_from_the_start_of_another_word(string text, double value)
    {
        var match = Assert.Single(Numbers.FindAll(text, "ko"));
        Assert.Equal(value, match.Value);
        Assert.Null(match.Unit);
        Assert.Equal(1, match.Length);
    }

    [Fact]
    public void A_hyphen_between_numbers_is_not_a_minus()
    {
        var matches = Numbers.FindAll("3-4개", "ko");
        Assert.Equal([3d, 4d], matches.Select(m => m.Value));
    }

    [Fact]
    public void Native_numbers_do_not_count_minutes()
    {
        // "다섯 분" is five people, not five minutes.
        var match = Assert.Single(Numbers.FindAll("다섯 분 오셨어", "ko"));
        Assert.Equal(5, match.Value);
        Assert.Null(match.Unit);
    }

    [Theory]
    [InlineData("set it to 24 degrees", "24 degrees", 24, Units.Degree)]
    [InlineData("set it to twenty-three degrees", "twenty-three degrees", 23, Units.Degree)]
    [InlineData("brightness 50%", "50%", 50, Units.Percent)]
    [InlineData("brightness fifty percent", "fifty percent", 50, Units.Percent)]
    [InlineData("volume 30 per cent", "30 per cent", 30, Units.Percent)]
    [InlineData("heat to 70°F", "70°F", 70, Units.Fahrenheit)]
    [InlineData("keep it at 21 °C", "21 °C", 21, Units.Degree)]
    [InlineData("lights on the 3rd floor", "3rd", 3, Units.Ordinal)]
    [InlineData("the 22nd", "22nd", 22, Units.Ordinal)]
    [InlineData("go to floor 2", "2", 2, null)]
    [InlineData("two floors up", "two floors", 2, Units.Floor)]
    [InlineData("for 90 seconds", "90 seconds", 90, Units.Second)]
    [InlineData("for five minutes", "five minutes", 5, Units.Minute)]
    [InlineData("in 3 days", "3 days", 3, Units.Day)]
    [InlineData("blink three times", "three times", 3, Units.Times)]
    [InlineData("used 120 kWh", "120 kWh", 120, Units.KilowattHour)]
    [InlineData("set volume to one hundred", "one hundred", 100, null)]
    [InlineData("a hundred times", "a hundred times", 100, Units.Times)]
    [InlineData("channel 7", "7", 7, null)]
    [InlineData("it is minus 5 degrees", "minus 5 degrees", -5, Units.Degree)]
    [InlineData("set the freezer to -18", "-18", -18, null)]
    [InlineData("negative two", "negative two", -2, null)]
    public void English_numbers(string text, string span, double value, string? unit)
    {
        var match = Assert.Single(Numbers.FindAll(text, "en"));
        Assert.Equal(span, text.Substring(match.Start, match.Length));
        Assert.Equal(value, match.Value, 9);
        Assert.Equal(unit, match.Unit);
    }

    [Theory]
    [InlineData("turn on a light")]
    [InlineData("someone is at the door")]
    [InlineData("play an album")]
    [InlineData("play mp3 files")]
    [InlineData("tonight")]
    [InlineData("minus sign")]
    public void English_text_without_numbers(string text) => Assert.Empty(Numbers.FindAll(text, "en"));

    [Fact]
    public void English_finds_several_numbers()
    {
        var matches = Numbers.FindAll("set the bedroom to 20 degrees and the kitchen to twenty two", "en-US");
        Assert.Equal([20d, 22d], matches.Select(m => m.Value));
        Assert.Equal([Units.Degree, null], matches.Select(m => m.Unit));
    }

    [Fact]
    public void No_numbers_gives_an_empty_list()
    {
        Assert.Empty(Numbers.FindAll("", "ko"));
        Assert.Empty(Numbers.FindAll("불 꺼줘", "ko"));
    }
}
