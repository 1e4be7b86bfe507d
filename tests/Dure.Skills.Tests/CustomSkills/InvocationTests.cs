using Dure.Skills.CustomSkills;

namespace Dure.Skills.Tests.CustomSkills;

public sealed class InvocationTests
{
    private static readonly IReadOnlyList<CustomSkill> Skills =
    [
        FortuneSkill.Skill(),
        FortuneSkill.Skill("pizza", new LocalizedWords(["두레 피자"], ["Dure Pizza"]), trained: false),
    ];

    [Theory]
    [InlineData("별자리친구한테 오늘 운세 물어봐", "fortune", "오늘 운세")]
    [InlineData("별자리친구에게 오늘 운세 물어봐 줘", "fortune", "오늘 운세")]
    [InlineData("별자리 친구야 내 운세 알려줘", "fortune", "내 운세 알려줘")]
    [InlineData("별자리친구 오늘 운세 알려 줘", "fortune", "오늘 운세 알려 줘")]
    [InlineData("오늘 운세를 별자리친구한테 물어봐", "fortune", "오늘 운세")]
    [InlineData("별자리친구한테 행운의 숫자 알려 달라고 해줘", "fortune", "행운의 숫자 알려")]
    [InlineData("별자리친구 열어줘", "fortune", "")]
    [InlineData("별자리친구를 실행해 줘", "fortune", "")]
    [InlineData("별자리친구", "fortune", "")]
    [InlineData("두레피자한테 주문해줘", "pizza", "주문해줘")]
    [InlineData("Ask Star Friend about my horoscope", "fortune", "my horoscope")]
    [InlineData("ask star friend to pick a lucky number", "fortune", "pick a lucky number")]
    [InlineData("please ask starfriend what my fortune is", "fortune", "what my fortune is")]
    [InlineData("open Star Friend", "fortune", "")]
    [InlineData("talk to dure pizza", "pizza", "")]
    [InlineData("Star Friend, what's my lucky number?", "fortune", "what's my lucky number")]
    [InlineData("Star Friend한테 물어봐", "fortune", "")]
    public void A_skill_called_by_name_gets_what_is_asked_of_it(string said, string skill, string request)
    {
        var match = Invocation.Find(said, Skills);
        Assert.NotNull(match);
        Assert.Equal(skill, match.Skill.Id);
        Assert.Equal(request, match.Request);
    }

    [Theory]
    [InlineData("오늘 운세 알려줘")]
    [InlineData("별자리친구들이랑 놀고 싶어")]
    [InlineData("star friendly advice please")]
    [InlineData("나는 별자리친구가 좋아")]
    [InlineData("ask my mom about star friend")]
    [InlineData("거실 불 켜줘")]
    public void Words_that_do_not_call_a_skill_are_no_invocation(string said) => Assert.Null(Invocation.Find(said, Skills));
}
