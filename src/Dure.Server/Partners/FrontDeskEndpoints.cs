using System.Globalization;
using System.Security.Claims;
using Dure.Platform.Grains;
using Dure.Platform.Storage;
using Dure.Platform.Tenancy;
using Dure.Skills.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dure.Server.Partners;

public sealed record TicketResponse(string Id, string HomeId, string DeviceId, string Kind, string? Item, int Quantity, string Language,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? CompletedAt);

public sealed record NoticeRequest(string? Title, string? Body, string? Lang);

public sealed record NoticeResponse(string Id, string HomeId, string Title, string Body, string Lang, DateTimeOffset PublishedAt);

/// <summary>The hotel front desk's tickets and the management office's notices.</summary>
internal static class FrontDeskEndpoints
{
    private const int MaxTitle = 200;
    private const int MaxBody = 5000;

    public static void Map(RouteGroupBuilder v1)
    {
        var tickets = v1.MapGroup("/tickets").WithTags("Front desk");
        tickets.MapGet("", ListTicketsAsync).RequireAuthorization(PartnerPolicies.Read)
            .WithSummary("Tickets by status (open,accepted by default), oldest first");
        tickets.MapPost("/{ticketId}/accept", AcceptAsync).RequireAuthorization(PartnerPolicies.Provisioning)
            .WithSummary("Accept a ticket; the guest hears that it is on its way");
        tickets.MapPost("/{ticketId}/complete", CompleteAsync).RequireAuthorization(PartnerPolicies.Provisioning);

        var notices = v1.MapGroup("/homes/{homeId}/notices").WithTags("Notices");
        notices.MapPost("", PublishNoticeAsync).RequireAuthorization(PartnerPolicies.Provisioning)
            .WithSummary("Publish a management-office notice; the home's devices announce it");
        notices.MapGet("", ListNoticesAsync).RequireAuthorization(PartnerPolicies.Read);
    }

    private static async Task<IResult> ListTicketsAsync(ClaimsPrincipal user, ITicketQueue desk, string? status, int? limit, string? cursor,
        CancellationToken cancellationToken)
    {
        List<TicketStatus> statuses = [];
        foreach (var name in (status ?? "open,accepted").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TicketStatuses.Parse(name) is not { } parsed)
            {
                return Problems.Invalid("status must be open, accepted or completed (several separated by commas)");
            }

            statuses.Add(parsed);
        }

        if (!Paging.TryParse(limit, cursor, out var paging, out var problem))
        {
            return problem!;
        }

        var page = await desk.ListAsync(user.Tenant(), statuses, paging.After, paging.Limit, cancellationToken);
        return Results.Ok(Paging.Response(page, Shape));
    }

    private static async Task<IResult> AcceptAsync(ClaimsPrincipal user, string ticketId, ITicketQueue desk, IGrainFactory grains,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        var (change, stored) = await desk.AcceptAsync(user.Tenant(), ticketId, cancellationToken);
        switch (change)
        {
            case TicketChange.NotFound:
                return Problems.NotFound($"ticket '{ticketId}'");
            case TicketChange.Conflict:
                return Problems.Conflict($"ticket '{ticketId}' is already completed");
            case TicketChange.Changed:
                // The guest hears it once: a retried accept changes nothing and says nothing.
                var ticket = stored!.Ticket;
                var (korean, english) = OnItsWay(ticket);
                await grains.GetGrain<IHomeGrain>(ticket.HomeId).Announce(new Announcement(korean, english, ticket.DeviceId, ticket.Language));
                await audit.Audit(user, "ticket.accept", ticketId);
                break;
        }

        return Results.Ok(Shape(stored!));
    }

    private static async Task<IResult> CompleteAsync(ClaimsPrincipal user, string ticketId, ITicketQueue desk, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var (change, stored) = await desk.CompleteAsync(user.Tenant(), ticketId, cancellationToken);
        if (change == TicketChange.NotFound)
        {
            return Problems.NotFound($"ticket '{ticketId}'");
        }

        if (change == TicketChange.Changed)
        {
            await audit.Audit(user, "ticket.complete", ticketId);
        }

        return Results.Ok(Shape(stored!));
    }

    private static async Task<IResult> PublishNoticeAsync(ClaimsPrincipal user, string homeId, NoticeRequest? request, IHomeStore homes,
        IHomeRecordStore records, IGrainFactory grains, IAuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (await homes.FindHomeAsync(homeId, cancellationToken) is not { } home || home.TenantId != tenant)
        {
            return Problems.NotFound($"home '{homeId}'");
        }

        var title = request?.Title?.Trim();
        var text = request?.Body ?? "";
        if (title is not { Length: > 0 and <= MaxTitle } || text.Length > MaxBody || request?.Lang is not ("ko" or "en"))
        {
            return Problems.Invalid($"a notice needs title (1-{MaxTitle} characters), body (a string of at most {MaxBody}) and lang (\"ko\" or \"en\")");
        }

        var notice = new Notice("nt_" + Guid.CreateVersion7().ToString("N"), time.GetUtcNow(), title, text, request.Lang);
        await records.AddNoticeAsync(tenant, homeId, notice, cancellationToken);
        await grains.GetGrain<IHomeGrain>(homeId).Announce(new Announcement(
            $"관리사무소 공지가 있어요: {title}", $"A notice from the management office: {title}", Language: request.Lang));
        await audit.Audit(user, "notice.publish", $"{homeId}/{notice.Id}", title);
        return Results.Created($"/v1/homes/{Uri.EscapeDataString(homeId)}/notices/{notice.Id}", Shape(homeId, notice));
    }

    private static async Task<IResult> ListNoticesAsync(ClaimsPrincipal user, string homeId, string? since, IHomeStore homes,
        IHomeRecordStore records, CancellationToken cancellationToken)
    {
        if (await homes.FindHomeAsync(homeId, cancellationToken) is not { } home || home.TenantId != user.Tenant())
        {
            return Problems.NotFound($"home '{homeId}'");
        }

        var from = DateTimeOffset.UnixEpoch;
        if (since is not null && !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out from))
        {
            return Problems.Invalid("since must be an ISO 8601 date and time");
        }

        var notices = await records.NoticesAsync(homeId, from, cancellationToken);
        return Results.Ok(new ListResponse<NoticeResponse>([.. notices.Select(n => Shape(homeId, n))], null));
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

    private static TicketResponse Shape(StoredTicket stored) => new(stored.Ticket.Id, stored.Ticket.HomeId, stored.Ticket.DeviceId,
        stored.Ticket.Kind, stored.Ticket.Item, stored.Ticket.Quantity, stored.Ticket.Language, TicketStatuses.Name(stored.Ticket.Status),
        stored.Ticket.CreatedAt, stored.AcceptedAt, stored.CompletedAt);

    private static NoticeResponse Shape(string homeId, Notice notice) =>
        new(notice.Id, homeId, notice.Title, notice.Body, notice.Language, notice.PublishedAt);
}
