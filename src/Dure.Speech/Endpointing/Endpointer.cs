using Dure.Speech.Audio;

namespace Dure.Speech.Endpointing;

/// <summary>Where a stream stands after some audio.</summary>
public enum EndpointState
{
    /// <summary>No speech yet.</summary>
    Waiting,

    /// <summary>Speech began and has not ended.</summary>
    Speaking,

    /// <summary>Speech ended with enough trailing silence: the utterance is complete.</summary>
    Ended,

    /// <summary>No speech within <see cref="EndpointingOptions.NoSpeechTimeout"/> of audio.</summary>
    NoSpeech,

    /// <summary>Speech went on past <see cref="EndpointingOptions.MaxUtterance"/>.</summary>
    TooLong,
}

/// <summary>
/// Finds one utterance in a stream of 16 kHz samples, fed in chunks of any size: waits for speech, keeps it (with a
/// little audio from before it), and ends it after trailing silence, or gives up on no speech or endless sound.
/// Time here is audio time, so a device that sends faster than real time gets the same answer. Not thread-safe.
/// </summary>
public sealed class Endpointer
{
    private readonly EndpointingOptions _options;
    private readonly VoiceActivityDetector _vad;
    private readonly short[] _frame = new short[VoiceActivityDetector.FrameSamples];
    private readonly Queue<short[]> _preRoll = new();
    private readonly List<short> _utterance = [];
    private readonly int _preRollFrames, _startFrames, _endFrames, _noSpeechFrames, _maxFrames;
    private int _filled, _frames, _speechRun, _silenceRun, _utteranceFrames, _lastSpeechSample;

    public Endpointer(EndpointingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _vad = new VoiceActivityDetector(options);
        _preRollFrames = Frames(options.PreRoll);
        _startFrames = Math.Max(1, Frames(options.MinimumSpeech));
        _endFrames = Math.Max(1, Frames(options.TrailingSilence));
        _noSpeechFrames = Frames(options.NoSpeechTimeout);
        _maxFrames = Frames(options.MaxUtterance);
    }

    public EndpointState State { get; private set; } = EndpointState.Waiting;

    /// <summary>Audio received so far.</summary>
    public TimeSpan Received => Pcm16.Duration(_frames * VoiceActivityDetector.FrameSamples + _filled, Pcm16.RecognitionRate);

    /// <summary>The utterance so far: from a little before speech began to now (empty while waiting).</summary>
    public ReadOnlySpan<short> Utterance => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_utterance);

    /// <summary>Samples of the utterance up to the end of its last speech frame (without the trailing silence).</summary>
    public int SpeechEndSample => _lastSpeechSample;

    public bool IsFinished => State is EndpointState.Ended or EndpointState.NoSpeech or EndpointState.TooLong;

    /// <summary>Takes more audio; returns the state after it. Audio after the stream finished is ignored.</summary>
    public EndpointState Accept(ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty && !IsFinished)
        {
            var take = Math.Min(samples.Length, _frame.Length - _filled);
            samples[..take].CopyTo(_frame.AsSpan(_filled));
            _filled += take;
            samples = samples[take..];
            if (_filled == _frame.Length)
            {
                _filled = 0;
                Step(_frame);
            }
        }

        return State;
    }

    /// <summary>The device stopped sending: the utterance ends where it is (a partial frame still counts).</summary>
    public EndpointState Finish()
    {
        if (!IsFinished)
        {
            if (_filled > 0 && State == EndpointState.Speaking)
            {
                _utterance.AddRange(_frame.AsSpan(0, _filled));
            }

            _filled = 0;
            State = State == EndpointState.Speaking ? EndpointState.Ended : EndpointState.NoSpeech;
        }

        return State;
    }

    private void Step(short[] frame)
    {
        _frames++;
        var speech = _vad.IsSpeech(frame);
        if (State == EndpointState.Waiting)
        {
            _preRoll.Enqueue((short[])frame.Clone());
            _speechRun = speech ? _speechRun + 1 : 0;
            if (_speechRun >= _startFrames)
            {
                State = EndpointState.Speaking;
                foreach (var kept in _preRoll)
                {
                    _utterance.AddRange(kept);
                }

                _utteranceFrames = _speechRun;
                _lastSpeechSample = _utterance.Count;
                _preRoll.Clear();
            }
            else
            {
                while (_preRoll.Count > _preRollFrames + _startFrames)
                {
                    _preRoll.Dequeue();
                }

                if (_frames >= _noSpeechFrames)
                {
                    State = EndpointState.NoSpeech;
                }
            }

            return;
        }

        _utterance.AddRange(frame);
        _utteranceFrames++;
        if (speech)
        {
            _silenceRun = 0;
            _lastSpeechSample = _utterance.Count;
        }
        else if (++_silenceRun >= _endFrames)
        {
            State = EndpointState.Ended;
            return;
        }

        if (_utteranceFrames >= _maxFrames)
        {
            State = EndpointState.TooLong;
        }
    }

    private static int Frames(TimeSpan span) =>
        (int)Math.Ceiling(span.TotalSeconds * Pcm16.RecognitionRate / VoiceActivityDetector.FrameSamples);

    public EndpointingOptions Options => _options;
}
