using System.CommandLine;
using System.Net.WebSockets;
using Dure.Protocol;
using Dure.Sdk;

namespace Dure.Cli.Commands;

/// <summary><c>dure say TEXT</c>: one turn as a device; prints the spoken reply, or every directive with <c>--json</c>.</summary>
public static class SayCommand
{
    // Commands for the same device may follow the spoken reply; wait this long for them.
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var server = DeviceConnection.ServerOption();
        var token = DeviceConnection.TokenOption();
        var lang = new Option<string?>("--lang") { Description = "ko or en (default: detect)" };
        lang.AcceptOnlyFromAmong("ko", "en");
        var json = new Option<bool>("--json") { Description = "print one JSON line per directive received" };
        var text = new Argument<string[]>("text") { Description = "what to say", Arity = ArgumentArity.OneOrMore };

        var command = new Command("say", "Say one thing to Dure as a device and print the answer") { server, token, lang, json, text };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (DeviceConnection.Token(result.GetValue(token)) is not { } deviceToken)
            {
                await Console.Error.WriteLineAsync("dure say: no device token: pass --token or set DURE_TOKEN");
                return 2;
            }

            var options = new DureDeviceClientOptions
            {
                Server = new Uri(result.GetValue(server)!),
                Token = deviceToken,
                Reconnect = false,
            };
            await using var client = new DureDeviceClient(options);
            try
            {
                await client.ConnectAsync(cancellationToken);
                using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var printing = result.GetValue(json) ? PrintAllAsync(client, stopReading.Token) : Task.CompletedTask;
                SpeechSpeak? speech = null;
                try
                {
                    speech = await client.RecognizeTextAsync(string.Join(' ', result.GetValue(text)!), result.GetValue(lang), cancellationToken);
                }
                catch (DureArbitratedException e)
                {
                    // Not a failure: another device of the home heard the same words and answers them.
                    await Console.Error.WriteLineAsync($"dure say: {e.Message}");
                }

                if (result.GetValue(json))
                {
                    await Task.Delay(Linger, cancellationToken);
                    await stopReading.CancelAsync();
                    await printing;
                }
                else if (speech is not null)
                {
                    Console.WriteLine(speech.Text);
                }

                return 0;
            }
            catch (DureErrorException e)
            {
                await Console.Error.WriteLineAsync($"dure say: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is DureAuthenticationException or WebSocketException or DureConnectionClosedException or TimeoutException)
            {
                await Console.Error.WriteLineAsync($"dure say: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task PrintAllAsync(DureDeviceClient client, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var directive in client.ReadDirectivesAsync(cancellationToken))
            {
                Console.WriteLine(DeviceConnection.Line(directive));
            }
        }
        catch (OperationCanceledException)
        {
            // Done lingering.
        }
    }
}
