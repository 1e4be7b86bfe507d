using System.CommandLine;
using System.Net.WebSockets;
using System.Text.Json;
using Dure.Protocol;
using Dure.Sdk;

namespace Dure.Cli.Commands;

/// <summary>
/// <c>dure device simulate</c>: a virtual device (typically the wall pad / gateway) that prints directives, carries out
/// <c>Device.Control</c> on a local state table, reports the new state and acknowledges everything, until Ctrl+C.
/// Lines typed on its console are spoken to Dure: text as <c>Text.Recognize</c>, <c>@file.wav</c> as speech.
/// </summary>
public static class DeviceCommand
{
    public static Command Create()
    {
        var server = DeviceConnection.ServerOption();
        var token = DeviceConnection.TokenOption();
        var simulate = new Command("simulate", "Run a virtual device that obeys Device.Control and reports state") { server, token };
        simulate.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (DeviceConnection.Token(result.GetValue(token)) is not { } deviceToken)
            {
                await Console.Error.WriteLineAsync("dure device simulate: no device token: pass --token or set DURE_TOKEN");
                return 2;
            }

            await using var client = new DureDeviceClient(new DureDeviceClientOptions
            {
                Server = new Uri(result.GetValue(server)!),
                Token = deviceToken,
            });
            client.Connected += (_, _) => Console.WriteLine($"connected to {client.Endpoint}");
            try
            {
                await client.ConnectAsync(cancellationToken);
                _ = Task.Run(() => TalkAsync(client, cancellationToken), cancellationToken);
                await RunAsync(client, cancellationToken);
                if (!cancellationToken.IsCancellationRequested)
                {
                    // The directive stream ended without Ctrl+C: the server closed for good (e.g. `say` took over this device).
                    await Console.Error.WriteLineAsync($"dure device simulate: stopped: {client.StopReason}");
                    return 1;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C.
            }
            catch (Exception e) when (e is DureAuthenticationException or WebSocketException or DureConnectionClosedException)
            {
                await Console.Error.WriteLineAsync($"dure device simulate: {e.Message}");
                return 1;
            }

            return 0;
        });

        return new Command("device", "Act as a device") { simulate, DeviceLoginCommand.Create() };
    }

    private static async Task RunAsync(DureDeviceClient client, CancellationToken cancellationToken)
    {
        var devices = new SimulatedDevices();
        await foreach (var directive in client.ReadDirectivesAsync(cancellationToken))
        {
            Console.WriteLine($"<- {DeviceConnection.Line(directive)}");
            if (directive.Name != MessageNames.DeviceControl ||
                !Payloads.TryRead(directive, ProtocolJson.Default.DeviceControl, out var control, out _))
            {
                continue;
            }

            var (state, attributes) = devices.Apply(control);
            var report = new DeviceStateReport(state, control.Device, attributes);
            await client.ReportStateAsync(state, control.Device, attributes, cancellationToken);
            Console.WriteLine($"-> {DeviceConnection.Line(Payloads.Event(MessageNames.DeviceStateReport, report, ProtocolJson.Default.DeviceStateReport))}");
        }
    }

    /// <summary>What is typed on the console, said to Dure: a line of text, or <c>@file.wav</c> spoken as audio.</summary>
    private static async Task TalkAsync(DureDeviceClient client, CancellationToken cancellationToken)
    {
        try
        {
            await TalkLinesAsync(client, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or DureConnectionClosedException or WebSocketException)
        {
            // Ctrl+C, or the connection closed for good: the directive loop reports it.
        }
    }

    private static async Task TalkLinesAsync(DureDeviceClient client, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            line = line.Trim();
            try
            {
                if (line.StartsWith('@'))
                {
                    var voice = await SpeechInput.SendAsync(client, SpeechInput.Load(line[1..]), null, realTime: false, cancellationToken);
                    Console.WriteLine($"heard: {voice.Transcript}");
                }
                else if (line.Length > 0)
                {
                    await client.RecognizeTextAsync(line, cancellationToken: cancellationToken);
                }
            }
            catch (Exception e) when (e is DureErrorException or DureArbitratedException or Dure.Speech.Audio.WavFormatException or IOException
                or TimeoutException)
            {
                await Console.Error.WriteLineAsync($"dure device simulate: {e.Message}");
            }
        }
    }

    /// <summary>The simulated home network: each device's state and attributes, changed the way Home Assistant services would.</summary>
    private sealed class SimulatedDevices
    {
        private readonly Dictionary<string, (string State, Dictionary<string, JsonElement> Attributes)> _devices = new(StringComparer.Ordinal);

        public (string State, Dictionary<string, JsonElement> Attributes) Apply(DeviceControl control)
        {
            var (state, attributes) = _devices.GetValueOrDefault(control.Device, ("unknown", new Dictionary<string, JsonElement>(StringComparer.Ordinal)));
            foreach (var (name, value) in control.Params)
            {
                attributes[name] = value;
            }

            state = control.Action switch
            {
                "turn_on" => "on",
                "turn_off" => "off",
                "toggle" => state == "on" ? "off" : "on",
                "open_cover" or "open_valve" => "open",
                "close_cover" or "close_valve" => "closed",
                "set_cover_position" or "set_valve_position" => Position(control.Params) > 0 ? "open" : "closed",
                "lock" => "locked",
                "unlock" => "unlocked",
                "set_temperature" when state is "off" or "unknown" => "heat",
                "set_hvac_mode" when control.Params.TryGetValue("hvac_mode", out var mode) => mode.GetString() ?? state,
                "media_play" => "playing",
                "media_pause" => "paused",
                _ => state,
            };
            _devices[control.Device] = (state, attributes);
            return (state, attributes);
        }

        private static double Position(Dictionary<string, JsonElement> parameters) =>
            parameters.TryGetValue("position", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : 0;
    }
}
