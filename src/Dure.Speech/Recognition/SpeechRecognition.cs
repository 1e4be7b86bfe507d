using Microsoft.Extensions.Options;

namespace Dure.Speech.Recognition;

/// <summary>Which engine recognizes which language (<c>Dure:Speech:Recognition</c>).</summary>
public sealed class RecognitionOptions
{
    /// <summary>Engine name per language: English commands on the embedded grammar, Korean on Whisper.</summary>
    public Dictionary<string, string> Engines { get; set; } = new(StringComparer.Ordinal) { ["en"] = "pocketsphinx", ["ko"] = "whisper" };
}

/// <summary>Picks the recognizer for an utterance's language, or says clearly why there is none.</summary>
public sealed class SpeechRecognition(IEnumerable<ISpeechRecognizer> engines, IOptions<RecognitionOptions> options)
{
    private readonly List<ISpeechRecognizer> _engines = [.. engines];

    /// <summary>
    /// The engine for <paramref name="language"/>. When the language is not given, Whisper detects it if a model is
    /// configured; otherwise the utterance is taken as English for the embedded grammar.
    /// </summary>
    public (ISpeechRecognizer? Engine, string? Language, string? Problem) For(string? language)
    {
        if (language is null)
        {
            if (Named("whisper") is { } whisper && whisper.Unavailable(null) is null)
            {
                return (whisper, null, null);
            }

            language = "en";
        }

        if (!options.Value.Engines.TryGetValue(language, out var name))
        {
            return (null, language, $"no speech recognizer is configured for '{language}' (Dure:Speech:Recognition:Engines)");
        }

        if (Named(name) is not { } engine)
        {
            return (null, language, $"the speech recognizer '{name}' configured for '{language}' does not exist");
        }

        return engine.Unavailable(language) is { } problem ? (null, language, problem) : (engine, language, null);
    }

    private ISpeechRecognizer? Named(string name) => _engines.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
