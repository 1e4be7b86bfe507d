using Concentus;

namespace Dure.Speech.Audio;

/// <summary>Encodings a device may stream for recognition.</summary>
public static class AudioEncodings
{
    /// <summary>16-bit signed little-endian PCM; a binary frame holds a whole number of samples.</summary>
    public const string Pcm16 = "pcm16";

    /// <summary>Opus (RFC 6716): each binary frame is one Opus packet.</summary>
    public const string Opus = "opus";
}

/// <summary>The format a device declares for the audio it streams.</summary>
public sealed record AudioInputFormat(string Encoding, int SampleRate, int Channels)
{
    // Opus decodes to any of its rates; PCM must already be what the recognizers take.
    private static readonly int[] OpusRates = [8000, 12000, 16000, 24000, 48000];

    /// <summary>Why the format is not accepted, or null when it is.</summary>
    public string? Problem()
    {
        if (Channels != 1)
        {
            return $"audio must be mono (channels 1), not {Channels} channels";
        }

        return Encoding switch
        {
            AudioEncodings.Pcm16 when SampleRate != Audio.Pcm16.RecognitionRate =>
                $"pcm16 audio must be sampled at {Audio.Pcm16.RecognitionRate} Hz, not {SampleRate} Hz",
            AudioEncodings.Pcm16 => null,
            AudioEncodings.Opus when !OpusRates.Contains(SampleRate) =>
                $"opus audio must be at one of {string.Join(", ", OpusRates)} Hz, not {SampleRate} Hz",
            AudioEncodings.Opus => null,
            _ => $"unsupported audio encoding '{Encoding}': use \"{AudioEncodings.Pcm16}\" or \"{AudioEncodings.Opus}\"",
        };
    }
}

/// <summary>A binary frame that does not hold audio of the declared format (odd PCM byte count, a broken Opus packet).</summary>
public sealed class AudioFrameException(string message) : Exception(message)
{
    public AudioFrameException() : this("the audio frame does not match the declared format") { }

    public AudioFrameException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>Turns the binary frames of one stream into 16 kHz mono samples. Not thread-safe: one per stream.</summary>
public sealed class AudioFrameDecoder
{
    // The longest Opus packet is 120 ms.
    private const int MaxOpusFrameSamples = Pcm16.RecognitionRate * 120 / 1000;

    private readonly AudioInputFormat _format;
    private readonly IOpusDecoder? _opus;
    private readonly short[] _opusBuffer = new short[MaxOpusFrameSamples];

    public AudioFrameDecoder(AudioInputFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(format));
        }

        _format = format;
        if (format.Encoding == AudioEncodings.Opus)
        {
            // Opus decodes at the rate asked for, whatever rate the packets were encoded at.
            _opus = OpusCodecFactory.CreateDecoder(Pcm16.RecognitionRate, 1);
        }
    }

    public short[] Decode(ReadOnlySpan<byte> frame)
    {
        if (_opus is null)
        {
            if (frame.Length % 2 != 0)
            {
                throw new AudioFrameException($"a pcm16 frame holds whole 2-byte samples; this one has {frame.Length} bytes");
            }

            return Pcm16.FromBytes(frame);
        }

        if (frame.IsEmpty)
        {
            throw new AudioFrameException("an empty opus frame");
        }

        int samples;
        try
        {
            samples = _opus.Decode(frame, _opusBuffer, MaxOpusFrameSamples);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new AudioFrameException("the opus packet cannot be decoded", e);
        }

        if (samples <= 0)
        {
            throw new AudioFrameException("the opus packet cannot be decoded");
        }

        return _opusBuffer.AsSpan(0, samples).ToArray();
    }

    public AudioInputFormat Format => _format;
}
