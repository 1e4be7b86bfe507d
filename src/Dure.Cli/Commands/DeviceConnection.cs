using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dure.Protocol;

namespace Dure.Cli.Commands;

/// <summary>Options and helpers shared by the commands that act as a device.</summary>
internal static class DeviceConnection
{
    public static Option<string> ServerOption() => new("--server")
    {
        Description = "the Dure server's URL",
        DefaultValueFactory = _ => "http://localhost:5000",
    };

    public static Option<string?> TokenOption() => new("--token")
    {
        Description = "the device token (default: $DURE_TOKEN, else $Dure__Demo__DeviceToken)",
    };

    /// <summary>The token from the option, else <c>DURE_TOKEN</c>, else the demo token variable.</summary>
    public static string? Token(string? option) =>
        new[] { option, Environment.GetEnvironmentVariable("DURE_TOKEN"), Environment.GetEnvironmentVariable("Dure__Demo__DeviceToken") }
            .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One message as one JSON line, with Korean left readable.</summary>
    public static string Line(Envelope envelope)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            JsonSerializer.Serialize(writer, envelope, ProtocolJson.Default.Envelope);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
