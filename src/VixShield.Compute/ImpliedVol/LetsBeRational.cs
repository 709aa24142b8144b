using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.ImpliedVol;

/// <summary>Per-row outcome of an implied-volatility inversion. Any status but <see cref="Ok"/> comes with a NaN vol.</summary>
public enum ImpliedVolStatus : byte
{
    /// <summary>Converged to full double precision.</summary>
    Ok = 0,

    /// <summary>The price is below the (discounted) intrinsic value: no volatility reproduces it.</summary>
    BelowIntrinsic = 1,

    /// <summary>The price is at or above the maximum (the discounted forward for a call, the discounted strike for a put).</summary>
    AboveMaximum = 2,

    /// <summary>The iteration did not settle (not expected for finite inputs; reported rather than hidden).</summary>
    NotConverged = 3,

    /// <summary>An input is not usable: kind, model, underlying, strike, time (must be &gt; 0), price, rate or dividend not finite/valid.</summary>
    InvalidInput = 4,
}

/// <summary>
/// Implied Black volatility by Peter Jaeckel's "Let's Be Rational" (Wilmott 2015, pp. 40-53): the price is
/// normalised to b = price/√(FK) at x = ln(F/K), reflected onto an out-of-the-money call (put-call parity,
/// then b(x,s,-1) = b(-x,s,+1)), a four-branch rational initial guess in s = σ√T (rational cubic interpolation
/// of transformed maps that make b(s) nearly linear in the low and high branches), then at most two Householder
/// (third-order) steps on an objective chosen per branch (1/ln b low, b itself in the middle, ln(b_max - b) high),
/// which reaches full double precision. Written from the paper; see kernels-docs/implied-vol.md.
/// Thread-safe, allocation-free.
/// </summary>
public static class LetsBeRational
{
    /// <summary>The Householder iterations Jaeckel shows to be enough for full double precision.</summary>
    public const int DefaultIterations = 2;

    private const double Eps = 2.220446049250313e-16;
    private const double SqrtDblMax = 1.3407807929942596e154;
    internal const double MinimumRationalCubicControl = -(1.0 - 1.4901161193847656e-8);
    internal const double MaximumRationalCubicControl = 2.0 / (Eps * Eps);
    private const double SqrtThree = 1.7320508075688772935;
    private const double TwoPiOverSqrt27 = 1.2091995761561452337;
    private const double SqrtThreeOverThirdRootTwoPi = 0.93177443282840624681; // √3 / (2π)^{1/3}
    private const double TwoPi = 6.2831853071795864769;
    private const double PiOverSix = 0.52359877559829887308;
    private const double SqrtPiOverTwo = 1.2533141373155002512;

    /// <summary>Relative size of the last Householder step above which the result is reported not converged.</summary>
    private const double ConvergenceTolerance = 1e-6;

    /// <summary>
    /// Implied Black volatility from an undiscounted (forward) price: price = E[(θ(F_T - K))⁺].
    /// Serves Black-76 directly and Black-Scholes-Merton through F = S e^{(r-q)T}, price/e^{-rT}.
    /// </summary>
    /// <param name="price">Undiscounted option price.</param>
    /// <param name="forward">Forward F &gt; 0.</param>
    /// <param name="strike">Strike K &gt; 0.</param>
    /// <param name="time">Time to expiry T &gt; 0 in years.</param>
    /// <param name="kind">Call or put.</param>
    /// <param name="status">Outcome; NaN vol unless <see cref="ImpliedVolStatus.Ok"/>.</param>
    /// <returns>The Black volatility σ per 1.00 (0 when the price equals the intrinsic value).</returns>
    public static double ImpliedBlackVolatility(double price, double forward, double strike, double time, OptionKind kind, out ImpliedVolStatus status)
        => ImpliedBlackVolatility(price, forward, strike, LogMoneyness(forward, strike), time, kind, out status);

    /// <summary><see cref="ImpliedBlackVolatility(double, double, double, double, OptionKind, out ImpliedVolStatus)"/> with x = ln(F/K) given.</summary>
    private static double ImpliedBlackVolatility(double price, double forward, double strike, double x, double time, OptionKind kind, out ImpliedVolStatus status)
    {
        if (!(double.IsFinite(forward) && forward > 0 && double.IsFinite(strike) && strike > 0
              && double.IsFinite(time) && time > 0 && double.IsFinite(price) && double.IsFinite(x)
              && (kind == OptionKind.Call || kind == OptionKind.Put)))
        {
            status = ImpliedVolStatus.InvalidInput;
            return double.NaN;
        }

        double theta = (double)(sbyte)kind;
        double s = NormalisedImpliedVolatilityFromPrice(price, forward, strike, x, theta, out status);
        return status == ImpliedVolStatus.Ok ? s / Math.Sqrt(time) : double.NaN;
    }

    /// <summary>ln(a/b) with the quotient's rounding put back (the pricer's, <see cref="ScalarDoubleOps.LogRatio"/>).</summary>
    private static double LogMoneyness(double a, double b) => ScalarDoubleOps.LogRatio(a, b);

    /// <summary>
    /// Implied volatility from a discounted market price under Black-Scholes-Merton (spot, rate, dividend yield)
    /// or Black-76 (forward, rate). Converts to the Black form (F, undiscounted price) and inverts.
    /// </summary>
    /// <param name="price">Discounted option price.</param>
    /// <param name="underlying">Spot (BSM) or forward (Black-76).</param>
    /// <param name="strike">Strike.</param>
    /// <param name="time">Time to expiry in years, &gt; 0.</param>
    /// <param name="rate">Continuously compounded rate.</param>
    /// <param name="dividendYield">Dividend yield (ignored by Black-76).</param>
    /// <param name="kind">Call or put.</param>
    /// <param name="model">Pricing model.</param>
    /// <param name="status">Outcome.</param>
    /// <returns>The implied volatility, NaN unless status is Ok.</returns>
    public static double ImpliedVolatility(double price, double underlying, double strike, double time, double rate, double dividendYield,
        OptionKind kind, PricingModel model, out ImpliedVolStatus status)
    {
        if (!(double.IsFinite(rate) && double.IsFinite(dividendYield)
              && (model == PricingModel.BlackScholesMerton || model == PricingModel.Black76)))
        {
            status = ImpliedVolStatus.InvalidInput;
            return double.NaN;
        }

        double discount = Math.Exp(-rate * time);
        double carry = model == PricingModel.Black76 ? 0.0 : rate - dividendYield;
        double forward = underlying * Math.Exp(carry * time);
        // x = (r - q)T + ln(S/K), as the pricer takes it, rather than ln of the rounded F/K.
        double x = Math.FusedMultiplyAdd(carry, time, LogMoneyness(underlying, strike));
        return ImpliedBlackVolatility(price / discount, forward, strike, x, time, kind, out status);
    }

    /// <summary>Undiscounted Black price √(FK)·b(ln(F/K), σ√T, θ), accurate to a few ulp relative, including far wings.</summary>
    /// <param name="forward">Forward.</param>
    /// <param name="strike">Strike.</param>
    /// <param name="vol">Volatility.</param>
    /// <param name="time">Time to expiry.</param>
    /// <param name="kind">Call or put.</param>
    /// <returns>The undiscounted price.</returns>
    public static double BlackPrice(double forward, double strike, double vol, double time, OptionKind kind)
    {
        double theta = (double)(sbyte)kind;
        double x = LogMoneyness(forward, strike);
        double s = vol * Math.Sqrt(time);
        // ITM: intrinsic (exact difference of F and K) plus the OTM normalised value, so no cancellation in sinh.
        if (theta * x > 0)
        {
            return Math.Abs(forward - strike) + (Math.Sqrt(forward) * Math.Sqrt(strike) * NormalisedBlack.OtmCall(-Math.Abs(x), s));
        }

        return Math.Sqrt(forward) * Math.Sqrt(strike) * NormalisedBlack.OtmCall(-Math.Abs(x), s);
    }

    /// <summary>
    /// The checked inversion in undiscounted units, returning s = σ√T. Handles intrinsic/maximum checks and the
    /// put-call parity reflection onto the out-of-the-money side with the exact forward difference |F - K|.
    /// </summary>
    internal static double NormalisedImpliedVolatilityFromPrice(double price, double forward, double strike, double x, double theta, out ImpliedVolStatus status,
        int iterations = DefaultIterations, int retryIterations = 12)
    {
        double intrinsic = theta < 0 ? strike - forward : forward - strike;
        if (intrinsic < 0) intrinsic = 0;
        if (price < intrinsic)
        {
            status = ImpliedVolStatus.BelowIntrinsic;
            return double.NaN;
        }

        double maxPrice = theta < 0 ? strike : forward;
        if (price >= maxPrice)
        {
            status = ImpliedVolStatus.AboveMaximum;
            return double.NaN;
        }

        // In the money: parity maps the option onto the out-of-the-money one of the other kind.
        if (theta * x > 0)
        {
            price = Math.Abs(Math.Max(price - intrinsic, 0.0));
            theta = -theta;
        }

        double beta = price / (Math.Sqrt(forward) * Math.Sqrt(strike));
        // b(x, s, -1) = b(-x, s, +1): now an out-of-the-money call with x <= 0.
        double xc = theta < 0 ? -x : x;
        if (xc > 0) xc = -xc; // x == 0 or rounding: at the money
        if (beta <= 0)
        {
            status = ImpliedVolStatus.Ok;
            return 0.0;
        }

        return SolveOtmCall(beta, xc, out status, iterations, retryIterations);
    }

    /// <summary>
    /// s for an out-of-the-money call, x ≤ 0 and 0 &lt; β &lt; e^{x/2} (already checked): the iteration plus the
    /// convergence check (a retry with more iterations before reporting <see cref="ImpliedVolStatus.NotConverged"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SolveOtmCall(double beta, double xc, out ImpliedVolStatus status, int iterations = DefaultIterations, int retryIterations = 12)
        => SolveOtmCall<ScalarDoubleOps>(beta, xc, out status, iterations, retryIterations);

    /// <summary>
    /// <see cref="SolveOtmCall(double, double, out ImpliedVolStatus, int, int)"/> over <typeparamref name="TOps"/>' exp, log,
    /// square root and erfc: the one implementation of the solve, instantiated with <see cref="ScalarDoubleOps"/> on the CPU
    /// and with the GPU engine's ops inside its implied-vol kernel (no managed objects, no exceptions, no Math.Exp/Log/Cbrt).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SolveOtmCall<TOps>(double beta, double xc, out ImpliedVolStatus status, int iterations = DefaultIterations, int retryIterations = 12)
        where TOps : struct, IMathOps<double, bool>
    {
        double s = 0, lastStep = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            // The second pass (never seen for finite inputs) starts again with more iterations before giving up.
            // One call site, so that a GPU kernel holds one copy of the iteration.
            s = UncheckedNormalisedCall<TOps>(beta, xc, pass == 0 ? iterations : retryIterations, out lastStep);
            if (Math.Abs(lastStep) <= ConvergenceTolerance * s) break;
        }

        status = s - s == 0 && s >= 0 && Math.Abs(lastStep) <= ConvergenceTolerance * s
            ? ImpliedVolStatus.Ok
            : ImpliedVolStatus.NotConverged;
        return status == ImpliedVolStatus.Ok ? s : double.NaN;
    }

    /// <summary>
    /// Normalised implied volatility s = σ√T of an out-of-the-money call: x ≤ 0, 0 &lt; β &lt; e^{x/2}.
    /// </summary>
    /// <param name="beta">Normalised price b.</param>
    /// <param name="x">ln(F/K) ≤ 0.</param>
    /// <param name="iterations">Maximum Householder iterations.</param>
    /// <param name="lastStep">The last Householder step taken (-double.MaxValue if none); |lastStep| ≤ ε s at convergence.</param>
    /// <returns>s.</returns>
    internal static double UncheckedNormalisedCall(double beta, double x, int iterations, out double lastStep)
        => UncheckedNormalisedCall<ScalarDoubleOps>(beta, x, iterations, out lastStep);

    /// <summary>
    /// The iteration over <typeparamref name="TOps"/>' elementary functions (see <see cref="SolveOtmCall{TOps}"/>): the
    /// central point, the middle-branch guess and the Householder steps on b(s) - β are <see cref="LetsBeRationalMiddle"/>'s
    /// (the code the vector lanes run, here with bool masks); the lowest and highest branches are below.
    /// </summary>
    internal static double UncheckedNormalisedCall<TOps>(double beta, double x, int iterations, out double lastStep)
        where TOps : struct, IMathOps<double, bool>
    {
        double bMax = TOps.Exp(0.5 * x);
        if (beta >= bMax)
        {
            lastStep = double.NaN;
            return double.NaN;
        }

        bool fallback = false; // the scalar evaluator serves every region
        double bc = LetsBeRationalMiddle.CentralPoint<double, bool, TOps, ScalarOtmBlack<TOps>>(x, out double sc, out double vc, ref fallback);
        bool below = beta < bc;
        double so = LetsBeRationalMiddle.OtherEnd<double, bool, TOps>(below, sc, bc, vc, bMax);
        double bo = NormalisedBlack.OtmCallAndVega<TOps>(x, so, out double vo);
        double s, sLeft, sRight;
        if (below ? beta < bo : !(beta <= bo))
        {
            if (below) return LowestBranch<TOps>(beta, x, so, bo, iterations, out lastStep);

            // Highest branch: rational cubic in the upper map f_u(b) = Φ(-s/2), Householder on ln(b_max - b).
            double sh = so, bh = bo;
            FUpperMap<TOps>(x, sh, out double fh, out double dfh, out double d2fh);
            double f = 0;
            if (d2fh > -SqrtDblMax && d2fh < SqrtDblMax)
            {
                double rhh = LetsBeRationalMiddle.ConvexRationalCubicControl<double, bool, TOps>(bh, bMax, fh, 0.0, dfh, -0.5, d2fh, false, true);
                f = LetsBeRationalMiddle.RationalCubic<double, bool, TOps>(beta, bh, bMax, fh, 0.0, dfh, -0.5, rhh);
            }

            if (f <= 0)
            {
                double hh = bMax - bh;
                double tt = (beta - bh) / hh;
                f = ((fh * (1 - tt)) + (0.5 * hh * tt)) * (1 - tt);
            }

            s = -2.0 * NormalFunctions.InverseCdf<TOps>(f);
            sLeft = sh;
            sRight = double.MaxValue;
            if (beta > 0.5 * bMax) return HighestBranch<TOps>(beta, x, bMax, s, sLeft, iterations, out lastStep);
        }
        else
        {
            s = LetsBeRationalMiddle.Guess<double, bool, TOps>(beta, below, sc, bc, vc, so, bo, vo, out sLeft, out sRight);
        }

        // Middle branches (and the upper one for β ≤ b_max/2): Householder on b(s) - β itself.
        return LetsBeRationalMiddle.Householder<double, bool, TOps, ScalarOtmBlack<TOps>>(beta, x, s, sLeft, sRight, iterations, out lastStep, ref fallback);
    }

    /// <summary>Lowest branch (β &lt; b_l): rational cubic in the lower map f_l(b), then Householder on 1/ln b.</summary>
    private static double LowestBranch<TOps>(double beta, double x, double sl, double bl, int iterations, out double lastStep)
        where TOps : struct, IMathOps<double, bool>
    {
        FLowerMap<TOps>(x, sl, out double fl, out double dfl, out double d2fl);
        double rll = LetsBeRationalMiddle.ConvexRationalCubicControl<double, bool, TOps>(0.0, bl, 0.0, fl, 1.0, dfl, d2fl, true, true);
        double f = LetsBeRationalMiddle.RationalCubic<double, bool, TOps>(beta, 0.0, bl, 0.0, fl, 1.0, dfl, rll);
        if (!(f > 0))
        {
            double tt = beta / bl;
            f = ((fl * tt) + (bl * (1 - tt))) * tt;
        }

        double s = InverseFLowerMap<TOps>(x, f);
        return Householder<LowestStep<TOps>, TOps>(new LowestStep<TOps>(TOps.Log(beta)), beta, x, s, NormalisedBlack.DblMin, sl, iterations, out lastStep);
    }

    /// <summary>Highest branch, β &gt; b_max/2: Householder on ln(b_max - b) from the upper map's guess.</summary>
    private static double HighestBranch<TOps>(double beta, double x, double bMax, double s, double sLeft, int iterations, out double lastStep)
        where TOps : struct, IMathOps<double, bool>
        => Householder<HighestStep<TOps>, TOps>(new HighestStep<TOps>(beta, bMax), beta, x, s, sLeft, double.MaxValue, iterations, out lastStep);

    /// <summary>
    /// The outer branches' Householder loop on their own objective (<typeparamref name="TStep"/>): the bracket [sLeft, sRight]
    /// narrowed by each b(s), a bisection after three reversals or a step out of the bracket, steps floored at -s/2 (the
    /// middle branch's rule, <see cref="LetsBeRationalMiddle"/>, in scalar form).
    /// </summary>
    private static double Householder<TStep, TOps>(TStep step, double beta, double x, double s, double sLeft, double sRight, int iterations, out double lastStep)
        where TStep : struct, IOuterStep
        where TOps : struct, IMathOps<double, bool>
    {
        int reversals = 0;
        double ds = -double.MaxValue;
        double dsPrevious = 0;
        for (int it = 0; it < iterations && Math.Abs(ds) > Eps * s; ++it)
        {
            if (ds * dsPrevious < 0) ++reversals;
            if (it > 0 && (reversals == 3 || !(s > sLeft && s < sRight)))
            {
                s = 0.5 * (sLeft + sRight);
                if (sRight - sLeft <= Eps * s) break;
                reversals = 0;
                ds = 0;
            }

            dsPrevious = ds;
            double b = NormalisedBlack.OtmCallAndVega<TOps>(x, s, out double bp);
            if (b > beta && s < sRight) sRight = s;
            else if (b < beta && s > sLeft) sLeft = s;
            if (!step.TryStep(x, s, b, bp, out ds)) ds = (0.5 * (sLeft + sRight)) - s;
            ds = Math.Max(-0.5 * s, ds);
            s += ds;
        }

        lastStep = ds;
        return s;
    }

    /// <summary>One Householder step of an outer branch from b(s) and b'(s); false where the objective is not usable and the
    /// loop bisects instead.</summary>
    private interface IOuterStep
    {
        bool TryStep(double x, double s, double b, double bp, out double ds);
    }

    /// <summary>Lowest branch: third-order Householder on 1/ln b(s) - 1/ln β.</summary>
    private readonly struct LowestStep<TOps>(double lnBeta) : IOuterStep
        where TOps : struct, IMathOps<double, bool>
    {
        public bool TryStep(double x, double s, double b, double bp, out double ds)
        {
            ds = 0;
            if (b <= 0 || bp <= 0) return false;
            double lnB = TOps.Log(b);
            double bpob = bp / b;
            double h = x / s;
            double bHalley = (h * h / s) - (s / 4);
            double newton = (lnBeta - lnB) * lnB / lnBeta / bpob;
            double halley = bHalley - (bpob * (1 + (2 / lnB)));
            double bHh3 = (bHalley * bHalley) - (3 * (h / s) * (h / s)) - 0.25;
            double hh3 = bHh3 + (2 * bpob * bpob * (1 + (3 / lnB * (1 + (1 / lnB))))) - (3 * bHalley * bpob * (1 + (2 / lnB)));
            ds = newton * LetsBeRationalMiddle.HouseholderFactor<double, bool, TOps>(newton, halley, hh3);
            return true;
        }
    }

    /// <summary>Highest branch: third-order Householder on ln((b_max - β)/(b_max - b(s))).</summary>
    private readonly struct HighestStep<TOps>(double beta, double bMax) : IOuterStep
        where TOps : struct, IMathOps<double, bool>
    {
        public bool TryStep(double x, double s, double b, double bp, out double ds)
        {
            ds = 0;
            if (b >= bMax || bp <= NormalisedBlack.DblMin) return false;
            double bMaxMinusB = bMax - b;
            double g = TOps.Log((bMax - beta) / bMaxMinusB);
            double gp = bp / bMaxMinusB;
            double xs = x / s;
            double bHalley = (xs * xs / s) - (s / 4);
            double bHh3 = (bHalley * bHalley) - (3 * (x / (s * s)) * (x / (s * s))) - 0.25;
            double newton = -g / gp;
            double halley = bHalley + gp;
            double hh3 = bHh3 + (gp * ((2 * gp) + (3 * bHalley)));
            ds = newton * LetsBeRationalMiddle.HouseholderFactor<double, bool, TOps>(newton, halley, hh3);
            return true;
        }
    }

    /// <summary>
    /// Lower map f_l(s) = (2π/√27)|x| Φ(-z)³, z = |x|/(√3 s), and its first two derivatives with respect to b:
    /// f' = 2π z² Φ(-z)² e^{z² + s²/8}, f'' = (π/6) (z²/s³) Φ(-z) [8√3 s|x| + (3s²(s²-8) - 8x²) Φ(-z)/φ(z)] e^{2z² + s²/4}.
    /// </summary>
    private static void FLowerMap<TOps>(double x, double s, out double f, out double fp, out double fpp)
        where TOps : struct, IMathOps<double, bool>
    {
        double ax = Math.Abs(x);
        double z = ax / (SqrtThree * s);
        double y = z * z;
        double s2 = s * s;
        double phiCdf = NormalFunctions.Cdf<TOps>(-z);
        double phiPdf = NormalFunctions.Pdf<TOps>(z);
        fpp = PiOverSix * y / (s2 * s) * phiCdf
            * ((8 * SqrtThree * s * ax) + ((3 * s2 * (s2 - 8) - (8 * x * x)) * phiCdf / phiPdf))
            * TOps.Exp((2 * y) + (0.25 * s2));
        if (s < NormalisedBlack.DblMin)
        {
            fp = 1;
            f = 0;
            return;
        }

        double phi2 = phiCdf * phiCdf;
        fp = TwoPi * y * phi2 * TOps.Exp(y + (0.125 * s2));
        f = ax < NormalisedBlack.DblMin ? 0 : TwoPiOverSqrt27 * ax * (phi2 * phiCdf);
    }

    /// <summary>Inverse of the lower map: s = |x| / (√3 |Φ⁻¹(√3 (f/(2π|x|))^{1/3})|).</summary>
    private static double InverseFLowerMap<TOps>(double x, double f)
        where TOps : struct, IMathOps<double, bool>
    {
        if (f < NormalisedBlack.DblMin) return 0;
        return Math.Abs(x / (SqrtThree * NormalFunctions.InverseCdf<TOps>(SqrtThreeOverThirdRootTwoPi * Cbrt<TOps>(f) / Cbrt<TOps>(Math.Abs(x)))));
    }

    /// <summary>Upper map f_u(s) = Φ(-s/2) with f' = -e^{w/2}/2, f'' = √(π/2) e^{w + s²/8} w/s, w = x²/s².</summary>
    private static void FUpperMap<TOps>(double x, double s, out double f, out double fp, out double fpp)
        where TOps : struct, IMathOps<double, bool>
    {
        f = NormalFunctions.Cdf<TOps>(-0.5 * s);
        if (Math.Abs(x) < NormalisedBlack.DblMin)
        {
            fp = -0.5;
            fpp = 0;
            return;
        }

        double w = (x / s) * (x / s);
        fp = -0.5 * TOps.Exp(0.5 * w);
        fpp = SqrtPiOverTwo * TOps.Exp(w + (0.125 * s * s)) * w / s;
    }

    /// <summary>
    /// Cube root from <typeparamref name="TOps"/>' exp and log (ILGPU has no cube root): e^{ln(v)/3}, then one Newton step
    /// y ← y - (y - v/y²)/3, which brings it to within an ulp of the correctly rounded value. Only the lowest branch's
    /// initial guess uses it (the Householder steps that follow remove any last-bit difference). 0 for v ≤ 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Cbrt<TOps>(double v)
        where TOps : struct, IMathOps<double, bool>
    {
        if (!(v > 0)) return 0.0;
        if (!(v < double.PositiveInfinity)) return v;
        double y = TOps.Exp(TOps.Log(v) * (1.0 / 3.0));
        return y - ((y - (v / (y * y))) * (1.0 / 3.0));
    }
}
