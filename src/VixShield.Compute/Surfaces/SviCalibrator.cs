using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace VixShield.Compute.Surfaces;

/// <summary>Settings of an SVI slice fit.</summary>
public sealed record SviFitOptions
{
    /// <summary>Defaults.</summary>
    public static SviFitOptions Default { get; } = new();

    /// <summary>Levenberg-Marquardt iteration cap per start.</summary>
    public int MaxIterations { get; init; } = 400;

    /// <summary>Upper bound of b (Lee's moment bound gives b(1 + |ρ|) ≤ 2 for total variance).</summary>
    public double MaxB { get; init; } = 2.0;

    /// <summary>Bounds of σ.</summary>
    public double MinSigma { get; init; } = 1e-4;

    /// <summary>Upper bound of σ.</summary>
    public double MaxSigma { get; init; } = 5.0;
}

/// <summary>Outcome of a slice fit.</summary>
/// <param name="Slice">The calibrated slice.</param>
/// <param name="Quotes">Quotes used.</param>
/// <param name="RmseVol">Root mean square implied-vol error over the quotes (unweighted), per 1.00 vol.</param>
/// <param name="MaxAbsVolError">Largest absolute implied-vol error.</param>
/// <param name="WeightedSse">The minimised weighted sum of squared total-variance residuals.</param>
/// <param name="Iterations">Levenberg-Marquardt iterations of the retained start.</param>
/// <param name="ExitReason">MathNet's reason for exit of the retained start.</param>
public sealed record SviFitResult(SviSlice Slice, int Quotes, double RmseVol, double MaxAbsVolError, double WeightedSse, int Iterations, string ExitReason);

/// <summary>
/// Calibrates a raw SVI slice to implied-vol quotes by weighted least squares on total variance,
/// Σ wᵢ (w_SVI(kᵢ) - σᵢ² T)², with MathNet.Numerics' bounded Levenberg-Marquardt from a few starting points.
/// The constraint a + bσ√(1-ρ²) ≥ 0 is made a bound by fitting c = a + bσ√(1-ρ²) ≥ 0 (the minimum total variance)
/// in place of a; the other bounds are b ∈ [0, MaxB], |ρ| ≤ 0.999, σ ∈ [MinSigma, MaxSigma], m within the quotes'
/// k range widened by 1.
/// </summary>
public static class SviCalibrator
{
    /// <summary>Fits one expiry.</summary>
    /// <param name="time">Time to expiry in years.</param>
    /// <param name="forward">Forward of the expiry (k = ln(K/F)).</param>
    /// <param name="strikes">Strikes of the quotes.</param>
    /// <param name="vols">Implied vols of the quotes (per 1.00).</param>
    /// <param name="weights">Weights per quote (e.g. vega or 1/spread²); empty for equal weights.</param>
    /// <param name="options">Bounds and iteration cap; null for defaults.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">Fewer than 5 usable quotes, mismatched lengths, bad time or forward.</exception>
    public static SviFitResult Fit(double time, double forward, ReadOnlySpan<double> strikes, ReadOnlySpan<double> vols,
        ReadOnlySpan<double> weights = default, SviFitOptions? options = null)
    {
        options ??= SviFitOptions.Default;
        if (!(time > 0 && double.IsFinite(time))) throw new ArgumentException($"Time to expiry {time} must be finite and > 0 years.", nameof(time));
        if (!(forward > 0 && double.IsFinite(forward))) throw new ArgumentException($"Forward {forward} must be finite and > 0.", nameof(forward));
        if (vols.Length != strikes.Length || (!weights.IsEmpty && weights.Length != strikes.Length))
        {
            throw new ArgumentException("strikes, vols (and weights when given) must have one element per quote.", nameof(vols));
        }

        var ks = new List<double>();
        var ws = new List<double>();
        var wt = new List<double>();
        for (int i = 0; i < strikes.Length; i++)
        {
            double wi = weights.IsEmpty ? 1.0 : weights[i];
            if (strikes[i] > 0 && double.IsFinite(strikes[i]) && vols[i] > 0 && double.IsFinite(vols[i]) && wi > 0 && double.IsFinite(wi))
            {
                ks.Add(Math.Log(strikes[i] / forward));
                ws.Add(vols[i] * vols[i] * time);
                wt.Add(wi);
            }
        }

        if (ks.Count < 5)
        {
            throw new ArgumentException($"An SVI slice has 5 parameters and needs at least 5 valid quotes (strike > 0, vol > 0); this expiry has {ks.Count}.", nameof(strikes));
        }

        var x = Vector<double>.Build.DenseOfEnumerable(ks);
        var y = Vector<double>.Build.DenseOfEnumerable(ws);
        var weight = Vector<double>.Build.DenseOfEnumerable(wt);
        double kMin = ks.Min(), kMax = ks.Max();
        double wMin = ws.Min(), wMaxObs = ws.Max();
        double kAtMin = ks[ws.IndexOf(wMin)];
        double span = Math.Max(kMax - kMin, 1e-3);
        var lower = Vector<double>.Build.DenseOfArray([0.0, 0.0, -0.999, kMin - 1, options.MinSigma]);
        var upper = Vector<double>.Build.DenseOfArray([Math.Max(4 * wMaxObs, 1e-8), options.MaxB, 0.999, kMax + 1, options.MaxSigma]);

        // Model in (c, b, ρ, m, σ) with a = c - bσ√(1-ρ²).
        static Vector<double> Model(Vector<double> p, Vector<double> k)
        {
            var r = ToParameters(p);
            var result = Vector<double>.Build.Dense(k.Count);
            for (int i = 0; i < k.Count; i++) result[i] = r.TotalVariance(k[i]);
            return result;
        }

        // Slopes of the wings for b: total variance over the outer quarter of strikes on each side.
        double leftSlope = WingSlope(ks, ws, true), rightSlope = WingSlope(ks, ws, false);
        double b0 = Math.Clamp(0.5 * (Math.Abs(leftSlope) + Math.Abs(rightSlope)), 1e-3, options.MaxB * 0.9);
        double rho0 = Math.Clamp((rightSlope + leftSlope) / Math.Max(Math.Abs(rightSlope) + Math.Abs(leftSlope), 1e-12), -0.9, 0.9);
        var starts = new List<double[]>();
        foreach (double rho in new[] { rho0, -0.5, 0.0 })
        {
            foreach (double sig in new[] { 0.1 * span, 0.4 * span })
            {
                starts.Add([Math.Max(wMin * 0.9, 0), b0, rho, kAtMin, Math.Clamp(sig, options.MinSigma * 2, options.MaxSigma / 2)]);
            }
        }

        NonlinearMinimizationResult? best = null;
        double bestSse = double.PositiveInfinity;
        var lm = new LevenbergMarquardtMinimizer(maximumIterations: options.MaxIterations);
        foreach (var start in starts)
        {
            var model = ObjectiveFunction.NonlinearModel(Model, x, y, weight);
            NonlinearMinimizationResult res;
            try
            {
                res = lm.FindMinimum(model, Vector<double>.Build.DenseOfArray(start), lower, upper);
            }
            catch (MaximumIterationsException)
            {
                continue;
            }

            double sse = Sse(ToParameters(res.MinimizingPoint), ks, ws, wt);
            if (sse < bestSse)
            {
                bestSse = sse;
                best = res;
            }
        }

        if (best is null)
        {
            throw new ArgumentException("The SVI fit did not converge from any starting point: check the quotes for outliers or add more strikes.", nameof(vols));
        }

        var p = ToParameters(best.MinimizingPoint);
        var slice = new SviSlice(time, forward, p);
        double se = 0, maxErr = 0;
        for (int i = 0; i < ks.Count; i++)
        {
            double err = slice.ImpliedVol(ks[i]) - Math.Sqrt(ws[i] / time);
            se += err * err;
            maxErr = Math.Max(maxErr, Math.Abs(err));
        }

        return new SviFitResult(slice, ks.Count, Math.Sqrt(se / ks.Count), maxErr, bestSse, best.Iterations, best.ReasonForExit.ToString());
    }

    private static SviParameters ToParameters(Vector<double> p)
    {
        double c = p[0], b = p[1], rho = p[2], m = p[3], sigma = p[4];
        return new SviParameters(c - (b * sigma * Math.Sqrt(1 - (rho * rho))), b, rho, m, sigma);
    }

    private static double Sse(SviParameters p, List<double> k, List<double> w, List<double> weight)
    {
        double s = 0;
        for (int i = 0; i < k.Count; i++)
        {
            double r = p.TotalVariance(k[i]) - w[i];
            s += weight[i] * r * r;
        }

        return s;
    }

    private static double WingSlope(List<double> k, List<double> w, bool left)
    {
        var order = Enumerable.Range(0, k.Count).OrderBy(i => k[i]).ToArray();
        int q = Math.Max(2, order.Length / 4);
        int i0 = left ? order[0] : order[^q];
        int i1 = left ? order[q - 1] : order[^1];
        return k[i1] == k[i0] ? 0 : (w[i1] - w[i0]) / (k[i1] - k[i0]);
    }
}
