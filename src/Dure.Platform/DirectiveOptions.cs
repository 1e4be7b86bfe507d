namespace Dure.Platform;

/// <summary>How long undelivered directives wait for their device (configuration section <c>Dure:Directives</c>).</summary>
public sealed class DirectiveOptions
{
    public const string Section = "Dure:Directives";

    /// <summary>A spoken reply is useless once the user has walked away.</summary>
    public TimeSpan SpeechTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A device command still makes sense after a short outage, not after a day.</summary>
    public TimeSpan ControlTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired directives of devices that stay offline are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);
}
