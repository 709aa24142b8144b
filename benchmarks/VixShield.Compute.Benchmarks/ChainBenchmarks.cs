using BenchmarkDotNet.Attributes;
using VixShield.Compute.Chains;
using VixShield.Compute.Engines;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Time;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// <see cref="ChainAnalyzer.Analyze"/> on a 20,000-row synthetic SPXW chain (12 daily expiries, strikes every point,
/// a skewed smile, bid/ask ±1 %): parity forwards, three bulk inversions, the Greeks, and optionally the SVI fits.
/// Run: dotnet run -c Release --project benchmarks/VixShield.Compute.Benchmarks -- --filter '*ChainBenchmarks*'
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ChainBenchmarks
{
    private static readonly DateTimeOffset AsOf = new(2022, 7, 12, 11, 55, 0, TimeSpan.FromHours(-4));
    private readonly List<ChainQuote> _quotes = [];
    private readonly IGreeksEngine _engine = GreeksEngines.Create(EnginePreference.Simd);

    /// <summary>Rows in the chain.</summary>
    public int Rows => _quotes.Count;

    [GlobalSetup]
    public void Setup()
    {
        var day = new DateOnly(2022, 7, 13);
        while (_quotes.Count < 20_000)
        {
            if (NyseCalendar.IsTradingDay(day))
            {
                double t = CalendarClock.Act365.YearFraction(AsOf, Settlement.Instant(OptionRoot.Spxw, day));
                double f = 3857 + day.DayNumber % 7, d = Math.Exp(-0.017 * t), span = Math.Min(1.0 * Math.Sqrt(t), 0.35);
                for (double k = Math.Ceiling(f * Math.Exp(-span)); k <= f * Math.Exp(0.6 * span) && _quotes.Count < 20_000; k++)
                {
                    double x = Math.Log(k / f), vol = 0.2 - (0.5 * x) + (2 * x * x);
                    foreach (var kind in new[] { OptionKind.Call, OptionKind.Put })
                    {
                        double p = d * LetsBeRational.BlackPrice(f, k, vol, t, kind);
                        _quotes.Add(new ChainQuote(OptionRoot.Spxw, day, kind, k, 0.99 * p, 1.01 * p));
                    }
                }
            }

            day = day.AddDays(1);
        }
    }

    [Benchmark(Baseline = true)]
    public int Analyze() => ChainAnalyzer.Analyze(_quotes.ToArray(), AsOf, _engine).OkCount;

    [Benchmark]
    public int AnalyzeAndFitSurface() => ChainAnalyzer.Analyze(_quotes.ToArray(), AsOf, _engine, new ChainOptions { FitSurface = true }).OkCount;
}
