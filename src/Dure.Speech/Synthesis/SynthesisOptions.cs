namespace Dure.Speech.Synthesis;

/// <summary>Text to speech (<c>Dure:Speech:Synthesis</c>).</summary>
public sealed class SynthesisOptions
{
    /// <summary>espeak-ng voice per language.</summary>
    public Dictionary<string, string> Voices { get; set; } = new(StringComparer.Ordinal) { ["ko"] = "ko", ["en"] = "en-us" };

    /// <summary>Speaking rate in words per minute (espeak-ng's default is 175).</summary>
    public int Rate { get; set; } = 165;

    /// <summary>Prompts kept in the cache of synthesized audio; repeated answers ("Turned off the light.") cost nothing.</summary>
    public int CacheEntries { get; set; } = 512;

    /// <summary>Upper bound of the cache's audio, in bytes (PCM16).</summary>
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Longest text spoken; longer answers are cut at a sentence or word boundary.</summary>
    public int MaxTextLength { get; set; } = 1000;
}
