using Dure.Speech.Audio;
using Microsoft.Extensions.Options;

namespace Dure.Speech.Synthesis;

/// <summary>
/// Keeps synthesized prompts by engine, language and text, least recently used out first, within a count and a byte
/// budget. Assistants repeat themselves ("Turned off the kitchen light.", "몇 시로 맞출까요?"), and a cached prompt
/// costs no synthesis at all. Concurrent requests for the same prompt share one synthesis.
/// </summary>
public sealed class CachingSpeechSynthesizer : ISpeechSynthesizer
{
    private readonly ISpeechSynthesizer _inner;
    private readonly SynthesisOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Language, string Text), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    public CachingSpeechSynthesizer(ISpeechSynthesizer inner, IOptions<SynthesisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _options = options.Value;
    }

    public string Name => _inner.Name;

    /// <summary>How many requests the cache answered, and how many went to the engine.</summary>
    public (long Hits, long Misses) Statistics { get; private set; }

    public bool Supports(string language) => _inner.Supports(language);

    public async Task<PcmAudio> SynthesizeAsync(string text, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = (language, text.Trim());
        Task<PcmAudio> pending;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                Statistics = (Statistics.Hits + 1, Statistics.Misses);
                pending = node.Value.Audio;
            }
            else
            {
                Statistics = (Statistics.Hits, Statistics.Misses + 1);
                // Not tied to this caller's cancellation: others may be waiting for the same prompt.
                pending = _inner.SynthesizeAsync(key.Item2, language, CancellationToken.None);
                var entry = _recency.AddFirst(new Entry(key, pending));
                _entries[key] = entry;
                _ = AccountAsync(entry);
            }
        }

        return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the prompt's bytes once synthesized, forgets failures, and trims the cache to its budget.</summary>
    private async Task AccountAsync(LinkedListNode<Entry> node)
    {
        long size = 0;
        try
        {
            size = (await node.Value.Audio.ConfigureAwait(false)).Samples.Length * 2L;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed synthesis is not kept; the caller got the exception.
        }

        lock (_lock)
        {
            if (node.List is null)
            {
                return; // already evicted
            }

            if (size == 0)
            {
                Remove(node);
                return;
            }

            node.Value.Bytes = size;
            _bytes += size;
            while (_recency.Count > Math.Max(1, _options.CacheEntries) || (_bytes > _options.CacheBytes && _recency.Count > 1))
            {
                Remove(_recency.Last!);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Bytes;
    }

    private sealed class Entry((string, string) key, Task<PcmAudio> audio)
    {
        public (string Language, string Text) Key { get; } = key;
        public Task<PcmAudio> Audio { get; } = audio;
        public long Bytes { get; set; }
    }
}
