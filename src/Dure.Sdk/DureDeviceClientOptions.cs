namespace Dure.Sdk;

public sealed class DureDeviceClientOptions
{
    /// <summary>The server's base URL (http, https, ws or wss); the device path is added when missing.</summary>
    public required Uri Server { get; init; }

    /// <summary>The device token.</summary>
    public required string Token { get; init; }

    /// <summary>Acknowledge every directive as soon as it is received (all but <c>System.Error</c>, which is never queued).</summary>
    public bool AutoAcknowledge { get; init; } = true;

    /// <summary>Reconnect with exponential backoff when the connection drops.</summary>
    public bool Reconnect { get; init; } = true;

    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="DureDeviceClient.RecognizeTextAsync"/> waits for the spoken reply.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
