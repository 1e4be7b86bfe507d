using System.Globalization;
using System.Security.Claims;
using Dure.Platform.Conversations;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

/// <summary>A turn as the conversation log lists it. <c>latencyMs</c> runs from the device's words to the answer.</summary>
public sealed record ConversationResponse(string Id, DateTimeOffset At, string? SiteId, string HomeId, string DeviceId, string Text, string? Lang,
    string? Intent, bool Understood, string? Reply, double LatencyMs, string? Error, bool Scheduled);

public sealed record DeletedResponse(int Deleted);

/// <summary>One UTC day's counts; rates and percentiles are null on a day without utterances.</summary>
public sealed record AnalyticsDayResponse(string Date, long Utterances, long Understood, double? UnderstoodRate, double? LatencyP50Ms,
    double? LatencyP95Ms, long Errors, IReadOnlyDictionary<string, long> Intents);

public sealed record AnalyticsTotalsResponse(long Utterances, long Understood, double? UnderstoodRate, double? LatencyP50Ms,
    double? LatencyP95Ms, long Errors, IReadOnlyDictionary<string, long> Intents);

public sealed record AnalyticsResponse(IReadOnlyList<AnalyticsDayResponse> Days, AnalyticsTotalsResponse Totals);

/// <summary>The conversation log (listing, deletion on request) and the daily analytics of utterances.</summary>
internal static class ConversationEndpoints
{
    public const int MaxDays = 366;
    private const int DefaultDays = 30;

    public static void Map(RouteGroupBuilder v1)
    {
        var conversations = v1.MapGroup("/conversations").WithTags("Conversations and analytics");
        conversations.MapGet("", ListAsync).RequireAuthorization(PartnerPolicies.Read)
            .WithSummary("The conversation log, newest first, by site, home, device and time (from inclusive, to exclusive)");
        conversations.MapDelete("", DeleteAsync).RequireAuthorization(PartnerPolicies.Admin)
            .WithSummary("Delete a home's conversation records, or one device's, on request; the analytics stay");
        v1.MapGet("/analytics", AnalyticsAsync).RequireAuthorization(PartnerPolicies.Read).WithTags("Conversations and analytics")
            .WithSummary("Utterances, understood rate, intents, latency p50/p95 and errors per UTC day from..to (at most 366 days), and totals");
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, string? siteId, string? homeId, string? deviceId, string? from, string? to,
        int? limit, string? cursor, IConversationLog log, ISiteStore sites, IHomeStore homes, CancellationToken cancellationToken)
    {
        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        if (!TryParseInstant(from, "from", out var start, out problem) || !TryParseInstant(to, "to", out var end, out problem))
        {
            return problem!;
        }

        if (start is not null && end is not null && start > end)
        {
            return Problems.Invalid("from must not be after to");
        }

        var tenant = user.Tenant();
        if (siteId is not null && await sites.FindSiteAsync(tenant, siteId, cancellationToken) is null)
        {
            return Problems.NotFound($"site '{siteId}'");
        }

        if (homeId is not null && !await IsTenantsHomeAsync(homes, tenant, homeId, cancellationToken))
        {
            return Problems.NotFound($"home '{homeId}'");
        }

        try
        {
            var page = await log.ListAsync(new ConversationQuery(tenant, siteId, homeId, deviceId, start, end), paging.After, paging.Limit,
                cancellationToken);
            return Results.Ok(Paging.Response(page, Shape));
        }
        catch (FormatException)
        {
            return Problems.Invalid("cursor is not one this API returned");
        }
    }

    private static async Task<IResult> DeleteAsync(ClaimsPrincipal user, string? homeId, string? deviceId, IConversationLog log, ITurnRecorder recorder,
        IHomeStore homes, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(homeId))
        {
            return Problems.Invalid("homeId is required (and deviceId to delete one device's records only)");
        }

        var tenant = user.Tenant();
        if (!await IsTenantsHomeAsync(homes, tenant, homeId, cancellationToken))
        {
            return Problems.NotFound($"home '{homeId}'");
        }

        // Turns still in the recorder's buffer were said before this request: they go too.
        await recorder.FlushAsync(cancellationToken);
        var deleted = await log.DeleteAsync(tenant, homeId, string.IsNullOrEmpty(deviceId) ? null : deviceId, cancellationToken);
        await audit.Audit(user, "conversations.delete", string.IsNullOrEmpty(deviceId) ? homeId : $"{homeId}/{deviceId}",
            string.Create(CultureInfo.InvariantCulture, $"{deleted} records"));
        return Results.Ok(new DeletedResponse(deleted));
    }

    private static async Task<IResult> AnalyticsAsync(ClaimsPrincipal user, string? siteId, string? from, string? to, IConversationLog log,
        ISiteStore sites, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!TryParseDay(to, "to", today, out var last, out var problem) ||
            !TryParseDay(from, "from", last.AddDays(1 - DefaultDays), out var first, out problem))
        {
            return problem!;
        }

        if (first > last)
        {
            return Problems.Invalid("from must not be after to");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Problems.Invalid($"from..to may span at most {MaxDays} days");
        }

        var tenant = user.Tenant();
        if (siteId is not null && await sites.FindSiteAsync(tenant, siteId, cancellationToken) is null)
        {
            return Problems.NotFound($"site '{siteId}'");
        }

        var counted = await log.DailyAsync(tenant, siteId, first, last, cancellationToken);
        var totals = new DailyCounts();
        List<AnalyticsDayResponse> days = [];
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var counts = counted.GetValueOrDefault(day) ?? new DailyCounts();
            totals.Add(counts);
            days.Add(new AnalyticsDayResponse(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), counts.Utterances, counts.Understood,
                Rate(counts), Milliseconds(counts.LatencyP50Ms), Milliseconds(counts.LatencyP95Ms), counts.Errors, counts.Intents));
        }

        return Results.Ok(new AnalyticsResponse(days, new AnalyticsTotalsResponse(totals.Utterances, totals.Understood, Rate(totals),
            Milliseconds(totals.LatencyP50Ms), Milliseconds(totals.LatencyP95Ms), totals.Errors, totals.Intents)));
    }

    private static async Task<bool> IsTenantsHomeAsync(IHomeStore homes, string tenant, string homeId, CancellationToken cancellationToken) =>
        await homes.FindHomeAsync(homeId, cancellationToken) is { } home && home.TenantId == tenant;

    private static bool TryParseInstant(string? text, string name, out DateTimeOffset? instant, out IResult? problem)
    {
        instant = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            problem = Problems.Invalid($"{name} must be an ISO 8601 date and time, e.g. 2026-11-25T09:00:00Z");
            return false;
        }

        instant = parsed;
        return true;
    }

    private static bool TryParseDay(string? text, string name, DateOnly fallback, out DateOnly day, out IResult? problem)
    {
        problem = null;
        day = fallback;
        if (string.IsNullOrEmpty(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }

        problem = Problems.Invalid($"{name} must be a date as YYYY-MM-DD (a UTC day)");
        return false;
    }

    private static double? Rate(DailyCounts counts) => counts.UnderstoodRate is { } rate ? Math.Round(rate, 4) : null;

    private static double? Milliseconds(double? value) => value is { } ms ? Math.Round(ms, 1) : null;

    private static ConversationResponse Shape(TurnRecord record) => new(record.Id, record.At, record.SiteId, record.HomeId, record.DeviceId,
        record.Text, record.Language, record.Intent, record.Understood, record.Reply, Math.Round(record.LatencyMs, 1), record.Error, record.Scheduled);
}
