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

    // Directives, server to device.
    public const string SpeechSpeak = "Speech.Speak";
    public const string DeviceControl = "Device.Control";
    public const string SystemError = "System.Error";

    public static IReadOnlyList<string> Events { get; } = [TextRecognize, DeviceStateReport, SystemAck];
    public static IReadOnlyList<string> Directives { get; } = [SpeechSpeak, DeviceControl, SystemError];
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
    public const string UnsupportedFrame = "unsupported_frame";
    public const string InternalError = "internal_error";

    public static IReadOnlyList<string> All { get; } =
        [InvalidJson, InvalidMessage, UnknownMessage, MessageTooLarge, TextTooLong, UnknownDevice, UnsupportedFrame, InternalError];
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

    /// <summary>WebSocket close status the server uses when a newer connection of the same device replaces this one.</summary>
    public const int ReplacedCloseStatus = 4000;
}
