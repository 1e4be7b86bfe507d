namespace Dure.Speech.Endpointing;

/// <summary>When a stream of audio holds an utterance and when it ended (<c>Dure:Speech:Endpointing</c>).</summary>
public sealed class EndpointingOptions
{
    /// <summary>Silence after speech that ends the utterance (the VAD's hangover).</summary>
    public TimeSpan TrailingSilence { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Speech that must last this long before it counts (a click or a door slam does not).</summary>
    public TimeSpan MinimumSpeech { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Audio kept from before speech began, so the first sound is not cut.</summary>
    public TimeSpan PreRoll { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>A stream with no speech in this much audio ends with <c>no_speech</c>.</summary>
    public TimeSpan NoSpeechTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An utterance longer than this ends with <c>utterance_too_long</c> (a minute of noise, a stuck microphone).</summary>
    public TimeSpan MaxUtterance { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A stream that receives no audio frame for this long (wall clock) ends with <c>audio_timeout</c>.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Frames quieter than this are never speech (dBFS).</summary>
    public double MinimumSpeechDb { get; set; } = -45;

    /// <summary>How far above the noise floor a frame must be to be speech (dB).</summary>
    public double SpeechAboveFloorDb { get; set; } = 12;

    /// <summary>The noise floor assumed before any audio is heard (dBFS).</summary>
    public double InitialNoiseFloorDb { get; set; } = -70;
}
