using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dure.Protocol;

namespace Dure.Server.Tests.Scenarios;

/// <summary>Assertions on directives, comparing payloads as JSON (property order does not matter, values do).</summary>
internal static class Expect
{
    /// <summary>The message is the named directive with exactly this payload.</summary>
    public static void Directive(JsonElement message, string name, string payloadJson)
    {
        Assert.Equal(name, RawDevice.Name(message));
        Assert.Equal(Canonical(JsonNode.Parse(payloadJson)), Canonical(JsonNode.Parse(RawDevice.Payload(message).GetRawText())));
    }

    /// <summary>A <c>Device.Control</c> with exactly these params.</summary>
    public static void Control(JsonElement message, string device, string domain, string action, string paramsJson = "{}") =>
        Directive(message, MessageNames.DeviceControl,
            $$"""{"device":"{{device}}","domain":"{{domain}}","action":"{{action}}","params":{{paramsJson}}}""");

    /// <summary>The single <c>Device.Control</c> among <paramref name="messages"/>.</summary>
    public static JsonElement OneControl(IEnumerable<JsonElement> messages) =>
        Assert.Single(messages, m => RawDevice.Name(m) == MessageNames.DeviceControl);

    /// <summary>A scheduled item's <c>Alert.Start</c> of this kind and text (its id is the server's).</summary>
    public static void Alert(JsonElement message, string kind, string text)
    {
        Assert.Equal(MessageNames.AlertStart, RawDevice.Name(message));
        var payload = RawDevice.Payload(message);
        Assert.Equal(kind, payload.GetProperty("kind").GetString());
        Assert.Equal(text, payload.GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("id").GetString()));
        Assert.False(message.TryGetProperty("replyTo", out _)); // nobody asked just now
    }

    /// <summary>Speech the server said on its own (an announcement, a scheduled item): no <c>replyTo</c>.</summary>
    public static void Announcement(JsonElement message, string text, string lang) =>
        Directive(message, MessageNames.SpeechSpeak, JsonSerializer.Serialize(new { text, lang }));

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        null => "null",
        _ => node.ToJsonString(),
    };
}

/// <summary>How Dure says a time of day where the scenario homes are (Asia/Seoul), for answers that depend on the clock.</summary>
internal static class SeoulClock
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Seoul", out var zone)
        ? zone : TimeZoneInfo.CreateCustomTimeZone("Asia/Seoul", TimeSpan.FromHours(9), "Asia/Seoul", "Asia/Seoul");

    public static DateTime Now => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime;

    public static DateTimeOffset At(DateTime local) => new(local, Zone.GetUtcOffset(local));

    /// <summary>"오후 3시 20분", "오전 9시", "자정", "정오".</summary>
    public static string Korean(DateTime local) => local switch
    {
        { Hour: 0, Minute: 0 } => "자정",
        { Hour: 12, Minute: 0 } => "정오",
        _ => $"{(local.Hour < 12 ? "오전" : "오후")} {(local.Hour % 12 == 0 ? 12 : local.Hour % 12)}시" + (local.Minute == 0 ? "" : $" {local.Minute}분"),
    };

    /// <summary>"3:20 PM".</summary>
    public static string English(DateTime local) => local.ToString("h:mm tt", CultureInfo.InvariantCulture);
}
