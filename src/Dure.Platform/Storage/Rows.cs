using System.Data.Common;
using System.Text.Json;
using Dure.Platform.Alliance;
using Dure.Platform.PartnerSkills;
using Dure.Platform.Provisioning;
using Dure.Platform.Tenancy;
using Dure.Skills.CustomSkills;
using Dure.Skills.Services;

namespace Dure.Platform.Storage;

/// <summary>
/// Rows to records, shared by the SQLite and PostgreSQL stores: both keep the same columns with the same types (times as
/// Unix milliseconds), and each query selects them in the order of the mapping's column list.
/// </summary>
internal static class Rows
{
    public const string UserColumns = "id, tenant_id, email, name, role, created";
    public const string SiteColumns = "id, tenant_id, name, kind, created";
    public const string SpaceColumns = "id, tenant_id, site_id, parent_id, kind, name, home_id, created";
    public const string TicketColumns = "id, home_id, device_id, kind, item, quantity, language, status, created, accepted, completed";
    public const string ScheduleColumns =
        "id, kind, device_id, due, announcement, language, label, message, length_ms, paused_remaining_ms, area_id, command";
    public const string HomeNetworkColumns = "site_id, kind, tenant_id, settings, secret, previous_secret, rotated, updated";
    public const string OutboxColumns = "directive_id, name, reply_to, payload, created, expires";
    public const string AgentColumns = "a.id, a.tenant_id, a.name, a.protocol, a.url, a.token, a.created";
    public const string RouteColumns = "r.id, r.tenant_id, r.agent_id, r.match, r.value, r.priority, r.created";
    public const string SkillColumns =
        "id, tenant_id, name, invocation_names, interaction_model, webhook_url, model_status, model_trained, model_error, created, updated, backend";
    public const string EnabledSkillColumns = """
        sp.site_id, s.id, s.tenant_id, s.name, s.invocation_names, s.interaction_model, s.webhook_url, s.secret, s.previous_secret,
            s.previous_secret_until, s.model_version, s.model_status, s.updated, s.backend
        """;
    public const string DeviceClientColumns = "id, tenant_id, name, created";
    public const string DeviceCodeColumns = "user_code, client_id, tenant_id, status, created, expires, home_id, device_id";
    public const string TurnColumns = "seq, id, at, tenant_id, site_id, home_id, device_id, text, lang, intent, reply, latency_us, error, scheduled";

    public static readonly JsonSerializerOptions SkillJson = new(JsonSerializerDefaults.Web);

    public static DateTimeOffset Time(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? OptionalTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static UserRecord User(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Time(reader, 5));

    public static SiteRecord Site(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Time(reader, 4));

    public static SpaceRecord Space(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), reader.GetString(4), reader.GetString(5),
            Text(reader, 6), Time(reader, 7));

    public static StoredTicket Ticket(DbDataReader reader) =>
        new(new Ticket(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(reader, 4), reader.GetInt32(5),
                reader.GetString(6), TicketStatuses.Parse(reader.GetString(7))!.Value, Time(reader, 8)),
            OptionalTime(reader, 9), OptionalTime(reader, 10));

    public static Scheduled Schedule(DbDataReader reader) =>
        new(reader.GetString(0), ScheduleKinds.Parse(reader.GetString(1)), reader.GetString(2), Time(reader, 3), reader.GetString(4),
            reader.GetString(5))
        {
            Label = Text(reader, 6),
            Message = Text(reader, 7),
            Length = reader.IsDBNull(8) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(8)),
            PausedRemaining = reader.IsDBNull(9) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(9)),
            AreaId = Text(reader, 10),
            Command = Text(reader, 11),
        };

    public static long? Millis(TimeSpan? span) => span is { } value ? (long)value.TotalMilliseconds : null;

    public static HomeNetworkRecord HomeNetwork(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(reader, 4), Text(reader, 5),
            OptionalTime(reader, 6), Time(reader, 7));

    public static OutboxEntry Outbox(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), Text(reader, 2), reader.GetString(3), Time(reader, 4), Time(reader, 5));

    public static AllianceAgentRecord Agent(DbDataReader reader, int at) => new(reader.GetString(at), reader.GetString(at + 1),
        reader.GetString(at + 2), reader.GetString(at + 3), reader.GetString(at + 4), !reader.IsDBNull(at + 5), Time(reader, at + 6));

    public static AllianceRouteRecord Route(DbDataReader reader, int at) => new(reader.GetString(at), reader.GetString(at + 1),
        reader.GetString(at + 2), reader.GetString(at + 3), Text(reader, at + 4), reader.GetInt32(at + 5), Time(reader, at + 6));

    public static SkillRecord Skill(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        JsonSerializer.Deserialize<LocalizedWords>(reader.GetString(3), SkillJson)!,
        JsonSerializer.Deserialize<InteractionModel>(reader.GetString(4), SkillJson)!,
        reader.GetString(5),
        new SkillModelState(reader.GetString(6), OptionalTime(reader, 7), Text(reader, 8)),
        Time(reader, 9),
        Time(reader, 10),
        Mcp(Text(reader, 11)));

    /// <summary>A row of <see cref="EnabledSkillColumns"/> without its first column (the site).</summary>
    public static EnabledSkillRow EnabledSkill(DbDataReader reader) =>
        new(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
            reader.GetString(7), Text(reader, 8), OptionalTime(reader, 9), reader.GetInt32(10), reader.GetString(11), Time(reader, 12),
            Mcp(Text(reader, 13)));

    /// <summary>The <c>skills.backend</c> column of a skill served by an MCP server (null for a webhook skill).</summary>
    public static string? Backend(McpBackendRecord? mcp) =>
        mcp is null ? null : JsonSerializer.Serialize(new StoredBackend(McpBackendRecord.Kind, mcp), SkillJson);

    private static McpBackendRecord? Mcp(string? backend) =>
        backend is null ? null : JsonSerializer.Deserialize<StoredBackend>(backend, SkillJson) is { Kind: McpBackendRecord.Kind, Mcp: { } mcp } ? mcp : null;

    /// <summary>The <c>backend</c> column: its kind, so that other kinds can be added beside <c>mcp</c>.</summary>
    private sealed record StoredBackend(string Kind, McpBackendRecord? Mcp);

    public static DeviceClientRecord DeviceClient(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader, 3));

    public static DeviceCodeRecord DeviceCode(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Time(reader, 4), Time(reader, 5),
            Text(reader, 6), Text(reader, 7));

    public static (long Seq, Conversations.TurnRecord Record) Turn(DbDataReader reader) =>
        (reader.GetInt64(0), new Conversations.TurnRecord(reader.GetString(1), Time(reader, 2), reader.GetString(3), Text(reader, 4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), Text(reader, 8), Text(reader, 9), Text(reader, 10),
            reader.GetInt64(11) / 1000.0, Text(reader, 12), reader.GetInt64(13) != 0));

    public static MeterReading Reading(DbDataReader reader) =>
        new(reader.GetString(0), Time(reader, 1), reader.GetDouble(2), reader.GetString(3));

    public static Notice Notice(DbDataReader reader) =>
        new(reader.GetString(0), Time(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4));

    public static string[] Scopes(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s == "*" ? Tenancy.Scopes.Admin : s)];

    /// <summary>A page from <paramref name="rows"/> read with <c>LIMIT limit + 1</c>: the extra row says there is more.</summary>
    public static Page<T> Paged<T>(List<T> rows, int limit, Func<T, string> cursor) =>
        rows.Count > limit ? new Page<T>(rows[..limit], cursor(rows[limit - 1])) : new Page<T>(rows, null);
}

/// <summary>The storage and API names of <see cref="TicketStatus"/>.</summary>
public static class TicketStatuses
{
    public static string Name(TicketStatus status) => status switch
    {
        TicketStatus.Open => "open",
        TicketStatus.Accepted => "accepted",
        TicketStatus.Completed => "completed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown ticket status"),
    };

    public static TicketStatus? Parse(string name) => name switch
    {
        "open" => TicketStatus.Open,
        "accepted" => TicketStatus.Accepted,
        "completed" => TicketStatus.Completed,
        _ => null,
    };
}
