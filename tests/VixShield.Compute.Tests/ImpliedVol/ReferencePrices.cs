using VixShield.Compute.ImpliedVol;

namespace VixShield.Compute.Tests.ImpliedVol;

/// <summary>
/// Reference prices for implied-vol round trips, from spot with the exact log-moneyness x = (r - q)T + ln(S/K) (the
/// quotient's rounding put back), not ln of a rounded forward over K: the rounding of F = S e^{(r-q)T} moves x by
/// 1.1e-16 absolute, which is 1e-11 relative in σ at a 1-minute, 1 %-vol near-the-money option.
/// </summary>
internal static class ReferencePrices
{
    /// <summary>ln(a/b) to a few 1e-17 relative: ln u + (a - ub)/(ub), u = a/b rounded, the residual exact by FMA.</summary>
    public static double LogRatio(double a, double b)
    {
        double u = a / b;
        return Math.Log(u) + (Math.FusedMultiplyAdd(-u, b, a) / (u * b));
    }

    /// <summary>Discounted BSM (spot) or Black-76 (forward) price: e^{-rT}(intrinsic + √(FK) b(-|x|, σ√T)).</summary>
    public static double Price(OptionKind kind, PricingModel model, double underlying, double strike, double time, double vol, double rate, double dividendYield)
    {
        double carry = model == PricingModel.Black76 ? 0.0 : rate - dividendYield;
        double forward = underlying * Math.Exp(carry * time);
        double x = (carry * time) + LogRatio(underlying, strike);
        double theta = kind == OptionKind.Call ? 1.0 : -1.0;
        double intrinsic = theta * x > 0 ? Math.Abs(forward - strike) : 0.0;
        double timeValue = Math.Sqrt(forward) * Math.Sqrt(strike) * NormalisedBlack.OtmCall(-Math.Abs(x), vol * Math.Sqrt(time));
        return Math.Exp(-rate * time) * (intrinsic + timeValue);
    }
}
