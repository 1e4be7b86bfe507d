using Dure.Protocol;
using Dure.Sdk;
using Dure.Speech.Audio;

namespace Dure.Cli.Commands;

/// <summary>Sends a WAV file as a device's speech and prints what Dure heard and answered.</summary>
internal static class SpeechInput
{
    /// <summary>The file as 16 kHz mono PCM16 bytes; other rates are resampled, stereo mixed down. Throws <see cref="WavFormatException"/>.</summary>
    public static byte[] Load(string path)
    {
        var audio = WavFile.Read(path).At(ProtocolLimits.SpeechSampleRate);
        if (audio.Samples.Length == 0)
        {
            throw new WavFormatException("the WAV file holds no audio");
        }

        return Pcm16.ToBytes(audio.Samples);
    }

    public static async Task<VoiceReply> SendAsync(DureDeviceClient client, byte[] pcm, string? lang, bool realTime, CancellationToken cancellationToken) =>
        await client.RecognizeSpeechAsync(AudioFrames.FromPcm16(pcm, 100, realTime, cancellationToken), new VoiceOptions { Lang = lang },
            cancellationToken);

    /// <summary>Writes the answer's audio as a WAV file.</summary>
    public static void SaveReply(SpokenReply reply, string path)
    {
        if (reply.Speech.Audio is not { } format || reply.Audio.IsEmpty)
        {
            throw new InvalidOperationException("the answer came without audio");
        }

        WavFile.Write(path, new PcmAudio(Pcm16.FromBytes(reply.Audio.Span), format.SampleRate));
    }
}
