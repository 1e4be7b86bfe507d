using System.Globalization;
using System.Text;
using System.Text.Json;
using Dure.Platform.Conversations;
using Dure.Platform.Tenancy;

namespace Dure.Platform.Storage;

/// <summary>What both conversation logs compute alike: a batch's counts by tenant, site and UTC day, days as text, cursors.</summary>
internal static class ConversationDays
{
    public const string NoSite = "";

    public static Dictionary<(string Tenant, string Site, string Day), DailyCounts> Count(IEnumerable<TurnRecord> records)
    {
        Dictionary<(string Tenant, string Site, string Day), DailyCounts> days = [];
        foreach (var record in records.Where(r => !r.Scheduled))
        {
            var key = (record.TenantId, record.SiteId ?? NoSite, Day(record.At));
            if (!days.TryGetValue(key, out var counts))
            {
                days[key] = counts = new DailyCounts();
            }

            counts.Add(record);
        }

        return days;
    }

    public static string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(at.UtcDateTime));

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, long> Intents(string json) => JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [];

    public static string Cursor(DateTimeOffset at, long seq) => string.Create(CultureInfo.InvariantCulture, $"{at.ToUnixTimeMilliseconds()}:{seq}");

    /// <summary>
    /// The page of a conversation query, newest first by (at, seq), as SQL both databases run (parameters named with
    /// <c>@</c>); a cursor that is not one <see cref="Cursor"/> made is a <see cref="FormatException"/>.
    /// </summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) ListQuery(ConversationQuery query, string? after, int limit)
    {
        var sql = new StringBuilder($"SELECT {Rows.TurnColumns} FROM conversations WHERE tenant_id = @tenant");
        List<(string, object?)> parameters = [("@tenant", query.TenantId), ("@limit", limit + 1)];
        void Filter(string column, string comparison, string name, object? value)
        {
            sql.Append(" AND ").Append(column).Append(comparison).Append('@').Append(name);
            parameters.Add(("@" + name, value));
        }

        if (query.SiteId is { } site)
        {
            Filter("site_id", " = ", "site", site);
        }

        if (query.HomeId is { } home)
        {
            Filter("home_id", " = ", "home", home);
        }

        if (query.DeviceId is { } device)
        {
            Filter("device_id", " = ", "device", device);
        }

        if (query.From is { } from)
        {
            Filter("at", " >= ", "from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            Filter("at", " < ", "to", to.ToUnixTimeMilliseconds());
        }

        if (after is not null)
        {
            if (!TryParseCursor(after, out var at, out var seq))
            {
                throw new FormatException("not a conversation cursor");
            }

            // The next page starts below the last row of this one.
            sql.Append(" AND at <= @after_at AND (at < @after_at OR seq < @after_seq)");
            parameters.Add(("@after_at", at));
            parameters.Add(("@after_seq", seq));
        }

        sql.Append(" ORDER BY at DESC, seq DESC LIMIT @limit");
        return (sql.ToString(), [.. parameters]);
    }

    public static bool TryParseCursor(string cursor, out long at, out long seq)
    {
        at = seq = 0;
        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 &&
            long.TryParse(cursor.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out at) &&
            long.TryParse(cursor.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }
}
