using System.CommandLine;
using System.Net.WebSockets;
using Dure.Protocol;
using Dure.Sdk;

namespace Dure.Cli.Commands;

/// <summary>
/// <c>dure say TEXT</c>: one turn as a device; prints the spoken reply, or every directive with <c>--json</c>.
/// <c>--audio FILE.wav</c> speaks the file instead (printing what Dure heard), <c>--save-reply</c> keeps the answer's audio.
/// </summary>
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
        var text = new Argument<string[]>("text") { Description = "what to say", Arity = ArgumentArity.ZeroOrMore };
        var audio = new Option<string?>("--audio") { Description = "speak a WAV file (16-bit PCM; resampled to 16 kHz mono) instead of text" };
        var saveReply = new Option<string?>("--save-reply") { Description = "write the answer's audio to this WAV file" };
        var realTime = new Option<bool>("--realtime") { Description = "stream the WAV file at its own pace, as a microphone would" };

        var command = new Command("say", "Say one thing to Dure as a device and print the answer")
        {
            server, token, lang, json, audio, saveReply, realTime, text,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (DeviceConnection.Token(result.GetValue(token)) is not { } deviceToken)
            {
                await Console.Error.WriteLineAsync("dure say: no device token: pass --token or set DURE_TOKEN");
                return 2;
            }

            var words = string.Join(' ', result.GetValue(text) ?? []);
            var audioFile = result.GetValue(audio);
            if ((audioFile is null) == (words.Length == 0))
            {
                await Console.Error.WriteLineAsync("dure say: give either TEXT or --audio FILE.wav");
                return 2;
            }

            byte[]? pcm = null;
            if (audioFile is not null)
            {
                try
                {
                    pcm = SpeechInput.Load(audioFile);
                }
                catch (Exception e) when (e is Dure.Speech.Audio.WavFormatException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"dure say: {audioFile}: {e.Message}");
                    return 2;
                }
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
                SpokenReply? reply = null;
                string? heard = null;
                try
                {
                    if (pcm is not null)
                    {
                        var voice = await SpeechInput.SendAsync(client, pcm, result.GetValue(lang), result.GetValue(realTime), cancellationToken);
                        (heard, reply) = (voice.Transcript, voice.Reply);
                    }
                    else
                    {
                        reply = await client.RecognizeTextWithAudioAsync(words, result.GetValue(lang),
                            replyAudio: result.GetValue(saveReply) is null ? null : true, cancellationToken);
                    }
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
                else if (reply is not null)
                {
                    if (heard is not null)
                    {
                        Console.WriteLine($"heard: {heard}");
                    }

                    Console.WriteLine(reply.Speech.Text);
                }

                if (result.GetValue(saveReply) is { } replyFile && reply is not null)
                {
                    if (reply.Audio.IsEmpty)
                    {
                        await Console.Error.WriteLineAsync("dure say: the answer came without audio; nothing saved");
                        return 1;
                    }

                    SpeechInput.SaveReply(reply, replyFile);
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
