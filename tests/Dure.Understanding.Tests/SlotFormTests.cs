using static Dure.Understanding.Tests.Parsing;

namespace Dure.Understanding.Tests;

/// <summary>
/// Canonical slot values (PRODUCT.md §5): time "HH:MM" in 24 hours, date an ISO date resolved against now,
/// duration in seconds, numbers as JSON numbers, free text as said without trailing particles.
/// Now is 2026-11-25 (a Wednesday) 15:20 in Seoul.
/// </summary>
public class SlotFormTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 20, 0, TimeSpan.FromHours(9));
    private static readonly IntentParser Parser = new();

    private static ParseResult At(string text) => Parser.Parse(text, new ParseContext(Demo, "living_room", null, Now));

    [Theory]
    [InlineData("오후 3시 반에 알람 맞춰", "15:30")]
    [InlineData("오전 7시에 깨워줘", "07:00")]
    [InlineData("저녁 7시 알람", "19:00")]
    [InlineData("밤 11시에 알람", "23:00")]
    [InlineData("자정에 알람 맞춰줘", "00:00")]
    [InlineData("정오에 알람", "12:00")]
    [InlineData("일곱 시 반에 깨워줘", "07:30")]
    [InlineData("아침 여섯 시 십오 분에 깨워 줘", "06:15")]
    [InlineData("set an alarm for 7:45 pm", "19:45")]
    [InlineData("wake me up at half past six", "06:30")]
    [InlineData("set an alarm for noon", "12:00")]
    [InlineData("alarm at midnight", "00:00")]
    public void Times_are_24_hour_hh_mm(string text, string time)
    {
        Assert.Equal(time, At(text).Text("time"));
    }

    [Fact]
    public void A_time_said_as_a_delay_rounds_up_to_its_minute_so_it_is_never_already_past()
    {
        var now = new DateTimeOffset(2026, 11, 25, 15, 20, 40, TimeSpan.FromHours(9));
        var context = new ParseContext(Demo, "living_room", null, now);

        Assert.Equal("15:22", Parser.Parse("30초 뒤에 스트레칭하라고 알려줘", context).Text("time"));
        Assert.Equal("15:31", Parser.Parse("remind me to stretch in 10 minutes", context).Text("time"));
        Assert.Equal("15:30", At("10분 뒤에 모닝콜 해줘").Text("time")); // on the minute already
    }

    [Theory]
    [InlineData("내일 날씨 어때", "2026-11-26")]
    [InlineData("모레 날씨 알려줘", "2026-11-27")]
    [InlineData("다음 주 월요일 날씨", "2026-11-30")]
    [InlineData("이번 주 금요일 날씨는?", "2026-11-27")]
    [InlineData("12월 25일 날씨 알려줘", "2026-12-25")]
    [InlineData("what's the weather tomorrow", "2026-11-26")]
    [InlineData("weather for next friday", "2026-12-04")]
    [InlineData("what will the weather be on december 24th", "2026-12-24")]
    public void Dates_resolve_against_now(string text, string date)
    {
        Assert.Equal(date, At(text).Text("date"));
    }

    [Theory]
    [InlineData("한 시간 반 타이머", 5400)]
    [InlineData("타이머 90초", 90)]
    [InlineData("5분 30초 타이머 맞춰줘", 330)]
    [InlineData("타이머 이십 분", 1200)]
    [InlineData("두 시간 타이머 시작해", 7200)]
    [InlineData("set a timer for half an hour", 1800)]
    [InlineData("timer for 1 hour and 15 minutes", 4500)]
    [InlineData("set a 5 and a half minute timer", 330)]
    public void Durations_are_seconds(string text, int seconds)
    {
        Assert.Equal(seconds, At(text).Number("duration"));
    }

    [Theory]
    [InlineData("에어컨 이십삼 도로 맞춰", "temperature", 23)]
    [InlineData("난방 스물네 도로 올려줘", "temperature", 24)]
    [InlineData("set the heating to 21.5 degrees", "temperature", 21.5)]
    [InlineData("거실 불 밝기 칠십 퍼센트", "brightness", 70)]
    [InlineData("블라인드 사십 프로 열어줘", "position", 40)]
    [InlineData("볼륨 열다섯으로 해줘", "volume", 15)]
    [InlineData("수건 세 장 가져다 주세요", "quantity", 3)]
    public void Numbers_are_json_numbers_from_digits_and_numerals(string text, string slot, double value)
    {
        var result = At(text);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, result[slot]!.Value.GetValueKind());
        Assert.Equal(value, result.Number(slot));
    }

    [Theory]
    [InlineData("장보기 목록에 우유를 추가해줘", "item", "우유")]
    [InlineData("부산항으로 안내해줘", "destination", "부산항")]
    [InlineData("서울역까지 가자", "destination", "서울역")]
    [InlineData("엄마한테 전화해", "contact", "엄마")]
    [InlineData("김철수 씨에게 전화 걸어줘", "contact", "김철수 씨")]
    [InlineData("add apples to my shopping list", "item", "apples")]
    [InlineData("navigate to Busan New Port", "destination", "Busan New Port")]
    [InlineData("call Dr. Kim", "contact", "Dr. Kim")]
    // A place that begins with a syllable that alone is a filler (제 "my", 나 "I") keeps it.
    [InlineData("제주 날씨 어때?", "location", "제주")]
    [InlineData("나주로 안내해줘", "destination", "나주")]
    [InlineData("제주공항으로 안내해줘", "destination", "제주공항")]
    // A place with a particle of its own before the weather word.
    [InlineData("제주도 날씨 어때?", "location", "제주")]
    [InlineData("부산의 날씨 알려줘", "location", "부산")]
    public void Free_text_is_said_words_without_trailing_particles(string text, string slot, string value)
    {
        Assert.Equal(value, At(text).Text(slot));
    }
}
