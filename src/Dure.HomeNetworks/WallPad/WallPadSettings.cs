using System.Text.Json;

namespace Dure.HomeNetworks.WallPad;

/// <summary>
/// A site's wall-pad vendor server as stored (the shared secret apart): where Dure sends control requests, and the
/// vendor's home ids for Dure's homes (empty: every home of the site, under Dure's ids).
/// </summary>
public sealed record WallPadSettings(string BaseUrl, IReadOnlyDictionary<string, string> HomeMapping, double TimeoutSeconds)
{
    public string ToJson() => JsonSerializer.Serialize(this, Mqtt.HomeNetworkJson.Options);

    public static WallPadSettings FromJson(string json) => JsonSerializer.Deserialize<WallPadSettings>(json, Mqtt.HomeNetworkJson.Options)!;

    /// <summary>The vendor's id of a Dure home.</summary>
    public string VendorHomeId(string homeId) => HomeMapping.FirstOrDefault(m => m.Value == homeId).Key ?? homeId;

    /// <summary>The Dure home of a vendor's home id, when the mapping has it (or there is no mapping).</summary>
    public string? DureHomeId(string vendorHomeId) =>
        HomeMapping.Count == 0 ? vendorHomeId : HomeMapping.GetValueOrDefault(vendorHomeId);
}

/// <summary>The body of <c>PUT /v1/sites/{siteId}/wallpad</c>.</summary>
public sealed record WallPadRequest(string? BaseUrl, Dictionary<string, string>? HomeMapping, double? TimeoutSeconds)
{
    public (WallPadSettings? Settings, string? Error) Validate(double defaultTimeoutSeconds)
    {
        if (BaseUrl is not { Length: > 0 and <= 2000 } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return (null, "baseUrl is required: the vendor server's absolute http(s) URL, without a query; Dure posts to {baseUrl}/dure/v1/control");
        }

        if (TimeoutSeconds is < 0.5 or > 30)
        {
            return (null, "timeoutSeconds must be between 0.5 and 30");
        }

        var mapping = HomeMapping ?? [];
        if (mapping.Count > 10_000 || mapping.Any(m => m.Key is not { Length: > 0 and <= 128 } || string.IsNullOrWhiteSpace(m.Value)))
        {
            return (null, "homeMapping maps the vendor's home ids (1-128 characters) to Dure home ids");
        }

        if (mapping.Values.Distinct(StringComparer.Ordinal).Count() != mapping.Count)
        {
            return (null, "homeMapping names a Dure home twice");
        }

        return (new WallPadSettings(url.TrimEnd('/'), new Dictionary<string, string>(mapping, StringComparer.Ordinal),
            TimeoutSeconds ?? defaultTimeoutSeconds), null);
    }
}

/// <summary>A site's wall-pad adapter as the partner API shows it (never the secret, except once when it is created or rotated).</summary>
public sealed record WallPadView(
    string SiteId,
    string BaseUrl,
    IReadOnlyDictionary<string, string> HomeMapping,
    double TimeoutSeconds,
    IReadOnlyList<string> Homes,
    WallPadStatus Status,
    DateTimeOffset UpdatedAt,
    string? Secret = null);

/// <summary>How the adapter is doing: the homes it is attached for, its last failure and last delivered request.</summary>
public sealed record WallPadStatus(int AttachedHomes, string? LastError, DateTimeOffset? LastDeliveredAt);
