using System.Text.Json;
using System.Text.RegularExpressions;
using Dure.Protocol;

namespace Dure.Server.Tests;

/// <summary>docs/schemas against docs/protocol.md's examples and the messages the SDK and server really produce.</summary>
public sealed partial class SchemaTests(LabServer lab) : IClassFixture<LabServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_message_has_a_schema_and_an_example_in_the_protocol_doc_that_matches_it()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "protocol.md"));
        var examples = JsonBlock().Matches(doc).Select(m => m.Groups[1].Value.Trim()).ToList();

        var names = examples.Select(Schemas.AssertValid).ToList();

        Assert.Equal(MessageNames.Events.Concat(MessageNames.Directives).Distinct().Order(), names.Distinct().Order());
        foreach (var code in ErrorCodes.All)
        {
            Assert.Contains($"`{code}`", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Schemas_reject_what_the_server_rejects()
    {
        Assert.ThrowsAny<Exception>(() => Schemas.AssertValid("""{"type":"event","name":"Text.Recognize","id":"1","payload":{}}"""));
        Assert.ThrowsAny<Exception>(() => Schemas.AssertValid(
            $$$"""{"type":"event","name":"Text.Recognize","id":"1","payload":{"text":"{{{new string('a', 1001)}}}"}}"""));
        Assert.ThrowsAny<Exception>(() => Schemas.AssertValid("""{"type":"event","name":"System.Ack","id":"1","payload":{}}"""));
        Assert.ThrowsAny<Exception>(() => Schemas.AssertValid(
            """{"type":"directive","name":"System.Error","id":"1","payload":{"code":"oops","message":"x"}}"""));
    }

    [Fact]
    public void Events_the_SDK_builds_match_their_schemas()
    {
        var attributes = new Dictionary<string, JsonElement> { ["brightness"] = JsonSerializer.SerializeToElement(40) };
        Envelope[] events =
        [
            Payloads.Event(MessageNames.TextRecognize, new TextRecognize("거실 불 켜줘", "ko"), ProtocolJson.Default.TextRecognize),
            Payloads.Event(MessageNames.TextRecognize, new TextRecognize("turn on the light"), ProtocolJson.Default.TextRecognize),
            Payloads.Event(MessageNames.DeviceStateReport, new DeviceStateReport("on", "light.kitchen", attributes), ProtocolJson.Default.DeviceStateReport),
            Payloads.Event(MessageNames.DeviceStateReport, new DeviceStateReport("off"), ProtocolJson.Default.DeviceStateReport),
            Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: "d1"),
        ];

        foreach (var message in events)
        {
            Assert.Equal(message.Name, Schemas.AssertValid(Payloads.SerializeToString(message)));
        }
    }

    [Fact]
    public async Task Speech_and_errors_the_server_sends_match_their_schemas()
    {
        // RawDevice validates every message it receives; this test makes sure the server sends each kind.
        await using var device = await RawDevice.ConnectAsync(lab.Server.BaseUrl, lab.NextSpeakerToken(), Ct);
        await device.AssertStillAnswersAsync(Ct);
        await device.SendTextAsync("nope", Ct);
        await device.SendTextAsync("""{"type":"event","name":"Nope","id":"n1","payload":{}}""", Ct);
        var english = await device.SayAsync("hello", Ct, lang: "en");

        Assert.Equal(ErrorCodes.InvalidJson, RawDevice.Payload(await device.ReceiveAsync(MessageNames.SystemError, Ct)).GetProperty("code").GetString());
        Assert.Equal(ErrorCodes.UnknownMessage, RawDevice.Payload(await device.ReceiveAsync(MessageNames.SystemError, Ct)).GetProperty("code").GetString());
        await device.ReceiveAsync(MessageNames.SpeechSpeak, Ct, replyTo: english);
    }

    [GeneratedRegex("```json\\s*\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
