using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Dure.Platform.Grains;
using Dure.Protocol;
using Dure.Speech;
using Dure.Speech.Audio;
using Dure.Speech.Endpointing;
using Microsoft.Extensions.Logging;

namespace Dure.Server.Voice;

/// <summary>What a voice stream tells its connection: directives straight to the socket, and the turn to run.</summary>
internal interface IVoiceConnection
{
    /// <summary>Sends a directive that is not queued (transcripts, stop capture, errors).</summary>
    void SendNow(string name, JsonElement payload, string? replyTo);

    void SendError(string code, string message, string? replyTo, int? retryAfterMs = null);

    /// <summary>Runs the recognized words as a turn of the device, answering <paramref name="eventId"/>.</summary>
    Task<ProtocolProblem?> RecognizeAsync(string text, string? language, string eventId, DateTimeOffset receivedAt);
}

/// <summary>
/// One <c>Speech.Recognize</c>: takes the binary frames the device streams, sends partial transcripts while the user
/// speaks, ends the stream by endpointing (or the device's <c>Speech.StopCapture</c>), and runs the final transcript as
/// a turn. Bad streams end with a stable error: no speech, endless sound, frames that stop coming, frames that are not
/// audio of the declared format.
/// </summary>
internal sealed partial class VoiceStream : IDisposable
{
    // How often a partial transcript may go out, in audio time.
    private static readonly TimeSpan PartialEvery = TimeSpan.FromMilliseconds(300);

    private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly CancellationTokenSource _cancel = new();
    private readonly UtteranceListener _listener;
    private readonly EndpointingOptions _options;
    private readonly string? _language;
    private readonly IVoiceConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public VoiceStream(string id, UtteranceListener listener, string? language, EndpointingOptions options, IVoiceConnection connection,
        TimeProvider time, ILogger logger)
    {
        Id = id;
        _listener = listener;
        _language = language;
        _options = options;
        _connection = connection;
        _time = time;
        _logger = logger;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>The <c>Speech.Recognize</c> id every directive of the stream replies to.</summary>
    public string Id { get; }

    public Task Completion { get; }

    /// <summary>True until the stream stopped taking audio (ended, failed, stopped or cancelled).</summary>
    public bool Open => !Completion.IsCompleted && !_stopped;

    /// <summary>When the stream stopped taking audio; <see cref="DateTimeOffset.MaxValue"/> while it is open.</summary>
    public DateTimeOffset StoppedAt => new(Interlocked.Read(ref _stoppedAtTicks), TimeSpan.Zero);

    private volatile bool _stopped;
    private long _stoppedAtTicks = DateTimeOffset.MaxValue.UtcTicks;

    private void MarkStopped()
    {
        _stopped = true;
        Interlocked.CompareExchange(ref _stoppedAtTicks, _time.GetUtcNow().UtcTicks, DateTimeOffset.MaxValue.UtcTicks);
        _frames.Writer.TryComplete();
    }

    /// <summary>Queues one binary frame; false when the stream no longer takes audio (the frame is dropped).</summary>
    public async ValueTask<bool> WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        if (_frames.Writer.TryWrite(frame))
        {
            return true;
        }

        try
        {
            await _frames.Writer.WriteAsync(frame, cancellationToken);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>The device stopped capturing: what it sent is the utterance.</summary>
    public void StopCapture() => MarkStopped();

    /// <summary>Abandons the stream without a turn (a new <c>Speech.Recognize</c> barged in, the connection closed).</summary>
    public void Cancel()
    {
        MarkStopped();
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await ListenAsync();
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            // Barged in or disconnected: nothing to answer.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStreamFailed(e, Id);
            _connection.SendError(ErrorCodes.InternalError, "the server failed while recognizing speech", Id);
        }
        finally
        {
            MarkStopped();
            _listener.Dispose();
            _cancel.Dispose();
        }
    }

    private async Task ListenAsync()
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        var byDevice = false;
        var nextPartial = PartialEvery;
        string? lastPartial = null;
        while (!IsFinished(_listener.State))
        {
            byte[] frame;
            // The idle clock runs only while waiting for the device, not while decoding what it sent.
            idle.CancelAfter(_options.IdleTimeout);
            try
            {
                var more = await _frames.Reader.WaitToReadAsync(idle.Token);
                idle.CancelAfter(Timeout.InfiniteTimeSpan);
                if (!more || !_frames.Reader.TryRead(out frame!))
                {
                    // The device sent Speech.StopCapture.
                    byDevice = true;
                    _listener.Finish();
                    break;
                }
            }
            catch (OperationCanceledException) when (!_cancel.IsCancellationRequested)
            {
                End("timeout");
                Fail(ErrorCodes.AudioTimeout, $"no audio arrived for {Seconds(_options.IdleTimeout)} s; the stream is closed");
                return;
            }

            try
            {
                _listener.Accept(frame);
            }
            catch (AudioFrameException e)
            {
                End("error");
                Fail(ErrorCodes.InvalidAudioFrame, e.Message + "; the stream is closed");
                return;
            }

            // Partials only while the stream keeps up with the device: behind it, decoding early would only delay the end.
            if (_listener.State == EndpointState.Speaking && _listener.Utterance >= nextPartial && _frames.Reader.Count == 0)
            {
                nextPartial = _listener.Utterance + PartialEvery;
                if (_listener.Partial() is { } partial && partial != lastPartial)
                {
                    lastPartial = partial;
                    Transcript(partial, _language ?? "en", final: false);
                }
            }
        }

        switch (_listener.State)
        {
            case EndpointState.NoSpeech:
                if (!byDevice)
                {
                    End("no_speech");
                }

                Fail(ErrorCodes.NoSpeech, byDevice
                    ? "the stream ended without speech"
                    : $"no speech was heard in {Seconds(_options.NoSpeechTimeout)} s of audio");
                return;
            case EndpointState.TooLong:
                End("too_long");
                Fail(ErrorCodes.UtteranceTooLong, $"an utterance may last at most {Seconds(_options.MaxUtterance)} s");
                return;
        }

        if (!byDevice)
        {
            End("endpoint");
        }

        var endedAt = _time.GetUtcNow();
        var result = await _listener.RecognizeAsync(_cancel.Token);
        if (string.IsNullOrWhiteSpace(result.Text))
        {
            Fail(ErrorCodes.SpeechNotRecognized, "speech was heard, but no words could be recognized in it");
            return;
        }

        Transcript(result.Text, result.Language, final: true);
        LogRecognized(Id, result.Engine, result.Text, (_time.GetUtcNow() - endedAt).TotalMilliseconds);
        _cancel.Token.ThrowIfCancellationRequested();
        if (await _connection.RecognizeAsync(result.Text, result.Language, Id, endedAt) is { } problem)
        {
            _connection.SendError(problem.Code, problem.Message, Id);
        }
    }

    private static bool IsFinished(EndpointState state) => state is EndpointState.Ended or EndpointState.NoSpeech or EndpointState.TooLong;

    /// <summary>Tells the device the server ended the stream, so it stops sending.</summary>
    private void End(string reason)
    {
        MarkStopped();
        _connection.SendNow(MessageNames.SpeechStopCapture, Payloads.ToElement(new SpeechStopCapture(reason), ProtocolJson.Default.SpeechStopCapture), Id);
    }

    private void Transcript(string text, string language, bool final) =>
        _connection.SendNow(MessageNames.SpeechTranscript,
            Payloads.ToElement(new SpeechTranscript(text, language, final), ProtocolJson.Default.SpeechTranscript), Id);

    private void Fail(string code, string message) => _connection.SendError(code, message, Id);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    public void Dispose() => Cancel();

    [LoggerMessage(Level = LogLevel.Error, Message = "Voice stream {Stream} failed")]
    private partial void LogStreamFailed(Exception e, string stream);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Voice stream {Stream}: {Engine} heard \"{Text}\" ({Milliseconds} ms after the end of speech)")]
    private partial void LogRecognized(string stream, string engine, string text, double milliseconds);
}
