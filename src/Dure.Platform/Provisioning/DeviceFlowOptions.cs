namespace Dure.Platform.Provisioning;

/// <summary>The OAuth 2.0 device authorization grant (RFC 8628), bound from the configuration section <c>Dure:DeviceFlow</c>.</summary>
public sealed class DeviceFlowOptions
{
    public const string Section = "Dure:DeviceFlow";

    /// <summary>How long a device code and its user code stay valid (<c>expires_in</c>).</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The least time a device waits between polls (<c>interval</c>); whole seconds, at least one.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The page where people enter the user code. Empty: <c>{the server's address}/console/#/activate</c>, from the request;
    /// set it when the server is reached through a proxy under another name.
    /// </summary>
    public string? VerificationUri { get; set; }

    /// <summary>The interval in whole seconds, as the protocol carries it.</summary>
    public int IntervalSeconds => Math.Max(1, (int)Math.Ceiling(Interval.TotalSeconds));
}
