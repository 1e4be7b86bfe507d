namespace Dure.Speech.Audio;

/// <summary>
/// Changes the sample rate of mono PCM16 with a windowed-sinc interpolator, low-passed below the lower Nyquist
/// frequency so that downsampling (espeak-ng's 22,050 Hz to 16 kHz, a 44.1 kHz WAV file) does not alias.
/// </summary>
public static class Resampler
{
    private const int HalfWidth = 16; // taps on each side of the interpolated point

    public static short[] Resample(ReadOnlySpan<short> input, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate || input.IsEmpty)
        {
            return input.ToArray();
        }

        var ratio = (double)toRate / fromRate;
        var cutoff = 0.5 * Math.Min(1.0, ratio) * 0.94; // cycles per input sample, a little under Nyquist
        var width = ratio < 1 ? (int)Math.Ceiling(HalfWidth / ratio) : HalfWidth;
        var output = new short[(int)Math.Floor(input.Length * ratio)];
        for (var i = 0; i < output.Length; i++)
        {
            var center = i / ratio;
            var first = (int)Math.Floor(center) - width + 1;
            double sum = 0;
            for (var k = first; k < first + 2 * width; k++)
            {
                if ((uint)k >= (uint)input.Length)
                {
                    continue;
                }

                var distance = center - k;
                sum += input[k] * Kernel(distance, cutoff, width);
            }

            output[i] = (short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue);
        }

        return output;
    }

    private static double Kernel(double distance, double cutoff, int width)
    {
        if (Math.Abs(distance) >= width)
        {
            return 0;
        }

        var x = 2 * Math.PI * cutoff * distance;
        var sinc = distance == 0 ? 1 : Math.Sin(x) / x;
        var window = 0.5 + 0.5 * Math.Cos(Math.PI * distance / width); // Hann
        return 2 * cutoff * sinc * window;
    }
}
