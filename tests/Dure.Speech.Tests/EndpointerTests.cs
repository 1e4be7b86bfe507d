using Dure.Speech.Endpointing;

namespace Dure.Speech.Tests;

public sealed class EndpointerTests
{
    private static readonly EndpointingOptions Options = new();

    [Fact]
    public void Speech_then_trailing_silence_ends_the_utterance_with_the_speech_and_a_little_before_it()
    {
        var endpointer = new Endpointer(Options);
        var audio = Signals.Concat(Signals.Silence(TimeSpan.FromSeconds(1)), Signals.Tone(300, TimeSpan.FromSeconds(1.2)),
            Signals.Silence(TimeSpan.FromSeconds(2)));

        // Fed in uneven chunks, as frames arrive.
        var state = EndpointState.Waiting;
        for (var offset = 0; offset < audio.Length && state is EndpointState.Waiting or EndpointState.Speaking; offset += 777)
        {
            state = endpointer.Accept(audio.AsSpan(offset, Math.Min(777, audio.Length - offset)));
        }

        Assert.Equal(EndpointState.Ended, state);
        var utterance = endpointer.Utterance.Length / 16000.0;
        Assert.InRange(utterance, 1.2 + 0.3, 1.2 + 0.3 + 0.5 + 0.05); // pre-roll + speech + trailing silence
        Assert.InRange(endpointer.Received.TotalSeconds, 2.7, 2.8); // it did not wait for the rest
    }

    [Fact]
    public void Pauses_between_words_shorter_than_the_hangover_do_not_end_it()
    {
        var endpointer = new Endpointer(Options);
        var word = Signals.Tone(300, TimeSpan.FromSeconds(0.4));
        var pause = Signals.Silence(TimeSpan.FromSeconds(0.3));
        endpointer.Accept(Signals.Concat(word, pause, word, pause, word));
        Assert.Equal(EndpointState.Speaking, endpointer.State);
        Assert.Equal(EndpointState.Ended, endpointer.Finish());
    }

    [Fact]
    public void Silence_only_gives_up_after_the_no_speech_timeout()
    {
        var endpointer = new Endpointer(Options);
        Assert.Equal(EndpointState.Waiting, endpointer.Accept(Signals.Silence(TimeSpan.FromSeconds(4.9))));
        Assert.Equal(EndpointState.NoSpeech, endpointer.Accept(Signals.Silence(TimeSpan.FromSeconds(0.2))));
        Assert.True(endpointer.Utterance.IsEmpty);
    }

    [Fact]
    public void A_click_is_not_speech()
    {
        var endpointer = new Endpointer(Options);
        endpointer.Accept(Signals.Concat(Signals.Silence(TimeSpan.FromSeconds(0.5)), Signals.Noise(TimeSpan.FromMilliseconds(20), 0.9),
            Signals.Silence(TimeSpan.FromSeconds(1))));
        Assert.Equal(EndpointState.Waiting, endpointer.State);
    }

    [Fact]
    public void A_minute_of_noise_ends_at_the_maximum_utterance_length()
    {
        var endpointer = new Endpointer(Options);
        var state = endpointer.Accept(Signals.Noise(TimeSpan.FromSeconds(60)));
        Assert.Equal(EndpointState.TooLong, state);
        Assert.InRange(endpointer.Received.TotalSeconds, 15, 15.1);
    }

    [Fact]
    public void Steady_hum_is_learnt_as_the_noise_floor_and_speech_over_it_is_heard()
    {
        var endpointer = new Endpointer(Options);
        var hum = Signals.Noise(TimeSpan.FromSeconds(3), 0.003);
        var speech = Signals.Tone(300, TimeSpan.FromSeconds(1));
        Assert.Equal(EndpointState.Waiting, endpointer.Accept(hum));
        Assert.Equal(EndpointState.Speaking, endpointer.Accept(speech));
        Assert.Equal(EndpointState.Ended, endpointer.Accept(Signals.Noise(TimeSpan.FromSeconds(1), 0.003, seed: 9)));
    }

    [Fact]
    public void Stopping_while_waiting_is_no_speech_and_while_speaking_ends_the_utterance()
    {
        var waiting = new Endpointer(Options);
        waiting.Accept(Signals.Silence(TimeSpan.FromSeconds(1)));
        Assert.Equal(EndpointState.NoSpeech, waiting.Finish());

        var speaking = new Endpointer(Options);
        speaking.Accept(Signals.Tone(300, TimeSpan.FromSeconds(0.5)));
        Assert.Equal(EndpointState.Ended, speaking.Finish());
        Assert.True(speaking.Utterance.Length >= 0.5 * 16000 - 160);
    }
}
