using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Kernels;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

/// <summary>
/// The middle branch of Let's Be Rational is one piece of code (<see cref="LetsBeRationalMiddle"/>, with the normalised
/// Black regions II-IV of <see cref="NormalisedBlack.RegionsTwoToFour{T, TMask, TOps}"/>): the scalar solve is its
/// bool-mask case, the vector lanes its vector-mask case. These tests run the scalar solve
/// (<see cref="LetsBeRational.UncheckedNormalisedCall{TOps}"/>: branches, early stops, bisection) over ops that do each
/// operation as lane 0 of the vector ops, and require every lane the vector path solves to be bit for bit the scalar
/// s, on every hardware width. A change to one path only (a reordered sum, an FMA, a different stop rule, a second
/// copy) breaks them.
/// </summary>
public class MiddleBranchSharedTests
{
    /// <summary>Scalar ops that compute each operation as lane 0 of <typeparamref name="TOps"/> (so exp, log, erfc and
    /// FMA round exactly as in the vector lanes); masks are that lane's bit.</summary>
    private readonly struct LaneOps<TVec, TOps> : IMathOps<double, bool>
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        public static bool IsSinglePrecision => false;

        private static TVec V(double a) => TOps.C(a);

        private static double L(TVec v) => Unsafe.As<TVec, double>(ref v);

        private static bool M(TVec m) => (TOps.Bits(m) & 1) != 0;

        public static double C(double value) => value;

        public static double Add(double a, double b) => L(TOps.Add(V(a), V(b)));

        public static double Sub(double a, double b) => L(TOps.Sub(V(a), V(b)));

        public static double Mul(double a, double b) => L(TOps.Mul(V(a), V(b)));

        public static double Div(double a, double b) => L(TOps.Div(V(a), V(b)));

        public static double Neg(double a) => L(TOps.Neg(V(a)));

        public static double Fma(double a, double b, double c) => L(TOps.Fma(V(a), V(b), V(c)));

        public static double Sqrt(double x) => L(TOps.Sqrt(V(x)));

        public static double Abs(double x) => L(TOps.Abs(V(x)));

        public static double Min(double a, double b) => L(TOps.Min(V(a), V(b)));

        public static double Max(double a, double b) => L(TOps.Max(V(a), V(b)));

        public static double Exp(double x) => L(TOps.Exp(V(x)));

        public static double Log(double x) => L(TOps.Log(V(x)));

        public static double LogRatio(double a, double b) => L(TOps.LogRatio(V(a), V(b)));

        public static double Erfc(double x) => L(TOps.Erfc(V(x)));

        public static double ErfcGivenExp(double x, double e) => L(TOps.ErfcGivenExp(V(x), V(e)));

        public static bool LessThan(double a, double b) => M(TOps.LessThan(V(a), V(b)));

        public static bool Equal(double a, double b) => M(TOps.Equal(V(a), V(b)));

        public static double Select(bool mask, double a, double b) => mask ? a : b;

        public static bool Any(bool mask) => mask;

        public static bool All(bool mask) => mask;

        public static bool And(bool a, bool b) => a & b;

        public static bool Or(bool a, bool b) => a | b;
    }

    /// <summary>(β, x ≤ 0) over the middle branches and beyond: s from 1e-4 to 12, |x| from 0 to 20, plus β uniform in (0, b_max).</summary>
    private static (double[] Beta, double[] X) Inputs(int n, int seed)
    {
        var rng = new Random(seed);
        var beta = new double[n];
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i % 29 == 0 ? 0.0 : -Math.Exp((rng.NextDouble() * 12) - 9);
            beta[i] = i % 4 == 3
                ? Math.Exp(0.5 * x[i]) * rng.NextDouble()
                : NormalisedBlack.OtmCall(x[i], Math.Exp((rng.NextDouble() * 11.7) - 9.2));
        }

        return (beta, x);
    }

    private static void LanesEqualScalar<TVec, TOps>(int n)
        where TVec : struct where TOps : struct, IVectorMathOps<TVec, double>
    {
        int lanes = TOps.Count;
        var (beta, x) = Inputs(n, 20261203 + lanes);
        var b = new double[lanes];
        var xv = new double[lanes];
        int solved = 0, mismatches = 0;
        string first = "";
        for (int i = 0; i + lanes <= n; i += lanes)
        {
            for (int l = 0; l < lanes; l++)
            {
                b[l] = beta[i + l] > 0 ? beta[i + l] : 1e-300;
                xv[l] = x[i + l];
            }

            ulong done = VectorLetsBeRational.TrySolve<TVec, TOps>(Load<TVec>(b), Load<TVec>(xv), out TVec s);
            for (int l = 0; l < lanes; l++)
            {
                if ((done & (1UL << l)) == 0) continue;
                solved++;
                double lane = Unsafe.Add(ref Unsafe.As<TVec, double>(ref s), l);
                double scalar = LetsBeRational.UncheckedNormalisedCall<LaneOps<TVec, TOps>>(b[l], xv[l], LetsBeRational.DefaultIterations, out _);
                if (BitConverter.DoubleToInt64Bits(lane) != BitConverter.DoubleToInt64Bits(scalar))
                {
                    if (mismatches++ == 0) first = $"β={b[l]:R} x={xv[l]:R}: lane {lane:R}, scalar {scalar:R}";
                }
            }
        }

        Assert.True(solved > n / 3, $"{typeof(TVec).Name}: only {solved} of {n} lanes solved in vector form");
        Assert.True(mismatches == 0, $"{typeof(TVec).Name}: {mismatches} of {solved} lanes differ from the scalar middle branch; first {first}");
    }

    private static TVec Load<TVec>(double[] values)
        where TVec : struct
        => Unsafe.As<double, TVec>(ref values[0]);

    [Fact]
    public void Vector128Lanes_AreBitForBitTheScalarMiddleBranch()
    {
        if (!Vector128DoubleOps.IsHardwareAccelerated) return;
        LanesEqualScalar<Vector128<double>, Vector128DoubleOps>(40_000);
    }

    [Fact]
    public void Vector256Lanes_AreBitForBitTheScalarMiddleBranch()
    {
        if (!Vector256DoubleOps.IsHardwareAccelerated) return;
        LanesEqualScalar<Vector256<double>, Vector256DoubleOps>(40_000);
    }

    [Fact]
    public void Vector512Lanes_AreBitForBitTheScalarMiddleBranch()
    {
        if (!Vector512DoubleOps.IsHardwareAccelerated) return;
        LanesEqualScalar<Vector512<double>, Vector512DoubleOps>(40_000);
    }

    [Fact]
    public void ScalarSolve_EqualsTheSharedMiddleBranchCalledDirectly()
    {
        // The scalar solve's middle branches are LetsBeRationalMiddle's, not a copy: call its pieces by hand (bool masks,
        // ScalarDoubleOps) where β is in a middle branch and compare with the production scalar entry point.
        var (beta, x) = Inputs(20_000, 7);
        int middle = 0;
        for (int i = 0; i < beta.Length; i++)
        {
            if (!(beta[i] > 0)) continue;
            bool fallback = false;
            double bMax = Math.Exp(0.5 * x[i]);
            double bc = LetsBeRationalMiddle.CentralPoint<double, bool, ScalarDoubleOps, ScalarOtmBlack<ScalarDoubleOps>>(x[i], out double sc, out double vc, ref fallback);
            bool below = beta[i] < bc;
            double so = LetsBeRationalMiddle.OtherEnd<double, bool, ScalarDoubleOps>(below, sc, bc, vc, bMax);
            double bo = NormalisedBlack.OtmCallAndVega(x[i], so, out double vo);
            if (below ? beta[i] < bo : beta[i] > bo) continue; // lowest or highest branch
            middle++;
            double guess = LetsBeRationalMiddle.Guess<double, bool, ScalarDoubleOps>(beta[i], below, sc, bc, vc, so, bo, vo, out double sLeft, out double sRight);
            double s = LetsBeRationalMiddle.Householder<double, bool, ScalarDoubleOps, ScalarOtmBlack<ScalarDoubleOps>>(
                beta[i], x[i], guess, sLeft, sRight, LetsBeRational.DefaultIterations, out double step, ref fallback);
            double expected = LetsBeRational.UncheckedNormalisedCall(beta[i], x[i], LetsBeRational.DefaultIterations, out double expectedStep);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(s));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedStep), BitConverter.DoubleToInt64Bits(step));
            Assert.False(fallback);
        }

        Assert.True(middle > beta.Length / 4, $"middle-branch inputs {middle}");
    }
}
