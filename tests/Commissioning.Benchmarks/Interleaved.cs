namespace Commissioning.Benchmarks;

/// <summary>
/// Runs the two sides of a comparison in alternating rounds (A then B, then B then A, ...), so that neither side always
/// runs first, on a machine that is warmer or busier, and compares the medians of the rounds.
/// </summary>
internal static class Interleaved
{
    /// <summary>Runs <paramref name="rounds"/> rounds; each round returns (first side's figure, second side's figure).</summary>
    public static async Task<(List<double> A, List<double> B)> RunAsync(int rounds, Func<Task<double>> a, Func<Task<double>> b, Action<int, double, double> report)
    {
        var first = new List<double>();
        var second = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            double resultA, resultB;
            if (round % 2 == 1)
            {
                resultA = await a();
                resultB = await b();
            }
            else
            {
                resultB = await b();
                resultA = await a();
            }

            first.Add(resultA);
            second.Add(resultB);
            report(round, resultA, resultB);
        }

        return (first, second);
    }

    /// <summary>Which side runs first in a round, for the report.</summary>
    public static string Order(int round, string a, string b) => round % 2 == 1 ? $"{a} first" : $"{b} first";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new InvalidOperationException("No rounds were run.");
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
