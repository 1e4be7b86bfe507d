using Dure.Skills.CustomSkills;
using Dure.Understanding.Classification;

namespace Dure.Skills.Tests.CustomSkills;

/// <summary>A partner's horoscope skill, "별자리친구" / "Star Friend", as a console user would register it.</summary>
internal static class FortuneSkill
{
    public static readonly LocalizedWords Names = new(["별자리친구"], ["Star Friend"]);

    public static readonly InteractionModel Model = new(
    [
        new SkillIntent("fortune.today", [], new LocalizedWords(
            ["오늘 운세 알려줘", "오늘 내 운세 어때", "오늘의 운세 봐 줘", "내 운세 좀 알려 줄래", "오늘 운이 어떨까", "운세 보고 싶어"],
            ["what's my horoscope today", "tell me my fortune", "how is my luck today", "read my horoscope", "give me today's fortune"])),
        new SkillIntent("fortune.sign", [new SkillSlot("sign", ["물병자리", "물고기자리", "양자리", "황소자리", "사자자리", "aquarius", "pisces", "aries", "taurus", "leo"])],
            new LocalizedWords(
                ["{sign} 운세 알려줘", "[sign : 사자자리]는 오늘 어때", "{sign} 오늘 운세 어때", "{sign}의 이번 주 운세"],
                ["horoscope for {sign}", "how is {sign} doing today", "what does today hold for {sign}"])),
        new SkillIntent("fortune.lucky_number", [], new LocalizedWords(
            ["행운의 숫자 알려줘", "오늘 행운의 숫자는 뭐야", "내 행운의 번호 뭐야", "행운의 숫자 하나 골라 줘", "럭키 넘버 알려줘"],
            ["what's my lucky number", "give me a lucky number", "pick a lucky number for me", "lucky number please"])),
    ]);

    private static readonly Lazy<IntentModel> Trained = new(() => IntentModel.Train(Model.TrainingExamples()));

    public static CustomSkill Skill(string id = "fortune", LocalizedWords? names = null, bool trained = true) =>
        new(id, "acme", "별자리친구", names ?? Names, Model, trained ? Trained.Value : null, new Uri("https://fortune.example.test/dure"), ["dure_ss_test"]);
}
