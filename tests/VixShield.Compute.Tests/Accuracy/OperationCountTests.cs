using System.Globalization;
using System.Text;
using VixShield.Compute.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace VixShield.Compute.Tests.Accuracy;

/// <summary>
/// Counts the operations of the one formula (<see cref="BlackGreeks"/>) by running it on an
/// <see cref="IMathOps{T, TMask}"/> that counts: the flops per option of kernels-docs/black-scholes.md.
/// </summary>
public class OperationCountTests(ITestOutputHelper output)
{
    /// <summary>Operation kinds counted.</summary>
    public enum Op
    {
        /// <summary>Add or subtract.</summary>
        AddSub,

        /// <summary>Multiply.</summary>
        Mul,

        /// <summary>Divide.</summary>
        Div,

        /// <summary>Fused multiply-add.</summary>
        Fma,

        /// <summary>Negate, abs, min, max, compare, select (no rounding).</summary>
        Other,

        /// <summary>Square root.</summary>
        Sqrt,

        /// <summary>exp.</summary>
        Exp,

        /// <summary>log.</summary>
        Log,

        /// <summary>erfc (counted as one; its own operations are counted separately).</summary>
        Erfc,
    }

    private readonly struct CountingOps : IMathOps<double, bool>
    {
        [ThreadStatic]
        private static int[]? counts;

        public static int[] Counts => counts ??= new int[Enum.GetValues<Op>().Length];

        public static double C(double value) => value;

        public static double Add(double a, double b) { Counts[(int)Op.AddSub]++; return a + b; }

        public static double Sub(double a, double b) { Counts[(int)Op.AddSub]++; return a - b; }

        public static double Mul(double a, double b) { Counts[(int)Op.Mul]++; return a * b; }

        public static double Div(double a, double b) { Counts[(int)Op.Div]++; return a / b; }

        public static double Neg(double a) { Counts[(int)Op.Other]++; return -a; }

        public static double Fma(double a, double b, double c) { Counts[(int)Op.Fma]++; return Math.FusedMultiplyAdd(a, b, c); }

        public static double Sqrt(double x) { Counts[(int)Op.Sqrt]++; return Math.Sqrt(x); }

        public static double Abs(double x) { Counts[(int)Op.Other]++; return Math.Abs(x); }

        public static double Min(double a, double b) { Counts[(int)Op.Other]++; return Math.Min(a, b); }

        public static double Max(double a, double b) { Counts[(int)Op.Other]++; return Math.Max(a, b); }

        public static double Exp(double x) { Counts[(int)Op.Exp]++; return Math.Exp(x); }

        public static double Log(double x) { Counts[(int)Op.Log]++; return Math.Log(x); }

        public static double LogRatio(double a, double b) { Counts[(int)Op.Log]++; return ScalarDoubleOps.LogRatio(a, b); }

        public static double Erfc(double x) { Counts[(int)Op.Erfc]++; return CodyErfc.Scalar(x); }

        public static double ErfcGivenExp(double x, double e) { Counts[(int)Op.Erfc]++; return CodyErfc.ErfcGivenExp<double, bool, ScalarDoubleOps>(x, e); }

        public static bool Any(bool mask) => mask;

        public static bool All(bool mask) => mask;

        public static bool IsSinglePrecision => false;

        public static bool And(bool a, bool b) => a & b;

        public static bool Or(bool a, bool b) => a | b;

        public static bool LessThan(double a, double b) { Counts[(int)Op.Other]++; return a < b; }

        public static bool Equal(double a, double b) { Counts[(int)Op.Other]++; return a == b; }

        public static double Select(bool mask, double a, double b) { Counts[(int)Op.Other]++; return mask ? a : b; }
    }

    private static int[] Count(Greek wanted)
    {
        Array.Clear(CountingOps.Counts);
        GreekValues<double> g = default;
        BlackGreeks.Regular<double, bool, CountingOps>(1.0, false, 5900, 5800, 0.25, 0.2, 0.045, 0.013, wanted, ref g);
        return (int[])CountingOps.Counts.Clone();
    }

    private static int[] CountErfcMiddle()
    {
        Array.Clear(CountingOps.Counts);
        double y = 1.3;
        _ = CodyErfc.ExpMinusSquare<double, bool, CountingOps>(y) * CodyErfc.ErfcxMiddle<double, bool, CountingOps>(y);
        CountingOps.Counts[(int)Op.Mul]++;
        return (int[])CountingOps.Counts.Clone();
    }

    /// <summary>Flops with FMA = 2 and add, sub, mul, div = 1 (functions listed apart).</summary>
    public static int Flops(int[] c) => c[(int)Op.AddSub] + c[(int)Op.Mul] + c[(int)Op.Div] + (2 * c[(int)Op.Fma]);

    [Fact]
    public void CountsOfTheFormula()
    {
        int[] all = Count(Greek.All), price = Count(Greek.Price), first = Count(Greek.PriceAndFirstOrder), erfc = CountErfcMiddle();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"outputs",-22} {string.Join(" ", Enum.GetNames<Op>().Select(n => n.PadLeft(6)))}  flops");
        foreach (var (name, c) in new[] { ("price only", price), ("price + first order", first), ("all 18", all), ("one erfc (0.47<|x|<=4)", erfc) })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-22} {string.Join(" ", c.Select(x => x.ToString(CultureInfo.InvariantCulture).PadLeft(6)))}  {Flops(c)}");
        }

        output.WriteLine(text.ToString());

        // The shape the documentation states: one log, two erfc given one shared Gaussian exp, two discount exps
        // (a fourth exp only in lanes where |ln F/K| + |d1 σ√t| > 4, not this option).
        Assert.Equal(1, all[(int)Op.Log]);
        Assert.Equal(2, all[(int)Op.Erfc]);
        Assert.Equal(3, all[(int)Op.Exp]);
        Assert.Equal(1, all[(int)Op.Sqrt]);
        Assert.Equal(2, price[(int)Op.Erfc]);
        Assert.Equal(3, price[(int)Op.Exp]);
        Assert.Equal(1, erfc[(int)Op.Exp]);
    }
}
