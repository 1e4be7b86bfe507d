using Dure.Speech.Audio;
using Dure.Speech.Synthesis;
using Dure.Testing;
using Microsoft.Extensions.Options;

namespace Dure.Server.Tests;

/// <summary>
/// One real server for the voice tests, with an English-speaking home: a gateway (<c>hub</c>) that receives the device
/// commands, speakers <c>v1</c>.. with their own tokens, lights, a fan, covers, a lock and a thermostat.
/// </summary>
public sealed class VoiceLab : IAsyncLifetime
{
    private readonly string _homes = Directory.CreateTempSubdirectory("dure-voice-").FullName;
    private int _nextSpeaker;

    public ServerProcess Server { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Tokens { get; private set; } = new Dictionary<string, string>();

    /// <summary>espeak-ng, in the test process: it speaks the commands the server hears.</summary>
    public static EspeakSynthesizer Espeak { get; } = new(Options.Create(new SynthesisOptions()));

    public string NextSpeakerToken() => Tokens[$"v{Interlocked.Increment(ref _nextSpeaker)}"];

    /// <summary>espeak-ng saying <paramref name="text"/> as 16 kHz PCM16, with silence before and after as a microphone hears it.</summary>
    public static async Task<byte[]> SpeakAsync(string text, CancellationToken cancellationToken, string language = "en", double silenceAfter = 1.0)
    {
        var speech = (await Espeak.SynthesizeAsync(text, language, cancellationToken)).At(Pcm16.RecognitionRate).Samples;
        var before = new short[Pcm16.RecognitionRate * 3 / 10];
        var after = new short[(int)(Pcm16.RecognitionRate * silenceAfter)];
        return Pcm16.ToBytes([.. before, .. speech, .. after]);
    }

    public async ValueTask InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var tokens = new Dictionary<string, string> { ["hub"] = $"hub-{tag}" };
        var speakers = string.Concat(Enumerable.Range(1, 24).Select(i =>
        {
            tokens[$"v{i}"] = $"v{i}-{tag}";
            return $"""
                  - id: v{i}
                    domain: assist_satellite
                    area: living_room
                    token: v{i}-{tag}
                    names: {"{"} en: [Speaker {i}], ko: [스피커 {i}] {"}"}

                """;
        }));
        var yaml = $"""
            id: voice-home
            name: Voice Home
            language: en
            areas:
              - id: kitchen
                names: {"{"} en: [Kitchen], ko: [주방] {"}"}
              - id: living_room
                names: {"{"} en: [Living Room], ko: [거실] {"}"}
              - id: bedroom
                names: {"{"} en: [Bedroom], ko: [침실] {"}"}
            devices:
              - id: hub
                domain: assist_satellite
                area: living_room
                gateway: true
                token: hub-{tag}
                names: {"{"} en: [Hub], ko: [월패드] {"}"}
            {speakers}
              - id: light.kitchen
                area: kitchen
                names: {"{"} en: [Kitchen Light], ko: [주방 조명] {"}"}
                state: "on"
              - id: light.living_room_lamp
                area: living_room
                names: {"{"} en: [Living Room Lamp], ko: [거실 스탠드, 거실 불] {"}"}
                state: "off"
              - id: light.bedroom
                area: bedroom
                names: {"{"} en: [Bedroom Light], ko: [침실 조명] {"}"}
                state: "off"
              - id: fan.bedroom
                area: bedroom
                names: {"{"} en: [Bedroom Fan], ko: [침실 선풍기] {"}"}
                state: "off"
              - id: cover.garage
                domain: cover
                device_class: garage
                names: {"{"} en: [Garage Door], ko: [차고 문] {"}"}
                state: closed
              - id: cover.living_room_curtains
                area: living_room
                device_class: curtain
                names: {"{"} en: [Living Room Curtains], ko: [거실 커튼] {"}"}
                state: open
              - id: lock.front_door
                names: {"{"} en: [Front Door], ko: [현관문] {"}"}
                state: unlocked
              - id: climate.thermostat
                area: living_room
                names: {"{"} en: [Thermostat], ko: [보일러] {"}"}
                state: heat

            """;
        var path = Path.Combine(_homes, "voice-home.yaml");
        await File.WriteAllTextAsync(path, yaml);
        Tokens = tokens;
        Server = await ServerProcess.StartAsync(new ServerSettings
        {
            HomeFiles = [path],
            Environment = new Dictionary<string, string>
            {
                ["Dure__Arbitration__Window"] = "00:00:00",
                // Short enough that the stalled-stream test does not wait long; longer than any pause between test frames.
                ["Dure__Speech__Endpointing__IdleTimeout"] = "00:00:02",
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_homes, recursive: true);
    }
}
