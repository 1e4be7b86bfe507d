using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Dure.Platform.Tenancy;
using Microsoft.AspNetCore.Http;

namespace Dure.Server.Partners;

/// <summary>A page of a listing: <c>nextCursor</c> is passed back as <c>?cursor=</c> for the next page, null at the end.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Where a listing starts and how much it returns, from <c>?limit=</c> (1–500, default 50) and <c>?cursor=</c>.</summary>
public readonly record struct Paging(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static bool TryParse(int? limit, string? cursor, out Paging paging, out IResult? problem)
    {
        paging = default;
        problem = null;
        if (limit is < 1 or > MaxLimit)
        {
            problem = Problems.Invalid($"limit must be between 1 and {MaxLimit}");
            return false;
        }

        string? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/').PadRight((cursor.Length + 3) / 4 * 4, '=')));
            }
            catch (FormatException)
            {
                problem = Problems.Invalid("cursor is not one this API returned");
                return false;
            }
        }

        paging = new Paging(limit ?? DefaultLimit, after);
        return true;
    }

    /// <summary>The page as the API returns it, items shaped by <paramref name="shape"/>.</summary>
    public static ListResponse<TOut> Response<TIn, TOut>(Page<TIn> page, Func<TIn, TOut> shape) =>
        new([.. page.Items.Select(shape)], page.NextCursor is null ? null : Secrets.Base64Url(Encoding.UTF8.GetBytes(page.NextCursor)));
}

/// <summary>Identifiers partners choose: letters, digits and <c>. _ : -</c>, at most 64, starting with a letter or digit.</summary>
public static partial class Ids
{
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string New(string prefix) => prefix + Guid.CreateVersion7().ToString("N");

    public const string Rule = "ids are 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>Records administrative changes in the tenant's audit log.</summary>
public static class Auditing
{
    public static Task Audit(this IAuditLog log, ClaimsPrincipal user, string action, string target, string? detail = null) =>
        log.AppendAsync(user.Tenant(), user.Actor(), action, target, detail, CancellationToken.None);
}
