using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// The shared formula alone on one thread (no validation, no scalar fallback, no threading): the current
/// <see cref="BlackGreeks.Regular"/> against <see cref="BlackGreeksBaseline"/> (the formula before the
/// division/exp work), both on Vector512 (or Vector256 where AVX-512 is absent) float64, in one run so that
/// the ratio is measured under the same machine load.
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
