namespace Dure.HomeNetworks;

/// <summary>How bridges to home networks behave, bound from <c>Dure:HomeNetworks</c>.</summary>
public sealed class HomeNetworkOptions
{
    public const string Section = "Dure:HomeNetworks";

    /// <summary>The first wait before reconnecting to a broker or retrying a vendor's server; it doubles up to <see cref="ReconnectMax"/>.</summary>
    public TimeSpan ReconnectInitial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Discovered devices are written into the home once no new discovery message came for this long.</summary>
    public TimeSpan DiscoveryQuiet { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>A burst of discovery messages is written at the latest after this long, even if more keep coming.</summary>
    public TimeSpan DiscoveryMaxDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long Dure waits for a wall-pad vendor's server to answer a control request.</summary>
    public TimeSpan WallPadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far a signed request's timestamp may be from Dure's clock (both ways), and how long request ids are remembered.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a rotation, the previous wall-pad secret still verifies the vendor's requests for this long.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(1);
}
