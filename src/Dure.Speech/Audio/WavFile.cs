using System.Buffers.Binary;
using System.Text;

namespace Dure.Speech.Audio;

/// <summary>Mono PCM16 audio at a sample rate, as read from or written to a RIFF/WAVE file.</summary>
public sealed record PcmAudio(short[] Samples, int SampleRate)
{
    public TimeSpan Duration => Pcm16.Duration(Samples.Length, SampleRate);

    /// <summary>The same audio at <paramref name="rate"/>.</summary>
    public PcmAudio At(int rate) => rate == SampleRate ? this : new PcmAudio(Resampler.Resample(Samples, SampleRate, rate), rate);
}

/// <summary>A WAV file that cannot be used: not RIFF/WAVE, not PCM, truncated.</summary>
public sealed class WavFormatException(string message) : Exception(message)
{
    public WavFormatException() : this("not a usable WAV file") { }

    public WavFormatException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>Reads and writes WAV files: 16-bit integer PCM, any sample rate, mono or more channels (mixed down to mono).</summary>
public static class WavFile
{
    public static PcmAudio Read(string path) => Read(File.ReadAllBytes(path));

    public static PcmAudio Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("not a WAV file (no RIFF/WAVE header)");
        }

        int? channels = null, rate = null, bits = null, format = null;
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = Encoding.ASCII.GetString(file.Slice(offset, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file[(offset + 4)..]);
            var body = offset + 8;
            if (id == "fmt ")
            {
                if (size < 16 || body + 16 > file.Length)
                {
                    throw new WavFormatException("the WAV format chunk is truncated");
                }

                format = BinaryPrimitives.ReadUInt16LittleEndian(file[body..]);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(file[(body + 2)..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(file[(body + 4)..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(file[(body + 14)..]);
                if (format == 0xFFFE && size >= 40 && body + 26 <= file.Length)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(file[(body + 24)..]); // WAVE_FORMAT_EXTENSIBLE's sub-format
                }
            }
            else if (id == "data")
            {
                if (format is null)
                {
                    throw new WavFormatException("the WAV data chunk comes before its format chunk");
                }

                if (format != 1 || bits != 16)
                {
                    throw new WavFormatException($"only 16-bit integer PCM WAV is supported (this file: format {format}, {bits} bits)");
                }

                if (channels is not (>= 1 and <= 8) || rate is not (>= 8000 and <= 192000))
                {
                    throw new WavFormatException($"unsupported WAV layout: {channels} channels at {rate} Hz");
                }

                // Players stream WAV files whose data size is unknown (0 or 0xFFFFFFFF): read to the end then.
                var length = size == 0 || size > file.Length - body ? file.Length - body : (int)size;
                var frameBytes = 2 * channels.Value;
                length -= length % frameBytes;
                return new PcmAudio(MixDown(file.Slice(body, length), channels.Value), rate.Value);
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        throw new WavFormatException(format is null ? "the WAV file has no format chunk" : "the WAV file has no data chunk");
    }

    private static short[] MixDown(ReadOnlySpan<byte> data, int channels)
    {
        var frames = data.Length / (2 * channels);
        var samples = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(data[(2 * (i * channels + c))..]);
            }

            samples[i] = (short)(sum / channels);
        }

        return samples;
    }

    public static void Write(string path, PcmAudio audio) => File.WriteAllBytes(path, ToBytes(audio));

    public static byte[] ToBytes(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var data = audio.Samples.Length * 2;
        var file = new byte[44 + data];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + data));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(audio.SampleRate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)data);
        Pcm16.ToBytes(audio.Samples).CopyTo(span[44..]);
        return file;
    }
}
