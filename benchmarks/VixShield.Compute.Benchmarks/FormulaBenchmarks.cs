using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// The shared formula alone on one thread (no validation, no scalar fallback, no threading): the current
/// <see cref="BlackGreeks.Regular"/> against <see cref="BlackGreeksBaseline"/> (the formula before the
/// division/exp work), both on Vector512 (or Vector256 where AVX-512 is absent) float64, in one run so that
/// the ratio is measured under the same machine load. The baseline copy is marked NoInlining, as the current
/// formula is in practice (the JIT declines to inline it), so the ratio measures the formula's work, not inlining.
/// <c>dotnet run -c Release --project benchmarks/VixShield.Compute.Benchmarks -- --filter '*FormulaBenchmarks*'</c>.
/// </summary>
[Config(typeof(ShortConfig))]
[BenchmarkCategory("Formula")]
public class FormulaBenchmarks : IOptionsPerInvoke
{
    private BenchData _d = null!;
    private double[] _omega = null!;

    [Params(100_000)]
    public int N { get; set; }

    [Params(Greek.PriceAndFirstOrder, Greek.All)]
    public Greek Greeks { get; set; }

    public int OptionsPerInvoke(string method) => N;

    [GlobalSetup]
    public void Setup()
    {
        _d = new BenchData(N, Greeks);
        _omega = Array.ConvertAll(_d.Kind, k => (double)(int)k);
    }

    [Benchmark(Baseline = true)]
    public void Baseline()
    {
        if (Vector512.IsHardwareAccelerated) Run<Vector512<double>, Vector512DoubleOps, Old>(_d, _omega, Greeks);
        else Run<Vector256<double>, Vector256DoubleOps, Old>(_d, _omega, Greeks);
    }

    [Benchmark]
    public void Current()
    {
        if (Vector512.IsHardwareAccelerated) Run<Vector512<double>, Vector512DoubleOps, New>(_d, _omega, Greeks);
        else Run<Vector256<double>, Vector256DoubleOps, New>(_d, _omega, Greeks);
    }

    /// <summary>
    /// Old and new formula alternately, <paramref name="rounds"/> times each per output set, best time of each:
    /// on a shared machine the alternation exposes both to the same load, so the ratio is steadier than
    /// BenchmarkDotNet's sequential cases. <c>dotnet run -c Release --project benchmarks/VixShield.Compute.Benchmarks -- formula-ab 40</c>.
    /// </summary>
    public static void Interleaved(int rounds)
    {
        Greek[] order = [Greek.PriceAndFirstOrder, Greek.All, Greek.PriceAndFirstOrder, Greek.All];
        for (int pass = 0; pass < order.Length; pass++)
        {
            Greek greeks = order[pass];
            var b = new FormulaBenchmarks { N = 100_000, Greeks = greeks };
            b.Setup();
            double bestOld = double.MaxValue, bestNew = double.MaxValue, bestFused = double.MaxValue;
            for (int i = 0; i < rounds; i++)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                b.Baseline();
                long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                b.Current();
                long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
                b.Fused();
                long t3 = System.Diagnostics.Stopwatch.GetTimestamp();
                if (i < 3) continue; // JIT tiers
                bestFused = Math.Min(bestFused, (t3 - t2) / (double)System.Diagnostics.Stopwatch.Frequency);
                bestOld = Math.Min(bestOld, (t1 - t0) / (double)System.Diagnostics.Stopwatch.Frequency);
                bestNew = Math.Min(bestNew, (t2 - t1) / (double)System.Diagnostics.Stopwatch.Frequency);
            }

            Console.WriteLine(System.FormattableString.Invariant(
                $"pass {(pass / 2) + 1}  {greeks,-20} width {(Vector512.IsHardwareAccelerated ? 512 : 256)}  old {b.N / bestOld / 1e6:F1} Mopt/s  new {b.N / bestNew / 1e6:F1} Mopt/s  new/old speed {bestOld / bestNew:F3}  fused (prototype) {b.N / bestFused / 1e6:F1} Mopt/s  fused/new speed {bestNew / bestFused:F3}"));
            b.Baseline();
            double[][] old = Outputs(b._d).Select(x => (double[])x.Clone()).ToArray();
            b.Current();
            double[][] cur = Outputs(b._d).Select(x => (double[])x.Clone()).ToArray();
            Console.WriteLine("  max relative difference current vs baseline: " + MaxDiff(old, cur));
            b.Fused();
            Console.WriteLine("  max relative difference fused vs current: " + MaxDiff(cur, Outputs(b._d)));
        }
    }

    [Benchmark]
    public void Fused()
    {
        if (Vector512.IsHardwareAccelerated) Run<Vector512<double>, Vector512DoubleOps, Fus>(_d, _omega, Greeks);
        else Run<Vector256<double>, Vector256DoubleOps, Fus>(_d, _omega, Greeks);
    }

    private static double[][] Outputs(BenchData d) => [d.OutPrice, d.OutDelta, d.OutVega, d.OutTheta, d.OutRho, d.OutPhi, d.OutGamma, d.OutVanna,
        d.OutVolga, d.OutCharm, d.OutVeta, d.OutSpeed, d.OutZomma, d.OutColor, d.OutUltima, d.OutDualDelta, d.OutDualGamma, d.OutItm];

    private static string MaxDiff(double[][] a, double[][] b)
    {
        var parts = new List<string>();
        string[] names = ["price", "delta", "vega", "theta", "rho", "phi", "gamma", "vanna", "volga", "charm", "veta", "speed", "zomma", "color", "ultima", "dualdelta", "dualgamma", "itm"];
        for (int j = 0; j < a.Length; j++)
        {
            // scaled like the conformance tests: |a - b| / (|a| + 1e-3 max|a|), so that outputs crossing zero
            // (speed, charm, ultima, theta) are not judged by a relative error at their zero
            double worst = 0, largest = 0;
            for (int i = 0; i < a[j].Length; i++) largest = Math.Max(largest, Math.Abs(a[j][i]));
            for (int i = 0; i < a[j].Length; i++)
            {
                double scale = Math.Max(Math.Abs(a[j][i]) + (1e-3 * largest), 1e-300);
                if (a[j][i] != b[j][i]) worst = Math.Max(worst, Math.Abs(a[j][i] - b[j][i]) / scale);
            }

            parts.Add(System.FormattableString.Invariant($"{names[j]} {worst:E1}"));
        }

        return string.Join(", ", parts);
    }

    private interface IFormula
    {
        static abstract void Eval<TVec, TOps>(TVec om, TVec s, TVec k, TVec t, TVec vol, TVec r, TVec q, Greek wanted, ref GreekValues<TVec> g)
            where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>;
    }

    private readonly struct Old : IFormula
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Eval<TVec, TOps>(TVec om, TVec s, TVec k, TVec t, TVec vol, TVec r, TVec q, Greek wanted, ref GreekValues<TVec> g)
            where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
            => BlackGreeksBaseline.Regular<TVec, TVec, TOps>(om, TOps.C(0.0), s, k, t, vol, r, q, wanted, ref g);
    }

    private readonly struct Fus : IFormula
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Eval<TVec, TOps>(TVec om, TVec s, TVec k, TVec t, TVec vol, TVec r, TVec q, Greek wanted, ref GreekValues<TVec> g)
            where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
            => BlackGreeksFused.Regular<TVec, TOps>(om, TOps.C(0.0), s, k, t, vol, r, q, wanted, ref g);
    }

    private readonly struct New : IFormula
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Eval<TVec, TOps>(TVec om, TVec s, TVec k, TVec t, TVec vol, TVec r, TVec q, Greek wanted, ref GreekValues<TVec> g)
            where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
            => BlackGreeks.Regular<TVec, TVec, TOps>(om, TOps.C(0.0), s, k, t, vol, r, q, wanted, ref g);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Run<TVec, TOps, TF>(BenchData d, double[] omega, Greek wanted)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double> where TF : struct, IFormula
    {
        int w = TOps.Count;
        fixed (double* om = omega, s = d.S, k = d.K, t = d.T, vol = d.Vol, r = d.R, q = d.Q,
            price = d.OutPrice, delta = d.OutDelta, vega = d.OutVega, theta = d.OutTheta, rho = d.OutRho, phi = d.OutPhi,
            gamma = d.OutGamma, vanna = d.OutVanna, volga = d.OutVolga, charm = d.OutCharm, veta = d.OutVeta, speed = d.OutSpeed,
            zomma = d.OutZomma, color = d.OutColor, ultima = d.OutUltima, dd = d.OutDualDelta, dg = d.OutDualGamma, itm = d.OutItm)
        {
            bool all = wanted == Greek.All;
            for (int i = 0; i + w <= d.Count; i += w)
            {
                GreekValues<TVec> g = default;
                TF.Eval<TVec, TOps>(TOps.Load(om + i), TOps.Load(s + i), TOps.Load(k + i), TOps.Load(t + i), TOps.Load(vol + i), TOps.Load(r + i), TOps.Load(q + i), wanted, ref g);
                TOps.Store(g.Price, price + i); TOps.Store(g.Delta, delta + i); TOps.Store(g.Vega, vega + i);
                TOps.Store(g.Theta, theta + i); TOps.Store(g.Rho, rho + i); TOps.Store(g.Phi, phi + i);
                if (all)
                {
                    TOps.Store(g.Gamma, gamma + i); TOps.Store(g.Vanna, vanna + i); TOps.Store(g.Volga, volga + i);
                    TOps.Store(g.Charm, charm + i); TOps.Store(g.Veta, veta + i); TOps.Store(g.Speed, speed + i);
                    TOps.Store(g.Zomma, zomma + i); TOps.Store(g.Color, color + i); TOps.Store(g.Ultima, ultima + i);
                    TOps.Store(g.DualDelta, dd + i); TOps.Store(g.DualGamma, dg + i); TOps.Store(g.ItmProbability, itm + i);
                }
            }
        }
    }
}
