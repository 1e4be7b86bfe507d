namespace Dure.Speech.Endpointing;

/// <summary>
/// Energy-based voice activity: a 10 ms frame is speech when its level stands clearly above the noise floor and
/// above an absolute minimum. The floor follows the level of non-speech frames (quickly down, slowly up), so steady
/// background hum is learnt, but it never learns from frames it called speech: sound that starts loud stays speech.
/// </summary>
public sealed class VoiceActivityDetector(EndpointingOptions options)
{
    /// <summary>Samples in one analysis frame at 16 kHz.</summary>
    public const int FrameSamples = 160;

    private double _floorDb = options.InitialNoiseFloorDb;

    public double NoiseFloorDb => _floorDb;

    /// <summary>Classifies one frame of <see cref="FrameSamples"/> samples.</summary>
    public bool IsSpeech(ReadOnlySpan<short> frame)
    {
        var level = Audio.Pcm16.LevelDb(frame);
        var speech = level >= options.MinimumSpeechDb && level >= _floorDb + options.SpeechAboveFloorDb;
        if (!speech)
        {
            // Down at once to a quieter room, up by a fraction towards a louder one.
            _floorDb = level < _floorDb ? level : _floorDb + 0.05 * (level - _floorDb);
        }

        return speech;
    }
}
