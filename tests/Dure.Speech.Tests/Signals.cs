namespace Dure.Speech.Tests;

/// <summary>Test audio made by code: tones, silence and noise at 16 kHz unless told otherwise.</summary>
internal static class Signals
{
    public static short[] Silence(TimeSpan length, int rate = 16000) => new short[(int)(length.TotalSeconds * rate)];

    public static short[] Tone(double hertz, TimeSpan length, double amplitude = 0.3, int rate = 16000) =>
        [.. Enumerable.Range(0, (int)(length.TotalSeconds * rate)).Select(i => (short)(amplitude * 32767 * Math.Sin(2 * Math.PI * hertz * i / rate)))];

    public static short[] Noise(TimeSpan length, double amplitude = 0.3, int seed = 7, int rate = 16000)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, (int)(length.TotalSeconds * rate)).Select(_ => (short)(amplitude * 32767 * (random.NextDouble() * 2 - 1)))];
    }

    public static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Level of the audio at one frequency (a single DFT bin), relative to the whole signal's power.</summary>
    public static double PowerAt(short[] samples, double hertz, int rate)
    {
        double re = 0, im = 0, total = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var angle = 2 * Math.PI * hertz * i / rate;
            re += samples[i] * Math.Cos(angle);
            im += samples[i] * Math.Sin(angle);
            total += (double)samples[i] * samples[i];
        }

        return total == 0 ? 0 : 2 * (re * re + im * im) / samples.Length / total;
    }
}
