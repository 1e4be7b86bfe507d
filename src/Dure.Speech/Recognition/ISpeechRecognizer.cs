using Dure.Homes;

namespace Dure.Speech.Recognition;

/// <summary>What a recognizer may know about the utterance: its language and the home it was spoken in.</summary>
/// <param name="Language">"ko" or "en"; null lets an engine that can detect the language do so.</param>
/// <param name="Home">The speaking home, whose device and area names a command grammar holds.</param>
public sealed record RecognitionContext(string? Language, Home? Home);

/// <summary>What was said, in which language, by which engine.</summary>
public sealed record RecognitionResult(string Text, string Language, string Engine);

/// <summary>
/// Speech to text for one language or several. An engine opens a session per utterance, takes 16 kHz mono samples as
/// they stream in, may offer partial text meanwhile, and gives the final text at the end.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name, for logs and measurements.</summary>
    string Name { get; }

    /// <summary>Why the engine cannot recognize <paramref name="language"/> here (not installed, no model), or null when it can.</summary>
    string? Unavailable(string? language);

    /// <summary>Opens a session (waiting for a free decoder); throws <see cref="SpeechRecognitionException"/> when the engine cannot start.</summary>
    Task<IRecognitionSession> StartAsync(RecognitionContext context, CancellationToken cancellationToken);
}

/// <summary>One utterance being recognized. Not thread-safe; dispose it (finished or not) to free the engine.</summary>
public interface IRecognitionSession : IDisposable
{
    /// <summary>More audio of the utterance, 16 kHz mono.</summary>
    void Accept(ReadOnlySpan<short> samples);

    /// <summary>The best guess so far, or null when the engine gives none before the end.</summary>
    string? Partial();

    /// <summary>The final text (empty when nothing matched).</summary>
    Task<RecognitionResult> FinishAsync(CancellationToken cancellationToken);
}

/// <summary>The recognizer failed (engine missing, model missing or broken, decoder error).</summary>
public sealed class SpeechRecognitionException(string message) : Exception(message)
{
    public SpeechRecognitionException() : this("speech recognition failed") { }

    public SpeechRecognitionException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}
