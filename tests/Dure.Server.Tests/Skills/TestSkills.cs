using System.Text;
using System.Text.Json;
using Dure.Sdk.AspNetCore;
using Dure.Sdk.Skills;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dure.Server.Tests.Skills;

/// <summary>The partner skills the lab registers, and the webhooks that answer them.</summary>
internal static class TestSkills
{
    public static IEnumerable<object> All(SkillLab lab) =>
    [
        Skill("fortune", "별자리친구", ["별자리친구"], ["Star Friend"], lab.Webhook("fortune"),
        [
            Intent("fortune.today", [], ["오늘 운세 알려줘", "오늘 내 운세 어때", "오늘의 운세 봐 줘", "내 운세 좀 알려 줄래", "오늘 운이 어떨까", "운세 보고 싶어"],
                ["what's my horoscope today", "tell me my fortune", "how is my luck today", "read my horoscope", "give me today's fortune"]),
            Intent("fortune.sign", [new { name = "sign", values = new[] { "물병자리", "양자리", "사자자리", "aquarius", "aries", "leo" } }],
                ["{sign} 운세 알려줘", "[sign : 사자자리]는 오늘 어때", "{sign} 오늘 운세 어때"],
                ["horoscope for {sign}", "how is {sign} doing today"]),
            Intent("fortune.lucky_number", [], ["행운의 숫자 알려줘", "오늘 행운의 숫자는 뭐야", "내 행운의 번호 뭐야", "행운의 숫자 하나 골라 줘"],
                ["what's my lucky number", "give me a lucky number", "pick a lucky number for me"]),
        ]),
        Skill("pizza", "두레피자", ["두레피자"], ["Dure Pizza"], lab.Webhook("pizza"),
        [
            Intent("pizza.order", [], ["피자 주문해줘", "피자 시켜줘", "피자 한 판 주문할게", "주문할게요", "배달 주문"],
                ["order a pizza", "i want a pizza", "get me a pizza", "place an order"]),
        ]),
        Skill("slow", "거북선", ["거북선"], ["Turtle Ship"], lab.Webhook("slow"),
            [Intent("slow.sail", [], ["출항해", "바다로 나가자", "항해를 시작해"], ["set sail", "sail away"])]),
        Skill("broken", "고장난라디오", ["고장난라디오"], ["Broken Radio"], lab.Webhook("broken"),
            [Intent("radio.tune", [], ["주파수 맞춰줘", "라디오 틀어줘"], ["tune the radio"])]),
        // Registered with its own secret, but served by the fortune webhook, which only trusts fortune's: every call is refused.
        Skill("impostor", "가짜친구", ["가짜친구"], ["Fake Friend"], lab.Webhook("fortune"),
            [Intent("fake.talk", [], ["이야기해 줘", "말 걸어 줘"], ["talk to me"])]),
        Skill("rotating", "회전목마", ["회전목마"], ["Carousel"], lab.Webhook("rotating"),
            [Intent("ride.start", [], ["한 바퀴 돌자", "출발해"], ["start the ride"])]),
    ];

    public static void Map(WebApplication app, SkillLab lab)
    {
        app.MapDureSkill("/fortune", lab.Secrets["fortune"], (request, _) => Task.FromResult(Fortune(request)));
        app.MapDureSkill("/pizza", lab.Secrets["pizza"], (request, _) => Task.FromResult(Pizza(request)));
        app.MapDureSkill("/slow", lab.Secrets["slow"], async (request, http) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted);
            return SkillResponse.Say("늦어서 미안해요.");
        });
        app.MapPost("/broken", async (HttpContext http) =>
        {
            var request = JsonSerializer.Deserialize(await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted), SkillJson.Default.SkillRequest)!;
            return request.Text switch
            {
                var t when t.Contains("오백", StringComparison.Ordinal) => Results.StatusCode(StatusCodes.Status500InternalServerError),
                var t when t.Contains("크게", StringComparison.Ordinal) => Results.Text(
                    "{\"speech\":{\"text\":\"" + new string('가', 100_000) + "\"}}", "application/json", Encoding.UTF8),
                var t when t.Contains("빈말", StringComparison.Ordinal) => Results.Text("""{"speech":{"text":""},"endSession":true}""", "application/json"),
                var t when t.Contains("숫자", StringComparison.Ordinal) => Results.Text("""{"speech":{"text":"숫자예요.","lang":5}}""", "application/json"),
                var t when t.Contains("잡동사니", StringComparison.Ordinal) => Results.Text("""
                    {"speech":{"text":"잡동사니예요."},"directives":[
                      {"name":"Device.Control","device":"light.living_room","payload":{"action":5}},
                      7,
                      {"name":"Alert.Start","payload":{"id":"a","kind":"timer"}},
                      {"name":"Navigation.Stop"}]}
                    """, "application/json"),
                _ => Results.Text("this is not json", "application/json"),
            };
        });
        app.MapPost("/rotating", async (HttpContext http) =>
        {
            var (_, verdict) = await DureSkillEndpoints.ReadVerifiedAsync(http, lab.RotatingVerifier);
            return verdict == SkillSignatureResult.Valid
                ? Results.Json(SkillResponse.Say("회전목마가 돌아가요."), SkillJson.Default.SkillResponse)
                : Results.StatusCode(StatusCodes.Status401Unauthorized);
        });
    }

    private static SkillResponse Fortune(SkillRequest request)
    {
        var ko = request.Lang == "ko";
        switch (request.Intent?.Name)
        {
            case "fortune.today":
                return SkillResponse.Say(ko ? "오늘은 좋은 일이 생길 거예요." : "Something good will happen today.");
            case "fortune.sign":
                var sign = request.Intent.Slots.GetValueOrDefault("sign", "?");
                return SkillResponse.Say(ko ? $"{sign} 운세는 맑음이에요." : $"The stars smile on {sign}.");
            case "fortune.lucky_number":
                // One directive the home can carry out, and three it must not get.
                return new SkillResponse(new SkillSpeech(ko ? "행운의 숫자는 7이에요. 조명을 켜 둘게요." : "Your lucky number is 7."),
                [
                    new SkillDirective("Device.Control", Payload("""{"domain":"light","action":"turn_on","params":{"brightness":77}}"""), "light.living_room"),
                    new SkillDirective("Device.Control", Payload("""{"domain":"light","action":"turn_on"}"""), "light.somewhere_else"),
                    new SkillDirective("Phone.Call", Payload("""{"contact":"premium line"}""")),
                    new SkillDirective("System.Error", Payload("""{"code":"internal_error","message":"spoofed"}""")),
                ]);
            default:
                return SkillResponse.Say(ko ? "별자리친구예요. 무엇이 궁금하세요?" : "This is Star Friend. What would you like to know?");
        }
    }

    private static SkillResponse Pizza(SkillRequest request)
    {
        var ko = request.Lang == "ko";
        if (request.Session.New)
        {
            return SkillResponse.Ask(ko ? "어떤 크기로 드릴까요?" : "What size would you like?",
                new Dictionary<string, JsonElement> { ["step"] = JsonSerializer.SerializeToElement("size"), ["turns"] = JsonSerializer.SerializeToElement(1) });
        }

        return request.Session.Attributes.TryGetValue("step", out var step) && step.GetString() == "size"
            ? SkillResponse.Say(ko ? $"{request.Text} 피자를 주문했어요." : $"I ordered a {request.Text} pizza.")
            : SkillResponse.Say(ko ? "주문을 잃어버렸어요." : "I lost the order.");
    }

    private static JsonElement Payload(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static object Skill(string id, string name, string[] ko, string[] en, Uri webhook, object[] intents) => new
    {
        id,
        name,
        invocationNames = new { ko, en },
        interactionModel = new { intents },
        webhook = new { url = webhook.ToString() },
    };

    private static object Intent(string name, object[] slots, string[] ko, string[] en) => new { name, slots, samples = new { ko, en } };
}
