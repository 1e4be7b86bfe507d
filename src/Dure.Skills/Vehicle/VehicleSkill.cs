using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Dure.Homes;
using Dure.Protocol;
using Dure.Skills.Clock;
using Dure.Skills.Providers;
using Dure.Understanding;
using static Dure.Skills.Phrases;

namespace Dure.Skills.Vehicle;

/// <summary>
/// Driving: navigation to a destination found by the map provider (<c>Navigation.Start</c> to the device), its
/// cancellation, the arrival time from the vehicle's position, and the nearest rest areas, gas stations, EV
/// chargers or parking, with an offer to navigate there. The destination is kept in the vehicle's state.
/// </summary>
internal sealed class VehicleSkill : ISkill
{
    public bool Handles(string intent) => intent.StartsWith("vehicle.", StringComparison.Ordinal);

    public async ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        if (request.Services.Maps is not { } maps)
        {
            return request.Say("지금은 지도를 쓸 수 없어요.", "Maps aren't available right now.");
        }

        return request.Intent switch
        {
            Intents.Navigate => await NavigateAsync(request, maps, cancellationToken),
            Intents.CancelNavigation => Stop(request),
            Intents.Eta => await EtaAsync(request, maps, cancellationToken),
            _ => await NearbyAsync(request, maps, cancellationToken),
        };
    }

    private static async ValueTask<TurnOutcome> NavigateAsync(SkillRequest request, IMapProvider maps, CancellationToken cancellationToken)
    {
        if (request.Parse.Text("destination") is not { } destination)
        {
            return request.Ask("어디로 안내할까요?", "Where to?", "destination");
        }

        var (latitude, longitude) = Location.Of(request);
        if (await maps.FindAsync(destination, latitude, longitude, cancellationToken) is not { } place)
        {
            return request.Say($"{Called(destination)} 곳을 찾지 못했어요.", $"I couldn't find {destination}.");
        }

        var route = await maps.RouteAsync(latitude, longitude, place, cancellationToken);
        var name = Name(place, request.Language);
        var start = request.Directive(MessageNames.NavigationStart,
            new NavigationStart(name, place.Latitude, place.Longitude, Math.Round(route.DistanceKm, 1), (int)Math.Round(route.Duration.TotalMinutes)),
            ProtocolJson.Default.NavigationStart);
        var outcome = request.Say(
            $"{name}까지 안내를 시작할게요. 약 {Number(Math.Round(route.DistanceKm))}km, {Phrasing.Duration(Round(route.Duration), "ko")} 걸려요.",
            $"Starting navigation to {name}: about {Number(Math.Round(route.DistanceKm))} km, {Phrasing.Duration(Round(route.Duration), "en")}.");
        return outcome with { Directives = [start], StateChanges = Remember(request, place) };
    }

    private static TurnOutcome Stop(SkillRequest request)
    {
        var stop = request.Directive(MessageNames.NavigationStop, new NavigationStop(), ProtocolJson.Default.NavigationStop);
        return request.Say("길 안내를 종료했어요.", "Navigation stopped.") with { Directives = [stop], StateChanges = Remember(request, null) };
    }

    private static async ValueTask<TurnOutcome> EtaAsync(SkillRequest request, IMapProvider maps, CancellationToken cancellationToken)
    {
        var state = request.Speaker is { } speaker ? request.StateOf(speaker) : null;
        if (state?.Text("destination") is not { } destination || state.Number("destination_latitude") is not { } lat || state.Number("destination_longitude") is not { } lon)
        {
            return request.Say("지금은 안내 중인 목적지가 없어요.", "You're not navigating anywhere right now.");
        }

        var (latitude, longitude) = Location.Of(request);
        var route = await maps.RouteAsync(latitude, longitude, new Place(destination, "destination", lat, lon), cancellationToken);
        var zone = request.Home.Zone;
        var now = TimeZoneInfo.ConvertTime(request.Turn.Now, zone).DateTime;
        var arrival = now + Round(route.Duration);
        var at = request.Korean ? ClockSkill.KoreanTime(arrival) : arrival.ToString("h:mm tt", CultureInfo.InvariantCulture);
        return request.Say($"{destination}까지 약 {Phrasing.Duration(Round(route.Duration), "ko")} 남았어요. {at}쯤 도착해요.",
            $"About {Phrasing.Duration(Round(route.Duration), "en")} to {destination}; you'll arrive around {at}.");
    }

    /// <summary>The nearest places of a kind, and an offer to navigate to the first ("안내할까요?").</summary>
    private static async ValueTask<TurnOutcome> NearbyAsync(SkillRequest request, IMapProvider maps, CancellationToken cancellationToken)
    {
        var kind = request.Parse.Text("poi_type") ?? "rest_area";
        var (latitude, longitude) = Location.Of(request);
        var nearby = await maps.NearbyAsync(kind, latitude, longitude, 3, cancellationToken);
        var (ko, en) = Kinds.GetValueOrDefault(kind, ("장소", "place"));
        if (nearby.Count == 0)
        {
            return request.Say($"근처에 {I(ko)} 없어요.", $"There's no {en} nearby.");
        }

        var (place, distance) = nearby[0];
        var name = Name(place, request.Language);
        var navigate = new ParseResult
        {
            Intent = Intents.Navigate,
            Language = request.Language,
            Confidence = 1,
            Slots = [new Slot("destination", JsonValue.Create(name))],
        };
        var asked = request.Confirm($"가장 가까운 {Eun(ko)} {Ro(name)}, 약 {Number(Math.Round(distance, 1))}km 떨어져 있어요. 안내할까요?",
            $"The nearest {en} is {name}, about {Number(Math.Round(distance, 1))} km away. Shall I navigate there?");
        return asked with { Dialog = asked.Dialog with { Pending = asked.Dialog.Pending! with { Request = navigate } } };
    }

    /// <summary>The destination in the vehicle's state, so the arrival time can be asked later.</summary>
    private static ImmutableDictionary<string, DeviceState> Remember(SkillRequest request, Place? place)
    {
        if (request.Speaker is not { } speaker)
        {
            return ImmutableDictionary<string, DeviceState>.Empty;
        }

        var state = request.StateOf(speaker);
        state = place is null
            ? state with { Attributes = state.Attributes.Remove("destination").Remove("destination_latitude").Remove("destination_longitude") }
            : state.With("destination", Name(place, request.Language)).With("destination_latitude", place.Latitude).With("destination_longitude", place.Longitude);
        return ImmutableDictionary<string, DeviceState>.Empty.Add(speaker.Id, state);
    }

    /// <summary>The place's name in the answer's language when the map knows it in both.</summary>
    private static string Name(Place place, string language) =>
        place.AlternateName is { } other && ContainsHangul(place.Name) != (language == "ko") ? other : place.Name;

    private static bool ContainsHangul(string text) => text.Any(Dure.Language.Hangul.IsSyllable);

    private static TimeSpan Round(TimeSpan duration) => TimeSpan.FromMinutes(Math.Max(1, Math.Round(duration.TotalMinutes)));

    private static string Called(string name) => name + (I(name).EndsWith('이') ? "이라는" : "라는");

    private static readonly Dictionary<string, (string Korean, string English)> Kinds = new(StringComparer.Ordinal)
    {
        ["rest_area"] = ("휴게소", "rest area"),
        ["gas_station"] = ("주유소", "gas station"),
        ["ev_charger"] = ("전기차 충전소", "EV charger"),
        ["parking"] = ("주차장", "parking lot"),
    };
}
