using System.Net.WebSockets;
using System.Text.Json;
using Concentus;
using Concentus.Enums;
using Dure.Protocol;
using Dure.Speech.Audio;

namespace Dure.Server.Tests;

/// <summary>
/// Voice through the real server: espeak-ng speaks, the audio streams in as a device, pocketsphinx and understanding
/// turn it into <c>Device.Control</c>, and the answer comes back as audio. Bad audio ends with a clear error.
/// </summary>
public sealed class VoiceTests(VoiceLab lab) : IClassFixture<VoiceLab>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 100 ms frames, 20 ms apart: five times faster than real time, in real-time-sized chunks.
    private const int FrameBytes = 3200;
    private static readonly TimeSpan FramePause = TimeSpan.FromMilliseconds(20);

    /// <summary>What each command must make the gateway do: device, action and a parameter when there is one.</summary>
    public static readonly (string Said, string Device, string Action, string? Param, int? Value)[] Commands =
    [
        ("turn off the kitchen light", "light.kitchen", "turn_off", null, null),
        ("turn on the living room lamp", "light.living_room_lamp", "turn_on", null, null),
        ("switch on the bedroom fan", "fan.bedroom", "turn_on", null, null),
        ("open the garage door", "cover.garage", "open_cover", null, null),
        ("close the living room curtains", "cover.living_room_curtains", "close_cover", null, null),
        ("lock the front door", "lock.front_door", "lock", null, null),
        ("set the bedroom light to fifty percent", "light.bedroom", "turn_on", "brightness", 50),
        ("set the thermostat to twenty two degrees", "climate.thermostat", "set_temperature", "temperature", 22),
        ("turn off the bedroom fan", "fan.bedroom", "turn_off", null, null),
        ("close the garage door", "cover.garage", "close_cover", null, null),
        ("turn on the kitchen light", "light.kitchen", "turn_on", null, null),
        ("unlock the front door", "lock.front_door", "unlock", null, null),
    ];

    [Fact]
    public async Task Spoken_commands_become_device_controls_and_spoken_answers_at_a_reported_recognition_rate()
    {
        await using var hub = await ConnectHubAsync();
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        List<string> report = [];
        var recognized = 0;
        var partials = 0;
        foreach (var command in Commands)
        {
            var turn = await VoiceTurnAsync(speaker, await VoiceLab.SpeakAsync(command.Said, Ct));
            partials += turn.Messages.Count(m => RawDevice.Name(m) == MessageNames.SpeechTranscript && !RawDevice.Payload(m).GetProperty("final").GetBoolean());

            // The server ended the stream itself: the audio had a second of silence after the words.
            Assert.Contains(turn.Messages, m => RawDevice.Name(m) == MessageNames.SpeechStopCapture &&
                RawDevice.Payload(m).GetProperty("reason").GetString() == "endpoint");
            if (turn.Speak is not { } speak)
            {
                // Not recognized at all (speech_not_recognized): a miss of the rate, like a wrong command.
                report.Add($"MISS \"{command.Said}\" answered {turn.Error}");
                continue;
            }

            AssertSpokenAudio(speaker, speak, "en");

            var control = await ControlAsync(hub, command.Device);
            if (control is null && turn.Messages.Any(m => RawDevice.Name(m) == MessageNames.SpeechExpectSpeech))
            {
                // A risky action (unlocking) is confirmed first: the user says yes, by voice too.
                var confirmation = await VoiceTurnAsync(speaker, await VoiceLab.SpeakAsync("yes", Ct));
                Assert.NotNull(confirmation.Speak);
                control = await ControlAsync(hub, command.Device);
            }

            var correct = control is { } c && RawDevice.Payload(c).GetProperty("action").GetString() == command.Action &&
                (command.Param is null || (RawDevice.Payload(c).GetProperty("params").TryGetProperty(command.Param, out var value) &&
                    value.GetInt32() == command.Value));
            recognized += correct ? 1 : 0;
            report.Add($"{(correct ? "ok " : "MISS")} \"{command.Said}\" heard \"{turn.Transcript}\" → {(control is { } d ? RawDevice.Payload(d).GetRawText() : "no control")}");
        }

        var rate = (double)recognized / Commands.Length;
        var summary = $"Voice recognition rate: {recognized}/{Commands.Length} = {rate:P0} (espeak-ng en-us → pocketsphinx grammar → Device.Control)";
        TestContext.Current.SendDiagnosticMessage(summary);
        Console.WriteLine(summary + "\n" + string.Join('\n', report));
        Assert.True(rate >= 0.8, summary + "\n" + string.Join('\n', report));
        Assert.True(partials > 0, "partial transcripts arrive while the user speaks");
    }

    [Fact]
    public async Task A_device_that_stops_capturing_itself_gets_the_transcript_and_the_answer()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        var turn = await VoiceTurnAsync(speaker, await VoiceLab.SpeakAsync("what time is it", Ct, silenceAfter: 0.1), stopCapture: true);

        Assert.DoesNotContain(turn.Messages, m => RawDevice.Name(m) == MessageNames.SpeechStopCapture);

        // The final transcript came, and it asks the time ("what time" and "what time is it" both do: the recognizer may
        // lose espeak's faint "is it" without the silence an endpointed stream has).
        Assert.StartsWith("what time", turn.Transcript, StringComparison.Ordinal);
        var speak = Present(turn.Speak);
        Assert.Contains("It's", RawDevice.Payload(speak).GetProperty("text").GetString(), StringComparison.Ordinal);
        AssertSpokenAudio(speaker, speak, "en");
    }

    [Fact]
    public async Task Frames_still_arriving_after_the_server_ended_the_stream_are_dropped_without_error()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        // Two seconds of silence after the words: the server ends the stream after half a second of it.
        var id = await speaker.RecognizeSpeechAsync(Ct);
        await speaker.StreamAsync(await VoiceLab.SpeakAsync("what time is it", Ct, silenceAfter: 2), Ct, FrameBytes, FramePause);
        var text = await speaker.SayAsync("what time is it", Ct, lang: "en");
        List<JsonElement> received = [];
        bool Answered(string replyTo) => received.Any(m => RawDevice.Name(m) is MessageNames.SpeechSpeak or MessageNames.SystemError &&
            m.TryGetProperty("replyTo", out var r) && r.GetString() == replyTo);
        while (!Answered(id) || !Answered(text))
        {
            received.Add(await speaker.ReceiveAsync(_ => true, Ct));
        }

        Assert.Contains(received, m => RawDevice.Name(m) == MessageNames.SpeechStopCapture && m.GetProperty("replyTo").GetString() == id);
        Assert.Contains(received, m => RawDevice.Name(m) == MessageNames.SpeechSpeak && m.GetProperty("replyTo").GetString() == id);
        Assert.DoesNotContain(received, m => RawDevice.Name(m) == MessageNames.SystemError);
    }

    [Fact]
    public async Task Opus_packets_are_recognized_like_pcm()
    {
        await using var hub = await ConnectHubAsync();
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        var pcm = Pcm16.FromBytes(await VoiceLab.SpeakAsync("turn on the kitchen light", Ct));
        var encoder = OpusCodecFactory.CreateEncoder(16000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.Bitrate = 32000;

        var id = await speaker.RecognizeSpeechAsync(Ct, format: "opus", sampleRate: 16000);
        var packet = new byte[1500];
        for (var offset = 0; offset + 320 <= pcm.Length; offset += 320) // 20 ms packets
        {
            var length = encoder.Encode(pcm.AsSpan(offset, 320), 320, packet, packet.Length);
            await speaker.SendBytesAsync(packet.AsMemory(0, length), WebSocketMessageType.Binary, true, Ct);
        }

        var turn = await CollectAsync(speaker, id);
        Assert.True(turn.Speak.HasValue, $"no answer: {turn.Error}");
        var control = await ControlAsync(hub, "light.kitchen", "turn_on");
        Assert.True(control.HasValue, $"heard \"{turn.Transcript}\", answered {RawDevice.Payload(turn.Speak!.Value).GetProperty("text")}");
        Assert.Equal("turn_on", RawDevice.Payload(control.Value).GetProperty("action").GetString());
    }

    [Fact]
    public async Task Korean_text_is_answered_with_Korean_audio_from_espeak()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        var envelope = Payloads.Event(MessageNames.TextRecognize, new TextRecognize("거실 불 켜줘", "ko", ReplyAudio: true), ProtocolJson.Default.TextRecognize);

        await speaker.SendAsync(envelope, Ct);

        var speak = await speaker.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: envelope.Id);
        Assert.Equal("ko", RawDevice.Payload(speak).GetProperty("lang").GetString());
        Assert.Contains("켰어요", RawDevice.Payload(speak).GetProperty("text").GetString(), StringComparison.Ordinal);
        var audio = AssertSpokenAudio(speaker, speak, "ko");
        Assert.True(audio.Duration.TotalSeconds > 1.2, $"a Korean sentence, not a beep: {audio.Duration}");
    }

    [Fact]
    public async Task Korean_speech_without_a_Whisper_model_is_unavailable_and_says_which_setting_to_make()
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        var id = await speaker.RecognizeSpeechAsync(Ct, lang: "ko");

        var error = await speaker.ReceiveAsync(MessageNames.SystemError, Ct, replyTo: id);
        Assert.Equal(ErrorCodes.SpeechUnavailable, RawDevice.Payload(error).GetProperty("code").GetString());
        Assert.Contains("Dure:Speech:Whisper:ModelPath", RawDevice.Payload(error).GetProperty("message").GetString(), StringComparison.Ordinal);
        await speaker.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task A_new_recognize_while_the_answer_plays_stops_playback_and_replaces_the_open_stream()
    {
        await using var hub = await ConnectHubAsync();
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        var ask = Payloads.Event(MessageNames.TextRecognize, new TextRecognize("what time is it", "en", ReplyAudio: true), ProtocolJson.Default.TextRecognize);
        await speaker.SendAsync(ask, Ct);
        var answer = await speaker.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: ask.Id);
        Assert.NotEmpty(speaker.AudioOf(answer));

        // The user speaks over the answer: the device is told to stop playing it.
        var first = await speaker.RecognizeSpeechAsync(Ct);
        var stop = await speaker.ReceiveAsync(MessageNames.SpeechStopPlayback, Ct, replyTo: first);
        Assert.Equal("barge_in", RawDevice.Payload(stop).GetProperty("reason").GetString());

        // Half a command, then a new stream: only the second is answered.
        var half = await VoiceLab.SpeakAsync("turn off the bedroom fan", Ct, silenceAfter: 0);
        await speaker.StreamAsync(half.AsMemory(0, half.Length / 2 & ~1), Ct, FrameBytes);
        var second = await speaker.RecognizeSpeechAsync(Ct);
        await speaker.StreamAsync(await VoiceLab.SpeakAsync("turn on the kitchen light", Ct), Ct, FrameBytes, FramePause);
        var turn = await CollectAsync(speaker, second);

        Assert.NotNull(turn.Speak);
        var control = await ControlAsync(hub, "light.kitchen", "turn_on");
        Assert.True(control.HasValue, $"heard \"{turn.Transcript}\", answered {RawDevice.Payload(turn.Speak!.Value).GetProperty("text")}");
        Assert.Equal("turn_on", RawDevice.Payload(control.Value).GetProperty("action").GetString());
        var late = await speaker.DrainAsync(TimeSpan.FromMilliseconds(500), Ct);
        Assert.DoesNotContain(late, m => m.TryGetProperty("replyTo", out var r) && r.GetString() == first && RawDevice.Name(m) != MessageNames.SpeechStopPlayback);
    }

    public static TheoryData<string> BadStreams => ["wrong_rate", "odd_bytes", "silence", "noise", "stalled"];

    [Theory]
    [MemberData(nameof(BadStreams))]
    public async Task Bad_audio_ends_with_a_clear_error_and_the_connection_keeps_working(string kind)
    {
        await using var speaker = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        var (code, reason) = kind switch
        {
            "wrong_rate" => (ErrorCodes.UnsupportedAudioFormat, null),
            "odd_bytes" => (ErrorCodes.InvalidAudioFrame, "error"),
            "silence" => (ErrorCodes.NoSpeech, "no_speech"),
            "noise" => (ErrorCodes.UtteranceTooLong, "too_long"),
            _ => (ErrorCodes.AudioTimeout, (string?)"timeout"),
        };

        var id = await speaker.RecognizeSpeechAsync(Ct, sampleRate: kind == "wrong_rate" ? 44100 : null);
        switch (kind)
        {
            case "odd_bytes":
                await speaker.SendBytesAsync(new byte[3201], WebSocketMessageType.Binary, true, Ct);
                break;
            case "silence":
                await speaker.StreamAsync(new byte[16000 * 2 * 6], Ct, FrameBytes); // six seconds of digital silence
                break;
            case "noise":
                var random = new Random(5);
                var noise = Pcm16.ToBytes([.. Enumerable.Range(0, 16000 * 60).Select(_ => (short)random.Next(-12000, 12000))]);
                await speaker.StreamAsync(noise, Ct, 32000); // a minute of loud noise, one second per frame
                break;
            case "stalled":
                await speaker.StreamAsync(new byte[3200], Ct, FrameBytes); // 100 ms, then nothing
                break;
        }

        var error = await speaker.ReceiveAsync(MessageNames.SystemError, Ct, replyTo: id);
        Assert.Equal(code, RawDevice.Payload(error).GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(RawDevice.Payload(error).GetProperty("message").GetString()));
        if (reason is not null)
        {
            var all = await speaker.DrainAsync(TimeSpan.FromMilliseconds(200), Ct);
            _ = all; // the StopCapture came before the error; RawDevice has checked every message against its schema
        }

        await speaker.AssertStillAnswersAsync(Ct);
        var again = await VoiceTurnAsync(speaker, await VoiceLab.SpeakAsync("what time is it", Ct));
        Assert.NotNull(again.Speak);
        Assert.False(lab.Server.HasExited);
    }

    private static JsonElement Present(JsonElement? message)
    {
        Assert.True(message.HasValue, "the message did not arrive");
        return message.Value;
    }

    private static PcmAudio AssertSpokenAudio(RawDevice device, JsonElement speak, string language)
    {
        var format = RawDevice.Payload(speak).GetProperty("audio");
        Assert.Equal("pcm16", format.GetProperty("format").GetString());
        var bytes = device.AudioOf(speak);
        Assert.Equal(format.GetProperty("bytes").GetInt32(), bytes.Length);
        var audio = new PcmAudio(Pcm16.FromBytes(bytes), format.GetProperty("sampleRate").GetInt32());
        Assert.True(audio.Duration.TotalSeconds > 0.5, $"{language} answer of {audio.Duration}");
        Assert.True(Pcm16.LevelDb(audio.Samples) > -35, $"{language} answer is speech, not silence ({Pcm16.LevelDb(audio.Samples):0.0} dBFS)");
        return audio;
    }

    private sealed record Turn(List<JsonElement> Messages, JsonElement? Speak, string? Transcript, string? Error);

    private static async Task<Turn> VoiceTurnAsync(RawDevice device, byte[] pcm, bool stopCapture = false)
    {
        var id = await device.RecognizeSpeechAsync(Ct);
        await device.StreamAsync(pcm, Ct, FrameBytes, FramePause);
        if (stopCapture)
        {
            await device.SendAsync(Payloads.Event(MessageNames.SpeechStopCapture, new SpeechStopCapture(), ProtocolJson.Default.SpeechStopCapture), Ct);
        }

        return await CollectAsync(device, id);
    }

    /// <summary>Everything that replies to the stream, up to its answer or its error.</summary>
    private static async Task<Turn> CollectAsync(RawDevice device, string id)
    {
        List<JsonElement> messages = [];
        while (true)
        {
            var message = await device.ReceiveAsync(m => m.TryGetProperty("replyTo", out var r) && r.GetString() == id, Ct);
            messages.Add(message);
            var name = RawDevice.Name(message);
            if (name is MessageNames.SpeechSpeak or MessageNames.SystemError)
            {
                var transcript = messages.LastOrDefault(m => RawDevice.Name(m) == MessageNames.SpeechTranscript && RawDevice.Payload(m).GetProperty("final").GetBoolean());
                return new Turn(messages, name == MessageNames.SpeechSpeak ? message : null,
                    transcript.ValueKind == JsonValueKind.Object ? RawDevice.Payload(transcript).GetProperty("text").GetString() : null,
                    name == MessageNames.SystemError ? RawDevice.Payload(message).GetProperty("code").GetString() : null);
            }
        }
    }

    /// <summary>
    /// The gateway, connected, with the commands an earlier test left unacknowledged taken and acknowledged: the server
    /// hands them to every new connection until they are, and one would pass for this test's command.
    /// </summary>
    private async Task<RawDevice> ConnectHubAsync()
    {
        var hub = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.Tokens["hub"], Ct);
        foreach (var leftover in await hub.DrainAsync(TimeSpan.FromMilliseconds(500), Ct))
        {
            if (RawDevice.Name(leftover) == MessageNames.DeviceControl)
            {
                await hub.AckAsync(leftover.GetProperty("id").GetString()!, Ct);
            }
        }

        return hub;
    }

    /// <summary>The next <c>Device.Control</c> for <paramref name="device"/> at the gateway, acknowledged; null when none comes.</summary>
    /// <param name="action">When given, other commands for the device are skipped.</param>
    private static async Task<JsonElement?> ControlAsync(RawDevice hub, string device, string? action = null)
    {
        JsonElement control;
        try
        {
            control = await hub.ReceiveAsync(m => RawDevice.Name(m) == MessageNames.DeviceControl &&
                RawDevice.Payload(m).GetProperty("device").GetString() == device &&
                (action is null || RawDevice.Payload(m).GetProperty("action").GetString() == action), Ct, TimeSpan.FromSeconds(3));
        }
        catch (TimeoutException)
        {
            return null;
        }

        await hub.AckAsync(control.GetProperty("id").GetString()!, Ct);
        return control;
    }
}
