using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Dure.Homes;
using Microsoft.Extensions.Options;

namespace Dure.Speech.Recognition;

/// <summary>pocketsphinx (<c>Dure:Speech:Pocketsphinx</c>): the Debian packages' en-us model, decoding against a grammar.</summary>
public sealed class PocketsphinxOptions
{
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    public string Dictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>Utterances streaming at once, each holding a live decoder for its partials; more streams wait for one.</summary>
    public int MaxDecoders { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Final decodes at once (each takes about 1% of the utterance's length); more wait for one.</summary>
    public int FinalDecoders { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Decode the utterance while it streams in, for partial transcripts.</summary>
    public bool Partials { get; set; } = true;

    /// <summary>Beam widths (log-probability thresholds); wider than the defaults, which lose long device names.</summary>
    public string Beam { get; set; } = "1e-60";

    public string WordBeam { get; set; } = "1e-40";

    /// <summary>Further decoder arguments by name without the dash (<c>lw</c>, <c>wip</c> ...), for tuning.</summary>
    public Dictionary<string, string> Arguments { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// English command recognition with pocketsphinx in process (P/Invoke into libpocketsphinx): each home gets a JSGF grammar
/// of Dure's command phrasing and its names (<see cref="CommandGrammar"/>). While the utterance streams in, a live pass
/// gives partial text when asked; at the end the whole utterance is decoded once more with its own cepstral mean, which is
/// markedly more accurate on short commands than the live estimate and costs about 1% of real time.
/// </summary>
/// <remarks>
/// The two passes run on separate decoders. A decoder that has made one live pass normalizes every later utterance with
/// the running mean of those it heard before, whatever it is asked: final decoders only ever see whole utterances, so a
/// final transcript depends on its audio alone.
/// </remarks>
public sealed class PocketsphinxRecognizer : ISpeechRecognizer, IDisposable
{
    // Searches (compiled grammars) a decoder keeps; homes beyond this recompile theirs when they speak again.
    private const int SearchesPerDecoder = 16;

    private readonly PocketsphinxOptions _options;
    private readonly Lazy<string?> _unavailable;
    private readonly Lazy<PronouncingDictionary> _dictionary;
    private readonly DecoderPool _liveDecoders;
    private readonly DecoderPool _finalDecoders;
    private readonly ConditionalWeakTable<Home, Grammar> _grammars = [];

    public PocketsphinxRecognizer(IOptions<PocketsphinxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _liveDecoders = new DecoderPool(_options, _options.MaxDecoders);
        _finalDecoders = new DecoderPool(_options, _options.FinalDecoders);
        _unavailable = new Lazy<string?>(Check);
        _dictionary = new Lazy<PronouncingDictionary>(() => PronouncingDictionary.Load(_options.Dictionary));
    }

    public string Name => "pocketsphinx";

    public string? Unavailable(string? language) =>
        language is not (null or "en") ? "pocketsphinx recognizes English only" : _unavailable.Value;

    /// <summary>The grammar a home's utterances are decoded against.</summary>
    public string GrammarFor(Home home) => GrammarOf(home).Text;

    /// <summary>Loads the model into a decoder of each kind now, so the first utterance does not wait for it.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        if (Unavailable("en") is null)
        {
            foreach (var pool in _options.Partials ? new[] { _liveDecoders, _finalDecoders } : [_finalDecoders])
            {
                pool.Return(await pool.RentAsync(null, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    public async Task<IRecognitionSession> StartAsync(RecognitionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Unavailable(context.Language) is { } problem)
        {
            throw new SpeechRecognitionException(problem);
        }

        if (context.Home is null)
        {
            throw new SpeechRecognitionException("pocketsphinx decodes against a home's command grammar: the home is missing");
        }

        var grammar = GrammarOf(context.Home);
        var live = _options.Partials ? await _liveDecoders.RentAsync(grammar, cancellationToken).ConfigureAwait(false) : null;
        return new Session(this, grammar, live);
    }

    private Grammar GrammarOf(Home home) =>
        _grammars.GetValue(home, h =>
        {
            var text = CommandGrammar.Build(h, _dictionary.Value.Contains);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
            return new Grammar("g" + hash, text);
        });

    private string? Check()
    {
        if (!Directory.Exists(_options.ModelDirectory) || !File.Exists(_options.Dictionary))
        {
            return $"the pocketsphinx English model is not installed ({_options.ModelDirectory}, {_options.Dictionary}): " +
                "install the Debian package pocketsphinx-en-us";
        }

        try
        {
            _ = PocketsphinxNative.Arguments();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "pocketsphinx is not installed (Debian package libpocketsphinx3): " + e.Message;
        }
    }

    public void Dispose()
    {
        _liveDecoders.Dispose();
        _finalDecoders.Dispose();
    }

    private sealed record Grammar(string Name, string Text);

    /// <summary>Decoders of one kind, made on first need (each loads the acoustic model) and kept.</summary>
    private sealed class DecoderPool(PocketsphinxOptions options, int size) : IDisposable
    {
        private readonly ConcurrentBag<Decoder> _idle = [];
        private readonly SemaphoreSlim _free = new(Math.Max(1, size));
        private int _disposed;

        /// <summary>A decoder with <paramref name="grammar"/> selected, waiting up to ten seconds for one to be free.</summary>
        public async Task<Decoder> RentAsync(Grammar? grammar, CancellationToken cancellationToken)
        {
            if (!await _free.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
            {
                throw new SpeechRecognitionException("every pocketsphinx decoder is busy");
            }

            try
            {
                // A new decoder loads the acoustic model: off the caller's thread.
                var decoder = _idle.TryTake(out var idle) ? idle : await Task.Run(() => new Decoder(options), cancellationToken).ConfigureAwait(false);
                if (grammar is not null)
                {
                    decoder.Use(grammar);
                }

                return decoder;
            }
            catch
            {
                _free.Release();
                throw;
            }
        }

        public void Return(Decoder decoder)
        {
            decoder.End();
            if (Volatile.Read(ref _disposed) == 0)
            {
                _idle.Add(decoder);
            }
            else
            {
                decoder.Dispose();
            }

            _free.Release();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                while (_idle.TryTake(out var decoder))
                {
                    decoder.Dispose();
                }
            }
        }
    }

    /// <remarks>
    /// The live pass runs only when a partial is asked for, over the audio that came since: a device sending faster than
    /// real time (or a server catching up) pays for one decode at the end, not two.
    /// </remarks>
    private sealed class Session(PocketsphinxRecognizer owner, Grammar grammar, Decoder? live) : IRecognitionSession
    {
        private static readonly short[] TrailingSilence = new short[16000 * 3 / 10];
        private readonly List<short> _audio = new(16000 * 4);
        private Decoder? _live = live;
        private uint _dither = 0x9E3779B9;
        private int _decodedLive;
        private bool _started;
        private bool _done;

        public void Accept(ReadOnlySpan<short> samples)
        {
            ObjectDisposedException.ThrowIf(_done, this);

            // Stretches of digital zeros (synthesized speech, a muted microphone) give the features -inf energy, which
            // derails the decoder: one least significant bit of noise on about a quarter of the samples, from a generator
            // that starts afresh with every utterance, so a decode depends on its audio alone.
            foreach (var sample in samples)
            {
                _dither ^= _dither << 13;
                _dither ^= _dither >> 17;
                _dither ^= _dither << 5;
                _audio.Add((_dither & 3) == 0 && sample < short.MaxValue ? (short)(sample + 1) : sample);
            }
        }

        public string? Partial()
        {
            if (_live is null || _done)
            {
                return null;
            }

            if (!_started)
            {
                _live.Start();
                _started = true;
            }

            _live.Process(CollectionsMarshal.AsSpan(_audio)[_decodedLive..], full: false);
            _decodedLive = _audio.Count;
            return _live.Hypothesis();
        }

        public async Task<RecognitionResult> FinishAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            ReleaseLive();
            // Silence after the words, as the endpointer leaves: a device that stops capturing right after the last word
            // leaves that word no end (measured on 36 commands: one more heard right with it).
            Accept(TrailingSilence);
            var decoder = await owner._finalDecoders.RentAsync(grammar, cancellationToken).ConfigureAwait(false);
            try
            {
                return await Task.Run(() =>
                {
                    decoder.Start();
                    decoder.Process(CollectionsMarshal.AsSpan(_audio), full: true);
                    decoder.End();
                    return new RecognitionResult(decoder.Hypothesis() ?? "", "en", owner.Name);
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                owner._finalDecoders.Return(decoder);
            }
        }

        private void ReleaseLive()
        {
            if (_live is not null)
            {
                owner._liveDecoders.Return(_live);
                _live = null;
            }
        }

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                ReleaseLive();
            }
        }
    }

    /// <summary>One native decoder with the grammars it has compiled, most recently used first.</summary>
    private sealed unsafe class Decoder : IDisposable
    {
        private readonly LinkedList<string> _searches = new();
        private nint _decoder;
        private string? _current;
        private bool _inUtterance;

        public Decoder(PocketsphinxOptions options)
        {
            PocketsphinxNative.SetLogFile(0); // the decoder logs every step to stderr otherwise
            string[] arguments =
            [
                "dure", "-hmm", options.ModelDirectory, "-dict", options.Dictionary, "-logfn", "/dev/null",
                "-beam", options.Beam, "-pbeam", options.Beam, "-wbeam", options.WordBeam,
                // No dither here: the decoder's generator runs on across utterances and live passes, so the same audio
                // would decode differently depending on what the decoder heard before. Sessions dither themselves.
                "-dither", "no",
                .. options.Arguments.SelectMany(a => new[] { "-" + a.Key, a.Value }),
            ];
            var pointers = arguments.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
            try
            {
                fixed (nint* argv = pointers)
                {
                    var config = PocketsphinxNative.ParseArguments(0, PocketsphinxNative.Arguments(), arguments.Length, argv, 1);
                    if (config == 0)
                    {
                        throw new SpeechRecognitionException("pocketsphinx rejected its configuration");
                    }

                    // The decoder keeps its own reference to the configuration.
                    _decoder = PocketsphinxNative.Init(config);
                    PocketsphinxNative.FreeArguments(config);
                }
            }
            finally
            {
                foreach (var pointer in pointers)
                {
                    Marshal.FreeCoTaskMem(pointer);
                }
            }

            if (_decoder == 0)
            {
                throw new SpeechRecognitionException($"pocketsphinx could not load the model in {options.ModelDirectory}");
            }
        }

        public void Use(Grammar grammar)
        {
            var node = _searches.Find(grammar.Name);
            if (node is null)
            {
                if (PocketsphinxNative.SetJsgfString(_decoder, grammar.Name, grammar.Text) < 0)
                {
                    throw new SpeechRecognitionException("pocketsphinx could not compile the command grammar");
                }

                node = _searches.AddFirst(grammar.Name);
                while (_searches.Count > SearchesPerDecoder)
                {
                    PocketsphinxNative.UnsetSearch(_decoder, _searches.Last!.Value);
                    _searches.RemoveLast();
                }
            }
            else
            {
                _searches.Remove(node);
                _searches.AddFirst(node);
            }

            if (_current != grammar.Name)
            {
                if (PocketsphinxNative.SetSearch(_decoder, grammar.Name) < 0)
                {
                    throw new SpeechRecognitionException("pocketsphinx could not select the command grammar");
                }

                _current = grammar.Name;
            }
        }

        public void Start()
        {
            // Each utterance is a stream of its own: the front end's noise estimate would otherwise carry over from the
            // utterances before it.
            if (PocketsphinxNative.StartStream(_decoder) < 0 || PocketsphinxNative.StartUtterance(_decoder) < 0)
            {
                throw new SpeechRecognitionException("pocketsphinx could not start an utterance");
            }

            _inUtterance = true;
        }

        public void Process(ReadOnlySpan<short> samples, bool full)
        {
            if (samples.IsEmpty)
            {
                return;
            }

            fixed (short* data = samples)
            {
                if (PocketsphinxNative.ProcessRaw(_decoder, data, (nuint)samples.Length, 0, full ? 1 : 0) < 0)
                {
                    throw new SpeechRecognitionException("pocketsphinx failed to decode the audio");
                }
            }
        }

        public void End()
        {
            if (_inUtterance)
            {
                PocketsphinxNative.EndUtterance(_decoder);
                _inUtterance = false;
            }
        }

        public string? Hypothesis()
        {
            int score;
            var text = PocketsphinxNative.String(PocketsphinxNative.Hypothesis(_decoder, &score));
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        public void Dispose()
        {
            if (_decoder != 0)
            {
                End();
                PocketsphinxNative.Free(_decoder);
                _decoder = 0;
            }
        }
    }
}
