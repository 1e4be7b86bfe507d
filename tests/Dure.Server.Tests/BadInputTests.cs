using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dure.Protocol;

namespace Dure.Server.Tests;

/// <summary>Bad input gets a stable error code; the connection and the server keep working afterwards.</summary>
public sealed class BadInputTests(LabServer lab) : IClassFixture<LabServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> BadMessages => new()
    {
        // text sent, expected code, whether the error replies to the message id
        { "{not json", ErrorCodes.InvalidJson, false },
        { "", ErrorCodes.InvalidJson, false },
        { "[1,2,3]", ErrorCodes.InvalidMessage, false },
        { """{"type":"event","name":"Text.Recognize","payload":{"text":"안녕"}}""", ErrorCodes.InvalidMessage, false },
        { """{"type":"event","name":"Lights.Dance","id":"e1","payload":{}}""", ErrorCodes.UnknownMessage, true },
        { """{"type":"event","name":"Speech.Speak","id":"e2","payload":{"text":"hi","lang":"en"}}""", ErrorCodes.UnknownMessage, true },
        { """{"type":"directive","name":"Text.Recognize","id":"e3","payload":{"text":"안녕"}}""", ErrorCodes.InvalidMessage, true },
        { """{"type":"event","name":"Text.Recognize","id":"e4","payload":{}}""", ErrorCodes.InvalidMessage, true },
        { """{"type":"event","name":"Text.Recognize","id":"e5","payload":{"text":42}}""", ErrorCodes.InvalidMessage, true },
        { """{"type":"event","name":"Text.Recognize","id":"e6","payload":"text"}""", ErrorCodes.InvalidMessage, true },
        { """{"type":"event","name":"Text.Recognize","id":"e7","payload":{"text":"hi","lang":"fr"}}""", ErrorCodes.InvalidMessage, true },
        { """{"type":"event","name":"System.Ack","id":"e8","payload":{}}""", ErrorCodes.InvalidMessage, true },
        { """{"type":"event","name":"Device.StateReport","id":"e9","payload":{"device":"light.living_room"}}""", ErrorCodes.InvalidMessage, true },
        { """{"type":"event","name":"Device.StateReport","id":"e10","payload":{"device":"light.nowhere","state":"on"}}""", ErrorCodes.UnknownDevice, true },
        { $$$"""{"type":"event","name":"Text.Recognize","id":"e11","payload":{"text":"{{{new string('가', ProtocolLimits.MaxTextLength + 1)}}}"}}""", ErrorCodes.TextTooLong, true },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task Bad_message_gets_a_stable_error_and_the_connection_keeps_working(string text, string code, bool repliesToId)
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        await device.SendTextAsync(text, Ct);

        var error = await device.ReceiveAsync(MessageNames.SystemError, Ct);
        Assert.Equal(code, RawDevice.Payload(error).GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(RawDevice.Payload(error).GetProperty("message").GetString()));
        if (repliesToId)
        {
            Assert.StartsWith("e", error.GetProperty("replyTo").GetString());
        }

        await device.AssertStillAnswersAsync(Ct);
        Assert.False(lab.Server.HasExited);
    }

    [Fact]
    public async Task Text_of_exactly_the_limit_is_accepted()
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        var id = await device.SayAsync(new string('아', ProtocolLimits.MaxTextLength), Ct);

        var reply = await device.ReceiveAsync(m => m.TryGetProperty("replyTo", out var r) && r.GetString() == id, Ct);
        Assert.Equal(MessageNames.SpeechSpeak, RawDevice.Name(reply));
    }

    [Theory]
    [InlineData(ProtocolLimits.MaxMessageBytes + 1, 1)]
    [InlineData(200 * 1024, 7)]
    public async Task Message_over_64_KiB_is_skipped_with_message_too_large(int size, int frames)
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        var prefix = """{"type":"event","name":"Text.Recognize","id":"big","payload":{"text":" """;
        var body = Encoding.UTF8.GetBytes(prefix + new string('x', size - prefix.Length - 3) + "\"}}");
        Assert.Equal(size, body.Length);

        var chunk = (body.Length + frames - 1) / frames;
        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            var length = Math.Min(chunk, body.Length - offset);
            await device.SendBytesAsync(body.AsMemory(offset, length), WebSocketMessageType.Text, offset + length == body.Length, Ct);
        }

        var error = await device.ReceiveAsync(MessageNames.SystemError, Ct);
        Assert.Equal(ErrorCodes.MessageTooLarge, RawDevice.Payload(error).GetProperty("code").GetString());
        await device.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task Message_of_exactly_64_KiB_in_several_frames_is_read()
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        // Padding spaces are valid JSON whitespace, so the message stays small in text but exactly at the byte limit.
        var json = """{"type":"event","name":"Text.Recognize","id":"edge","payload":{"text":"안녕"}}""";
        var body = Encoding.UTF8.GetBytes(json + new string(' ', ProtocolLimits.MaxMessageBytes - Encoding.UTF8.GetByteCount(json)));

        await device.SendBytesAsync(body.AsMemory(0, 40_000), WebSocketMessageType.Text, false, Ct);
        await device.SendBytesAsync(body.AsMemory(40_000), WebSocketMessageType.Text, true, Ct);

        var reply = await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: "edge");
        Assert.Equal("edge", reply.GetProperty("replyTo").GetString());
    }

    [Fact]
    public async Task Text_frames_that_are_not_UTF8_close_with_1007_as_RFC_6455_requires_and_the_device_can_reconnect()
    {
        var token = lab.NextSpeakerToken();
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, token, Ct);

        await device.SendBytesAsync(new byte[] { (byte)'{', 0xFF, 0xFE, (byte)'}' }, WebSocketMessageType.Text, true, Ct);

        await device.Closed.WaitAsync(RawDevice.Patience, Ct);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, device.CloseStatus);
        await using var again = await RawDevice.ConnectAsync(lab.Server.BaseUrl, token, Ct);
        await again.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task Binary_frames_without_an_open_audio_stream_get_no_audio_stream_once_per_burst()
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        for (var i = 0; i < 20; i++)
        {
            await device.SendBytesAsync(new byte[] { 1, 2, 3, 4 }, WebSocketMessageType.Binary, true, Ct);
        }

        var id = await device.SayAsync("안녕", Ct);
        List<JsonElement> received = [];
        while (received.Count == 0 || !(RawDevice.Name(received[^1]) == MessageNames.SpeechSpeak && received[^1].GetProperty("replyTo").GetString() == id))
        {
            received.Add(await device.ReceiveAsync(_ => true, Ct));
        }

        var errors = received.Where(m => RawDevice.Name(m) == MessageNames.SystemError).ToList();
        Assert.Equal(ErrorCodes.NoAudioStream, Assert.Single(errors).GetProperty("payload").GetProperty("code").GetString());
        Assert.False(lab.Server.HasExited);
    }

    [Fact]
    public async Task Stop_capture_with_no_stream_is_no_audio_stream()
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        await device.SendAsync(Payloads.Event(MessageNames.SpeechStopCapture, new SpeechStopCapture(), ProtocolJson.Default.SpeechStopCapture, id: "stop1"), Ct);

        var error = await device.ReceiveAsync(MessageNames.SystemError, Ct);
        Assert.Equal(ErrorCodes.NoAudioStream, RawDevice.Payload(error).GetProperty("code").GetString());
        Assert.Equal("stop1", error.GetProperty("replyTo").GetString());
        await device.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task Many_bad_messages_in_a_row_leave_the_connection_working()
    {
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);

        for (var i = 0; i < 50; i++)
        {
            await device.SendTextAsync(i % 2 == 0 ? "}{" : """{"type":"event","name":"X","id":"x","payload":{}}""", Ct);
        }

        var errors = 0;
        while (errors < 50)
        {
            await device.ReceiveAsync(MessageNames.SystemError, Ct);
            errors++;
        }

        await device.AssertStillAnswersAsync(Ct);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Missing_or_wrong_token_gets_401_problem_json_before_the_upgrade(string? authorization)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(lab.Server.BaseUrl, ProtocolLimits.ConnectPath));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":401", await response.Content.ReadAsStringAsync(Ct));

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(RawDevice.Endpoint(lab.Server.BaseUrl), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);

        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        await device.AssertStillAnswersAsync(Ct);
    }

    [Fact]
    public async Task Browsers_may_pass_the_token_as_access_token_query()
    {
        using var socket = new ClientWebSocket();
        var endpoint = new Uri(RawDevice.Endpoint(lab.Server.BaseUrl) + "?access_token=" + Uri.EscapeDataString(lab.NextSpeakerToken()));

        await socket.ConnectAsync(endpoint, Ct);

        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Ct);
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(lab.Server.BaseUrl, "/health"), Ct);

        Assert.Contains("ok", body, StringComparison.Ordinal);
    }
}
