using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Dure.Homes;
using Dure.Skills.Clock;
using Dure.Skills.Services;
using Dure.Understanding;
using static Dure.Skills.Phrases;

namespace Dure.Skills.Apartment;

/// <summary>
/// The services of an AI apartment: calling the elevator (a command to the home-network gateway, whose arrival
/// event the platform announces), energy usage from the meter readings the home network reports, parcels,
/// visitors and the parking spot from the complex's events, and the management office's notices.
/// </summary>
internal sealed class ApartmentSkill : ISkill
{
    public bool Handles(string intent) => intent.StartsWith("apartment.", StringComparison.Ordinal);

    public async ValueTask<TurnOutcome> HandleAsync(SkillRequest request, CancellationToken cancellationToken)
    {
        if (request.Intent == Intents.CallElevator)
        {
            return CallElevator(request);
        }

        if (request.Services.Records is not { } records)
        {
            return request.Say("지금은 단지 정보를 볼 수 없어요.", "Apartment information isn't available right now.");
        }

        var now = request.Turn.Now;
        return request.Intent switch
        {
            Intents.EnergyUsage => await EnergyAsync(request, records, cancellationToken),
            Intents.ParcelCheck => await ParcelsAsync(request, records, cancellationToken),
            Intents.VisitorHistory => await VisitorsAsync(request, records, cancellationToken),
            Intents.ParkingLocation => await ParkingAsync(request, records, cancellationToken),
            _ => await NoticesAsync(request, records, now, cancellationToken),
        };
    }

    /// <summary>The elevator is the home network's: the gateway gets the call (an unknown device id routes there).</summary>
    private static TurnOutcome CallElevator(SkillRequest request)
    {
        var direction = request.Parse.Text("direction");
        var parameters = direction is null
            ? ImmutableDictionary<string, JsonElement>.Empty
            : ImmutableDictionary<string, JsonElement>.Empty.Add("direction", JsonSerializer.SerializeToElement(direction));
        var (ko, en) = direction switch
        {
            "down" => ("내려가는 엘리베이터를 불렀어요.", "I've called the elevator to go down."),
            "up" => ("올라가는 엘리베이터를 불렀어요.", "I've called the elevator to go up."),
            _ => ("엘리베이터를 불렀어요.", "I've called the elevator."),
        };
        return new TurnOutcome(new Speech(request.Korean ? ko : en, request.Language),
            [new DeviceCommand("elevator", "elevator", "call", parameters)], ImmutableDictionary<string, DeviceState>.Empty, request.Intent);
    }

    /// <summary>
    /// Usage over the period asked (today, this month, last month) from cumulative meter readings, compared with
    /// the same stretch of the period before: "이번 달 전기는 245kWh 썼어요, 지난달보다 12% 적어요."
    /// </summary>
    private static async ValueTask<TurnOutcome> EnergyAsync(SkillRequest request, IHomeRecords records, CancellationToken cancellationToken)
    {
        var utility = request.Parse.Text("utility") ?? "electricity";
        var period = request.Parse.Text("period") ?? "this_month";
        var zone = request.Home.Zone;
        var now = TimeZoneInfo.ConvertTime(request.Turn.Now, zone).DateTime;
        var (start, end, previousStart, previousEnd) = period switch
        {
            "today" => (now.Date, now, now.Date.AddDays(-1), now.AddDays(-1)),
            "last_month" => (new DateTime(now.Year, now.Month, 1).AddMonths(-1), new DateTime(now.Year, now.Month, 1),
                new DateTime(now.Year, now.Month, 1).AddMonths(-2), new DateTime(now.Year, now.Month, 1).AddMonths(-1)),
            _ => (new DateTime(now.Year, now.Month, 1), now, new DateTime(now.Year, now.Month, 1).AddMonths(-1), now.AddMonths(-1)),
        };

        var used = await UsageAsync(records, request.Home.Id, utility, At(start, zone), At(end, zone), cancellationToken);
        var (nameKo, nameEn) = Utility(utility);
        var (periodKo, periodEn, previousKo, previousEn) = period switch
        {
            "today" => ("오늘", "today", "어제", "yesterday"),
            "last_month" => ("지난달", "last month", "그 전 달", "the month before"),
            _ => ("이번 달", "this month", "지난달", "last month"),
        };
        if (used is not { } usage)
        {
            return request.Say($"{periodKo} {nameKo} 검침 기록이 아직 없어요.", $"There are no {nameEn} meter readings for {periodEn} yet.");
        }

        var amount = $"{Number(usage.Value)}{usage.Unit}";
        var sentenceKo = $"{periodKo} {Eun(nameKo)} {amount} 썼어요";
        var sentenceEn = $"You used {Number(usage.Value)} {usage.Unit} of {nameEn} {periodEn}";
        var before = await UsageAsync(records, request.Home.Id, utility, At(previousStart, zone), At(previousEnd, zone), cancellationToken);
        if (before is { Value: > 0 } earlier)
        {
            var change = (int)Math.Round((usage.Value - earlier.Value) / earlier.Value * 100);
            sentenceKo += change switch
            {
                0 => $", {Dure.Language.Josa.Attach(previousKo, Dure.Language.Particle.GwaWa)} 비슷해요.",
                < 0 => $", {previousKo}보다 {-change}% 적어요.",
                _ => $", {previousKo}보다 {change}% 많아요.",
            };
            sentenceEn += change switch
            {
                0 => $", about the same as {previousEn}.",
                < 0 => $", {-change}% less than {previousEn}.",
                _ => $", {change}% more than {previousEn}.",
            };
            return request.Say(sentenceKo, sentenceEn);
        }

        return request.Say(sentenceKo + ".", sentenceEn + ".");
    }

    /// <summary>Cumulative readings: the last one in the window minus the last one before it (or the first in it).</summary>
    private static async Task<(double Value, string Unit)?> UsageAsync(IHomeRecords records, string homeId, string utility, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken)
    {
        var readings = await records.ReadingsAsync(homeId, utility, from, to, cancellationToken);
        var inside = readings.Where(r => r.At > from && r.At < to).ToList();
        if (inside.Count == 0)
        {
            return null;
        }

        // The meter stood at the last reading taken at or before the period's start.
        var baseline = readings.LastOrDefault(r => r.At <= from) ?? inside[0];
        return (Math.Max(0, inside[^1].Value - baseline.Value), inside[^1].Unit);
    }

    private static async ValueTask<TurnOutcome> ParcelsAsync(SkillRequest request, IHomeRecords records, CancellationToken cancellationToken)
    {
        var since = Since(request, days: 7);
        var parcels = await records.EventsAsync(request.Home.Id, "parcel.arrived", since, cancellationToken);
        return parcels.Count == 0
            ? request.Say("새로 온 택배는 없어요.", "No new packages.")
            : request.Say($"택배가 {parcels.Count}개 와 있어요. 마지막 택배는 {When(request, parcels[0].At)}에 왔어요.",
                $"{(parcels.Count == 1 ? "1 package has" : $"{parcels.Count} packages have")} arrived; the last one {WhenEn(request, parcels[0].At)}.");
    }

    private static async ValueTask<TurnOutcome> VisitorsAsync(SkillRequest request, IHomeRecords records, CancellationToken cancellationToken)
    {
        var since = Since(request, days: 0);
        var visitors = await records.EventsAsync(request.Home.Id, "visitor.arrived", since, cancellationToken);
        return visitors.Count == 0
            ? request.Say("방문한 사람이 없어요.", "No one has visited.")
            : request.Say($"방문자는 {visitors.Count}명이었어요. 마지막 방문은 {When(request, visitors[0].At)}에 있었어요.",
                $"{(visitors.Count == 1 ? "1 visitor" : $"{visitors.Count} visitors")}; the last one came {WhenEn(request, visitors[0].At)}.");
    }

    private static async ValueTask<TurnOutcome> ParkingAsync(SkillRequest request, IHomeRecords records, CancellationToken cancellationToken)
    {
        var parked = await records.EventsAsync(request.Home.Id, "parking.updated", request.Turn.Now.AddDays(-30), cancellationToken);
        if (parked.Count == 0 || !parked[0].Data.TryGetProperty("location", out var location) || location.GetString() is not { } where)
        {
            return request.Say("주차 위치 기록이 없어요.", "I don't have a parking location on record.");
        }

        return request.Say($"차는 {where}에 주차되어 있어요.", $"Your car is parked at {where}.");
    }

    private static async ValueTask<TurnOutcome> NoticesAsync(SkillRequest request, IHomeRecords records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var notices = await records.NoticesAsync(request.Home.Id, now.AddDays(-30), cancellationToken);
        if (notices.Count == 0)
        {
            return request.Say("최근 관리사무소 공지는 없어요.", "There are no recent notices from the management office.");
        }

        var latest = notices[0];
        var body = string.IsNullOrWhiteSpace(latest.Body) ? "" : " " + latest.Body.Trim();
        return request.Say($"공지가 {notices.Count}건 있어요. 가장 최근 공지는 {Ieyo($"'{latest.Title}'")}.{body}",
            $"There {(notices.Count == 1 ? "is 1 notice" : $"are {notices.Count} notices")}. The latest is \"{latest.Title}\"{(body.Length == 0 ? "." : ":" + body)}");
    }

    /// <summary>The date said ("오늘", "어제"), else the last few days.</summary>
    private static DateTimeOffset Since(SkillRequest request, int days)
    {
        var zone = request.Home.Zone;
        var local = TimeZoneInfo.ConvertTime(request.Turn.Now, zone).DateTime.Date;
        var from = request.Parse.Text("date") is { } date
            ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue)
            : local.AddDays(-days);
        return At(from, zone);
    }

    private static DateTimeOffset At(DateTime local, TimeZoneInfo zone) => new(local, zone.GetUtcOffset(local));

    private static string When(SkillRequest request, DateTimeOffset at) =>
        Phrasing.When(TimeZoneInfo.ConvertTime(at, request.Home.Zone).DateTime, TimeZoneInfo.ConvertTime(request.Turn.Now, request.Home.Zone).DateTime, "ko");

    private static string WhenEn(SkillRequest request, DateTimeOffset at) =>
        Phrasing.When(TimeZoneInfo.ConvertTime(at, request.Home.Zone).DateTime, TimeZoneInfo.ConvertTime(request.Turn.Now, request.Home.Zone).DateTime, "en");

    private static (string Korean, string English) Utility(string utility) => utility switch
    {
        "water" => ("수도", "water"),
        "gas" => ("가스", "gas"),
        "heating" => ("난방", "heating"),
        _ => ("전기", "electricity"),
    };
}
