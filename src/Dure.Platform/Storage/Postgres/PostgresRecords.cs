using System.Text.Json;
using Dure.Platform.Tenancy;
using Dure.Protocol;
using Dure.Skills.Services;

namespace Dure.Platform.Storage.Postgres;

/// <summary>Home events, meter readings and notices in PostgreSQL. Every query names its home.</summary>
public sealed class PostgresHomeRecords(PostgresDatabase database, TimeProvider time) : IHomeRecordStore
{
    public Task AddEventAsync(string homeId, string deviceId, HomeEvent homeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(homeEvent);
        var at = homeEvent.At.ToUnixTimeMilliseconds();
        if (homeEvent.Type == HomeEventTypes.MeterReading)
        {
            var data = homeEvent.Data;
            return database.ExecuteAsync(
                """
                INSERT INTO meter_readings (home_id, utility, at, value, unit) VALUES (@home, @utility, @at, @value, @unit)
                ON CONFLICT (home_id, utility, at) DO UPDATE SET value = excluded.value, unit = excluded.unit
                """,
                cancellationToken, ("home", homeId), ("utility", data.GetProperty("utility").GetString()), ("at", at),
                ("value", data.GetProperty("value").GetDouble()), ("unit", data.GetProperty("unit").GetString()));
        }

        var json = homeEvent.Data.ValueKind == JsonValueKind.Object ? homeEvent.Data.GetRawText() : "{}";
        return database.ExecuteAsync(
            "INSERT INTO home_events (home_id, device_id, type, at, data, received) VALUES (@home, @device, @type, @at, @data, @now)",
            cancellationToken, ("home", homeId), ("device", deviceId), ("type", homeEvent.Type), ("at", at), ("data", json),
            ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public async Task<IReadOnlyList<HomeEvent>> EventsAsync(string homeId, string type, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (type == HomeEventTypes.MeterReading)
        {
            var readings = await ReadingsAsync(homeId, null, since, DateTimeOffset.MaxValue, includePrevious: false, cancellationToken)
                .ConfigureAwait(false);
            return [.. readings.AsEnumerable().Reverse().Select(r => new HomeEvent(type, r.At, JsonSerializer.SerializeToElement(
                new Dictionary<string, object> { ["utility"] = r.Utility, ["value"] = r.Value, ["unit"] = r.Unit })))];
        }

        return await database.QueryAsync(
            "SELECT at, data FROM home_events WHERE home_id = @home AND type = @type AND at >= @since ORDER BY at DESC, seq DESC LIMIT 1000",
            r =>
            {
                using var data = JsonDocument.Parse(r.GetString(1));
                return new HomeEvent(type, Rows.Time(r, 0), data.RootElement.Clone());
            },
            cancellationToken, ("home", homeId), ("type", type), ("since", since.ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<MeterReading>> ReadingsAsync(string homeId, string utility, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken) =>
        ReadingsAsync(homeId, utility, from, to, includePrevious: true, cancellationToken);

    private async Task<IReadOnlyList<MeterReading>> ReadingsAsync(string homeId, string? utility, DateTimeOffset from, DateTimeOffset to,
        bool includePrevious, CancellationToken cancellationToken)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to == DateTimeOffset.MaxValue ? long.MaxValue : to.ToUnixTimeMilliseconds();
        List<MeterReading> readings = [];
        if (includePrevious && utility is not null)
        {
            // The last reading before the period is the baseline its usage is measured from.
            readings.AddRange(await database.QueryAsync(
                "SELECT utility, at, value, unit FROM meter_readings WHERE home_id = @home AND utility = @utility AND at < @from ORDER BY at DESC LIMIT 1",
                Rows.Reading, cancellationToken, ("home", homeId), ("utility", utility), ("from", fromMs)).ConfigureAwait(false));
        }

        readings.AddRange(await database.QueryAsync(
            """
            SELECT utility, at, value, unit FROM meter_readings
            WHERE home_id = @home AND (@utility::text IS NULL OR utility = @utility::text) AND at >= @from AND at < @to ORDER BY at LIMIT 10000
            """,
            Rows.Reading, cancellationToken, ("home", homeId), ("utility", utility), ("from", fromMs), ("to", toMs)).ConfigureAwait(false));
        return readings;
    }

    public Task AddNoticeAsync(string tenantId, string homeId, Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return database.ExecuteAsync(
            "INSERT INTO notices (id, tenant_id, home_id, published, title, body, lang) VALUES (@id, @tenant, @home, @at, @title, @body, @lang)",
            cancellationToken, ("id", notice.Id), ("tenant", tenantId), ("home", homeId), ("at", notice.PublishedAt.ToUnixTimeMilliseconds()),
            ("title", notice.Title), ("body", notice.Body), ("lang", notice.Language));
    }

    public async Task<IReadOnlyList<Notice>> NoticesAsync(string homeId, DateTimeOffset since, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            """
            SELECT id, published, title, body, lang FROM notices WHERE home_id = @home AND published >= @since
            ORDER BY published DESC, id DESC LIMIT 1000
            """,
            Rows.Notice, cancellationToken, ("home", homeId), ("since", since.ToUnixTimeMilliseconds())).ConfigureAwait(false);
}

/// <summary>The front-desk queue in PostgreSQL. Each ticket carries its home's tenant; partner queries are scoped to it.</summary>
public sealed class PostgresTicketDesk(PostgresDatabase database, TimeProvider time) : ITicketQueue
{
    public async Task<Ticket> OpenAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var stored = ticket with
        {
            Id = string.IsNullOrEmpty(ticket.Id) ? "tk_" + Guid.CreateVersion7().ToString("N") : ticket.Id,
            Status = TicketStatus.Open,
            CreatedAt = ticket.CreatedAt == default ? time.GetUtcNow() : ticket.CreatedAt,
            Quantity = Math.Max(1, ticket.Quantity),
        };
        var inserted = await database.ExecuteAsync(
            """
            INSERT INTO tickets (id, tenant_id, home_id, device_id, kind, item, quantity, language, status, created)
            SELECT @id, tenant_id, id, @device, @kind, @item, @quantity, @language, 'open', @created FROM homes WHERE id = @home
            """,
            cancellationToken, ("id", stored.Id), ("home", stored.HomeId), ("device", stored.DeviceId), ("kind", stored.Kind), ("item", stored.Item),
            ("quantity", stored.Quantity), ("language", stored.Language), ("created", stored.CreatedAt.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return inserted == 1 ? stored : throw new InvalidOperationException($"home '{ticket.HomeId}' does not exist");
    }

    public async Task<IReadOnlyList<Ticket>> OpenTicketsAsync(string homeId, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync($"SELECT {Rows.TicketColumns} FROM tickets WHERE home_id = @home AND status <> 'completed' ORDER BY created, id",
            Rows.Ticket, cancellationToken, ("home", homeId)).ConfigureAwait(false)).Select(t => t.Ticket)];

    public async Task<Page<StoredTicket>> ListAsync(string tenantId, IReadOnlyCollection<TicketStatus> statuses, string? after, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return Rows.Paged(await database.QueryAsync(
            $"SELECT {Rows.TicketColumns} FROM tickets WHERE tenant_id = @tenant AND id > @after AND status = ANY(@statuses) ORDER BY id LIMIT @limit",
            Rows.Ticket, cancellationToken, ("tenant", tenantId), ("after", after ?? ""),
            ("statuses", statuses.Select(TicketStatuses.Name).ToArray()), ("limit", limit + 1)).ConfigureAwait(false), limit, t => t.Ticket.Id);
    }

    public async Task<StoredTicket?> FindAsync(string tenantId, string id, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.TicketColumns} FROM tickets WHERE tenant_id = @tenant AND id = @id", Rows.Ticket, cancellationToken,
            ("tenant", tenantId), ("id", id)).ConfigureAwait(false)).FirstOrDefault();

    public Task<(TicketChange Change, StoredTicket? Ticket)> AcceptAsync(string tenantId, string id, CancellationToken cancellationToken = default) =>
        TransitionAsync(tenantId, id, TicketStatus.Accepted, cancellationToken);

    public Task<(TicketChange Change, StoredTicket? Ticket)> CompleteAsync(string tenantId, string id, CancellationToken cancellationToken = default) =>
        TransitionAsync(tenantId, id, TicketStatus.Completed, cancellationToken);

    private async Task<(TicketChange, StoredTicket?)> TransitionAsync(string tenantId, string id, TicketStatus target,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var change = await database.InTransactionAsync(async session =>
        {
            // FOR UPDATE: two desks accepting at once are ordered, the second sees the first's status.
            var current = await session.ScalarAsync("SELECT status FROM tickets WHERE tenant_id = @tenant AND id = @id FOR UPDATE", cancellationToken,
                ("tenant", tenantId), ("id", id)).ConfigureAwait(false) as string;
            var change = TicketRules.Decide(current, target);
            if (change == TicketChange.Changed)
            {
                var column = target == TicketStatus.Accepted ? "accepted" : "completed";
                await session.ExecuteAsync($"UPDATE tickets SET status = @status, {column} = @now WHERE tenant_id = @tenant AND id = @id",
                    cancellationToken, ("status", TicketStatuses.Name(target)), ("now", now), ("tenant", tenantId), ("id", id)).ConfigureAwait(false);
            }

            return change;
        }, cancellationToken, System.Data.IsolationLevel.ReadCommitted).ConfigureAwait(false);
        return (change, change == TicketChange.NotFound ? null : await FindAsync(tenantId, id, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>The pending timers, alarms, reminders and wake-up calls of every home, in PostgreSQL.</summary>
public sealed class PostgresScheduleStore(PostgresDatabase database, TimeProvider time) : IScheduleStore
{
    public Task SaveAsync(string homeId, Scheduled item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return database.ExecuteAsync(
            $"""
            INSERT INTO schedules (home_id, {Rows.ScheduleColumns}, created)
            VALUES (@home, @id, @kind, @device, @due, @announcement, @language, @label, @message, @length, @paused, @area, @command, @now)
            ON CONFLICT (home_id, id) DO UPDATE SET kind = excluded.kind, device_id = excluded.device_id, due = excluded.due,
                announcement = excluded.announcement, language = excluded.language, label = excluded.label,
                message = excluded.message, length_ms = excluded.length_ms, paused_remaining_ms = excluded.paused_remaining_ms,
                area_id = excluded.area_id, command = excluded.command
            """,
            cancellationToken, ("home", homeId), ("id", item.Id), ("kind", ScheduleKinds.Name(item.Kind)), ("device", item.DeviceId),
            ("due", item.Due.ToUnixTimeMilliseconds()), ("announcement", item.Announcement), ("language", item.Language),
            ("label", item.Label), ("message", item.Message), ("length", Rows.Millis(item.Length)), ("paused", Rows.Millis(item.PausedRemaining)),
            ("area", item.AreaId), ("command", item.Command), ("now", time.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    public async Task<bool> RemoveAsync(string homeId, string id, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM schedules WHERE home_id = @home AND id = @id", cancellationToken, ("home", homeId), ("id", id))
            .ConfigureAwait(false) > 0;

    public async Task<IReadOnlyList<Scheduled>> LoadAsync(string homeId, CancellationToken cancellationToken = default) =>
        await database.QueryAsync($"SELECT {Rows.ScheduleColumns} FROM schedules WHERE home_id = @home ORDER BY due, id", Rows.Schedule,
            cancellationToken, ("home", homeId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> HomesDueAsync(DateTimeOffset until, CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT DISTINCT home_id FROM schedules WHERE paused_remaining_ms IS NULL AND due < @until", r => r.GetString(0),
            cancellationToken, ("until", until.ToUnixTimeMilliseconds())).ConfigureAwait(false);
}

/// <summary>Sites' home-network settings and wall-pad request ids in PostgreSQL.</summary>
public sealed class PostgresHomeNetworks(PostgresDatabase database) : IHomeNetworkStore
{
    public Task PutAsync(HomeNetworkRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.ExecuteAsync(
            $"""
            INSERT INTO site_home_networks ({Rows.HomeNetworkColumns}) VALUES (@site, @kind, @tenant, @settings, @secret, @previous, @rotated, @updated)
            ON CONFLICT (site_id, kind) DO UPDATE SET tenant_id = excluded.tenant_id, settings = excluded.settings, secret = excluded.secret,
                previous_secret = excluded.previous_secret, rotated = excluded.rotated, updated = excluded.updated
            """,
            cancellationToken, ("site", record.SiteId), ("kind", record.Kind), ("tenant", record.TenantId), ("settings", record.SettingsJson),
            ("secret", record.ProtectedSecret), ("previous", record.PreviousSecret), ("rotated", record.Rotated?.ToUnixTimeMilliseconds()),
            ("updated", record.Updated.ToUnixTimeMilliseconds()));
    }

    public async Task<HomeNetworkRecord?> FindAsync(string tenantId, string siteId, string kind, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.HomeNetworkColumns} FROM site_home_networks WHERE site_id = @site AND kind = @kind AND tenant_id = @tenant",
            Rows.HomeNetwork, cancellationToken, ("site", siteId), ("kind", kind), ("tenant", tenantId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<HomeNetworkRecord?> FindBySiteAsync(string siteId, string kind, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {Rows.HomeNetworkColumns} FROM site_home_networks WHERE site_id = @site AND kind = @kind",
            Rows.HomeNetwork, cancellationToken, ("site", siteId), ("kind", kind)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<HomeNetworkRecord>> ListAsync(string kind, CancellationToken cancellationToken = default) =>
        await database.QueryAsync($"SELECT {Rows.HomeNetworkColumns} FROM site_home_networks WHERE kind = @kind ORDER BY site_id", Rows.HomeNetwork,
            cancellationToken, ("kind", kind)).ConfigureAwait(false);

    public async Task<bool> DeleteAsync(string tenantId, string siteId, string kind, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM site_home_networks WHERE site_id = @site AND kind = @kind AND tenant_id = @tenant", cancellationToken,
            ("site", siteId), ("kind", kind), ("tenant", tenantId)).ConfigureAwait(false) == 1;

    public Task<bool> TryRememberRequestAsync(string siteId, string requestId, DateTimeOffset now, DateTimeOffset forgetBefore,
        CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync("DELETE FROM wallpad_requests WHERE received < @before", cancellationToken,
                ("before", forgetBefore.ToUnixTimeMilliseconds())).ConfigureAwait(false);
            return await session.ExecuteAsync(
                "INSERT INTO wallpad_requests (site_id, request_id, received) VALUES (@site, @id, @now) ON CONFLICT DO NOTHING",
                cancellationToken, ("site", siteId), ("id", requestId), ("now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false) == 1;
        }, cancellationToken, System.Data.IsolationLevel.ReadCommitted);

    public Task ForgetRequestAsync(string siteId, string requestId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("DELETE FROM wallpad_requests WHERE site_id = @site AND request_id = @id", cancellationToken, ("site", siteId),
            ("id", requestId));
}
