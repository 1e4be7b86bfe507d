namespace Dure.Server;

/// <summary>The server's settings, bound from the configuration section <c>Dure</c>.</summary>
public sealed class DureServerOptions
{
    public const string Section = "Dure";

    /// <summary>Where the embedded database (<c>dure.db</c>) lives.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Home files imported (upserted) at start-up, in addition to the demo home.</summary>
    public List<string> Homes { get; set; } = [];

    public DemoOptions Demo { get; set; } = new();

    /// <summary>
    /// Partner API keys to provision at start-up, by tenant id (<c>Dure:PartnerKeys:acme</c>); each replaces the
    /// tenant's previous configured key. Only their hashes are stored.
    /// </summary>
    public Dictionary<string, string> PartnerKeys { get; set; } = new(StringComparer.Ordinal);

    public OrleansPorts Orleans { get; set; } = new();
}

public sealed class DemoOptions
{
    /// <summary>Fixes the demo wall pad's token; when empty a random one is generated at each start.</summary>
    public string? DeviceToken { get; set; }

    /// <summary>Fixes the demo tenant's partner API key; when empty a random one is generated at each start.</summary>
    public string? PartnerKey { get; set; }

    /// <summary>
    /// Fixes the password of the demo tenant's console owner (<c>demo@dure.local</c>); when empty a random one is
    /// generated at each start.
    /// </summary>
    public string? ConsolePassword { get; set; }
}

/// <summary>Ports of the co-hosted Orleans silo; distinct per server so several can run on one machine.</summary>
public sealed class OrleansPorts
{
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
