using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dure.Protocol;

/// <summary>
/// The envelope every message shares: <c>{"type","name","id","replyTo"?,"payload"}</c>.
/// The payload stays raw JSON here; <see cref="Payloads"/> reads and writes the typed shapes.
/// </summary>
public sealed record Envelope
{
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required string Id { get; init; }
    public string? ReplyTo { get; init; }
    public JsonElement Payload { get; init; }

    public static string NewId() => Guid.CreateVersion7().ToString("N");
}

/// <summary>
/// <c>Text.Recognize</c>: something the user said or typed; <c>replyAudio</c> asks for the answer as audio too, and
/// <c>streamReply</c> for a long answer's sentences as <c>Speech.SpeakPart</c> while it is still being written.
/// </summary>
public sealed record TextRecognize(string Text, string? Lang = null, bool? ReplyAudio = null, bool? StreamReply = null);

/// <summary>
/// <c>Speech.Recognize</c>: opens an audio stream. <c>format</c> is <c>pcm16</c> (default; 16 kHz mono) or <c>opus</c>
/// (one packet per frame); <c>replyAudio</c> (default true) asks for the answer as audio.
/// </summary>
public sealed record SpeechRecognize(string? Format = null, int? SampleRate = null, int? Channels = null, string? Lang = null, bool? ReplyAudio = null);

/// <summary><c>Speech.StopCapture</c>: ends the audio stream (from the device) or says the server ended it (a directive).</summary>
public sealed record SpeechStopCapture(string? Reason = null);

/// <summary><c>Speech.Transcript</c>: what was heard; <c>final</c> false while the user is still speaking.</summary>
public sealed record SpeechTranscript(string Text, string Lang, bool Final);

/// <summary><c>Speech.StopPlayback</c>: stop playing the answer (the user barged in).</summary>
public sealed record SpeechStopPlayback(string Reason);

/// <summary>The audio of a <c>Speech.Speak</c>: <c>bytes</c> of it follow in binary frames, nothing else in between.</summary>
public sealed record SpeechAudio(string Format, int SampleRate, int Channels, int Bytes);

/// <summary><c>Device.StateReport</c>: a device's state changed; <c>device</c> omitted means the sender.</summary>
public sealed record DeviceStateReport(
    string State,
    [property: JsonPropertyOrder(-1)] string? Device = null, // written first, as the docs show it
    Dictionary<string, JsonElement>? Attributes = null);

/// <summary><c>System.Ack</c>: has no fields; the acknowledged directive is the envelope's <c>replyTo</c>.</summary>
public sealed record SystemAck;

/// <summary>
/// <c>Speech.Speak</c>: the assistant's reply to a <c>Text.Recognize</c> or <c>Speech.Recognize</c>, with its audio when
/// asked for. <c>parts</c>: the reply went out before as that many <c>Speech.SpeakPart</c> (the whole text is here too).
/// </summary>
public sealed record SpeechSpeak(string Text, string Lang, SpeechAudio? Audio = null, int? Parts = null);

/// <summary>
/// <c>Speech.SpeakPart</c>: one sentence of a reply that is still being written, for a device that asked for
/// <c>streamReply</c>; <c>index</c> counts from 0. The <c>Speech.Speak</c> with the whole reply follows.
/// </summary>
public sealed record SpeechSpeakPart(string Text, string Lang, int Index);

/// <summary><c>Device.Control</c>: a Home Assistant style service call for one device.</summary>
public sealed record DeviceControl(string Device, string Domain, string Action, Dictionary<string, JsonElement> Params);

/// <summary>
/// <c>System.Error</c>: the server could not handle an event; <c>code</c> is one of <see cref="ErrorCodes"/>.
/// <c>retryAfterMs</c>, given with <c>rate_limited</c>, is how long to wait before sending the event again.
/// </summary>
public sealed record SystemError(string Code, string Message, int? RetryAfterMs = null);

/// <summary>
/// <c>Home.Event</c>: something the home network reported. <c>type</c>: elevator.arrived {floor},
/// meter.reading {utility, value, unit}, parcel.arrived {carrier?, item?}, visitor.arrived {name?},
/// parking.updated {location}, vehicle.driving {driving, latitude?, longitude?}. <c>at</c> defaults to receipt time.
/// </summary>
public sealed record HomeEventReport(string Type, JsonElement? Data = null, DateTimeOffset? At = null);

/// <summary><c>Speech.ExpectSpeech</c>: listen again for up to <c>timeoutMs</c> milliseconds.</summary>
public sealed record SpeechExpectSpeech(int TimeoutMs);

/// <summary><c>Alert.Start</c>: a scheduled item is due; <c>kind</c> is timer, alarm, reminder, wake_up_call or rest_reminder.</summary>
public sealed record AlertStart(string Id, string Kind, string Text, string? Label = null);

/// <summary><c>Navigation.Start</c>: guide the driver to a destination.</summary>
public sealed record NavigationStart(string Destination, double Latitude, double Longitude, double DistanceKm, int EtaMinutes);

/// <summary><c>Navigation.Stop</c>: end the guidance.</summary>
public sealed record NavigationStop;

/// <summary><c>Phone.Call</c>: call a contact (the device looks the name up in its address book).</summary>
public sealed record PhoneCall(string Contact);

/// <summary><c>Phone.SendMessage</c>: send a text message to a contact.</summary>
public sealed record PhoneSendMessage(string Contact, string Message);

/// <summary><c>System.Arbitrated</c>: another device of the home answers the same words.</summary>
public sealed record SystemArbitrated(string AnsweredBy);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(Envelope))]
[JsonSerializable(typeof(TextRecognize))]
[JsonSerializable(typeof(DeviceStateReport))]
[JsonSerializable(typeof(SystemAck))]
[JsonSerializable(typeof(SpeechSpeak))]
[JsonSerializable(typeof(SpeechSpeakPart))]
[JsonSerializable(typeof(DeviceControl))]
[JsonSerializable(typeof(SystemError))]
[JsonSerializable(typeof(HomeEventReport))]
[JsonSerializable(typeof(SpeechExpectSpeech))]
[JsonSerializable(typeof(AlertStart))]
[JsonSerializable(typeof(NavigationStart))]
[JsonSerializable(typeof(NavigationStop))]
[JsonSerializable(typeof(PhoneCall))]
[JsonSerializable(typeof(PhoneSendMessage))]
[JsonSerializable(typeof(SystemArbitrated))]
[JsonSerializable(typeof(SpeechRecognize))]
[JsonSerializable(typeof(SpeechStopCapture))]
[JsonSerializable(typeof(SpeechTranscript))]
[JsonSerializable(typeof(SpeechStopPlayback))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
public sealed partial class ProtocolJson : JsonSerializerContext;
