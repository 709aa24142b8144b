using VixShield.Compute;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.Scenarios;

namespace VixShield.Samples;

/// <summary>Sample 3: the book valued on the GPU (SIMD CPU when no GPU passes its self-check), then Monte Carlo with
/// progress and cancellation (Ctrl+C, or after 60 seconds). The Monte Carlo scenario kernel itself runs on the SIMD CPU
/// path: its GPU kernel is not written yet (kernels-docs/scenarios.md).</summary>
internal static class MonteCarloOnGpu
{
    public static async Task<int> RunAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        IGreeksEngine engine = GreeksEngines.Create(EnginePreference.Auto, new GreeksEngineOptions { AcceleratorProvider = new GpuAcceleratorProvider() });
        try
        {
            Console.WriteLine($"engine: {engine.Info.Description}");
            var progress = new Progress<double>(f => Console.Write($"\r{f:P0}   "));
            var settings = new MonteCarloSettings { Draws = 20_000, Seed = 7, HorizonDays = 1 };
            BookValuation value = new BookValuator(engine).Value(SampleBook.Create(), SampleMarket.Create(), cts.Token);
            Console.WriteLine($"book theta {value.Totals.ThetaPerDay:N0} $/day, beta-weighted delta {value.Totals.BetaWeightedDelta:N0} $/pt on {value.Engine.Engine}{(value.Engine.FellBack ? " (fell back to the CPU)" : "")}");
            PricedBook book = PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());
            MonteCarloResult r = await Task.Run(() => VolShockMonteCarlo.Run(book, settings, progress: progress, cancellationToken: cts.Token));
            Console.WriteLine();
            foreach (TailRisk t in r.WithHedge.Tails) Console.WriteLine($"{t.Confidence:P0}: VaR {t.ValueAtRisk:N0} $, ES {t.ExpectedShortfall:N0} $ (hedged book)");
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("\ncancelled");
            return 130;
        }
        finally
        {
            (engine as IDisposable)?.Dispose();
        }
    }
}
