using Dure.Platform.Tenancy;

namespace Dure.HomeNetworks;

/// <summary>The homes of a site, as its space tree holds them.</summary>
internal static class SiteHomes
{
    /// <summary>Whether <paramref name="homeId"/> is a home in a space of the tenant's site.</summary>
    public static async Task<bool> BelongsAsync(ISiteStore sites, string tenantId, string siteId, string homeId, CancellationToken cancellationToken) =>
        await sites.FindSpaceOfHomeAsync(homeId, cancellationToken).ConfigureAwait(false) is { } space && space.TenantId == tenantId && space.SiteId == siteId;

    public static async Task<List<string>> ListAsync(ISiteStore sites, string tenantId, string siteId, CancellationToken cancellationToken)
    {
        List<string> homes = [];
        string? after = null;
        do
        {
            var page = await sites.ListSpacesAsync(tenantId, siteId, after, 500, cancellationToken).ConfigureAwait(false);
            homes.AddRange(page.Items.Select(s => s.HomeId).OfType<string>());
            after = page.NextCursor;
        }
        while (after is not null);

        return homes;
    }
}
