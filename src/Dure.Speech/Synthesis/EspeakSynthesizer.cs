using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Dure.Speech.Audio;
using Microsoft.Extensions.Options;

namespace Dure.Speech.Synthesis;

/// <summary>
/// espeak-ng in process (libespeak-ng through P/Invoke), Korean and English. The library keeps one global
/// synthesizer, so calls take turns; a short answer takes a few milliseconds.
/// </summary>
public sealed class EspeakSynthesizer : ISpeechSynthesizer
{
    // libespeak-ng is process-wide state: one initialization, one synthesis at a time, whoever calls.
    private static readonly SemaphoreSlim Turn = new(1, 1);
    private static int _sampleRate;
    private static string? _initializationError;
    private static List<short>? _collecting;

    private readonly SynthesisOptions _options;

    public EspeakSynthesizer(IOptions<SynthesisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public string Name => "espeak-ng";

    public bool Supports(string language) => _options.Voices.ContainsKey(language);

    public async Task<PcmAudio> SynthesizeAsync(string text, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_options.Voices.TryGetValue(language, out var voice))
        {
            throw new SpeechSynthesisException($"espeak-ng has no voice configured for '{language}' (Dure:Speech:Synthesis:Voices)");
        }

        await Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The synthesis blocks for its duration; keep it off the caller's thread.
            return await Task.Run(() => Speak(text, voice), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Turn.Release();
        }
    }

    private unsafe PcmAudio Speak(string text, string voice)
    {
        var rate = EnsureInitialized();
        if (EspeakNative.SetVoiceByName(voice) != EspeakNative.Ok)
        {
            throw new SpeechSynthesisException($"espeak-ng has no voice '{voice}' (is espeak-ng-data installed?)");
        }

        EspeakNative.SetParameter(EspeakNative.ParameterRate, _options.Rate, 0);
        var bytes = Encoding.UTF8.GetBytes(Trim(text) + "\0");
        var samples = new List<short>(rate * 2);
        _collecting = samples;
        try
        {
            fixed (byte* pointer = bytes)
            {
                var result = EspeakNative.Synth(pointer, (nuint)bytes.Length, 0, EspeakNative.PositionCharacter, 0, EspeakNative.CharsUtf8, null, 0);
                if (result != EspeakNative.Ok)
                {
                    throw new SpeechSynthesisException($"espeak-ng failed to speak (error {result})");
                }
            }

            EspeakNative.Synchronize();
        }
        finally
        {
            _collecting = null;
        }

        return new PcmAudio([.. samples], rate);
    }

    private string Trim(string text) => text.Length <= _options.MaxTextLength ? text : text[.._options.MaxTextLength];

    private static unsafe int EnsureInitialized()
    {
        if (_sampleRate > 0)
        {
            return _sampleRate;
        }

        if (_initializationError is { } error)
        {
            throw new SpeechSynthesisException(error);
        }

        int rate;
        try
        {
            // 0x8000 (espeakINITIALIZE_DONT_EXIT): report a missing data directory instead of exiting the process.
            rate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, 200, null, 0x8000);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _initializationError = "espeak-ng is not installed (Debian package libespeak-ng1): " + e.Message;
            throw new SpeechSynthesisException(_initializationError);
        }

        if (rate <= 0)
        {
            _initializationError = "espeak-ng could not start (is espeak-ng-data installed?)";
            throw new SpeechSynthesisException(_initializationError);
        }

        EspeakNative.SetSynthCallback(&OnSamples);
        _sampleRate = rate;
        return rate;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int OnSamples(short* wav, int count, nint events)
    {
        if (wav is not null && count > 0 && _collecting is { } target)
        {
            target.AddRange(new ReadOnlySpan<short>(wav, count));
        }

        return 0; // go on
    }
}
