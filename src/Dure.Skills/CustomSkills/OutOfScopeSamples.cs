namespace Dure.Skills.CustomSkills;

/// <summary>
/// Everyday things people say to an assistant that belong to no partner skill: greetings, small talk, home and
/// clock requests. Every skill's model trains on them as "none", so that without an invocation name a skill only
/// takes what resembles its own samples. Written for Dure; not taken from any evaluation corpus.
/// </summary>
internal static class OutOfScopeSamples
{
    public static IReadOnlyList<string> Korean { get; } =
    [
        "안녕", "안녕하세요", "고마워", "고마워요", "잘 자", "좋은 아침이야", "너 이름이 뭐야", "너는 누구니", "심심해", "나 피곤해",
        "재미있는 얘기 해 줘", "농담 하나 해 줘", "노래 불러 줘", "사랑해", "배고프다", "오늘 기분이 좋아", "뭐 하고 있어", "도와줘",
        "잘했어", "아니 괜찮아", "음 글쎄", "잠깐만", "다시 말해 줘", "무슨 말인지 모르겠어", "그게 뭐야", "대답해 봐",
        "거실 불 켜 줘", "에어컨 꺼 줘", "보일러 온도 올려 줘", "지금 몇 시야", "오늘 며칠이야", "내일 아침 일곱 시에 깨워 줘",
        "타이머 십 분 맞춰 줘", "내일 날씨 어때", "우산 챙겨야 해", "음악 틀어 줘", "볼륨 좀 줄여 줘", "엘리베이터 불러 줘",
        "택배 왔어", "관리비 얼마 나왔어", "주차 어디에 했지", "엄마한테 전화해 줘", "수건 좀 더 갖다 주세요", "체크아웃 몇 시예요",
        "근처 주유소 찾아 줘", "집으로 안내해 줘", "채널 바꿔 줘", "장보기 목록에 우유 추가해 줘", "알람 꺼 줘", "문 잠겼어",
    ];

    public static IReadOnlyList<string> English { get; } =
    [
        "hello", "hi there", "thanks", "thank you so much", "good night", "good morning", "what is your name", "who are you",
        "i am bored", "i feel tired", "tell me something funny", "tell me a joke", "sing a song", "i love you", "i am hungry",
        "i'm in a good mood today", "what are you doing", "help me", "well done", "no that's fine", "hmm let me think", "wait a second",
        "say that again", "i don't understand", "what is that", "answer me",
        "turn on the living room light", "switch off the air conditioner", "make it warmer", "what time is it", "what's the date today",
        "wake me up at seven tomorrow", "set a timer for ten minutes", "how is the weather tomorrow", "do i need an umbrella",
        "play some music", "turn the volume down", "call the elevator", "did my parcel arrive", "how much is my electricity bill",
        "where did i park", "call mom", "bring me more towels", "when is checkout", "find a gas station nearby", "take me home",
        "change the channel", "add milk to my shopping list", "stop the alarm", "is the door locked",
    ];

    public static IEnumerable<string> All => Korean.Concat(English);
}
