using Dure.Speech.Audio;

namespace Dure.Speech.Synthesis;

/// <summary>
/// Text to speech. Engines return mono PCM16 at their own rate; the embedded default is espeak-ng, and a neural engine
/// (a local model server, a cloud voice) plugs in by implementing this and registering it in place of the default.
/// </summary>
public interface ISpeechSynthesizer
{
    /// <summary>The engine's name, for logs and measurements.</summary>
    string Name { get; }

    /// <summary>True when the engine has a voice for the language ("ko", "en").</summary>
    bool Supports(string language);

    /// <summary>Speaks <paramref name="text"/>; throws <see cref="SpeechSynthesisException"/> when the engine fails.</summary>
    Task<PcmAudio> SynthesizeAsync(string text, string language, CancellationToken cancellationToken);
}

/// <summary>The synthesizer could not speak (engine missing, no voice for the language, engine error).</summary>
public sealed class SpeechSynthesisException(string message) : Exception(message)
{
    public SpeechSynthesisException() : this("speech synthesis failed") { }

    public SpeechSynthesisException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}
