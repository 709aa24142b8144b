using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.Kernels;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// The scenario kernel's scaling curve and per-draw profile (kernels-docs/scenarios.md), a Stopwatch harness because
/// one 1e7-draw × 400-leg point is minutes on the 2-core box (BenchmarkDotNet's pilot, warm-up and iterations would
/// multiply that): <c>scaling</c> times whole Monte Carlo runs (<see cref="VolShockMonteCarlo.Run"/>, everything
/// included) on <see cref="ScenarioBook"/> books over draws × legs, best of up to 3 runs while a point is cheap, and
/// fits t = c + a·draws + b·draws·legs (weighted by 1/t², on wall and on CPU time) so that linearity is a residual,
/// not an eyeball;
/// <c>profile</c> times the pieces of a run on one thread.
/// </summary>
public static class ScenarioScaling
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><c>scaling [--engine simd|scalar|ilgpu-cpu] [--draws 1e4,1e5] [--legs 10,100] [--big-draws 1e7] [--big-legs 10,100,400]</c>.</summary>
    public static void Run(string[] args)
    {
        string engine = Arg(args, "--engine") ?? "simd";
        long[] draws = Longs(Arg(args, "--draws") ?? "1e4,1e5,1e6");
        int[] legs = Longs(Arg(args, "--legs") ?? "10,25,50,100,200,400").Select(x => (int)x).ToArray();
        long[] bigDraws = Longs(Arg(args, "--big-draws") ?? "1e7");
        int[] bigLegs = Longs(Arg(args, "--big-legs") ?? "10,100,400").Select(x => (int)x).ToArray();
        var points = draws.SelectMany(d => legs.Select(l => (Draws: d, Legs: l)))
            .Concat(bigDraws.SelectMany(d => bigLegs.Select(l => (Draws: d, Legs: l)))).ToList();
        using IlgpuGreeksEngine? ilgpu = engine == "ilgpu-cpu" ? GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine()) : null;
        ScenarioRunOptions options = engine switch
        {
            "simd" => new ScenarioRunOptions { Engine = ScenarioEngine.Simd },
            "scalar" => new ScenarioRunOptions { Engine = ScenarioEngine.Scalar },
            "ilgpu-cpu" => new ScenarioRunOptions { Engine = ScenarioEngine.Device, Device = new IlgpuScenarioDevice(ilgpu!) },
            _ => throw new ArgumentException($"--engine simd, scalar or ilgpu-cpu, not {engine}"),
        };
        Console.WriteLine(FormattableString.Invariant(
            $"# scenario scaling: {options.Describe()}, {options.Threads} threads, best SIMD width {SimdGreeksEngine.BestVectorBits} bits, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {Load()}"));
        var books = points.Select(p => p.Legs).Distinct().ToDictionary(l => l, l => PricedBook.Resolve(ScenarioBook.Create(l), SampleMarket.Create()));
        foreach (PricedBook b in books.Values) Time(b, 10_000, options); // JIT and first-touch out of the timings

        // Wall time and the process's CPU time (user + system, all threads) per run: on a box shared with other builds
        // the wall time also measures the neighbours; CPU time counts only while this process runs, so the fit uses it.
        var rows = new List<(long Draws, int Legs, double Wall, double Cpu, int Runs)>();
        Console.WriteLine("| Draws | Legs | Revaluations | Best wall s | CPU s | Runs | M reval/s (wall) | ns CPU/reval |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (d, l) in points)
        {
            double best = double.MaxValue, bestCpu = double.MaxValue, total = 0;
            int runs = 0;
            while (runs < 3 && (runs == 0 || total < 3.0))
            {
                var (wall, cpu) = Time(books[l], d, options);
                best = Math.Min(best, wall);
                bestCpu = Math.Min(bestCpu, cpu);
                total += wall;
                runs++;
            }

            rows.Add((d, l, best, bestCpu, runs));
            double rev = (double)d * l;
            Console.WriteLine(FormattableString.Invariant($"| {d:0.#e0} | {l} | {rev:0.##e0} | {best:F3} | {bestCpu:F3} | {runs} | {rev / best / 1e6:F1} | {bestCpu / rev * 1e9:F1} |"));
        }

        Fit("wall", rows.Select(r => (r.Draws, r.Legs, r.Wall)).ToList());
        Fit("CPU", rows.Select(r => (r.Draws, r.Legs, r.Cpu)).ToList());
        Console.WriteLine(FormattableString.Invariant($"load after: {Load()}"));
    }

    /// <summary><c>profile [--legs 19,100] [--draws 1e6]</c>: one thread, the pieces of a Monte Carlo run in blocks of 4,096
    /// draws, each the least CPU time of three runs.</summary>
    public static void Profile(string[] args)
    {
        int[] legCounts = Longs(Arg(args, "--legs") ?? "19,100").Select(x => (int)x).ToArray();
        long draws = Longs(Arg(args, "--draws") ?? "1e6")[0];
        int bits = SimdGreeksEngine.BestVectorBits;
        Console.WriteLine(FormattableString.Invariant(
            $"# scenario profile: 1 thread, SIMD {bits}-bit, {draws:0.#e0} draws, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {Load()}"));
        Console.WriteLine("| Legs | Piece | CPU s | ns per draw | ns per revaluation | share of the run |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (int nLegs in legCounts)
        {
            AlvhBook raw = ScenarioBook.Create(nLegs);
            PricedBook book = PricedBook.Resolve(raw, SampleMarket.Create());
            var settings = new MonteCarloSettings { Draws = (int)draws };
            var one = new ScenarioRunOptions { Engine = ScenarioEngine.Simd, Threads = 1 };
            int[] layerOfLeg = raw.Layers.SelectMany((l, li) => l.Positions.Where(p => p.Greeks is null).SelectMany(p => p.Legs.Select(_ => li))).ToArray();
            int layers = raw.Layers.Count;
            double units = raw.Layers.Where(l => l.Role == LayerRole.Premium).Sum(l => l.SpreadUnits);
            bool[] hedge = raw.Layers.Select(l => l.Role == LayerRole.Hedge).ToArray();
            LegConst[] legs = book.Horizon(settings.HorizonDays);
            var shocks = new MonteCarloShocks(new MonteCarloModel(settings, book.Market.SpxVixBeta));
            int chunk = settings.ChunkSize;
            var buf = new BlockBuffers(chunk, layers, layers);
            var output = book.NewGroups(PnlGrouping.Layer, (int)draws);

            // Warm every piece once (JIT), then time each over all the draws.
            VolShockMonteCarlo.Run(book, settings with { Draws = 20_000 }, one);
            double tFill = Blocks(draws, chunk, (first, n) => shocks.Fill(first, n, buf.Shocks));
            double tPrice = Blocks(draws, chunk, (_, n) => Kernel(bits, legs, layerOfLeg, null, buf, n));
            double tDelta = Blocks(draws, chunk, (_, n) => Kernel(bits, legs, layerOfLeg, layerOfLeg, buf, n));
            var band = new DeltaBandCount(settings.DeltaBand, units, hedge);
            double tBand = Blocks(draws, chunk, (_, n) => band.Count(book, buf, n));
            double tCopy = Blocks(draws, chunk, (first, n) => { for (int g = 0; g < layers; g++) Array.Copy(buf.Pnl[g], 0, output[g], first, n); });
            MonteCarloShard shard = null!;
            double tShard = Best(() => shard = VolShockMonteCarlo.RunShard(book, settings, 0, (int)draws, one));
            double tMerge = Best(() => VolShockMonteCarlo.Merge(book, settings, [shard]));
            double total = tShard + tMerge;
            void Row(string piece, double s, bool perRev) => Console.WriteLine(FormattableString.Invariant(
                $"| {nLegs} | {piece} | {s:F3} | {s / draws * 1e9:F0} | {(perRev ? (s / draws / nLegs * 1e9).ToString("F1", Inv) : "")} | {s / total * 100:F0} % |"));
            Row("shock generation (Philox4x32-10 + transforms, 8 columns)", tFill, false);
            Row("kernel, price only (every leg)", tPrice, true);
            Row("kernel, price + band delta (what Monte Carlo runs)", tDelta, true);
            Row("delta band count (overlay deltas, per-draw sums)", tBand, false);
            Row("copy of block P&L to the run's columns", tCopy, false);
            Row("whole shard (RunShard: all of the above + overlays)", tShard, true);
            Row("reduction: ScenarioPnl sums + risk measures with/without hedge (Merge)", tMerge, false);
            Row("whole run (shard + merge)", total, true);
        }
    }

    /// <summary>Weighted least squares for t = c + a·D + b·D·L (relative residuals, weights 1/t²): a = per-draw cost
    /// (Philox, transforms, band count, risk measures), b = per-revaluation cost, c = per-run overhead.</summary>
    private static void Fit(string what, List<(long Draws, int Legs, double Seconds)> rows)
    {
        var m = new double[3, 3];
        var v = new double[3];
        foreach (var r in rows)
        {
            double w = 1.0 / (r.Seconds * r.Seconds);
            double[] x = [1.0, r.Draws, (double)r.Draws * r.Legs];
            for (int i = 0; i < 3; i++)
            {
                v[i] += w * x[i] * r.Seconds;
                for (int j = 0; j < 3; j++) m[i, j] += w * x[i] * x[j];
            }
        }

        double[] coef = Solve(m, v);
        Console.WriteLine(FormattableString.Invariant(
            $"{what} fit t = c + a*draws + b*draws*legs: c = {coef[0] * 1e3:F2} ms, a = {coef[1] * 1e9:F0} ns per draw, b = {coef[2] * 1e9:F2} ns per revaluation"));
        Console.WriteLine($"| Draws | Legs | Measured {what} s | Fit s | Residual |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            double fit = coef[0] + (coef[1] * r.Draws) + (coef[2] * r.Draws * r.Legs);
            Console.WriteLine(FormattableString.Invariant($"| {r.Draws:0.#e0} | {r.Legs} | {r.Seconds:F3} | {fit:F3} | {(r.Seconds - fit) / fit * 100:+0.0;-0.0} % |"));
        }
    }

    private static (double Wall, double Cpu) Time(PricedBook book, long draws, ScenarioRunOptions options)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        VolShockMonteCarlo.Run(book, new MonteCarloSettings { Draws = checked((int)draws) }, options);
        double wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static double Blocks(long draws, int chunk, Action<long, int> body) =>
        Best(() => { for (long first = 0; first < draws; first += chunk) body(first, (int)Math.Min(chunk, draws - first)); });

    /// <summary>The least process CPU time (user + system) of three runs: on the shared box the neighbours' load inflates
    /// wall time, and one thread's CPU time does not count their share.</summary>
    private static double Best(Action body)
    {
        double best = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < 3; i++)
        {
            process.Refresh();
            TimeSpan cpu0 = process.TotalProcessorTime;
            body();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - cpu0).TotalSeconds);
        }

        return best;
    }

    private static void Kernel(int bits, LegConst[] legs, int[] group, int[]? deltaGroup, BlockBuffers buf, int n)
    {
        switch (bits)
        {
            case 512: ScenarioKernel.Block<Vector512<double>, Vector512DoubleOps>(legs, group, deltaGroup, buf, n); break;
            case 256: ScenarioKernel.Block<Vector256<double>, Vector256DoubleOps>(legs, group, deltaGroup, buf, n); break;
            default: ScenarioKernel.Block<Vector128<double>, Vector128DoubleOps>(legs, group, deltaGroup, buf, n); break;
        }
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[p, c])) p = r;
            for (int k = 0; k < n; k++) (m[c, k], m[p, k]) = (m[p, k], m[c, k]);
            (x[c], x[p]) = (x[p], x[c]);
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = m[r, c] / m[c, c];
                for (int k = 0; k < n; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }

        for (int c = 0; c < n; c++) x[c] /= m[c, c];
        return x;
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static long[] Longs(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => (long)double.Parse(s, Inv)).ToArray();

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
