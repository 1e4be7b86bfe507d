using System.Globalization;

namespace Dure.LoadBenchmarks;

/// <summary>Percentiles of measured latencies, nearest-rank (the value at or above the fraction).</summary>
internal static class Percentiles
{
    public static double At(IReadOnlyCollection<double> latencies, double fraction)
    {
        var sorted = latencies.Order().ToList();
        return sorted[Math.Max(1, (int)Math.Ceiling(fraction * sorted.Count)) - 1];
    }

    public static double Median(IReadOnlyCollection<double> values) => At(values, 0.5);

    public static string Describe(List<double> latencies) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {At(latencies, 0.5):F2} ms, p95 {At(latencies, 0.95):F2} ms, p99 {At(latencies, 0.99):F2} ms, mean {latencies.Average():F2} ms");
}
