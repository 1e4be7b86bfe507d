namespace Dure.Platform.Tenancy;

/// <summary>
/// What a partner credential may do. <c>read</c> sees everything of its tenant; <c>provisioning</c> also creates,
/// imports, rotates and revokes devices; <c>admin</c> does everything, users and keys included.
/// </summary>
public static class Scopes
{
    public const string Admin = "admin";
    public const string Provisioning = "provisioning";
    public const string Read = "read";

    public static IReadOnlyList<string> All { get; } = [Admin, Provisioning, Read];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether holding <paramref name="held"/> grants <paramref name="required"/>: admin grants all, provisioning grants read.</summary>
    public static bool Grants(IEnumerable<string> held, string required)
    {
        ArgumentNullException.ThrowIfNull(held);
        foreach (var scope in held)
        {
            if (scope == required || scope == Admin || (scope == Provisioning && required == Read))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A console user's role and the scopes it carries.</summary>
public static class Roles
{
    public const string Owner = "owner";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Owner, Operator, Viewer];

    public static IReadOnlyList<string> ScopesOf(string role) => role switch
    {
        Owner => [Scopes.Admin],
        Operator => [Scopes.Provisioning],
        Viewer => [Scopes.Read],
        _ => [],
    };
}
