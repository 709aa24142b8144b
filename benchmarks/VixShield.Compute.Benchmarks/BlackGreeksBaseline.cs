using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Benchmarks;

#pragma warning disable CS1591, CS1573
/// <summary>Benchmark-only copy of BlackGreeks.RegularWithTerm as it was before the division/exp work
/// (commit 0a1c934), so that FormulaBenchmarks compares old and new in one run. RegularWithTerm is NoInlining here: in the engine
/// the old formula was inlined into the SIMD driver loop, which measured about 1.2x slower than the same formula
/// called (register pressure in the merged loop); the copy isolates the arithmetic from that effect.</summary>
public static class BlackGreeksBaseline
{
    /// <summary>1/sqrt(2π).</summary>
    public const double InvSqrt2Pi = 0.398942280401432677939946059934;

    /// <summary>1/sqrt(2).</summary>
    public const double InvSqrt2 = 0.707106781186547524400844362105;

    /// <summary>|d| beyond which n(d) is 0 in float64; d is clamped there so that d·n(d) stays 0, never NaN.</summary>
    public const double DClamp = 40.0;

    /// <summary>Standard normal density n(d) = exp(-d²/2)/sqrt(2π), with the rounding of d² compensated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T NormalPdf<T, TMask, TOps>(T d)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T hi = TOps.Mul(d, d);
        T lo = TOps.Fma(d, d, TOps.Neg(hi));
        T e = TOps.Exp(TOps.Mul(TOps.C(-0.5), hi));
        e = TOps.Fma(TOps.Mul(TOps.C(-0.5), e), lo, e);
        return TOps.Mul(e, TOps.C(InvSqrt2Pi));
    }

    /// <summary>Standard normal CDF N(d) = erfc(-d/√2)/2: full relative accuracy in the lower tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T NormalCdf<T, TMask, TOps>(T d)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Mul(TOps.C(0.5), TOps.Erfc(TOps.Mul(d, TOps.C(-InvSqrt2))));

    /// <summary>
    /// The regular case: t &gt; 0 and vol &gt; 0, valid inputs. Computes the outputs in <paramref name="wanted"/>
    /// (others are left untouched) from one shared d1, d2, N(±d), n(d).
    /// </summary>
    /// <param name="omega">+1 call, -1 put.</param>
    /// <param name="black76">Lanes priced with Black-76 (rho = -t V, phi = 0).</param>
    /// <param name="s">Spot (BSM) or forward (Black-76).</param>
    /// <param name="k">Strike.</param>
    /// <param name="t">Time to expiry in years, &gt; 0.</param>
    /// <param name="vol">Volatility, &gt; 0.</param>
    /// <param name="r">Rate.</param>
    /// <param name="q">Dividend yield; for Black-76 lanes the caller passes r.</param>
    /// <param name="wanted">Outputs to compute.</param>
    /// <param name="g">Receives the outputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Regular<T, TMask, TOps>(T omega, TMask black76, T s, T k, T t, T vol, T r, T q, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T sqrtT = TOps.Sqrt(t);
        T dr = TOps.Exp(TOps.Neg(TOps.Mul(r, t)));          // discount e^{-rt}
        T dq = TOps.Exp(TOps.Neg(TOps.Mul(q, t)));          // carry discount e^{-qt}
        RegularWithTerm<T, TMask, TOps>(omega, black76, s, k, t, vol, r, q, sqrtT, dr, dq, wanted, ref g);
    }

    /// <summary>
    /// <see cref="Regular"/> with the per-expiry quantities already computed (√t, e^{-rt}, e^{-qt}), so that a
    /// strike x expiry grid computes them once per expiry. Same operations, same results.
    /// </summary>
    /// <param name="omega">+1 call, -1 put.</param>
    /// <param name="black76">Lanes priced with Black-76.</param>
    /// <param name="s">Spot (BSM) or forward (Black-76).</param>
    /// <param name="k">Strike.</param>
    /// <param name="t">Time to expiry in years, &gt; 0.</param>
    /// <param name="vol">Volatility, &gt; 0.</param>
    /// <param name="r">Rate.</param>
    /// <param name="q">Dividend yield; for Black-76 lanes the caller passes r.</param>
    /// <param name="sqrtT">√t.</param>
    /// <param name="dr">e^{-rt}.</param>
    /// <param name="dq">e^{-qt}.</param>
    /// <param name="wanted">Outputs to compute.</param>
    /// <param name="g">Receives the outputs.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RegularWithTerm<T, TMask, TOps>(T omega, TMask black76, T s, T k, T t, T vol, T r, T q, T sqrtT, T dr, T dq, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        T v = TOps.Mul(vol, sqrtT);                         // total vol σ√t
        T carry = TOps.Sub(r, q);                           // r - q
        // ln(S/K) = ln(u) + ln(1 + (S - uK)/(uK)) with u = S/K rounded: the residual S - uK is exact with an
        // FMA and puts back the rounding of the quotient, which would otherwise cost ~1e-16/(σ√t) in d1
        // (2e-12 at a 1-minute expiry, 1e-11 relative in gamma and the third-order Greeks at 5 sd).
        T u = TOps.Div(s, k);
        T logSK = TOps.Add(TOps.Log(u), TOps.Div(TOps.Fma(TOps.Neg(u), k, s), s));
        T logFK = TOps.Fma(carry, t, logSK);                 // ln(F/K)
        T d1 = TOps.Fma(TOps.C(0.5), v, TOps.Div(logFK, v));
        T d2 = TOps.Sub(d1, v);
        T lim = TOps.C(DClamp);
        d1 = TOps.Max(TOps.Neg(lim), TOps.Min(d1, lim));
        d2 = TOps.Max(TOps.Neg(lim), TOps.Min(d2, lim));

        T sdq = TOps.Mul(s, dq);
        T kdr = TOps.Mul(k, dr);

        const Greek needN1 = Greek.Price | Greek.Delta | Greek.Theta | Greek.Rho | Greek.Phi | Greek.Charm;
        const Greek needN2 = Greek.Price | Greek.Theta | Greek.Rho | Greek.DualDelta | Greek.ItmProbability;
        const Greek needPdf = Greek.Gamma | Greek.Vega | Greek.Theta | Greek.Vanna | Greek.Volga | Greek.Charm
            | Greek.Veta | Greek.Speed | Greek.Zomma | Greek.Color | Greek.Ultima;

        T nd1w = zero, nd2w = zero, pdf1 = zero;
        if ((wanted & needN1) != 0) nd1w = NormalCdf<T, TMask, TOps>(TOps.Mul(omega, d1));
        if ((wanted & needN2) != 0) nd2w = NormalCdf<T, TMask, TOps>(TOps.Mul(omega, d2));
        if ((wanted & needPdf) != 0) pdf1 = NormalPdf<T, TMask, TOps>(d1);

        // price = ω (S e^{-qt} N(ωd1) - K e^{-rt} N(ωd2))
        T price = TOps.Mul(omega, TOps.Sub(TOps.Mul(sdq, nd1w), TOps.Mul(kdr, nd2w)));
        if ((wanted & Greek.Price) != 0) g.Price = price;
        if ((wanted & Greek.Delta) != 0) g.Delta = TOps.Mul(omega, TOps.Mul(dq, nd1w));
        if ((wanted & Greek.ItmProbability) != 0) g.ItmProbability = nd2w;
        if ((wanted & Greek.DualDelta) != 0) g.DualDelta = TOps.Neg(TOps.Mul(omega, TOps.Mul(dr, nd2w)));
        if ((wanted & Greek.DualGamma) != 0)
        {
            g.DualGamma = TOps.Div(TOps.Mul(dr, NormalPdf<T, TMask, TOps>(d2)), TOps.Mul(k, v));
        }

        if ((wanted & (Greek.Rho | Greek.Phi)) != 0)
        {
            // BSM: rho = ω K t e^{-rt} N(ωd2), phi = -ω t S e^{-qt} N(ωd1); Black-76: rho = -t V, phi = 0.
            T rho = TOps.Mul(omega, TOps.Mul(TOps.Mul(kdr, t), nd2w));
            T phi = TOps.Neg(TOps.Mul(omega, TOps.Mul(TOps.Mul(sdq, t), nd1w)));
            g.Rho = TOps.Select(black76, TOps.Neg(TOps.Mul(t, price)), rho);
            g.Phi = TOps.Select(black76, zero, phi);
        }

        if ((wanted & needPdf) == 0) return;

        T gamma = TOps.Div(TOps.Mul(dq, pdf1), TOps.Mul(s, v));
        T vega = TOps.Mul(TOps.Mul(sdq, pdf1), sqrtT);
        T invVol = TOps.Div(TOps.C(1.0), vol);
        T invT = TOps.Div(TOps.C(1.0), t);
        T d1d2 = TOps.Mul(d1, d2);
        T carryTOverV = TOps.Div(TOps.Mul(carry, t), v);   // (r-q) t / (σ√t)

        if ((wanted & Greek.Gamma) != 0) g.Gamma = gamma;
        if ((wanted & Greek.Vega) != 0) g.Vega = vega;
        if ((wanted & Greek.Theta) != 0)
        {
            // θ = -S e^{-qt} n(d1) σ / (2√t) - ω r K e^{-rt} N(ωd2) + ω q S e^{-qt} N(ωd1)
            T decay = TOps.Div(TOps.Mul(TOps.Mul(sdq, pdf1), vol), TOps.Mul(TOps.C(2.0), sqrtT));
            T carryTerms = TOps.Mul(omega, TOps.Sub(TOps.Mul(q, TOps.Mul(sdq, nd1w)), TOps.Mul(r, TOps.Mul(kdr, nd2w))));
            g.Theta = TOps.Sub(carryTerms, decay);
        }

        if ((wanted & Greek.Vanna) != 0) g.Vanna = TOps.Neg(TOps.Mul(TOps.Mul(dq, pdf1), TOps.Mul(d2, invVol)));
        if ((wanted & Greek.Volga) != 0) g.Volga = TOps.Mul(vega, TOps.Mul(d1d2, invVol));
        if ((wanted & Greek.Charm) != 0)
        {
            // charm = ω q e^{-qt} N(ωd1) - e^{-qt} n(d1) (2(r-q)t - d2 σ√t) / (2 t σ√t)
            T num = TOps.Sub(TOps.Mul(TOps.C(2.0), carryTOverV), d2);
            T drift = TOps.Mul(TOps.Mul(dq, pdf1), TOps.Mul(num, TOps.Mul(TOps.C(0.5), invT)));
            g.Charm = TOps.Sub(TOps.Mul(omega, TOps.Mul(q, TOps.Mul(dq, nd1w))), drift);
        }

        if ((wanted & Greek.Veta) != 0)
        {
            // veta = vega [q + (r-q) d1/(σ√t) - (1 + d1 d2)/(2t)]
            T bracket = TOps.Sub(TOps.Add(q, TOps.Div(TOps.Mul(carry, d1), v)), TOps.Mul(TOps.Add(TOps.C(1.0), d1d2), TOps.Mul(TOps.C(0.5), invT)));
            g.Veta = TOps.Mul(vega, bracket);
        }

        if ((wanted & Greek.Speed) != 0) g.Speed = TOps.Neg(TOps.Div(TOps.Mul(gamma, TOps.Add(TOps.Div(d1, v), TOps.C(1.0))), s));
        if ((wanted & Greek.Zomma) != 0) g.Zomma = TOps.Mul(gamma, TOps.Mul(TOps.Sub(d1d2, TOps.C(1.0)), invVol));
        if ((wanted & Greek.Color) != 0)
        {
            // color = gamma [q + (1 + 2(r-q)t d1/(σ√t) - d1 d2)/(2t)]
            T inner = TOps.Sub(TOps.Fma(TOps.Mul(TOps.C(2.0), carryTOverV), d1, TOps.C(1.0)), d1d2);
            g.Color = TOps.Mul(gamma, TOps.Fma(inner, TOps.Mul(TOps.C(0.5), invT), q));
        }

        if ((wanted & Greek.Ultima) != 0)
        {
            // ultima = -vega/σ² [d1 d2 (1 - d1 d2) + d1² + d2²]
            T bracket = TOps.Add(TOps.Mul(d1d2, TOps.Sub(TOps.C(1.0), d1d2)), TOps.Fma(d1, d1, TOps.Mul(d2, d2)));
            g.Ultima = TOps.Neg(TOps.Mul(TOps.Mul(vega, TOps.Mul(invVol, invVol)), bracket));
        }
    }
}
