namespace VixShield.Compute.Tests.Simd;

/// <summary>Deterministic option batches: short-dated SPX wings, VIX Black-76 rows, edge and bad rows.</summary>
internal sealed class SimdTestData
{
    public OptionKind[] Kind = [];
    public PricingModel[] Model = [];
    public double[] S = [], K = [], T = [], Vol = [], R = [], Q = [];

    public int Count => Kind.Length;

    public static SimdTestData Random(int n, int seed, bool withBadRows)
    {
        var rng = new Random(seed);
        var d = new SimdTestData
        {
            Kind = new OptionKind[n], Model = new PricingModel[n],
            S = new double[n], K = new double[n], T = new double[n], Vol = new double[n], R = new double[n], Q = new double[n],
        };
        for (int i = 0; i < n; i++)
        {
            bool vix = rng.NextDouble() < 0.2;
            d.Kind[i] = rng.NextDouble() < 0.5 ? OptionKind.Call : OptionKind.Put;
            d.Model[i] = vix ? PricingModel.Black76 : PricingModel.BlackScholesMerton;
            d.S[i] = vix ? 12 + (rng.NextDouble() * 30) : 4000 + (rng.NextDouble() * 2000);
            // Short-dated wings dominate: 1 minute .. 2 years, log-uniform.
            d.T[i] = Math.Exp(Math.Log(1.0 / (365 * 24 * 60)) + (rng.NextDouble() * (Math.Log(2.0) - Math.Log(1.0 / (365 * 24 * 60)))));
            d.Vol[i] = vix ? 0.4 + rng.NextDouble() : 0.06 + (rng.NextDouble() * 0.6);
            double sd = d.Vol[i] * Math.Sqrt(d.T[i]);
            d.K[i] = d.S[i] * Math.Exp(sd * ((rng.NextDouble() * 16) - 8)); // up to 8 standard deviations out
            d.R[i] = -0.01 + (rng.NextDouble() * 0.08);
            d.Q[i] = rng.NextDouble() * 0.03;
            if (rng.NextDouble() < 0.03) d.K[i] = d.S[i] * Math.Exp(sd * ((rng.NextDouble() * 80) - 40)); // far tails, d clamped
            if (withBadRows && rng.NextDouble() < 0.04)
            {
                switch (rng.Next(9))
                {
                    case 0: d.T[i] = 0; break;
                    case 1: d.Vol[i] = 0; break;
                    case 2: d.Vol[i] = double.NaN; break;
                    case 3: d.K[i] = -1; break;
                    case 4: d.S[i] = double.PositiveInfinity; break;
                    case 5: d.T[i] = -0.1; break;
                    case 6: d.Kind[i] = (OptionKind)3; break;
                    case 7: d.Model[i] = (PricingModel)7; break;
                    default: d.R[i] = double.NaN; break;
                }
            }
        }

        return d;
    }

    public OptionBatch<double> Batch(int start, int length, bool withModel = true) => new(
        Kind.AsSpan(start, length), S.AsSpan(start, length), K.AsSpan(start, length), T.AsSpan(start, length),
        Vol.AsSpan(start, length), R.AsSpan(start, length), Q.AsSpan(start, length), withModel ? Model.AsSpan(start, length) : default);

    /// <summary>
    /// The natural size of each output of each row: the largest |value| of that output, by the scalar reference,
    /// for the same row with the strike moved to the forward and one total standard deviation either side.
    /// Comparisons use 1e-13 of it as an absolute floor, because in the short-dated far wings the formula itself
    /// cancels (price = S e^{-qt} N(d1) - K e^{-rt} N(d2), theta's terms, ultima's bracket) and an ulp of
    /// difference in exp or log is amplified there in every engine alike.
    /// </summary>
    public double[][] NaturalScale()
    {
        int n = Count;
        var scale = new double[GreekInfo.Count][];
        for (int g = 0; g < GreekInfo.Count; g++) scale[g] = new double[n];
        var engine = new VixShield.Compute.Engines.ScalarGreeksEngine();
        var buf = new GreeksBuffer<double>(n, Greek.All);
        foreach (double shift in new[] { -1.0, 0.0, 1.0 })
        {
            var k = new double[n];
            for (int i = 0; i < n; i++)
            {
                double carry = Model[i] == PricingModel.Black76 ? 0 : (R[i] - Q[i]) * T[i];
                double v = Vol[i] * Math.Sqrt(Math.Max(T[i], 0));
                k[i] = S[i] * Math.Exp(carry + (shift * v));
                if (!double.IsFinite(k[i]) || k[i] <= 0) k[i] = 1;
            }

            engine.Compute(new OptionBatch<double>(Kind, S, k, T, Vol, R, Q, Model), buf.AsOutput(n));
            for (int g = 0; g < GreekInfo.Count; g++)
            {
                double[] src = buf[GreekInfo.All[g]];
                for (int i = 0; i < n; i++)
                {
                    if (double.IsFinite(src[i])) scale[g][i] = Math.Max(scale[g][i], Math.Abs(src[i]));
                }
            }
        }

        // The row itself: the price is a difference of S e^{-qt} N(ωd1) = S|delta| and K e^{-rt} N(ωd2) = K|dual delta|
        // (deep in the money it cancels to the intrinsic value); theta, rho and charm carry the same terms.
        engine.Compute(new OptionBatch<double>(Kind, S, K, T, Vol, R, Q, Model), buf.AsOutput(n));
        for (int i = 0; i < n; i++)
        {
            double sTerm = S[i] * Math.Abs(buf[Greek.Delta][i]), kTerm = K[i] * Math.Abs(buf[Greek.DualDelta][i]);
            if (!double.IsFinite(sTerm + kTerm)) continue;
            Bump(Greek.Price, sTerm + kTerm);
            Bump(Greek.Theta, (Math.Abs(Q[i]) * sTerm) + (Math.Abs(R[i]) * kTerm));
            Bump(Greek.Rho, T[i] * (sTerm + kTerm));
            Bump(Greek.Phi, T[i] * sTerm);
            Bump(Greek.Charm, Math.Abs(Q[i]) * Math.Abs(buf[Greek.Delta][i]));

            void Bump(Greek g, double v) => scale[GreekInfo.IndexOf(g)][i] = Math.Max(scale[GreekInfo.IndexOf(g)][i], v);
        }

        return scale;
    }

    public (OptionKind[] Kind, PricingModel[] Model, float[] S, float[] K, float[] T, float[] Vol, float[] R, float[] Q) ToSingle()
        => (Kind, Model, F(S), F(K), F(T), F(Vol), F(R), F(Q));

    private static float[] F(double[] a) => Array.ConvertAll(a, x => (float)x);
}
