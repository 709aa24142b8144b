using System.Globalization;
using System.Runtime.Intrinsics;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// Measures the vector exp, log and erfc of the SIMD engine (every accelerated width) and, for context, Math.Exp/Log
/// and the scalar Cody erfc, against mpmath references (Accuracy/gen_reference.py): the largest distance in ulps from
/// the correctly rounded result, and the largest relative error, per function and input range.
/// Run: <c>python3 Accuracy/gen_reference.py &gt; /tmp/ref.csv; dotnet run -c Release -- accuracy /tmp/ref.csv</c>.
/// </summary>
public static class VectorMathAccuracy
{
    public static void Run(string path)
    {
        // function,x,reference or, for ln(a/b), function,a,b,reference
        var rows = File.ReadLines(path).Select(l => l.Split(',')).Select(p => (
            Fn: p[0], X: double.Parse(p[1], CultureInfo.InvariantCulture), B: p.Length == 4 ? double.Parse(p[2], CultureInfo.InvariantCulture) : 0.0,
            Ref: double.Parse(p[^1], CultureInfo.InvariantCulture))).ToList();
        Console.WriteLine("| function | input range | implementation | max ulp (normal results) | max rel. error (normal results) | max abs. error (subnormal/underflowed results) | points |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => (r.Fn, Range: RangeOf(r.Fn, r.X, r.B))))
        {
            var g = group.ToList();
            string range = group.Key.Fn.StartsWith("logratio", StringComparison.Ordinal)
                ? $"a/b in [{g.Min(r => r.X / r.B):G4}, {g.Max(r => r.X / r.B):G4}]"
                : $"[{g.Min(r => r.X):G4}, {g.Max(r => r.X):G4}]";
            foreach ((string name, Func<double, double, double>? f) in Implementations(group.Key.Fn))
            {
                if (f is null) continue;
                double maxUlp = 0, maxRel = 0, subnormalAbs = 0;
                bool single = group.Key.Fn.EndsWith('f');
                foreach (var r in g)
                {
                    double y = f(r.X, r.B);
                    double reference = single ? (float)r.Ref : r.Ref;
                    bool normal = single ? Math.Abs(reference) >= 1.17549435e-38 : Math.Abs(reference) >= 2.2250738585072014e-308;
                    if (!normal) { subnormalAbs = Math.Max(subnormalAbs, Math.Abs(y - r.Ref)); continue; }
                    double ulp = single ? UlpDistance((float)y, (float)reference) : UlpDistance(y, reference);
                    maxUlp = Math.Max(maxUlp, ulp);
                    maxRel = Math.Max(maxRel, Math.Abs(y - r.Ref) / Math.Abs(r.Ref));
                }

                Console.WriteLine($"| {group.Key.Fn} | {range} | {name} | {maxUlp:G3} | {maxRel:E2} | {subnormalAbs:E1} | {g.Count} |");
            }
        }
    }

    private static string RangeOf(string fn, double x, double b) => fn switch
    {
        "logratio" or "logratiof" => Math.Abs(Math.Log(x / b)) < 1.1e-3 ? "atm" : Math.Abs(Math.Log(x / b)) <= Math.Log(2) * 1.001 ? "near" : "full",
        "exp" => Math.Abs(x) <= 1 ? "small" : "full",
        "log" => x >= 0.5 && x <= 2 ? "near1" : "full",
        "erfc" => Math.Abs(x) <= 1 ? "small" : "full",
        _ => "full",
    };

    private static IEnumerable<(string, Func<double, double, double>?)> Implementations(string fn)
    {
        foreach ((string name, Func<double, double>? f) in Unary(fn)) yield return (name, f is null ? null : (x, _) => f(x));
        bool v512 = Vector512.IsHardwareAccelerated, v256 = Vector256.IsHardwareAccelerated, v128 = Vector128.IsHardwareAccelerated;
        switch (fn)
        {
            case "logratio":
                yield return ("Vector512DoubleOps.LogRatio", v512 ? (a, b) => Vector512DoubleOps.LogRatio(Vector512.Create(a), Vector512.Create(b)).GetElement(0) : null);
                yield return ("Vector256DoubleOps.LogRatio", v256 ? (a, b) => Vector256DoubleOps.LogRatio(Vector256.Create(a), Vector256.Create(b)).GetElement(0) : null);
                yield return ("Vector128DoubleOps.LogRatio", v128 ? (a, b) => Vector128DoubleOps.LogRatio(Vector128.Create(a), Vector128.Create(b)).GetElement(0) : null);
                yield return ("ScalarDoubleOps.LogRatio (Math.Log, corrected)", ScalarDoubleOps.LogRatio);
                yield return ("Math.Log(a / b)", (a, b) => Math.Log(a / b));
                break;
            case "logratiof":
                yield return ("Vector512SingleOps.LogRatio", v512 ? (a, b) => Vector512SingleOps.LogRatio(Vector512.Create((float)a), Vector512.Create((float)b)).GetElement(0) : null);
                yield return ("Vector256SingleOps.LogRatio", v256 ? (a, b) => Vector256SingleOps.LogRatio(Vector256.Create((float)a), Vector256.Create((float)b)).GetElement(0) : null);
                yield return ("Vector128SingleOps.LogRatio", v128 ? (a, b) => Vector128SingleOps.LogRatio(Vector128.Create((float)a), Vector128.Create((float)b)).GetElement(0) : null);
                yield return ("ScalarSingleOps.LogRatio (MathF.Log, corrected)", (a, b) => ScalarSingleOps.LogRatio((float)a, (float)b));
                yield return ("MathF.Log(a / b)", (a, b) => MathF.Log((float)a / (float)b));
                break;
        }
    }

    private static IEnumerable<(string, Func<double, double>?)> Unary(string fn)
    {
        bool v512 = Vector512.IsHardwareAccelerated, v256 = Vector256.IsHardwareAccelerated, v128 = Vector128.IsHardwareAccelerated;
        switch (fn)
        {
            case "exp":
                yield return ("Vector512DoubleOps.Exp", v512 ? x => Vector512DoubleOps.Exp(Vector512.Create(x)).GetElement(0) : null);
                yield return ("Vector256DoubleOps.Exp", v256 ? x => Vector256DoubleOps.Exp(Vector256.Create(x)).GetElement(0) : null);
                yield return ("Vector128DoubleOps.Exp", v128 ? x => Vector128DoubleOps.Exp(Vector128.Create(x)).GetElement(0) : null);
                yield return (".NET Vector256.Exp", v256 ? x => Vector256.Exp(Vector256.Create(x)).GetElement(0) : null);
                yield return ("Math.Exp", Math.Exp);
                break;
            case "log":
                yield return ("Vector512DoubleOps.Log", v512 ? x => Vector512DoubleOps.Log(Vector512.Create(x)).GetElement(0) : null);
                yield return ("Vector256DoubleOps.Log", v256 ? x => Vector256DoubleOps.Log(Vector256.Create(x)).GetElement(0) : null);
                yield return ("Vector128DoubleOps.Log", v128 ? x => Vector128DoubleOps.Log(Vector128.Create(x)).GetElement(0) : null);
                yield return (".NET Vector256.Log", v256 ? x => Vector256.Log(Vector256.Create(x)).GetElement(0) : null);
                yield return ("Math.Log", Math.Log);
                break;
            case "erfc":
                yield return ("Vector512DoubleOps.Erfc", v512 ? x => Vector512DoubleOps.Erfc(Vector512.Create(x)).GetElement(0) : null);
                yield return ("Vector256DoubleOps.Erfc", v256 ? x => Vector256DoubleOps.Erfc(Vector256.Create(x)).GetElement(0) : null);
                yield return ("Vector128DoubleOps.Erfc", v128 ? x => Vector128DoubleOps.Erfc(Vector128.Create(x)).GetElement(0) : null);
                yield return ("CodyErfc.Scalar", CodyErfc.Scalar);
                break;
            case "expf":
                yield return ("Vector512SingleOps.Exp", v512 ? x => Vector512SingleOps.Exp(Vector512.Create((float)x)).GetElement(0) : null);
                yield return ("Vector256SingleOps.Exp", v256 ? x => Vector256SingleOps.Exp(Vector256.Create((float)x)).GetElement(0) : null);
                yield return ("Vector128SingleOps.Exp", v128 ? x => Vector128SingleOps.Exp(Vector128.Create((float)x)).GetElement(0) : null);
                yield return ("MathF.Exp", x => MathF.Exp((float)x));
                break;
            case "logf":
                yield return ("Vector512SingleOps.Log", v512 ? x => Vector512SingleOps.Log(Vector512.Create((float)x)).GetElement(0) : null);
                yield return ("Vector256SingleOps.Log", v256 ? x => Vector256SingleOps.Log(Vector256.Create((float)x)).GetElement(0) : null);
                yield return ("Vector128SingleOps.Log", v128 ? x => Vector128SingleOps.Log(Vector128.Create((float)x)).GetElement(0) : null);
                yield return ("MathF.Log", x => MathF.Log((float)x));
                break;
            case "erfcf":
                yield return ("Vector512SingleOps.Erfc", v512 ? x => Vector512SingleOps.Erfc(Vector512.Create((float)x)).GetElement(0) : null);
                yield return ("Vector256SingleOps.Erfc", v256 ? x => Vector256SingleOps.Erfc(Vector256.Create((float)x)).GetElement(0) : null);
                yield return ("Vector128SingleOps.Erfc", v128 ? x => Vector128SingleOps.Erfc(Vector128.Create((float)x)).GetElement(0) : null);
                yield return ("(float)CodyErfc.Scalar", x => (float)CodyErfc.Scalar(x));
                break;
        }
    }

    private static double UlpDistance(double a, double b)
    {
        if (a == b) return 0;
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsInfinity(a) || double.IsInfinity(b)) return double.PositiveInfinity;
        long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
        if (ia < 0) ia = long.MinValue - ia;
        if (ib < 0) ib = long.MinValue - ib;
        return Math.Abs((double)(ia - ib));
    }

    private static double UlpDistance(float a, float b)
    {
        if (a == b) return 0;
        if (float.IsNaN(a) || float.IsNaN(b) || float.IsInfinity(a) || float.IsInfinity(b)) return double.PositiveInfinity;
        int ia = BitConverter.SingleToInt32Bits(a), ib = BitConverter.SingleToInt32Bits(b);
        if (ia < 0) ia = int.MinValue - ia;
        if (ib < 0) ib = int.MinValue - ib;
        return Math.Abs((double)(ia - ib));
    }
}
