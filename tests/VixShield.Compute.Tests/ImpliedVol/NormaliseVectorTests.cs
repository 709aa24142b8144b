using System.Runtime.Intrinsics;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Kernels;
using Xunit;

namespace VixShield.Compute.Tests.ImpliedVol;

/// <summary>
/// The bulk solver's normalisation is one formula (<see cref="ImpliedVolatilitySolver.NormaliseRow{T, TMask, TOps}"/>):
/// its vector instantiation, run as the solver runs it (<see cref="ImpliedVolatilitySolver.NormaliseVectors{TVec, TOps}"/>,
/// overlapping last vector included), must give every lane the scalar instantiation's code exactly and its β, x_c and √T
/// within 4 ulp relative (the vector exp and log are not Math.Exp/Log) or NaN where the scalar one is NaN, on every
/// hardware width, for a batch that mixes valid rows with each invalid input and each pre-pass verdict.
/// </summary>
public class NormaliseVectorTests
{
    private const double Solve = 0, Below = 1, Above = 2, Invalid = 4, Zero = 5;
    private const double Call = 1, Put = -1;

    private sealed class Rows
    {
        public readonly List<double> S = [], K = [], T = [], P = [], R = [], Theta = [], Carry = [], Expected = [];

        public void Add(double s, double k, double t, double p, double r, double theta, double carry, double expected)
        {
            S.Add(s); K.Add(k); T.Add(t); P.Add(p); R.Add(r); Theta.Add(theta); Carry.Add(carry); Expected.Add(expected);
        }
    }

    /// <summary>
    /// Special rows (each invalid-input kind, below intrinsic, above maximum, zero time value), interleaved with valid
    /// rows so that they share vectors with them. Valid rows are out of the money with rates (|ln(S/K)| ≥ 0.05 well above
    /// |(r-q)T| ≤ 0.01, so x has no cancellation) or in the money with r = q = 0 (e^0 = 1 on both paths, so the
    /// reflection P - intrinsic cancels nothing the two exponentials round differently): 4 ulp is then a fair bound.
    /// </summary>
    private static Rows MakeRows()
    {
        var special = new Rows();
        double nan = double.NaN, inf = double.PositiveInfinity;
        // A valid template row: OTM call S=100, K=110, T=0.5, r=3 %, carry 1 %; each column in turn made bad.
        double[] good = [100, 110, 0.5, 2.0, 0.03, Call, 0.01];
        foreach (double bad in new[] { nan, inf, -inf })
        {
            for (int col = 0; col < good.Length; col++)
            {
                double[] row = (double[])good.Clone();
                row[col] = bad;
                special.Add(row[0], row[1], row[2], row[3], row[4], row[5], row[6], Invalid);
            }
        }

        foreach (double bad in new[] { 0.0, -1.0 })
        {
            for (int col = 0; col < 3; col++) // s, k, t zero or negative
            {
                double[] row = (double[])good.Clone();
                row[col] = bad;
                special.Add(row[0], row[1], row[2], row[3], row[4], row[5], row[6], Invalid);
            }
        }

        special.Add(100, 110, 1.0, 2.0, 0.03, Call, 1000.0, Invalid);  // F overflows
        special.Add(100, 110, 1.0, 2.0, 0.03, Call, -1000.0, Invalid); // F underflows to 0
        special.Add(100, 110, 1.0, 2.0, 1000.0, Call, 0.01, Invalid);  // P overflows
        special.Add(110, 100, 0.5, 5.0, 0.0, Call, 0.0, Below);        // ITM call under its intrinsic 10
        special.Add(110, 100, 0.5, 5.0, 0.02, Call, 0.01, Below);
        special.Add(90, 100, 0.5, 5.0, 0.02, Put, -0.01, Below);       // ITM put
        special.Add(100, 110, 0.5, -1.0, 0.03, Call, 0.01, Below);     // negative price
        special.Add(100, 110, 0.5, 120.0, 0.03, Call, 0.01, Above);    // call above F
        special.Add(100, 90, 0.5, 150.0, 0.03, Put, 0.01, Above);      // put above K
        special.Add(100, 90, 0.5, 100.0, 0.0, Call, 0.0, Above);       // call exactly at its maximum F
        special.Add(110, 100, 0.5, 10.0, 0.0, Call, 0.0, Zero);        // ITM call at its intrinsic
        special.Add(90, 100, 0.5, 10.0, 0.0, Put, 0.0, Zero);          // ITM put at its intrinsic
        special.Add(100, 110, 0.5, 0.0, 0.03, Call, 0.01, Zero);       // OTM, price 0
        special.Add(100, 100, 0.5, 0.0, 0.0, Put, 0.0, Zero);          // at the money, price 0

        var rng = new Random(20240611);
        var rows = new Rows();
        int next = 0;
        for (int i = 0; next < special.S.Count || i < 200; i++)
        {
            if (i % 3 == 1 && next < special.S.Count)
            {
                int j = next++;
                rows.Add(special.S[j], special.K[j], special.T[j], special.P[j], special.R[j], special.Theta[j], special.Carry[j], special.Expected[j]);
                continue;
            }

            double s = 100;
            double lnSK = (0.05 + (0.5 * rng.NextDouble())) * (rng.Next(2) == 0 ? 1 : -1);
            double k = s * Math.Exp(-lnSK);
            double t = 0.01 + (0.49 * rng.NextDouble());
            double vol = Math.Abs(lnSK) / (1 + (3 * rng.NextDouble())) / Math.Sqrt(t); // 1 to 4 sd from the money
            bool itm = rng.Next(2) == 0;
            double theta = (lnSK > 0) == itm ? Call : Put; // ITM: a call above the strike or a put below it
            double r = itm ? 0.0 : 0.05 * rng.NextDouble();
            double carry = itm ? 0.0 : 0.02 * (rng.NextDouble() - 0.5);
            double f = s * Math.Exp(carry * t);
            double p = Math.Exp(-r * t) * LetsBeRational.BlackPrice(f, k, vol, t, theta > 0 ? OptionKind.Call : OptionKind.Put);
            rows.Add(s, k, t, p, r, theta, carry, Solve);
        }

        rows.Add(100, 105, 0.25, 1.5, 0.03, Call, 0.01, Solve); // odd length: a ragged end for every width
        return rows;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void VectorNormalisation_EqualsScalarNormaliseRow_LaneByLane(int width)
    {
        var c = MakeRows();
        int n = c.S.Count;
        double[] s = [.. c.S], k = [.. c.K], t = [.. c.T], p = [.. c.P], r = [.. c.R], th = [.. c.Theta], cy = [.. c.Carry];
        Assert.NotEqual(0, n % width);
        var beta = new double[n];
        var xc = new double[n];
        var sqrtT = new double[n];
        var code = new double[n];
        switch (width)
        {
            case 2 when Vector128DoubleOps.IsHardwareAccelerated:
                ImpliedVolatilitySolver.NormaliseVectors<Vector128<double>, Vector128DoubleOps>(s, k, t, p, r, th, cy, beta, xc, sqrtT, code);
                break;
            case 4 when Vector256DoubleOps.IsHardwareAccelerated:
                ImpliedVolatilitySolver.NormaliseVectors<Vector256<double>, Vector256DoubleOps>(s, k, t, p, r, th, cy, beta, xc, sqrtT, code);
                break;
            case 8 when Vector512DoubleOps.IsHardwareAccelerated:
                ImpliedVolatilitySolver.NormaliseVectors<Vector512<double>, Vector512DoubleOps>(s, k, t, p, r, th, cy, beta, xc, sqrtT, code);
                break;
            default:
                return; // this width is not accelerated here
        }

        for (int i = 0; i < n; i++)
        {
            ImpliedVolatilitySolver.NormaliseRow<double, bool, ScalarDoubleOps>(s[i], k[i], t[i], p[i], r[i], th[i], cy[i],
                out double b0, out double x0, out double q0, out double c0);
            string row = $"row {i} (S={s[i]}, K={k[i]}, T={t[i]}, P={p[i]}, r={r[i]}, θ={th[i]}, carry={cy[i]}), width {width}";
            Assert.True(c.Expected[i] == c0, $"{row}: scalar code {c0}, expected {c.Expected[i]}");
            Assert.True(c0 == code[i], $"{row}: vector code {code[i]}, scalar {c0}");
            AssertClose(b0, beta[i], $"{row}: β");
            AssertClose(x0, xc[i], $"{row}: x_c");
            AssertClose(q0, sqrtT[i], $"{row}: √T");
            if (c0 == Invalid)
            {
                Assert.True(double.IsNaN(b0) && double.IsNaN(x0), $"{row}: an invalid row has β = x_c = NaN");
            }
        }
    }

    private static void AssertClose(double scalar, double vector, string what)
    {
        if (double.IsNaN(scalar) || double.IsNaN(vector))
        {
            Assert.True(double.IsNaN(scalar) && double.IsNaN(vector), $"{what}: scalar {scalar:R}, vector {vector:R}");
            return;
        }

        if (scalar == vector) return; // ±∞ (√T of T = +∞) included
        double tol = 4 * Math.Pow(2, -52) * Math.Max(Math.Abs(scalar), Math.Abs(vector));
        Assert.True(Math.Abs(scalar - vector) <= tol, $"{what}: scalar {scalar:R}, vector {vector:R} ({Math.Abs(scalar - vector) / Math.Max(Math.Abs(scalar), Math.Abs(vector)) / Math.Pow(2, -52):F1} ulp)");
    }
}
