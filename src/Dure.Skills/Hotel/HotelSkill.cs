using System.Globalization;
using Dure.Skills.Clock;
using Dure.Skills.Services;
using Dure.Understanding;
using static Dure.Skills.Phrases;

namespace Dure.Skills.Hotel;

/// <summary>
/// Guest services of an AI hotel room: amenity requests and housekeeping become front-desk tickets (the guest
/// hears when one is accepted), checkout and late checkout, Wi-Fi, facility hours and places, and answers from
/// the property's FAQ in Korean and English. Wake-up calls are scheduled by the alarm skill.
/// </summary>
internal sealed class HotelSkill : ISkill
{
    public bool Handles(string intent) => intent.StartsWith("hotel.", StringComparison.Ordinal) && intent != Intents.WakeUpCall;

    public async ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        var profile = request.Profile<HotelProfile>("hotel");
        switch (request.Intent)
        {
            case Intents.RequestAmenity:
                var item = request.Parse.Text("item");
                var quantity = (int)(request.Parse.Number("quantity") ?? 1);
                if (item is null)
                {
                    return request.Ask("무엇을 가져다 드릴까요?", "What can I bring you?", "item");
                }

                return await TicketAsync(request, "amenity", item, quantity,
                    $"{item} {quantity}개를 요청했어요. 준비되면 알려 드릴게요.", $"I've asked for {quantity} {item}. I'll let you know when it's on its way.", cancellationToken);
            case Intents.Housekeeping:
                return await TicketAsync(request, "housekeeping", null, 1, "객실 청소를 요청했어요.", "I've asked housekeeping to clean your room.", cancellationToken);
            case Intents.LateCheckout:
                var until = profile?.LateCheckout?.Until is { } time ? Clock(time, request.Language) : null;
                var fee = profile?.LateCheckout?.Fee?.In(request.Language);
                if (until is null)
                {
                    return request.Say("레이트 체크아웃은 프런트에 문의해 주세요.", "Please ask the front desk about a late checkout.");
                }

                return await TicketAsync(request, "late_checkout", null, 1,
                    $"레이트 체크아웃은 {until}까지 가능해요{(fee is null ? "" : $"({fee})")}. 프런트에 요청해 둘게요.",
                    $"Late checkout is possible until {until}{(fee is null ? "" : $" ({fee})")}. I've let the front desk know.", cancellationToken);
            case Intents.CheckoutInfo:
                return profile?.Checkout is { } checkout
                    ? request.Say($"체크아웃은 {Ieyo(Clock(checkout, "ko"))}.", $"Checkout is at {Clock(checkout, "en")}.")
                    : request.Say("체크아웃 시간은 프런트에 문의해 주세요.", "Please ask the front desk for the checkout time.");
            case Intents.WifiInfo:
                return profile?.Wifi is { Network: { } network } wifi
                    ? request.Say($"와이파이 이름은 {network}, 비밀번호는 {Ieyo(wifi.Password ?? "없음")}.",
                        $"The Wi-Fi network is {network} and the password is {wifi.Password ?? "not needed"}.")
                    : request.Say("와이파이 정보는 프런트에 문의해 주세요.", "Please ask the front desk about the Wi-Fi.");
            default:
                return Facility(request, profile);
        }
    }

    /// <summary>A question the grammar did not understand, answered from the property's FAQ when one fits.</summary>
    public static TurnOutcome? Faq(SkillRequest request)
    {
        var profile = request.Profile<HotelProfile>("hotel");
        var text = request.Turn.Text.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        var best = profile?.Faq?
            .Select(entry => (entry, hits: entry.Keywords.Count(k => text.Contains(k.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal))))
            .Where(x => x.hits > 0)
            .OrderByDescending(x => x.hits)
            .FirstOrDefault();
        return best is { entry: { } faq } ? TurnOutcome.Say(new Speech(faq.Answer.In(request.Language), request.Language), "hotel.faq") : null;
    }

    private static TurnOutcome Facility(SkillRequest request, HotelProfile? profile)
    {
        var key = request.Parse.Text("facility") ?? "";
        var (ko, en) = Names.GetValueOrDefault(key, (key, key));
        if (profile?.Facilities?.GetValueOrDefault(key) is not { } facility)
        {
            return request.Say($"이 호텔에는 {I(ko)} 없어요.", $"This hotel has no {en}.");
        }

        var hours = facility.Hours?.Split('-') is [var open, var close] ? (Clock(open, request.Language), Clock(close, request.Language)) : default;
        var place = facility.Place?.In(request.Language);
        var note = facility.Note?.In(request.Language);
        var korean = (place, hours.Item1) switch
        {
            (not null, not null) => $"{Eun(ko)} {place}에 있고, {hours.Item1}부터 {hours.Item2}까지 이용할 수 있어요.",
            (null, not null) => $"{Eun(ko)} {hours.Item1}부터 {hours.Item2}까지 이용할 수 있어요.",
            (not null, null) => $"{Eun(ko)} {place}에 있어요.",
            _ => $"{ko} 정보는 프런트에 문의해 주세요.",
        };
        var english = (place, hours.Item1) switch
        {
            (not null, not null) => $"The {en} is on {place}, open from {hours.Item1} to {hours.Item2}.",
            (null, not null) => $"The {en} is open from {hours.Item1} to {hours.Item2}.",
            (not null, null) => $"The {en} is on {place}.",
            _ => $"Please ask the front desk about the {en}.",
        };
        return request.Say(note is null ? korean : $"{korean} {note}", note is null ? english : $"{english} {note}");
    }

    private static async ValueTask<TurnOutcome> TicketAsync(SkillRequest request, string kind, string? item, int quantity, string korean, string english,
        CancellationToken cancellationToken)
    {
        if (request.Services.Tickets is not { } desk)
        {
            return request.Say("지금은 프런트에 요청할 수 없어요. 프런트로 전화해 주세요.", "I can't reach the front desk right now. Please call them.");
        }

        await desk.OpenAsync(new Ticket("", request.Home.Id, request.DeviceId, kind, item, quantity, request.Language, TicketStatus.Open, request.Turn.Now), cancellationToken);
        return request.Say(korean, english);
    }

    /// <summary>"14:00" → "오후 2시" / "2:00 PM".</summary>
    private static string Clock(string time, string language)
    {
        var clock = TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture);
        var at = DateTime.Today.Add(clock.ToTimeSpan());
        return language == "ko" ? ClockSkill.KoreanTime(at) : at.ToString("h:mm tt", CultureInfo.InvariantCulture);
    }

    private static readonly Dictionary<string, (string Korean, string English)> Names = new(StringComparer.Ordinal)
    {
        ["pool"] = ("수영장", "pool"),
        ["gym"] = ("피트니스 센터", "fitness center"),
        ["breakfast"] = ("조식", "breakfast"),
        ["restaurant"] = ("레스토랑", "restaurant"),
        ["spa"] = ("스파", "spa"),
        ["parking"] = ("주차장", "parking"),
        ["laundry"] = ("세탁실", "laundry"),
    };
}
