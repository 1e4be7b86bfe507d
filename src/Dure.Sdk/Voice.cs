using System.Runtime.CompilerServices;
using Dure.Protocol;

namespace Dure.Sdk;

/// <summary>An answer with its synthesized audio, when the device asked for audio.</summary>
/// <param name="Audio">PCM16 mono at <see cref="SpeechAudio.SampleRate"/> of <see cref="SpeechSpeak.Audio"/>; empty without audio.</param>
public sealed record SpokenReply(SpeechSpeak Speech, ReadOnlyMemory<byte> Audio);

/// <summary>The outcome of a voice turn: what Dure heard and what it answered.</summary>
/// <param name="Transcript">The final <c>Speech.Transcript</c>.</param>
/// <param name="Partials">The partial transcripts, in order.</param>
/// <param name="ReplyLatency">From the end of the stream (the device's or the server's <c>Speech.StopCapture</c>) to the first byte of the answer's audio.</param>
public sealed record VoiceReply(string Transcript, IReadOnlyList<string> Partials, SpokenReply Reply, TimeSpan? ReplyLatency);

/// <summary>How a voice stream is sent.</summary>
public sealed record VoiceOptions
{
    /// <summary>ko or en; null lets the server decide (Whisper detection when configured, else English).</summary>
    public string? Lang { get; init; }

    /// <summary><c>pcm16</c> (16 kHz mono) or <c>opus</c>.</summary>
    public string Format { get; init; } = "pcm16";

    public int SampleRate { get; init; } = ProtocolLimits.SpeechSampleRate;

    /// <summary>Ask for the answer as audio.</summary>
    public bool ReplyAudio { get; init; } = true;
}

/// <summary>Cuts audio into the binary frames of a stream.</summary>
public static class AudioFrames
{
    /// <summary>
    /// PCM16 at 16 kHz in frames of <paramref name="frameMilliseconds"/>; with <paramref name="realTime"/> each frame waits
    /// for its time, as a microphone would deliver it.
    /// </summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> FromPcm16(ReadOnlyMemory<byte> pcm, int frameMilliseconds = 100, bool realTime = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameMilliseconds);
        var frameBytes = ProtocolLimits.SpeechSampleRate * 2 * frameMilliseconds / 1000;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var offset = 0; offset < pcm.Length; offset += frameBytes)
        {
            if (realTime)
            {
                var due = TimeSpan.FromMilliseconds((double)offset / frameBytes * frameMilliseconds);
                var wait = due - System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            yield return pcm.Slice(offset, Math.Min(frameBytes, pcm.Length - offset));
        }
    }
}
