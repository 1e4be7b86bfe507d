using System.Collections.Concurrent;
using Dure.Homes;
using Dure.Platform.Grains;
using Dure.Speech.Endpointing;
using Dure.Speech.Recognition;
using Dure.Speech.Synthesis;
using Microsoft.Extensions.Options;

namespace Dure.Server.Voice;

/// <summary>What a device session needs for voice: the recognizers, the synthesizer, endpointing and the homes' layouts.</summary>
public sealed class VoiceServices(SpeechRecognition recognition, ISpeechSynthesizer synthesizer, IOptions<EndpointingOptions> endpointing)
{
    private readonly ConcurrentDictionary<string, (string Layout, Home Home)> _homes = new(StringComparer.Ordinal);

    public SpeechRecognition Recognition { get; } = recognition;

    public ISpeechSynthesizer Synthesizer { get; } = synthesizer;

    public EndpointingOptions Endpointing => endpointing.Value;

    /// <summary>
    /// The home as its grain has it, parsed once per layout: the same <see cref="Home"/> instance while the layout is
    /// unchanged, so the recognizer's grammar for it is built once.
    /// </summary>
    public async Task<Home> HomeAsync(string homeId, IHomeGrain grain)
    {
        var layout = await grain.Layout();
        if (_homes.TryGetValue(homeId, out var known) && string.Equals(known.Layout, layout, StringComparison.Ordinal))
        {
            return known.Home;
        }

        var home = HomeFile.Parse(layout, homeId);
        _homes[homeId] = (layout, home);
        return home;
    }
}
