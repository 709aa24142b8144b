using System.Runtime.CompilerServices;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Benchmarks;

#pragma warning disable CS1591, CS1573, CS1574, CS1584, CS1580, CS0219
/// <summary>Benchmark-only prototype of idea 1 (one Gaussian exponential for n(d1), N(d1), N(d2)), float64 vectors
/// only: measures what the shared formula would gain; not used by any engine.</summary>
public static class BlackGreeksFused
{
    public const double InvSqrt2Pi = BlackGreeks.InvSqrt2Pi;
    public const double InvSqrt2 = BlackGreeks.InvSqrt2;
    public const double DClamp = BlackGreeks.DClamp;

    /// <summary>erfc(x) given e = exp(-x²) (same regions as VectorErfc.Evaluate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ErfcGiven<T, TOps>(T x, T e)
        where T : struct where TOps : struct, IVectorMathOps<T, double>
    {
        T y = TOps.Abs(x);
        T one = TOps.C(1.0);
        T small = TOps.LessThan(y, TOps.C(CodyErfc.Region1Limit));
        if (TOps.All(small)) return TOps.Sub(one, CodyErfc.ErfSmall<T, T, TOps>(x));
        T yc = TOps.Min(TOps.Max(y, TOps.C(CodyErfc.Region1Limit)), TOps.C(CodyErfc.UnderflowLimit));
        T tail = TOps.LessThan(TOps.C(CodyErfc.Region2Limit), yc);
        T erfcx;
        if (!TOps.Any(tail)) erfcx = CodyErfc.ErfcxMiddle<T, T, TOps>(yc);
        else if (TOps.All(tail)) erfcx = CodyErfc.ErfcxTail<T, T, TOps>(yc);
        else erfcx = TOps.Select(tail, CodyErfc.ErfcxTail<T, T, TOps>(yc), CodyErfc.ErfcxMiddle<T, T, TOps>(yc));
        T big = TOps.Mul(e, erfcx);
        big = TOps.Select(TOps.LessThan(x, TOps.C(0.0)), TOps.Sub(TOps.C(2.0), big), big);
        if (TOps.Any(small)) big = TOps.Select(small, TOps.Sub(one, CodyErfc.ErfSmall<T, T, TOps>(x)), big);
        return big;
    }

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
    public static void Regular<T, TOps>(T omega, T black76, T s, T k, T t, T vol, T r, T q, Greek wanted, ref GreekValues<T> g)
        where T : struct where TOps : struct, IVectorMathOps<T, double>
    {
        T sqrtT = TOps.Sqrt(t);
        T dr = TOps.Exp(TOps.Neg(TOps.Mul(r, t)));          // discount e^{-rt}
        T dq = TOps.Exp(TOps.Neg(TOps.Mul(q, t)));          // carry discount e^{-qt}
        RegularWithTerm<T, TOps>(omega, black76, s, k, t, vol, r, q, sqrtT, dr, dq, wanted, ref g);
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RegularWithTerm<T, TOps>(T omega, T black76, T s, T k, T t, T vol, T r, T q, T sqrtT, T dr, T dq, Greek wanted, ref GreekValues<T> g)
        where T : struct where TOps : struct, IVectorMathOps<T, double>
    {
        T zero = TOps.C(0.0);
        T one = TOps.C(1.0);
        T v = TOps.Mul(vol, sqrtT);                         // total vol σ√t
        // The only divisions: S/K (kept exact for the log), 1/S and 1/(σ√t), each shared by every output
        // that needs it (1/σ = √t/(σ√t), 1/t = (σ/(σ√t))², σ/√t = σ²/(σ√t)); the rest are multiplications.
        T invV = TOps.Div(one, v);
        T invS = TOps.Div(one, s);
        T carry = TOps.Sub(r, q);                           // r - q
        // ln(S/K) = ln(u) + ln(1 + (S - uK)/(uK)) with u = S/K rounded: the residual S - uK is exact with an
        // FMA and puts back the rounding of the quotient, which would otherwise cost ~1e-16/(σ√t) in d1
        // (2e-12 at a 1-minute expiry, 1e-11 relative in gamma and the third-order Greeks at 5 sd).
        // The correction is ~1e-16, so multiplying by the rounded 1/S instead of dividing changes nothing.
        T u = TOps.Div(s, k);
        T logSK = TOps.Fma(TOps.Fma(TOps.Neg(u), k, s), invS, TOps.Log(u));
        T logFK = TOps.Fma(carry, t, logSK);                 // ln(F/K)
        T d1 = TOps.Fma(TOps.C(0.5), v, TOps.Mul(logFK, invV));
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

        // One compensated Gaussian exponential: exp(-m²/2) at m = the smaller of |d1|, |d2|; the other is
        // exp(-m²/2) F/K or exp(-m²/2) K/F (ratio <= 1: never overflows), erfc(|d|/√2) = that · erfcx(|d|/√2).
        T useD2 = TOps.LessThan(TOps.Abs(d2), TOps.Abs(d1));
        T m = TOps.Select(useD2, d2, d1);
        T hi = TOps.Mul(m, m);
        T lo = TOps.Fma(m, m, TOps.Neg(hi));
        T ex = TOps.Exp(TOps.Mul(TOps.C(-0.5), hi));
        T em = TOps.Fma(TOps.Mul(TOps.C(-0.5), ex), lo, ex);
        T eo = TOps.Mul(em, TOps.Div(TOps.Select(useD2, kdr, sdq), TOps.Select(useD2, sdq, kdr)));
        // The identity carries the roundings of d1 = ln(F/K)/(σ√t) + σ√t/2 as an exponent error of about
        // (|ln F/K| + |d1 σ√t|) ulp; where that exceeds 4 (huge σ√t or strikes far out) the other exponential
        // is taken directly, so no lane is less accurate than the three-exp formula.
        T far = TOps.LessThan(TOps.C(4.0), TOps.Add(TOps.Abs(logFK), TOps.Abs(TOps.Mul(d1, v))));
        if (TOps.Any(far))
        {
            T o = TOps.Select(useD2, d1, d2);
            T ohi = TOps.Mul(o, o);
            T olo = TOps.Fma(o, o, TOps.Neg(ohi));
            T oex = TOps.Exp(TOps.Mul(TOps.C(-0.5), ohi));
            eo = TOps.Select(far, TOps.Fma(TOps.Mul(TOps.C(-0.5), oex), olo, oex), eo);
        }

        T e1 = TOps.Select(useD2, eo, em), e2 = TOps.Select(useD2, em, eo);
        T pdf1 = TOps.Mul(e1, TOps.C(InvSqrt2Pi));
        T nd1w = TOps.Mul(TOps.C(0.5), ErfcGiven<T, TOps>(TOps.Mul(TOps.Mul(omega, d1), TOps.C(-InvSqrt2)), e1));
        T nd2w = TOps.Mul(TOps.C(0.5), ErfcGiven<T, TOps>(TOps.Mul(TOps.Mul(omega, d2), TOps.C(-InvSqrt2)), e2));

        // price = ω (S e^{-qt} N(ωd1) - K e^{-rt} N(ωd2))
        T price = TOps.Mul(omega, TOps.Sub(TOps.Mul(sdq, nd1w), TOps.Mul(kdr, nd2w)));
        if ((wanted & Greek.Price) != 0) g.Price = price;
        if ((wanted & Greek.Delta) != 0) g.Delta = TOps.Mul(omega, TOps.Mul(dq, nd1w));
        if ((wanted & Greek.ItmProbability) != 0) g.ItmProbability = nd2w;
        if ((wanted & Greek.DualDelta) != 0) g.DualDelta = TOps.Neg(TOps.Mul(omega, TOps.Mul(dr, nd2w)));
        if ((wanted & Greek.DualGamma) != 0)
        {
            g.DualGamma = TOps.Div(TOps.Mul(TOps.Mul(dr, TOps.Mul(e2, TOps.C(InvSqrt2Pi))), invV), k);
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

        T vega = TOps.Mul(TOps.Mul(sdq, pdf1), sqrtT);
        if ((wanted & Greek.Vega) != 0) g.Vega = vega;
        if ((wanted & Greek.Theta) != 0)
        {
            // θ = -S e^{-qt} n(d1) σ / (2√t) - ω r K e^{-rt} N(ωd2) + ω q S e^{-qt} N(ωd1), with σ/√t = σ²/(σ√t)
            T decay = TOps.Mul(TOps.Mul(sdq, pdf1), TOps.Mul(TOps.Mul(TOps.C(0.5), vol), TOps.Mul(vol, invV)));
            T carryTerms = TOps.Mul(omega, TOps.Sub(TOps.Mul(q, TOps.Mul(sdq, nd1w)), TOps.Mul(r, TOps.Mul(kdr, nd2w))));
            g.Theta = TOps.Sub(carryTerms, decay);
        }

        const Greek needGamma = Greek.Gamma | Greek.Speed | Greek.Zomma | Greek.Color;
        const Greek needInvVol = Greek.Vanna | Greek.Volga | Greek.Zomma | Greek.Ultima;
        const Greek needInvT = Greek.Charm | Greek.Veta | Greek.Color;
        const Greek needD1D2 = Greek.Volga | Greek.Veta | Greek.Zomma | Greek.Color | Greek.Ultima;
        if ((wanted & (needGamma | needInvVol | needInvT | needD1D2 | Greek.Vanna)) == 0) return;

        T gamma = zero, invVol = zero, halfInvT = zero, d1d2 = zero, carryTOverV = zero;
        if ((wanted & needGamma) != 0) gamma = TOps.Mul(TOps.Mul(dq, pdf1), TOps.Mul(invS, invV));
        if ((wanted & needInvVol) != 0) invVol = TOps.Mul(sqrtT, invV);      // 1/σ = √t/(σ√t)
        if ((wanted & needInvT) != 0)
        {
            T volOverV = TOps.Mul(vol, invV);                                   // 1/√t
            halfInvT = TOps.Mul(TOps.Mul(TOps.C(0.5), volOverV), volOverV);     // 1/(2t)
            carryTOverV = TOps.Mul(TOps.Mul(carry, t), invV);                   // (r-q) t / (σ√t)
        }

        if ((wanted & needD1D2) != 0) d1d2 = TOps.Mul(d1, d2);

        if ((wanted & Greek.Gamma) != 0) g.Gamma = gamma;
        if ((wanted & Greek.Vanna) != 0) g.Vanna = TOps.Neg(TOps.Mul(TOps.Mul(dq, pdf1), TOps.Mul(d2, invVol)));
        if ((wanted & Greek.Volga) != 0) g.Volga = TOps.Mul(vega, TOps.Mul(d1d2, invVol));
        if ((wanted & Greek.Charm) != 0)
        {
            // charm = ω q e^{-qt} N(ωd1) - e^{-qt} n(d1) (2(r-q)t - d2 σ√t) / (2 t σ√t)
            T num = TOps.Sub(TOps.Mul(TOps.C(2.0), carryTOverV), d2);
            T drift = TOps.Mul(TOps.Mul(dq, pdf1), TOps.Mul(num, halfInvT));
            g.Charm = TOps.Sub(TOps.Mul(omega, TOps.Mul(q, TOps.Mul(dq, nd1w))), drift);
        }

        if ((wanted & Greek.Veta) != 0)
        {
            // veta = vega [q + (r-q) d1/(σ√t) - (1 + d1 d2)/(2t)]
            T bracket = TOps.Sub(TOps.Fma(TOps.Mul(carry, d1), invV, q), TOps.Mul(TOps.Add(one, d1d2), halfInvT));
            g.Veta = TOps.Mul(vega, bracket);
        }

        if ((wanted & Greek.Speed) != 0) g.Speed = TOps.Neg(TOps.Mul(TOps.Mul(gamma, TOps.Fma(d1, invV, one)), invS));
        if ((wanted & Greek.Zomma) != 0) g.Zomma = TOps.Mul(gamma, TOps.Mul(TOps.Sub(d1d2, one), invVol));
        if ((wanted & Greek.Color) != 0)
        {
            // color = gamma [q + (1 + 2(r-q)t d1/(σ√t) - d1 d2)/(2t)]
            T inner = TOps.Sub(TOps.Fma(TOps.Mul(TOps.C(2.0), carryTOverV), d1, one), d1d2);
            g.Color = TOps.Mul(gamma, TOps.Fma(inner, halfInvT, q));
        }

        if ((wanted & Greek.Ultima) != 0)
        {
            // ultima = -vega/σ² [d1 d2 (1 - d1 d2) + d1² + d2²]
            T bracket = TOps.Add(TOps.Mul(d1d2, TOps.Sub(one, d1d2)), TOps.Fma(d1, d1, TOps.Mul(d2, d2)));
            g.Ultima = TOps.Neg(TOps.Mul(TOps.Mul(vega, TOps.Mul(invVol, invVol)), bracket));
        }
    }

}
