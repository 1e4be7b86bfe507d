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

    /// <summary>Opens an audio stream: binary frames that follow are the user speaking.</summary>
    public const string SpeechRecognize = "Speech.Recognize";

    /// <summary>
    /// The end of an audio stream: sent by the device when it stops capturing, and by the server (as a directive)
    /// when its endpointing ended the stream.
    /// </summary>
    public const string SpeechStopCapture = "Speech.StopCapture";

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

    /// <summary>What the server heard so far (partial) or in the end (final) of an audio stream.</summary>
    public const string SpeechTranscript = "Speech.Transcript";

    /// <summary>A sentence of a reply still being written (the device asked for <c>streamReply</c>); the whole <c>Speech.Speak</c> follows.</summary>
    public const string SpeechSpeakPart = "Speech.SpeakPart";

    /// <summary>Barge-in: the user spoke again, stop playing the answer.</summary>
    public const string SpeechStopPlayback = "Speech.StopPlayback";

    public static IReadOnlyList<string> Events { get; } =
        [TextRecognize, DeviceStateReport, SystemAck, HomeEvent, SpeechRecognize, SpeechStopCapture];

    public static IReadOnlyList<string> Directives { get; } =
    [
        SpeechSpeak, DeviceControl, SystemError, SpeechExpectSpeech, AlertStart, NavigationStart, NavigationStop, PhoneCall, PhoneSendMessage,
        SystemArbitrated, SpeechTranscript, SpeechStopCapture, SpeechStopPlayback, SpeechSpeakPart,
    ];

    /// <summary>Directives the server sends straight to the connection: not queued, redelivered or acknowledged.</summary>
    public static IReadOnlyList<string> Ephemeral { get; } = [SystemError, SpeechTranscript, SpeechStopCapture, SpeechStopPlayback, SpeechSpeakPart];
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
    public const string InternalError = "internal_error";

    /// <summary>The device sent more events than its budget allows; <c>retryAfterMs</c> says when the next one is taken.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary><c>Speech.Recognize</c> declared an encoding, sample rate or channel count the server does not take.</summary>
    public const string UnsupportedAudioFormat = "unsupported_audio_format";

    /// <summary>A binary frame that is not audio of the declared format (an odd byte count for PCM16, a broken Opus packet).</summary>
    public const string InvalidAudioFrame = "invalid_audio_frame";

    /// <summary>A binary frame or <c>Speech.StopCapture</c> with no audio stream open.</summary>
    public const string NoAudioStream = "no_audio_stream";

    /// <summary>The stream held no speech before the no-speech timeout.</summary>
    public const string NoSpeech = "no_speech";

    /// <summary>Speech went on past the longest utterance (a stuck microphone, a minute of noise).</summary>
    public const string UtteranceTooLong = "utterance_too_long";

    /// <summary>The device stopped sending audio without ending the stream.</summary>
    public const string AudioTimeout = "audio_timeout";

    /// <summary>Speech was heard but nothing Dure understands could be made of it.</summary>
    public const string SpeechNotRecognized = "speech_not_recognized";

    /// <summary>No recognizer can take this language here (e.g. Korean without a configured Whisper model).</summary>
    public const string SpeechUnavailable = "speech_unavailable";

    public static IReadOnlyList<string> All { get; } =
    [
        InvalidJson, InvalidMessage, UnknownMessage, MessageTooLarge, TextTooLong, UnknownDevice, NotAllowed, InternalError,
        UnsupportedAudioFormat, InvalidAudioFrame, NoAudioStream, NoSpeech, UtteranceTooLong, AudioTimeout, SpeechNotRecognized, SpeechUnavailable,
        RateLimited,
    ];
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

    /// <summary>The sample rate of PCM16 audio streamed for recognition.</summary>
    public const int SpeechSampleRate = 16000;

    /// <summary>Largest binary frame of reply audio the server sends.</summary>
    public const int AudioChunkBytes = 16 * 1024;

    /// <summary>WebSocket close status the server uses when a newer connection of the same device replaces this one.</summary>
    public const int ReplacedCloseStatus = 4000;

    /// <summary>WebSocket close status when the device's token was rotated or revoked: reconnecting needs the new token.</summary>
    public const int RevokedCloseStatus = 4001;
}
