namespace Dure.Skills.Hotel;

/// <summary>Text in Korean and English; answers use the speaker's language, else the other one.</summary>
internal sealed record Localized(string? Ko, string? En)
{
    public string In(string language) => (language == "ko" ? Ko ?? En : En ?? Ko) ?? "";
}

/// <summary>A facility's place and opening hours ("06:00-22:00").</summary>
internal sealed record Facility(string? Hours, Localized? Place, Localized? Note);

internal sealed record LateCheckout(string? Until, Localized? Fee);

internal sealed record Wifi(string? Network, string? Password);

/// <summary>A question guests ask, recognised by its keywords, and the property's answer.</summary>
internal sealed record FaqEntry(List<string> Keywords, Localized Answer);

/// <summary>
/// A hotel property's answers, from the home file's <c>services.hotel</c> section (docs/domains.md shows one):
/// checkout time, late checkout, Wi-Fi, facilities with hours, and a FAQ in Korean and English.
/// </summary>
internal sealed record HotelProfile(
    Localized? Property,
    string? Checkout,
    LateCheckout? LateCheckout,
    Wifi? Wifi,
    Dictionary<string, Facility>? Facilities,
    List<FaqEntry>? Faq);
