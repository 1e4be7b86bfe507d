using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Dure.Speech.Audio;

/// <summary>16-bit signed little-endian PCM, the samples every engine here takes and gives.</summary>
public static class Pcm16
{
    /// <summary>The sample rate of audio streamed into recognition, and what the recognizers decode.</summary>
    public const int RecognitionRate = 16000;

    /// <summary>Samples of little-endian PCM16 bytes; the byte count must be even.</summary>
    public static short[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new ArgumentException("PCM16 audio has an even number of bytes", nameof(bytes));
        }

        var samples = new short[bytes.Length / 2];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(samples.AsSpan()));
        }
        else
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
            }
        }

        return samples;
    }

    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return bytes;
    }

    /// <summary>Samples scaled to [-1, 1), as Whisper takes them.</summary>
    public static float[] ToFloat(ReadOnlySpan<short> samples)
    {
        var floats = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            floats[i] = samples[i] / 32768f;
        }

        return floats;
    }

    /// <summary>Root-mean-square level in dB relative to full scale; silence is about -96.</summary>
    public static double LevelDb(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return -96;
        }

        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        var rms = Math.Sqrt(sum / samples.Length) / 32768.0;
        return rms <= 1.6e-5 ? -96 : 20 * Math.Log10(rms);
    }

    public static TimeSpan Duration(int samples, int sampleRate) => TimeSpan.FromSeconds((double)samples / sampleRate);
}
