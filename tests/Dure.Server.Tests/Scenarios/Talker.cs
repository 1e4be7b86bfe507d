using System.Text.Json;
using Dure.Protocol;

namespace Dure.Server.Tests.Scenarios;

/// <summary>
/// A device in a scenario: says things, collects what comes back and acknowledges every directive as a well-behaved
/// device does, so nothing it has seen is redelivered to the next test that connects with the same token. Built on
/// <see cref="RawDevice"/>, which checks every message against its schema.
/// </summary>
internal sealed class Talker : IAsyncDisposable
{
    private readonly RawDevice _device;
    private readonly CancellationToken _cancellationToken;

    private Talker(RawDevice device, CancellationToken cancellationToken)
    {
        _device = device;
        _cancellationToken = cancellationToken;
    }

    public static async Task<Talker> ConnectAsync(Uri server, string token, CancellationToken cancellationToken) =>
        new(await RawDevice.ConnectAsync(server, token, cancellationToken), cancellationToken);

    /// <summary>One turn: the reply spoken to it, and every directive that came before it (commands for this device).</summary>
    public async Task<Reply> SayAsync(string text, string? lang = null)
    {
        var (id, answer, before) = await TurnAsync(text, lang);
        Assert.True(RawDevice.Name(answer) == MessageNames.SpeechSpeak, $"'{text}' was answered with {answer}");
        var payload = RawDevice.Payload(answer);
        return new Reply(id, payload.GetProperty("text").GetString()!, payload.GetProperty("lang").GetString()!, before);
    }

    /// <summary>
    /// One turn answered by whatever replies to it: <c>Speech.Speak</c>, <c>System.Arbitrated</c> or <c>System.Error</c>;
    /// the directives that came before it are returned too.
    /// </summary>
    public async Task<(string TurnId, JsonElement Answer, List<JsonElement> Before)> TurnAsync(string text, string? lang = null)
    {
        var id = await _device.SayAsync(text, _cancellationToken, lang);
        List<JsonElement> before = [];
        var answer = await NextAsync(m =>
        {
            if (RawDevice.Name(m) is MessageNames.SpeechSpeak or MessageNames.SystemError or MessageNames.SystemArbitrated && RepliesTo(m, id))
            {
                return true;
            }

            before.Add(m);
            return false;
        });
        return (id, answer, before);
    }

    /// <summary>A turn whose answer is a question: the device is also told to listen again.</summary>
    public async Task<Reply> AskedAsync(string text, string? lang = null)
    {
        var reply = await SayAsync(text, lang);
        var listen = await NextAsync(m => RawDevice.Name(m) == MessageNames.SpeechExpectSpeech && RepliesTo(m, reply.TurnId));
        Assert.Equal(ProtocolLimits.ExpectSpeechTimeoutMs, RawDevice.Payload(listen).GetProperty("timeoutMs").GetInt32());
        return reply;
    }

    /// <summary>Sends an event as the device, e.g. a <c>Home.Event</c> or a <c>Device.StateReport</c>.</summary>
    public Task SendAsync(string json) => _device.SendTextAsync(json, _cancellationToken);

    /// <summary>Sends a <c>Home.Event</c>; <paramref name="dataJson"/> is its <c>data</c> object.</summary>
    public Task ReportAsync(string type, string dataJson, DateTimeOffset? at = null)
    {
        var when = at is { } instant ? $",\"at\":\"{instant:O}\"" : "";
        return SendAsync($"{{\"type\":\"event\",\"name\":\"Home.Event\",\"id\":\"{Envelope.NewId()}\"," +
            $"\"payload\":{{\"type\":\"{type}\",\"data\":{dataJson}{when}}}}}");
    }

    /// <summary>Waits until the server has handled everything this device sent before (it answers in order).</summary>
    public async Task SyncAsync() => await SayAsync("안녕하세요", "ko");

    /// <summary>The next message with this name; earlier ones are acknowledged and skipped.</summary>
    public Task<JsonElement> NextAsync(string name, TimeSpan? timeout = null) => NextAsync(m => RawDevice.Name(m) == name, timeout);

    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? RawDevice.Patience);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var message = await _device.ReceiveAsync(_ => true, _cancellationToken, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            await AcknowledgeAsync(message);
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>Everything that arrives within <paramref name="window"/>, acknowledged.</summary>
    public async Task<List<JsonElement>> DrainAsync(TimeSpan window)
    {
        var messages = await _device.DrainAsync(window, _cancellationToken);
        foreach (var message in messages)
        {
            await AcknowledgeAsync(message);
        }

        return messages;
    }

    /// <summary>Asserts that no message of this name arrives within <paramref name="window"/>.</summary>
    public async Task AssertNoneAsync(string name, TimeSpan window)
    {
        var messages = await DrainAsync(window);
        Assert.DoesNotContain(messages, m => RawDevice.Name(m) == name);
    }

    private Task AcknowledgeAsync(JsonElement message) =>
        message.GetProperty("type").GetString() == MessageTypes.Directive && RawDevice.Name(message) != MessageNames.SystemError
            ? _device.AckAsync(message.GetProperty("id").GetString()!, _cancellationToken)
            : Task.CompletedTask;

    private static bool RepliesTo(JsonElement message, string id) =>
        message.TryGetProperty("replyTo", out var replyTo) && replyTo.GetString() == id;

    public ValueTask DisposeAsync() => _device.DisposeAsync();
}

/// <summary>The answer to one turn and the directives the device got before it.</summary>
internal sealed record Reply(string TurnId, string Text, string Lang, IReadOnlyList<JsonElement> Before)
{
    public IEnumerable<JsonElement> Named(string name) => Before.Where(m => RawDevice.Name(m) == name);
}
