using Dure.Speech.Audio;
using Dure.Speech.Synthesis;
using Microsoft.Extensions.Options;

namespace Dure.Speech.Tests;

public sealed class SynthesisTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("거실 조명을 켰어요.", "ko")]
    [InlineData("Turned off the kitchen light.", "en")]
    public async Task Espeak_speaks_Korean_and_English_as_real_audio(string text, string language)
    {
        var audio = await Voice.Espeak.SynthesizeAsync(text, language, Ct);

        Assert.Equal(22050, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 0.8, 5);
        Assert.True(Pcm16.LevelDb(audio.Samples) > -30, "speech, not silence");
    }

    [Fact]
    public async Task Korean_is_spoken_with_the_Korean_voice_not_spelled_out_in_English()
    {
        // The English voice cannot read Hangul and says little; the Korean voice says every syllable.
        var korean = await Voice.Espeak.SynthesizeAsync("엘리베이터가 칠 층에 도착했어요", "ko", Ct);
        var english = await Voice.Espeak.SynthesizeAsync("엘리베이터가 칠 층에 도착했어요", "en", Ct);
        Assert.True(korean.Duration.TotalSeconds > 1.5, $"{korean.Duration}");
        Assert.NotEqual(english.Samples.Length, korean.Samples.Length);
    }

    [Fact]
    public async Task Repeated_prompts_come_from_the_cache()
    {
        var cache = new CachingSpeechSynthesizer(Voice.Espeak, Options.Create(new SynthesisOptions()));

        var first = await cache.SynthesizeAsync("몇 시로 맞출까요?", "ko", Ct);
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => cache.SynthesizeAsync("몇 시로 맞출까요? ", "ko", Ct)));

        Assert.All(again, a => Assert.Same(first, a));
        Assert.Equal((5, 1), cache.Statistics);
    }

    [Fact]
    public async Task The_cache_keeps_within_its_budget_least_recently_used_out_first()
    {
        var cache = new CachingSpeechSynthesizer(Voice.Espeak, Options.Create(new SynthesisOptions { CacheEntries = 2 }));
        var one = await cache.SynthesizeAsync("one", "en", Ct);
        await cache.SynthesizeAsync("two", "en", Ct);
        await cache.SynthesizeAsync("one", "en", Ct); // "one" is now the most recent
        await cache.SynthesizeAsync("three", "en", Ct); // evicts "two"

        Assert.Same(one, await cache.SynthesizeAsync("one", "en", Ct));
        var before = cache.Statistics.Misses;
        await cache.SynthesizeAsync("two", "en", Ct);
        Assert.Equal(before + 1, cache.Statistics.Misses);
    }

    [Fact]
    public async Task A_language_without_a_voice_is_a_synthesis_error()
    {
        var error = await Assert.ThrowsAsync<SpeechSynthesisException>(() => Voice.Espeak.SynthesizeAsync("bonjour", "fr", Ct));
        Assert.Contains("fr", error.Message, StringComparison.Ordinal);
    }
}
