using Dure.Speech.Audio;
using Dure.Speech.Endpointing;
using Dure.Speech.Recognition;

namespace Dure.Speech;

/// <summary>
/// Listens to one stream of audio frames for one utterance: decodes the frames of the declared format, finds the
/// utterance with the <see cref="Endpointer"/> and streams it into a recognizer session as it comes, so only the
/// final decode is left when speech ends. Not thread-safe: one caller feeds it.
/// </summary>
public sealed class UtteranceListener : IDisposable
{
    private readonly AudioFrameDecoder _decoder;
    private readonly Endpointer _endpointer;
    private readonly IRecognitionSession _session;
    private int _fed;

    public UtteranceListener(AudioInputFormat format, EndpointingOptions endpointing, IRecognitionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _decoder = new AudioFrameDecoder(format);
        _endpointer = new Endpointer(endpointing);
        _session = session;
    }

    public EndpointState State => _endpointer.State;

    /// <summary>Audio received so far.</summary>
    public TimeSpan Received => _endpointer.Received;

    /// <summary>Length of the utterance's audio so far.</summary>
    public TimeSpan Utterance => Pcm16.Duration(_endpointer.Utterance.Length, Pcm16.RecognitionRate);

    /// <summary>Takes one binary frame; throws <see cref="AudioFrameException"/> when it is not audio of the declared format.</summary>
    public EndpointState Accept(ReadOnlySpan<byte> frame)
    {
        var samples = _decoder.Decode(frame);
        _endpointer.Accept(samples);
        Feed();
        return _endpointer.State;
    }

    /// <summary>The device stopped capturing: what was heard is the utterance.</summary>
    public EndpointState Finish()
    {
        _endpointer.Finish();
        Feed();
        return _endpointer.State;
    }

    public string? Partial() => _endpointer.State == EndpointState.Waiting ? null : _session.Partial();

    /// <summary>The transcript of the ended utterance.</summary>
    public Task<RecognitionResult> RecognizeAsync(CancellationToken cancellationToken) => _session.FinishAsync(cancellationToken);

    private void Feed()
    {
        var utterance = _endpointer.Utterance;
        if (utterance.Length > _fed)
        {
            _session.Accept(utterance[_fed..]);
            _fed = utterance.Length;
        }
    }

    public void Dispose() => _session.Dispose();
}
