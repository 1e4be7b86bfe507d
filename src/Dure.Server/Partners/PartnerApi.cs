using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Dure.Skills.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

/// <summary>
/// The partner REST API (docs/partner-api.md): the hotel front desk's tickets and the management office's notices.
/// Every call is authenticated by a tenant's API key and sees only that tenant's homes and tickets; anything of
/// another tenant is "not found".
/// </summary>
public static class PartnerApi
{
    private const int MaxTitle = 200;
    private const int MaxBody = 5000;

    public static IEndpointRouteBuilder MapPartnerApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization(PartnerKeyAuthentication.Policy);
        v1.MapGet("/tickets", ListTicketsAsync);
        v1.MapPost("/tickets/{id}/accept", AcceptAsync);
        v1.MapPost("/tickets/{id}/complete", CompleteAsync);
        v1.MapPost("/homes/{homeId}/notices", PublishNoticeAsync);
        v1.MapGet("/homes/{homeId}/notices", ListNoticesAsync);
        return app;
    }

    private static string Tenant(ClaimsPrincipal user) =>
        user.FindFirstValue(PartnerKeyAuthentication.TenantClaim) ?? throw new InvalidOperationException("no tenant claim");

    private static async Task<IResult> ListTicketsAsync(ClaimsPrincipal user, SqliteTicketDesk desk, string? status, int? limit,
        CancellationToken cancellationToken)
    {
        List<TicketStatus> statuses = [];
        foreach (var name in (status ?? "open,accepted").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (SqliteTicketDesk.Parse(name) is not { } parsed)
            {
                return PartnerProblems.Invalid("status must be open, accepted or completed (several separated by commas)");
            }

            statuses.Add(parsed);
        }

        if (limit is < 1 or > 500)
        {
            return PartnerProblems.Invalid("limit must be between 1 and 500");
        }

        var tickets = await desk.ListAsync(Tenant(user), statuses, limit ?? 100, cancellationToken);
        return Results.Ok(new { tickets = tickets.Select(TicketJson) });
    }

    private static async Task<IResult> AcceptAsync(ClaimsPrincipal user, string id, SqliteTicketDesk desk, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var (change, stored) = await desk.AcceptAsync(Tenant(user), id, cancellationToken);
        switch (change)
        {
            case TicketChange.NotFound:
                return PartnerProblems.NotFound($"ticket '{id}'");
            case TicketChange.Conflict:
                return PartnerProblems.Result(StatusCodes.Status409Conflict, "conflict", $"ticket '{id}' is already completed");
            case TicketChange.Changed:
                // The guest hears it once: a retried accept changes nothing and says nothing.
                var ticket = stored!.Ticket;
                var (korean, english) = OnItsWay(ticket);
                await grains.GetGrain<IHomeGrain>(ticket.HomeId).Announce(new Announcement(korean, english, ticket.DeviceId, ticket.Language));
                break;
        }

        return Results.Ok(TicketJson(stored!));
    }

    private static async Task<IResult> CompleteAsync(ClaimsPrincipal user, string id, SqliteTicketDesk desk, CancellationToken cancellationToken)
    {
        var (change, stored) = await desk.CompleteAsync(Tenant(user), id, cancellationToken);
        return change == TicketChange.NotFound ? PartnerProblems.NotFound($"ticket '{id}'") : Results.Ok(TicketJson(stored!));
    }

    private static async Task<IResult> PublishNoticeAsync(ClaimsPrincipal user, string homeId, HttpRequest request, IHomeStore homes,
        SqliteHomeRecords records, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = Tenant(user);
        if (await homes.FindHomeAsync(homeId, cancellationToken) is not { } home || home.TenantId != tenant)
        {
            return PartnerProblems.NotFound($"home '{homeId}'");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return PartnerProblems.Invalid($"the body is not valid JSON: {e.Message}");
        }

        var title = Text(body, "title")?.Trim();
        var text = Text(body, "body") ?? "";
        var lang = Text(body, "lang");
        if (body.ValueKind != JsonValueKind.Object || title is not { Length: > 0 and <= MaxTitle } || text.Length > MaxBody || lang is not ("ko" or "en"))
        {
            return PartnerProblems.Invalid(
                $"a notice needs title (1-{MaxTitle} characters), body (a string of at most {MaxBody}) and lang (\"ko\" or \"en\")");
        }

        var notice = new Notice("nt_" + Guid.CreateVersion7().ToString("N"), time.GetUtcNow(), title, text, lang);
        await records.AddNoticeAsync(tenant, homeId, notice, cancellationToken);
        await grains.GetGrain<IHomeGrain>(homeId).Announce(new Announcement(
            $"관리사무소 공지가 있어요: {title}", $"A notice from the management office: {title}", Language: lang));
        return Results.Created($"/v1/homes/{Uri.EscapeDataString(homeId)}/notices/{notice.Id}", NoticeJson(homeId, notice));
    }

    private static async Task<IResult> ListNoticesAsync(ClaimsPrincipal user, string homeId, string? since, IHomeStore homes,
        SqliteHomeRecords records, CancellationToken cancellationToken)
    {
        if (await homes.FindHomeAsync(homeId, cancellationToken) is not { } home || home.TenantId != Tenant(user))
        {
            return PartnerProblems.NotFound($"home '{homeId}'");
        }

        var from = DateTimeOffset.UnixEpoch;
        if (since is not null && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
        {
            return PartnerProblems.Invalid("since must be an ISO 8601 date and time");
        }

        var notices = await records.NoticesAsync(homeId, from, cancellationToken);
        return Results.Ok(new { notices = notices.Select(n => NoticeJson(homeId, n)) });
    }

    /// <summary>What the guest hears when the front desk accepts the ticket.</summary>
    internal static (string Korean, string English) OnItsWay(Ticket ticket) => ticket switch
    {
        { Kind: "amenity", Item: { Length: > 0 } item } => ($"요청하신 {item} {ticket.Quantity}개가 곧 도착해요.", $"Your request for {ticket.Quantity} {item} is on its way."),
        { Kind: "amenity" } => ("요청하신 물품이 곧 도착해요.", "Your request is on its way."),
        { Kind: "housekeeping" } => ("요청하신 객실 정리를 곧 해 드릴게요.", "Housekeeping is on its way."),
        { Kind: "late_checkout" } => ("레이트 체크아웃 요청이 승인됐어요.", "Your late checkout has been approved."),
        _ => ("요청하신 사항을 곧 처리해 드릴게요.", "Your request is being taken care of."),
    };

    private static object TicketJson(StoredTicket stored) => new
    {
        id = stored.Ticket.Id,
        homeId = stored.Ticket.HomeId,
        deviceId = stored.Ticket.DeviceId,
        kind = stored.Ticket.Kind,
        item = stored.Ticket.Item,
        quantity = stored.Ticket.Quantity,
        language = stored.Ticket.Language,
        status = SqliteTicketDesk.Name(stored.Ticket.Status),
        createdAt = stored.Ticket.CreatedAt,
        acceptedAt = stored.AcceptedAt,
        completedAt = stored.CompletedAt,
    };

    private static object NoticeJson(string homeId, Notice notice) => new
    {
        id = notice.Id,
        homeId,
        title = notice.Title,
        body = notice.Body,
        lang = notice.Language,
        publishedAt = notice.PublishedAt,
    };

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
