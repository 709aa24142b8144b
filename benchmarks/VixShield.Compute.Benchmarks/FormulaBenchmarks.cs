using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// The shared formula alone on one thread (no validation, no scalar fallback, no threading):
/// <see cref="BlackGreeks.Regular{T, TMask, TOps}"/> on Vector512 (or Vector256 where AVX-512 is absent) float64, plus two
/// accuracy checks of it (extreme grid against the scalar path, the 50-digit mpmath table).
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
    public void Current()
    {
        if (Vector512.IsHardwareAccelerated) Run<Vector512<double>, Vector512DoubleOps, New>(_d, _omega, Greeks);
        else Run<Vector256<double>, Vector256DoubleOps, New>(_d, _omega, Greeks);
    }

    /// <summary>The vector formula against the 50-digit mpmath table of the tests
    /// (tests/VixShield.Compute.Tests/ReferenceData/mpmath_greeks.csv): worst pure relative error per output.</summary>
    public static void MpmathCheck(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] head = lines[0].Split(',');
        string[] names = ["price", "delta", "gamma", "vega", "theta", "rho", "phi", "vanna", "volga", "charm", "veta", "speed", "zomma", "color", "ultima", "dual_delta", "dual_gamma", "itm_prob"];
        {
            var worst = new double[names.Length];
            var worstLabel = new string[names.Length];
            foreach (string line in lines.Skip(1))
            {
                string[] c = line.Split(',');
                double D(string n) => double.Parse(c[Array.IndexOf(head, n)], System.Globalization.CultureInfo.InvariantCulture);
                bool b76 = c[Array.IndexOf(head, "model")] == "black76";
                double om = c[Array.IndexOf(head, "kind")] == "call" ? 1 : -1;
                double r = D("r"), q = b76 ? r : D("q");
                var mask = b76 ? Vector512<double>.AllBitsSet : Vector512<double>.Zero;
                GreekValues<Vector512<double>> g = default;
                var v = (double x) => Vector512.Create(x);
                BlackGreeks.Regular<Vector512<double>, Vector512<double>, Vector512DoubleOps>(v(om), mask, v(D("underlying")), v(D("strike")), v(D("t")), v(D("vol")), v(r), v(q), Greek.All, ref g);
                double[] ours = [g.Price[0], g.Delta[0], g.Gamma[0], g.Vega[0], g.Theta[0], g.Rho[0], g.Phi[0], g.Vanna[0], g.Volga[0], g.Charm[0], g.Veta[0], g.Speed[0], g.Zomma[0], g.Color[0], g.Ultima[0], g.DualDelta[0], g.DualGamma[0], g.ItmProbability[0]];
                for (int o = 0; o < names.Length; o++)
                {
                    double exact = D(names[o]);
                    double rel = exact == 0 ? Math.Abs(ours[o]) : Math.Abs(ours[o] - exact) / Math.Abs(exact);
                    if (rel > worst[o]) { worst[o] = rel; worstLabel[o] = c[^1]; }
                }
            }

            Console.WriteLine($"mpmath table, shared formula (Vector512), worst pure relative error:");
            for (int o = 0; o < names.Length; o++) Console.WriteLine(System.FormattableString.Invariant($"  {names[o],-11} {worst[o]:E2}  {worstLabel[o]}"));
        }
    }

    /// <summary>The vector formula against the scalar path of the same formula on an extreme grid (wide strikes,
    /// minute to 30-year expiries, 1 %-1000 % vols, so that d reaches the ±40 clamp and σ√t reaches 50): worst
    /// relative difference per output where the reference is a normal number, and count of finite/zero/NaN mismatches.</summary>
    public static void ExtremeCheck()
    {
        var rows = new List<(double Om, double K, double T, double Vol)>();
        foreach (double om in new[] { 1.0, -1.0 })
            foreach (double t in new[] { 1.0 / 525600, 1.0 / 365, 1.0, 30.0 })
                foreach (double vol in new[] { 0.01, 0.2, 2.0, 10.0 })
                    for (int j = -60; j <= 60; j++) rows.Add((om, 100 * Math.Exp(j * 0.5), t, vol));
        while (rows.Count % 8 != 0) rows.Add(rows[^1]);
        int n = rows.Count;
        var worst = new double[18];
        int mismatch = 0;
        string[] names = ["price", "delta", "vega", "theta", "rho", "phi", "gamma", "vanna", "volga", "charm", "veta", "speed", "zomma", "color", "ultima", "dualdelta", "dualgamma", "itm"];
        for (int i = 0; i < n; i += 8)
        {
            var f = new double[6][];
            for (int c = 0; c < 6; c++) f[c] = new double[8];
            for (int l = 0; l < 8; l++)
            {
                var x = rows[i + l];
                f[0][l] = x.Om; f[1][l] = x.K; f[2][l] = x.T; f[3][l] = x.Vol; f[4][l] = 0.05; f[5][l] = 0.02;
            }

            GreekValues<Vector512<double>> gv = default;
            var v = (double[] a) => Vector512.Create(a);
            BlackGreeks.Regular<Vector512<double>, Vector512<double>, Vector512DoubleOps>(v(f[0]), Vector512<double>.Zero, Vector512.Create(100.0), v(f[1]), v(f[2]), v(f[3]), v(f[4]), v(f[5]), Greek.All, ref gv);
            Vector512<double>[] fv = [gv.Price, gv.Delta, gv.Vega, gv.Theta, gv.Rho, gv.Phi, gv.Gamma, gv.Vanna, gv.Volga, gv.Charm, gv.Veta, gv.Speed, gv.Zomma, gv.Color, gv.Ultima, gv.DualDelta, gv.DualGamma, gv.ItmProbability];
            for (int l = 0; l < 8; l++)
            {
                GreekValues<double> g = default;
                BlackGreeks.Regular<double, bool, ScalarDoubleOps>(f[0][l], false, 100.0, f[1][l], f[2][l], f[3][l], 0.05, 0.02, Greek.All, ref g);
                double[] sv = [g.Price, g.Delta, g.Vega, g.Theta, g.Rho, g.Phi, g.Gamma, g.Vanna, g.Volga, g.Charm, g.Veta, g.Speed, g.Zomma, g.Color, g.Ultima, g.DualDelta, g.DualGamma, g.ItmProbability];
                for (int o = 0; o < 18; o++)
                {
                    double a = fv[o][l], b = sv[o];
                    if (double.IsNaN(a) != double.IsNaN(b) || double.IsInfinity(a) != double.IsInfinity(b) || ((a == 0) != (b == 0) && Math.Abs(b) > 1e-290)) mismatch++;
                    else if (Math.Abs(b) > 1e-290 && double.IsFinite(b))
                    {
                        double e = Math.Abs(a - b) / Math.Abs(b);
                        worst[o] = Math.Max(worst[o], e);
                    }
                }
            }
        }

        Console.WriteLine(System.FormattableString.Invariant($"extreme grid, {n} options: shared formula (Vector512) vs scalar reference, mismatches (NaN/Inf/zero) {mismatch}"));
        Console.WriteLine("  max relative difference where the reference is > 1e-290: " + string.Join(", ", names.Select((x, o) => System.FormattableString.Invariant($"{x} {worst[o]:E1}"))));
    }

    private interface IFormula
    {
        static abstract void Eval<TVec, TOps>(TVec om, TVec s, TVec k, TVec t, TVec vol, TVec r, TVec q, Greek wanted, ref GreekValues<TVec> g)
            where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>;
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
