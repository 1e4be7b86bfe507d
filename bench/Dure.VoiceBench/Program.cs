using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dure.Protocol;
using Dure.Speech.Audio;
using Dure.Speech.Synthesis;
using Dure.Testing;
using Microsoft.Extensions.Options;

namespace Dure.VoiceBench;

/// <summary>
/// Measures a voice turn through the real server on loopback: espeak-ng speaks ten commands, a device streams them, and
/// the time from the end of speech to the first byte of the answer's audio is taken, median and p95. Two ends of speech:
/// the device's own <c>Speech.StopCapture</c> right after the words (push-to-talk, or a device with its own VAD), and the
/// server's endpointing of audio streamed in real time (which waits for its trailing silence by design).
/// </summary>
public static class Program
{
    private static readonly string[] Commands =
    [
        "turn off the kitchen light", "turn on the living room lamp", "switch on the bedroom fan", "open the garage door",
        "close the living room curtains", "lock the front door", "set the bedroom light to fifty percent",
        "set the thermostat to twenty two degrees", "what time is it", "set a timer for five minutes",
    ];

    public static async Task<int> Main(string[] args)
    {
        var utterances = Option(args, "--utterances", 60);
        var realTime = Option(args, "--realtime-utterances", 20);
        var espeak = new EspeakSynthesizer(Options.Create(new SynthesisOptions()));
        var speech = new List<(string Text, short[] Samples)>();
        foreach (var command in Commands)
        {
            speech.Add((command, (await espeak.SynthesizeAsync(command, "en", CancellationToken.None)).At(Pcm16.RecognitionRate).Samples));
        }

        await using var server = await ServerProcess.StartAsync(new ServerSettings
        {
            HomeFiles = [Path.Combine(AppContext.BaseDirectory, "bench-home.yaml")],
            Environment = new Dictionary<string, string> { ["Dure__Arbitration__Window"] = "00:00:00" },
        });
        using var hub = await Connect(server.BaseUrl, "bench-hub-token"); // receives the Device.Control commands
        var draining = Drain(hub);
        using var device = await Connect(server.BaseUrl, "bench-speaker-token");

        // Warm-up: model load, grammar compile, JIT.
        for (var i = 0; i < 3; i++)
        {
            await TurnAsync(device, speech[i % speech.Count].Samples, serverEndpoint: false);
        }

        var stop = new List<double>();
        var heard = 0;
        for (var i = 0; i < utterances; i++)
        {
            var (text, samples) = speech[i % speech.Count];
            var turn = await TurnAsync(device, samples, serverEndpoint: false);
            stop.Add(turn.Latency.TotalMilliseconds);
            heard += turn.Transcript == text ? 1 : 0;
        }

        var endpoint = new List<double>();
        for (var i = 0; i < realTime; i++)
        {
            var turn = await TurnAsync(device, speech[i % speech.Count].Samples, serverEndpoint: true);
            endpoint.Add(turn.Latency.TotalMilliseconds);
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
        Console.WriteLine($"exact transcripts: {heard}/{utterances}");
        Console.WriteLine("| end of speech | utterances | median | p95 | mean | min | max |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Row("device's Speech.StopCapture → first answer audio byte", stop);
        Row("server endpointing (real time, 500 ms hangover) → first answer audio byte", endpoint);
        return 0;
    }

    private static void Row(string what, List<double> values)
    {
        var sorted = values.Order().ToList();
        string Ms(double v) => v.ToString("0", CultureInfo.InvariantCulture) + " ms";
        Console.WriteLine($"| {what} | {sorted.Count} | {Ms(Percentile(sorted, 0.5))} | {Ms(Percentile(sorted, 0.95))} | {Ms(sorted.Average())} | {Ms(sorted[0])} | {Ms(sorted[^1])} |");
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private sealed record Turn(string? Transcript, TimeSpan Latency);

    /// <summary>
    /// One voice turn. Device end: frames as fast as the socket takes them, then Speech.StopCapture; the clock starts at
    /// StopCapture. Server end: frames paced in real time with a second of silence after the words; the clock starts when
    /// the last frame holding speech has been sent.
    /// </summary>
    private static async Task<Turn> TurnAsync(ClientWebSocket socket, short[] speech, bool serverEndpoint)
    {
        var silenceBefore = new short[Pcm16.RecognitionRate / 5];
        var silenceAfter = new short[serverEndpoint ? Pcm16.RecognitionRate : 0];
        var audio = Pcm16.ToBytes([.. silenceBefore, .. speech, .. silenceAfter]);
        var speechEndByte = (silenceBefore.Length + speech.Length) * 2;
        var id = Envelope.NewId();
        await Send(socket, Payloads.Event(MessageNames.SpeechRecognize, new SpeechRecognize(Lang: "en"), ProtocolJson.Default.SpeechRecognize, id: id));
        var answer = Task.Run(() => AwaitAnswer(socket, id));
        const int frame = 3200; // 100 ms
        var started = Stopwatch.GetTimestamp();
        long endOfSpeech = 0;
        for (var offset = 0; offset < audio.Length && !answer.IsCompleted; offset += frame)
        {
            if (serverEndpoint)
            {
                var wait = TimeSpan.FromMilliseconds(offset / 32.0) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var length = Math.Min(frame, audio.Length - offset);
            await SendLock.WaitAsync();
            try
            {
                await socket.SendAsync(audio.AsMemory(offset, length), WebSocketMessageType.Binary, true, CancellationToken.None);
            }
            finally
            {
                SendLock.Release();
            }

            if (endOfSpeech == 0 && offset + length >= speechEndByte)
            {
                endOfSpeech = Stopwatch.GetTimestamp();
            }
        }

        if (!serverEndpoint)
        {
            await Send(socket, Payloads.Event(MessageNames.SpeechStopCapture, new SpeechStopCapture(), ProtocolJson.Default.SpeechStopCapture));
            endOfSpeech = Stopwatch.GetTimestamp();
        }

        var (transcript, firstAudio) = await answer;
        return new Turn(transcript, Stopwatch.GetElapsedTime(endOfSpeech, firstAudio));
    }

    /// <summary>Reads until the first binary frame of the answer's audio; returns the final transcript and that moment.</summary>
    private static async Task<(string? Transcript, long FirstAudio)> AwaitAnswer(ClientWebSocket socket, string id)
    {
        var buffer = new byte[256 * 1024];
        string? transcript = null;
        var audioBytes = 0;
        var received = 0;
        long firstAudio = 0;
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                if (audioBytes > 0)
                {
                    firstAudio = firstAudio == 0 ? Stopwatch.GetTimestamp() : firstAudio;
                    received += count;
                    if (received >= audioBytes)
                    {
                        return (transcript, firstAudio); // the whole answer is in: the next turn starts on a clean socket
                    }
                }

                continue;
            }

            using var message = JsonDocument.Parse(buffer.AsMemory(0, count));
            var root = message.RootElement;
            var name = root.GetProperty("name").GetString();
            var replyTo = root.TryGetProperty("replyTo", out var r) ? r.GetString() : null;
            if (replyTo != id)
            {
                continue;
            }

            if (name == MessageNames.SpeechTranscript && root.GetProperty("payload").GetProperty("final").GetBoolean())
            {
                transcript = root.GetProperty("payload").GetProperty("text").GetString();
            }
            else if (name == MessageNames.SpeechSpeak)
            {
                audioBytes = root.GetProperty("payload").TryGetProperty("audio", out var audio) ? audio.GetProperty("bytes").GetInt32()
                    : throw new InvalidOperationException("the answer came without audio");
                await Send(socket, Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck, replyTo: root.GetProperty("id").GetString()));
            }
            else if (name == MessageNames.SystemError)
            {
                throw new InvalidOperationException($"the server failed the turn: {root.GetProperty("payload").GetRawText()}");
            }
        }
    }

    private static SemaphoreSlim SendLock { get; } = new(1, 1);

    private static async Task Send(ClientWebSocket socket, Envelope envelope)
    {
        await SendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Payloads.Serialize(envelope), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            SendLock.Release();
        }
    }

    private static async Task<ClientWebSocket> Connect(Uri server, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await socket.ConnectAsync(new Uri(server.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + ProtocolLimits.ConnectPath.TrimStart('/')),
            CancellationToken.None);
        return socket;
    }

    /// <summary>Reads and acknowledges what the gateway receives, so its outbox does not grow.</summary>
    private static async Task Drain(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Text && result.EndOfMessage)
                {
                    using var message = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                    await socket.SendAsync(Payloads.Serialize(Payloads.Event(MessageNames.SystemAck, new SystemAck(), ProtocolJson.Default.SystemAck,
                        replyTo: message.RootElement.GetProperty("id").GetString())), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
        }
        catch (WebSocketException)
        {
            // The server went away at the end.
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
