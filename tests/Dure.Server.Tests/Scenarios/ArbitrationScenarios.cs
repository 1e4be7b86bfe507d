using System.Text.Json;
using Dure.Protocol;
using Dure.Testing;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// One answer when several devices of a home hear the same words: a server of its own with the default 500 ms window
/// (the shared servers turn arbitration off). The test home's kitchen speakers <c>s1</c>... hear the user; its wall
/// pad <c>hub</c> carries out the commands.
/// </summary>
public sealed class ArbitrationScenarios(ArbitrationScenarios.Server lab) : IClassFixture<ArbitrationScenarios.Server>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_speakers_hearing_the_same_korean_command_at_once_answer_it_once_and_run_it_once()
    {
        await using var hub = await lab.ConnectAsync(TestHomes.Gateway);
        await using var first = await lab.ConnectAsync("s1");
        await using var second = await lab.ConnectAsync("s2");

        var answers = await Task.WhenAll(first.TurnAsync("거실 불 켜줘"), second.TurnAsync("거실 불 켜줘"));

        var (spoken, quiet) = Split(answers, ("s1", "s2"));
        Assert.Equal("거실 불을 켰어요.", RawDevice.Payload(spoken.Answer).GetProperty("text").GetString());
        Expect.Directive(quiet.Answer, MessageNames.SystemArbitrated, JsonSerializer.Serialize(new { answeredBy = spoken.Device }));
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "light.living_room", "light", "turn_on");
        await hub.AssertNoneAsync(MessageNames.DeviceControl, Quiet);
    }

    [Fact]
    public async Task The_same_english_words_differing_only_in_case_and_punctuation_are_one_utterance()
    {
        await using var hub = await lab.ConnectAsync(TestHomes.Gateway);
        await using var first = await lab.ConnectAsync("s3");
        await using var second = await lab.ConnectAsync("s4");

        var answers = await Task.WhenAll(first.TurnAsync("Turn off the kitchen light."), second.TurnAsync("turn off the kitchen light"));

        var (spoken, quiet) = Split(answers, ("s3", "s4"));
        Assert.Equal("Turned off the Kitchen Light.", RawDevice.Payload(spoken.Answer).GetProperty("text").GetString());
        Expect.Directive(quiet.Answer, MessageNames.SystemArbitrated, JsonSerializer.Serialize(new { answeredBy = spoken.Device }));
        Expect.Control(await hub.NextAsync(MessageNames.DeviceControl), "light.kitchen", "light", "turn_off");
        await hub.AssertNoneAsync(MessageNames.DeviceControl, Quiet);
    }

    [Fact]
    public async Task Different_words_at_once_and_the_same_words_after_the_window_are_all_answered()
    {
        await using var hub = await lab.ConnectAsync(TestHomes.Gateway);
        await using var first = await lab.ConnectAsync("s5");
        await using var second = await lab.ConnectAsync("s6");

        var different = await Task.WhenAll(first.TurnAsync("주방 불 켜줘"), second.TurnAsync("거실 불 꺼줘"));
        Assert.All(different, a => Assert.Equal(MessageNames.SpeechSpeak, RawDevice.Name(a.Answer)));
        Assert.Equal(["light.kitchen", "light.living_room"],
            new[] { await hub.NextAsync(MessageNames.DeviceControl), await hub.NextAsync(MessageNames.DeviceControl) }
                .Select(c => RawDevice.Payload(c).GetProperty("device").GetString()).Order(StringComparer.Ordinal).ToArray());

        Assert.Equal("주방 불을 껐어요.", (await first.SayAsync("주방 불 꺼줘")).Text);
        await Task.Delay(TimeSpan.FromMilliseconds(800), Ct); // past the 500 ms window
        Assert.Equal("주방 불을 껐어요.", (await second.SayAsync("주방 불 꺼줘")).Text);
        Assert.Equal(2, (await hub.DrainAsync(Quiet)).Count(m => RawDevice.Name(m) == MessageNames.DeviceControl));

        // One device saying the same thing twice within the window is not two devices hearing it once.
        Assert.StartsWith("지금은 ", (await first.SayAsync("지금 몇 시야?")).Text, StringComparison.Ordinal);
        Assert.StartsWith("지금은 ", (await first.SayAsync("지금 몇 시야?")).Text, StringComparison.Ordinal);
    }

    /// <summary>Which device was answered and which was told to stay quiet.</summary>
    private static ((string Device, JsonElement Answer) Spoken, (string Device, JsonElement Answer) Quiet) Split(
        (string TurnId, JsonElement Answer, List<JsonElement> Before)[] answers, (string First, string Second) devices)
    {
        var names = answers.Select(a => RawDevice.Name(a.Answer)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal([MessageNames.SpeechSpeak, MessageNames.SystemArbitrated], names);
        var firstSpoke = RawDevice.Name(answers[0].Answer) == MessageNames.SpeechSpeak;
        return firstSpoke
            ? ((devices.First, answers[0].Answer), (devices.Second, answers[1].Answer))
            : ((devices.Second, answers[1].Answer), (devices.First, answers[0].Answer));
    }

    /// <summary>A server with the test home and arbitration at its default window.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private readonly string _homes = Directory.CreateTempSubdirectory("dure-arbitration-").FullName;
        private TestHome _home = null!;
        private ServerProcess _server = null!;

        /// <summary>
        /// Connects and has the device say something of its own first, so that its connection and the server's code
        /// paths are warm when the test sends words at the same moment from two devices.
        /// </summary>
        internal async Task<Talker> ConnectAsync(string device)
        {
            var talker = await Talker.ConnectAsync(_server.BaseUrl, _home.Tokens[device], Ct);
            await talker.SayAsync($"{device} 안녕하세요");
            return talker;
        }

        public async ValueTask InitializeAsync()
        {
            _home = TestHomes.Write(_homes, speakers: 6);
            _server = await ServerProcess.StartAsync(new ServerSettings { HomeFiles = [_home.Path] });
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }

            Directory.Delete(_homes, recursive: true);
        }
    }
}
