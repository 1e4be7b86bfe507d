using Dure.Speech.Recognition;
using Dure.Speech.Synthesis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dure.Server.Voice;

/// <summary>
/// Loads the speech engines in the background at start-up, so the first utterance does not wait for the acoustic
/// model, and says in the log what is not available (e.g. Korean recognition without a Whisper model).
/// </summary>
public sealed partial class SpeechWarmUp(PocketsphinxRecognizer pocketsphinx, ISpeechSynthesizer synthesizer, SpeechRecognition recognition,
    ILogger<SpeechWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var language in new[] { "en", "ko" })
        {
            if (recognition.For(language).Problem is { } problem)
            {
                LogUnavailable(language, problem);
            }
        }

        try
        {
            await pocketsphinx.WarmUpAsync(stoppingToken);
            await synthesizer.SynthesizeAsync("네.", "ko", stoppingToken);
        }
        catch (Exception e) when (e is SpeechRecognitionException or SpeechSynthesisException)
        {
            LogWarmUpFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech recognition for '{Language}' is unavailable: {Problem}")]
    private partial void LogUnavailable(string language, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the speech engines failed")]
    private partial void LogWarmUpFailed(Exception e);
}
