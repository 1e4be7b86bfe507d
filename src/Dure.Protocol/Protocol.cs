namespace Dure.Protocol;

/// <summary>The two kinds of message: devices send events, the server sends directives.</summary>
public static class MessageTypes
{
    public const string Event = "event";
    public const string Directive = "directive";
}

/// <summary>Every message name of protocol v1 (docs/protocol.md).</summary>
public static class MessageNames
{
    // Events, device to server.
    public const string TextRecognize = "Text.Recognize";
    public const string DeviceStateReport = "Device.StateReport";
    public const string SystemAck = "System.Ack";

    /// <summary>Something the home network, the complex or a vehicle reports (elevator arrived, meter reading ...).</summary>
    public const string HomeEvent = "Home.Event";

    // Directives, server to device.
    public const string SpeechSpeak = "Speech.Speak";
    public const string DeviceControl = "Device.Control";
    public const string SystemError = "System.Error";

    /// <summary>The assistant asked something: open the microphone again.</summary>
    public const string SpeechExpectSpeech = "Speech.ExpectSpeech";

    /// <summary>A timer, alarm, reminder or wake-up call is due: ring.</summary>
    public const string AlertStart = "Alert.Start";

    public const string NavigationStart = "Navigation.Start";
    public const string NavigationStop = "Navigation.Stop";
    public const string PhoneCall = "Phone.Call";
    public const string PhoneSendMessage = "Phone.SendMessage";

    /// <summary>Several devices heard the same words; another one answers, this one stays quiet.</summary>
    public const string SystemArbitrated = "System.Arbitrated";

    public static IReadOnlyList<string> Events { get; } = [TextRecognize, DeviceStateReport, SystemAck, HomeEvent];

    public static IReadOnlyList<string> Directives { get; } =
    [
        SpeechSpeak, DeviceControl, SystemError, SpeechExpectSpeech, AlertStart, NavigationStart, NavigationStop, PhoneCall, PhoneSendMessage,
        SystemArbitrated,
    ];
}

/// <summary>Stable error codes carried by <c>System.Error</c>; clients may switch on them.</summary>
public static class ErrorCodes
{
    public const string InvalidJson = "invalid_json";
    public const string InvalidMessage = "invalid_message";
    public const string UnknownMessage = "unknown_message";
    public const string MessageTooLarge = "message_too_large";
    public const string TextTooLong = "text_too_long";
    public const string UnknownDevice = "unknown_device";

    /// <summary>The sender may not send this event (home-network events come from the home's gateway).</summary>
    public const string NotAllowed = "not_allowed";
    public const string UnsupportedFrame = "unsupported_frame";
    public const string InternalError = "internal_error";

    /// <summary>The device sent more events than its budget allows; <c>retryAfterMs</c> says when the next one is taken.</summary>
    public const string RateLimited = "rate_limited";

    public static IReadOnlyList<string> All { get; } =
        [InvalidJson, InvalidMessage, UnknownMessage, MessageTooLarge, TextTooLong, UnknownDevice, NotAllowed, UnsupportedFrame, InternalError, RateLimited];
}

/// <summary>Limits both sides enforce.</summary>
public static class ProtocolLimits
{
    /// <summary>Largest WebSocket message (all its frames together), in bytes.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Longest <c>Text.Recognize</c> text, in UTF-16 characters.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>The device endpoint, relative to the server's base URL.</summary>
    public const string ConnectPath = "/v1/devices/connect";

    /// <summary>How long a device listens again after <c>Speech.ExpectSpeech</c>, in milliseconds.</summary>
    public const int ExpectSpeechTimeoutMs = 8000;

    /// <summary>WebSocket close status the server uses when a newer connection of the same device replaces this one.</summary>
    public const int ReplacedCloseStatus = 4000;

    /// <summary>WebSocket close status when the device's token was rotated or revoked: reconnecting needs the new token.</summary>
    public const int RevokedCloseStatus = 4001;
}
