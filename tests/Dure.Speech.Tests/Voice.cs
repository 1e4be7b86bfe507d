using Dure.Homes;
using Dure.Speech.Audio;
using Dure.Speech.Recognition;
using Dure.Speech.Synthesis;
using Microsoft.Extensions.Options;

namespace Dure.Speech.Tests;

/// <summary>The real engines, shared by the tests: espeak-ng speaks, pocketsphinx listens.</summary>
internal static class Voice
{
    public static readonly Home Home = HomeFile.Load(Path.Combine(AppContext.BaseDirectory, "voice-home.yaml"));

    public static readonly EspeakSynthesizer Espeak = new(Options.Create(new SynthesisOptions()));

    public static readonly PocketsphinxRecognizer Pocketsphinx = new(Options.Create(new PocketsphinxOptions()));

    /// <summary>espeak-ng's voice at the recognizers' 16 kHz, with a moment of silence around it as a microphone hears it.</summary>
    public static async Task<short[]> SpeakAsync(string text, string language = "en")
    {
        var speech = (await Espeak.SynthesizeAsync(text, language, TestContext.Current.CancellationToken)).At(Pcm16.RecognitionRate).Samples;
        var pause = Signals.Silence(TimeSpan.FromMilliseconds(300));
        return Signals.Concat(pause, speech, pause);
    }
}
