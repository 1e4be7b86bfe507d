using Concentus;
using Dure.Speech.Audio;

namespace Dure.Speech.Tests;

public sealed class AudioTests
{
    [Fact]
    public void Wav_files_round_trip_and_stereo_is_mixed_down()
    {
        var tone = Signals.Tone(440, TimeSpan.FromSeconds(0.5), rate: 22050);
        var read = WavFile.Read(WavFile.ToBytes(new PcmAudio(tone, 22050)));
        Assert.Equal(22050, read.SampleRate);
        Assert.Equal(tone, read.Samples);

        // A stereo file whose channels are opposite sounds is silence once mixed.
        var stereo = WavFile.ToBytes(new PcmAudio([.. tone.SelectMany(s => new[] { s, (short)-s })], 22050));
        stereo[22] = 2; // channels
        stereo[32] = 4; // block align
        var mixed = WavFile.Read(stereo);
        Assert.Equal(tone.Length, mixed.Samples.Length);
        Assert.All(mixed.Samples, s => Assert.Equal(0, s));
    }

    [Theory]
    [InlineData("not a wav file at all", "no RIFF/WAVE header")]
    [InlineData("float", "only 16-bit integer PCM")]
    [InlineData("8bit", "only 16-bit integer PCM")]
    [InlineData("nodata", "no data chunk")]
    public void Unusable_wav_files_are_rejected_with_the_reason(string kind, string reason)
    {
        var good = WavFile.ToBytes(new PcmAudio(Signals.Tone(440, TimeSpan.FromSeconds(0.1)), 16000));
        var bytes = kind switch
        {
            "float" => Patch(good, 20, 3),
            "8bit" => Patch(good, 34, 8),
            "nodata" => good[..36],
            _ => System.Text.Encoding.ASCII.GetBytes(kind),
        };

        var error = Assert.Throws<WavFormatException>(() => WavFile.Read(bytes));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resampling_keeps_a_tone_and_removes_what_the_lower_rate_cannot_carry()
    {
        var low = Signals.Tone(1000, TimeSpan.FromSeconds(1), rate: 22050);
        var high = Signals.Tone(10000, TimeSpan.FromSeconds(1), rate: 22050); // above 16 kHz's Nyquist frequency

        var kept = Resampler.Resample(low, 22050, 16000);
        var removed = Resampler.Resample(high, 22050, 16000);

        Assert.Equal(16000, kept.Length);
        Assert.True(Signals.PowerAt(kept, 1000, 16000) > 0.9, "the 1 kHz tone survives");
        Assert.InRange(Pcm16.LevelDb(kept) - Pcm16.LevelDb(low), -0.5, 0.5);
        Assert.True(Pcm16.LevelDb(removed) < Pcm16.LevelDb(high) - 30, "a 10 kHz tone would alias to 6 kHz; it is filtered out");
    }

    [Theory]
    [InlineData("pcm16", 16000, 1, null)]
    [InlineData("pcm16", 44100, 1, "16000 Hz")]
    [InlineData("pcm16", 16000, 2, "mono")]
    [InlineData("opus", 48000, 1, null)]
    [InlineData("opus", 44100, 1, "opus audio must be")]
    [InlineData("mp3", 16000, 1, "unsupported audio encoding")]
    public void Only_formats_the_recognizers_take_are_accepted(string encoding, int rate, int channels, string? problem)
    {
        var found = new AudioInputFormat(encoding, rate, channels).Problem();
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pcm16_frames_must_hold_whole_samples()
    {
        var decoder = new AudioFrameDecoder(new AudioInputFormat(AudioEncodings.Pcm16, 16000, 1));
        Assert.Equal([1, -2], decoder.Decode([1, 0, 0xFE, 0xFF]));
        Assert.Throws<AudioFrameException>(() => decoder.Decode([1, 2, 3]));
    }

    [Fact]
    public void Opus_packets_decode_to_16_kHz_and_broken_ones_are_refused()
    {
        var encoder = OpusCodecFactory.CreateEncoder(48000, 1, Concentus.Enums.OpusApplication.OPUS_APPLICATION_VOIP);
        var tone = Signals.Tone(440, TimeSpan.FromMilliseconds(20), rate: 48000);
        var packet = new byte[1000];
        var length = encoder.Encode(tone, 960, packet, packet.Length);
        var decoder = new AudioFrameDecoder(new AudioInputFormat(AudioEncodings.Opus, 48000, 1));

        var samples = decoder.Decode(packet.AsSpan(0, length));

        Assert.Equal(320, samples.Length); // 20 ms at 16 kHz
        Assert.Throws<AudioFrameException>(() => decoder.Decode([]));
        Assert.Throws<AudioFrameException>(() => decoder.Decode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
    }

    private static byte[] Patch(byte[] bytes, int offset, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[offset] = value;
        return copy;
    }
}
