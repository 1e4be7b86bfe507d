using Dure.Speech.Audio;
using Microsoft.Extensions.Options;
using Whisper.net;

namespace Dure.Speech.Recognition;

/// <summary>Whisper.net (<c>Dure:Speech:Whisper</c>): dictation in Korean and English from a ggml model file.</summary>
public sealed class WhisperOptions
{
    /// <summary>A ggml model file (e.g. ggml-base.bin, ggml-small.bin). Nothing is downloaded: without it Whisper is off.</summary>
    public string? ModelPath { get; set; }

    /// <summary>CPU threads per transcription.</summary>
    public int Threads { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Transcriptions run at once; each holds the model's working memory.</summary>
    public int Concurrency { get; set; } = 1;
}

/// <summary>
/// Whisper dictation in process: buffers the utterance and transcribes it at the end (Whisper has no streaming partials).
/// The model is loaded once, on first use; a missing or unreadable model file is a clear error, never a download.
/// </summary>
public sealed class WhisperRecognizer : ISpeechRecognizer, IDisposable
{
    private static readonly string[] Languages = ["ko", "en"];

    private readonly WhisperOptions _options;
    private readonly SemaphoreSlim _turns;
    private readonly Lock _lock = new();
    private WhisperFactory? _factory;

    public WhisperRecognizer(IOptions<WhisperOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _turns = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
    }

    public string Name => "whisper";

    public string? Unavailable(string? language)
    {
        if (language is not null && !Languages.Contains(language))
        {
            return $"Whisper is configured for {string.Join(" and ", Languages)} here";
        }

        if (string.IsNullOrWhiteSpace(_options.ModelPath))
        {
            return $"{(language == "en" ? "English dictation" : "Korean speech recognition")} needs a Whisper model: " +
                "set Dure:Speech:Whisper:ModelPath to a ggml model file (see docs/speech.md)";
        }

        return File.Exists(_options.ModelPath)
            ? null
            : $"the Whisper model file '{_options.ModelPath}' does not exist (Dure:Speech:Whisper:ModelPath)";
    }

    public Task<IRecognitionSession> StartAsync(RecognitionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Unavailable(context.Language) is { } problem)
        {
            throw new SpeechRecognitionException(problem);
        }

        return Task.FromResult<IRecognitionSession>(new Session(this, context.Language));
    }

    /// <summary>Transcribes a whole utterance of 16 kHz mono samples.</summary>
    public async Task<RecognitionResult> TranscribeAsync(ReadOnlyMemory<short> samples, string? language, CancellationToken cancellationToken)
    {
        var factory = Factory();
        await _turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WhisperProcessorBuilder builder;
            try
            {
                // Whisper.net reads the model lazily, when the first processor is built.
                builder = factory.CreateBuilder().WithThreads(Math.Max(1, _options.Threads));
            }
            catch (WhisperModelLoadException e)
            {
                throw new SpeechRecognitionException($"the Whisper model file '{_options.ModelPath}' could not be loaded", e);
            }

            builder = language is null ? builder.WithLanguageDetection() : builder.WithLanguage(language);
            await using var processor = builder.Build();
            var text = new System.Text.StringBuilder();
            var detected = language;
            await foreach (var segment in processor.ProcessAsync(Pcm16.ToFloat(samples.Span), cancellationToken).ConfigureAwait(false))
            {
                text.Append(segment.Text);
                detected ??= segment.Language;
            }

            return new RecognitionResult(text.ToString().Trim(), detected ?? "en", Name);
        }
        finally
        {
            _turns.Release();
        }
    }

    private WhisperFactory Factory()
    {
        lock (_lock)
        {
            if (_factory is not null)
            {
                return _factory;
            }

            if (Unavailable(null) is { } problem)
            {
                throw new SpeechRecognitionException(problem);
            }

            try
            {
                _factory = WhisperFactory.FromPath(_options.ModelPath!);
                return _factory;
            }
            catch (Exception e) when (e is not OutOfMemoryException and not SpeechRecognitionException)
            {
                throw new SpeechRecognitionException($"the Whisper model file '{_options.ModelPath}' could not be loaded", e);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _factory?.Dispose();
            _factory = null;
        }
    }

    private sealed class Session(WhisperRecognizer owner, string? language) : IRecognitionSession
    {
        private readonly List<short> _audio = new(16000 * 4);

        public void Accept(ReadOnlySpan<short> samples) => _audio.AddRange(samples);

        public string? Partial() => null;

        public Task<RecognitionResult> FinishAsync(CancellationToken cancellationToken) =>
            owner.TranscribeAsync(_audio.ToArray(), language, cancellationToken);

        public void Dispose()
        {
        }
    }
}
