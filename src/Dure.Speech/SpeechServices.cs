using Dure.Speech.Endpointing;
using Dure.Speech.Recognition;
using Dure.Speech.Synthesis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dure.Speech;

/// <summary>Registers the speech engines with their options from <c>Dure:Speech</c>.</summary>
public static class SpeechServices
{
    public const string Section = "Dure:Speech";

    public static IServiceCollection AddDureSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        services.Configure<EndpointingOptions>(section.GetSection("Endpointing"));
        services.Configure<RecognitionOptions>(section.GetSection("Recognition"));
        services.Configure<PocketsphinxOptions>(section.GetSection("Pocketsphinx"));
        services.Configure<WhisperOptions>(section.GetSection("Whisper"));
        services.Configure<SynthesisOptions>(section.GetSection("Synthesis"));

        services.AddSingleton<PocketsphinxRecognizer>();
        services.AddSingleton<WhisperRecognizer>();
        services.AddSingleton<ISpeechRecognizer>(s => s.GetRequiredService<PocketsphinxRecognizer>());
        services.AddSingleton<ISpeechRecognizer>(s => s.GetRequiredService<WhisperRecognizer>());
        services.AddSingleton<SpeechRecognition>();

        services.AddSingleton<EspeakSynthesizer>();
        services.AddSingleton<ISpeechSynthesizer>(s => new CachingSpeechSynthesizer(
            s.GetRequiredService<EspeakSynthesizer>(), s.GetRequiredService<IOptions<SynthesisOptions>>()));
        return services;
    }
}
