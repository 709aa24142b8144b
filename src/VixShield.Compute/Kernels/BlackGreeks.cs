using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>All outputs of one fused evaluation (one option, or one vector of options).</summary>
/// <typeparam name="T">Scalar or vector value type.</typeparam>
/// <remarks>The fields are in the canonical order of <see cref="GreekInfo"/>, so that the store, NaN-fill and
/// finiteness loops address them by index.</remarks>
public struct GreekValues<T>
    where T : struct
{
#pragma warning disable CS1591 // field names are the Greek names, documented on Greek
    public T Price, Delta, Gamma, Vega, Theta, Rho, Phi, Vanna, Volga, Charm, Veta, Speed, Zomma, Color, Ultima, DualDelta, DualGamma, ItmProbability;
#pragma warning restore CS1591

    /// <summary>The output with canonical index <paramref name="index"/> (<see cref="GreekInfo.IndexOf"/>): the fields
    /// by index, as a switch (ILGPU has no pointer arithmetic on struct fields).</summary>
    [UnscopedRef]
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            switch (index)
            {
                case 0: return ref Price;
                case 1: return ref Delta;
                case 2: return ref Gamma;
                case 3: return ref Vega;
                case 4: return ref Theta;
                case 5: return ref Rho;
                case 6: return ref Phi;
                case 7: return ref Vanna;
                case 8: return ref Volga;
                case 9: return ref Charm;
                case 10: return ref Veta;
                case 11: return ref Speed;
                case 12: return ref Zomma;
                case 13: return ref Color;
                case 14: return ref Ultima;
                case 15: return ref DualDelta;
                case 16: return ref DualGamma;
                default: return ref ItmProbability;
            }
        }
    }
}

/// <summary>
/// The one Black-Scholes-Merton / Black-76 formula, written once against <see cref="IMathOps{T, TMask}"/>
/// so that the scalar reference, the SIMD engine and the GPU kernels share it. Derivations, units and
/// signs: kernels-docs/black-scholes.md.
/// <para>
/// Black-76 is Black-Scholes-Merton with q = r and spot = forward (the forward is then constant in the
/// spot-fixed derivatives), except that rho holds the forward fixed: rho76 = rho + phi = -t V, phi76 = 0.
/// The caller passes q already replaced by r for Black-76 lanes and the lane mask <c>black76</c>.
/// </para>
/// </summary>
public static class BlackGreeks
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
        => TOps.Mul(ExpMinusHalfSquare<T, TMask, TOps>(d), TOps.C(InvSqrt2Pi));

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
        => Regular<T, TMask, TOps, WantedAtRunTime>(omega, black76, s, k, t, vol, r, q, wanted, ref g);

    /// <summary><see cref="Regular{T, TMask, TOps}"/> with the set of outputs fixed by <typeparamref name="TWanted"/>: when that is a
    /// constant (<see cref="WantedPriceAndFirstOrder"/>, <see cref="WantedPrice"/>) the JIT folds the
    /// output branches and drops what no wanted output needs. Same operations, same results.</summary>
    /// <typeparam name="T">Value type.</typeparam>
    /// <typeparam name="TMask">Mask type.</typeparam>
    /// <typeparam name="TOps">Arithmetic.</typeparam>
    /// <typeparam name="TWanted">The outputs: a constant set, or <see cref="WantedAtRunTime"/>.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Regular<T, TMask, TOps, TWanted>(T omega, TMask black76, T s, T k, T t, T vol, T r, T q, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask> where TWanted : struct, IWantedOutputs
    {
        wanted = TWanted.Outputs(wanted);
        T sqrtT = TOps.Sqrt(t);
        T dr = TOps.Exp(TOps.Neg(TOps.Mul(r, t)));          // discount e^{-rt}
        T dq = TOps.Exp(TOps.Neg(TOps.Mul(q, t)));          // carry discount e^{-qt}
        RegularWithTerm<T, TMask, TOps, TWanted>(omega, black76, s, k, t, vol, r, q, sqrtT, dr, dq, wanted, ref g);
    }

    /// <summary>
    /// <see cref="Regular{T, TMask, TOps}"/> with the per-expiry quantities already computed (√t, e^{-rt}, e^{-qt}), so that a
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
    public static void RegularWithTerm<T, TMask, TOps>(T omega, TMask black76, T s, T k, T t, T vol, T r, T q, T sqrtT, T dr, T dq, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => RegularWithTerm<T, TMask, TOps, WantedAtRunTime>(omega, black76, s, k, t, vol, r, q, sqrtT, dr, dq, wanted, ref g);

    /// <summary><see cref="RegularWithTerm{T, TMask, TOps}"/> with the set of outputs fixed by <typeparamref name="TWanted"/>: when that is a
    /// constant (<see cref="WantedPriceAndFirstOrder"/>, <see cref="WantedPrice"/>) the JIT folds the
    /// output branches and drops what no wanted output needs. Same operations, same results.</summary>
    /// <typeparam name="T">Value type.</typeparam>
    /// <typeparam name="TMask">Mask type.</typeparam>
    /// <typeparam name="TOps">Arithmetic.</typeparam>
    /// <typeparam name="TWanted">The outputs: a constant set, or <see cref="WantedAtRunTime"/>.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RegularWithTerm<T, TMask, TOps, TWanted>(T omega, TMask black76, T s, T k, T t, T vol, T r, T q, T sqrtT, T dr, T dq, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask> where TWanted : struct, IWantedOutputs
    {
        wanted = TWanted.Outputs(wanted);
        // The divisions: 1/S and 1/(σ√t), each shared by every output that needs it (1/σ = √t/(σ√t),
        // 1/t = (σ/(σ√t))², σ/√t = σ²/(σ√t)), and the one inside ln(S/K); the rest are multiplications.
        // ln(S/K) must not carry the rounding of the quotient S/K: it would cost ~1e-16/(σ√t) in d1 (2e-12 at a
        // 1-minute expiry, 1e-11 relative in gamma and the third-order Greeks at 5 sd); IMathOps.LogRatio.
        T invS = TOps.Div(TOps.C(1.0), s);
        T logFK = TOps.Fma(TOps.Sub(r, q), t, TOps.LogRatio(s, k)); // ln(F/K)
        RegularGivenLogMoneyness<T, TMask, TOps, TWanted>(omega, black76, s, k, invS, logFK, t, vol, r, q, sqrtT, dr, dq, wanted, ref g);
    }

    /// <summary>
    /// <see cref="RegularWithTerm{T, TMask, TOps}"/> with ln(F/K) given, for a caller that knows it more cheaply than a log of S/K (the
    /// scenario kernel: the base forward's ln(F_h/K), computed once per leg the same way, plus the draw's forward move).
    /// </summary>
    /// <param name="omega">+1 call, -1 put.</param>
    /// <param name="black76">Black-76 lanes.</param>
    /// <param name="s">Spot (BSM) or forward (Black-76).</param>
    /// <param name="k">Strike.</param>
    /// <param name="invS">1/s; read only for gamma and speed (a caller that wants neither may pass zero).</param>
    /// <param name="logFK">ln(F/K).</param>
    /// <param name="t">Years.</param>
    /// <param name="vol">σ.</param>
    /// <param name="r">Rate.</param>
    /// <param name="q">Dividend yield (Black-76: r).</param>
    /// <param name="sqrtT">√t.</param>
    /// <param name="dr">e^{-rt}.</param>
    /// <param name="dq">e^{-qt}.</param>
    /// <param name="wanted">Outputs to compute.</param>
    /// <param name="g">Receives the outputs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RegularGivenLogMoneyness<T, TMask, TOps>(T omega, TMask black76, T s, T k, T invS, T logFK, T t, T vol, T r, T q, T sqrtT, T dr, T dq, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => RegularGivenLogMoneyness<T, TMask, TOps, WantedAtRunTime>(omega, black76, s, k, invS, logFK, t, vol, r, q, sqrtT, dr, dq, wanted, ref g);

    /// <summary><see cref="RegularGivenLogMoneyness{T, TMask, TOps}"/> with the set of outputs fixed by <typeparamref name="TWanted"/>: when that is a
    /// constant (<see cref="WantedPriceAndFirstOrder"/>, <see cref="WantedPrice"/>) the JIT folds the
    /// output branches and drops what no wanted output needs. Same operations, same results.</summary>
    /// <typeparam name="T">Value type.</typeparam>
    /// <typeparam name="TMask">Mask type.</typeparam>
    /// <typeparam name="TOps">Arithmetic.</typeparam>
    /// <typeparam name="TWanted">The outputs: a constant set, or <see cref="WantedAtRunTime"/>.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RegularGivenLogMoneyness<T, TMask, TOps, TWanted>(T omega, TMask black76, T s, T k, T invS, T logFK, T t, T vol, T r, T q, T sqrtT, T dr, T dq, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask> where TWanted : struct, IWantedOutputs
    {
        wanted = TWanted.Outputs(wanted);
        T zero = TOps.C(0.0);
        T one = TOps.C(1.0);
        T v = TOps.Mul(vol, sqrtT);                         // total vol σ√t
        T invV = TOps.Div(one, v);
        T d1 = TOps.Fma(TOps.C(0.5), v, TOps.Mul(logFK, invV));
        T d2 = TOps.Sub(d1, v);
        T lim = TOps.C(DClamp);
        d1 = TOps.Max(TOps.Neg(lim), TOps.Min(d1, lim));
        d2 = TOps.Max(TOps.Neg(lim), TOps.Min(d2, lim));

        T sdq = TOps.Mul(s, dq);
        T kdr = TOps.Mul(k, dr);

        // Which intermediates the requested outputs need: from the table of outputs (GreekInfo). One compensated
        // Gaussian exponential serves N(ωd1), N(ωd2), n(d1) and n(d2): erfc(|d|/√2) = exp(-d²/2) erfcx(|d|/√2)
        // outside Cody's region 1, and exp(-d2²/2) = exp(-d1²/2) F/K.
        Greek needN1 = GreekInfo.NeedCdfD1, needN2 = GreekInfo.NeedCdfD2, needPdf = GreekInfo.NeedPdf, needExp = GreekInfo.NeedExp;
        T e1 = zero, e2 = zero;
        if ((wanted & needExp) != 0) GaussianPair<T, TMask, TOps>(d1, d2, v, logFK, sdq, kdr, out e1, out e2);

        T nd1w = zero, nd2w = zero, pdf1 = zero;
        T negInvSqrt2 = TOps.C(-InvSqrt2);
        if ((wanted & needN1) != 0) nd1w = TOps.Mul(TOps.C(0.5), TOps.ErfcGivenExp(TOps.Mul(TOps.Mul(omega, d1), negInvSqrt2), e1));
        if ((wanted & needN2) != 0) nd2w = TOps.Mul(TOps.C(0.5), TOps.ErfcGivenExp(TOps.Mul(TOps.Mul(omega, d2), negInvSqrt2), e2));
        if ((wanted & needPdf) != 0) pdf1 = TOps.Mul(e1, TOps.C(InvSqrt2Pi));

        // price = ω (S e^{-qt} N(ωd1) - K e^{-rt} N(ωd2)); as fma(ω, ·, +0) so that a put whose terms both underflow
        // is +0, not -1·(+0) = -0 (same bits as the product otherwise).
        T price = TOps.Fma(omega, TOps.Sub(TOps.Mul(sdq, nd1w), TOps.Mul(kdr, nd2w)), zero);
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

        HigherOrder<T, TMask, TOps>(dq, invS, t, vol, r, q, sqrtT, invV, d1, d2, pdf1, nd1w, omega, vega, wanted, ref g);
    }

    /// <summary>
    /// The second- and third-order Greeks of <see cref="RegularGivenLogMoneyness{T, TMask, TOps, TWanted}"/>, from its shared
    /// intermediates. A separate method only because the JIT inlines no method with more than 32 IL locals (MAX_INL_LCLS):
    /// the whole formula in one body was compiled as a call with 15 vector arguments passed through the stack
    /// (kernels-docs/vector-math.md, "Speed, part 3").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HigherOrder<T, TMask, TOps>(T dq, T invS, T t, T vol, T r, T q, T sqrtT, T invV, T d1, T d2, T pdf1, T nd1w, T omega, T vega, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T carry = TOps.Sub(r, q);                           // r - q
        T zero = TOps.C(0.0);
        T one = TOps.C(1.0);
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

    /// <summary>
    /// exp(-d1²/2) and exp(-d2²/2) from one compensated exponential at m, the smaller of |d1| and |d2|; the
    /// other is exp(-m²/2) times F/K or K/F (whichever is &lt;= 1: never overflows). The identity carries the
    /// roundings of d1 = ln(F/K)/(σ√t) + σ√t/2 into the exponent, about (|ln F/K| + |d1 σ√t|) ulp; lanes where
    /// that exceeds 4 (huge σ√t, far strikes) take the second exponential directly (skipped when no lane
    /// needs it), so no lane is less accurate than two separate exponentials. kernels-docs/black-scholes.md.
    /// </summary>
    /// <param name="d1">d1 (clamped).</param>
    /// <param name="d2">d2 (clamped).</param>
    /// <param name="v">σ√t.</param>
    /// <param name="logFK">ln(F/K).</param>
    /// <param name="sdq">S e^{-qt}.</param>
    /// <param name="kdr">K e^{-rt}.</param>
    /// <param name="e1">Receives exp(-d1²/2).</param>
    /// <param name="e2">Receives exp(-d2²/2).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GaussianPair<T, TMask, TOps>(T d1, T d2, T v, T logFK, T sdq, T kdr, out T e1, out T e2)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        TMask useD2 = TOps.LessThan(TOps.Abs(d2), TOps.Abs(d1));
        T em = ExpMinusHalfSquare<T, TMask, TOps>(TOps.Select(useD2, d2, d1));
        T eo = TOps.Mul(em, TOps.Div(TOps.Select(useD2, kdr, sdq), TOps.Select(useD2, sdq, kdr)));
        TMask far = TOps.LessThan(TOps.C(4.0), TOps.Add(TOps.Abs(logFK), TOps.Abs(TOps.Mul(d1, v))));
        if (TOps.Any(far)) eo = TOps.Select(far, ExpMinusHalfSquare<T, TMask, TOps>(TOps.Select(useD2, d1, d2)), eo);
        e1 = TOps.Select(useD2, eo, em);
        e2 = TOps.Select(useD2, em, eo);
    }

    /// <summary>
    /// ln(s/k) with the rounding of the quotient put back, for arithmetic whose log is a library call (the scalar
    /// reference's Math.Log): u = s/k rounded, the residual s - uk exact by FMA, and ln(s/k) = ln u + (s - uk)/s to
    /// second order (the correction is ~1e-16, so the rounded 1/s is good enough). Without it the quotient's half-ulp
    /// becomes 1.1e-16 absolute in ln(F/K): 1e-16/(σ√t) in d for the pricer, 1e-16/|x| relative in σ for the
    /// implied-vol solver at 0DTE (kernels-docs/black-scholes.md). The pricer and the solver both take x from
    /// <see cref="IMathOps{T, TMask}.LogRatio"/>, so that a price inverts to its own vol.
    /// </summary>
    /// <param name="s">Numerator (spot, or forward).</param>
    /// <param name="k">Denominator (strike).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CorrectedLogRatio<T, TMask, TOps>(T s, T k)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T u = TOps.Div(s, k);
        return TOps.Fma(TOps.Fma(TOps.Neg(u), k, s), TOps.Div(TOps.C(1.0), s), TOps.Log(u));
    }

    /// <summary>exp(-d²/2) with the rounding of d² compensated (FMA split).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpMinusHalfSquare<T, TMask, TOps>(T d)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T hi = TOps.Mul(d, d);
        T lo = TOps.Fma(d, d, TOps.Neg(hi));
        T e = TOps.Exp(TOps.Mul(TOps.C(-0.5), hi));
        return TOps.Fma(TOps.Mul(TOps.C(-0.5), e), lo, e);
    }

    /// <summary>
    /// The degenerate case σ√t = 0 (t = 0: the payoff; vol = 0: the discounted intrinsic value of the
    /// forward). Let H = 1 when ω(F - K) &gt; 0, 1/2 when F = K, 0 otherwise. Then V = H ω (S e^{-qt} - K e^{-rt}),
    /// delta = ω e^{-qt} H, ITM probability = H, dual delta = -ω e^{-rt} H, the time and rate derivatives are
    /// those of that expression, vega is its one-sided limit (non-zero only at F = K with t &gt; 0), and every
    /// other second- and third-order Greek is 0 (the Dirac mass at the strike is not represented).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Degenerate<T, TMask, TOps>(T omega, TMask black76, T s, T k, T t, T r, T q, Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T zero = TOps.C(0.0);
        T dr = TOps.Exp(TOps.Neg(TOps.Mul(r, t)));
        T dq = TOps.Exp(TOps.Neg(TOps.Mul(q, t)));
        T sdq = TOps.Mul(s, dq);
        T kdr = TOps.Mul(k, dr);
        T moneyness = TOps.Mul(omega, TOps.Sub(sdq, kdr)); // ω e^{-rt}(F - K)
        T h = TOps.Select(TOps.LessThan(zero, moneyness), TOps.C(1.0), zero);
        TMask atm = TOps.Equal(sdq, kdr);
        h = TOps.Select(atm, TOps.C(0.5), h);
        T price = TOps.Fma(h, moneyness, zero); // +0, not 0·(negative) = -0, out of the money
        if ((wanted & Greek.Price) != 0) g.Price = price;
        if ((wanted & Greek.Delta) != 0) g.Delta = TOps.Mul(omega, TOps.Mul(dq, h));
        if ((wanted & Greek.ItmProbability) != 0) g.ItmProbability = h;
        if ((wanted & Greek.DualDelta) != 0) g.DualDelta = TOps.Neg(TOps.Mul(omega, TOps.Mul(dr, h)));
        if ((wanted & Greek.Theta) != 0) g.Theta = TOps.Mul(TOps.Mul(omega, h), TOps.Sub(TOps.Mul(q, sdq), TOps.Mul(r, kdr)));
        if ((wanted & (Greek.Rho | Greek.Phi)) != 0)
        {
            T rho = TOps.Mul(TOps.Mul(omega, h), TOps.Mul(kdr, t));
            T phi = TOps.Neg(TOps.Mul(TOps.Mul(omega, h), TOps.Mul(sdq, t)));
            g.Rho = TOps.Select(black76, TOps.Neg(TOps.Mul(t, price)), rho);
            g.Phi = TOps.Select(black76, zero, phi);
        }

        if ((wanted & Greek.Charm) != 0) g.Charm = TOps.Mul(TOps.Mul(omega, h), TOps.Mul(q, dq));
        if ((wanted & Greek.Vega) != 0) g.Vega = TOps.Select(atm, TOps.Mul(TOps.Mul(sdq, TOps.Sqrt(t)), TOps.C(InvSqrt2Pi)), zero);
        if ((wanted & Greek.Gamma) != 0) g.Gamma = zero;
        if ((wanted & Greek.Vanna) != 0) g.Vanna = zero;
        if ((wanted & Greek.Volga) != 0) g.Volga = zero;
        if ((wanted & Greek.Veta) != 0) g.Veta = zero;
        if ((wanted & Greek.Speed) != 0) g.Speed = zero;
        if ((wanted & Greek.Zomma) != 0) g.Zomma = zero;
        if ((wanted & Greek.Color) != 0) g.Color = zero;
        if ((wanted & Greek.Ultima) != 0) g.Ultima = zero;
        if ((wanted & Greek.DualGamma) != 0) g.DualGamma = zero;
    }
}

/// <summary>The set of outputs one instantiation of the formula computes: a JIT-time constant for the common sets (so the
/// formula's output branches, and the work only they need, fold away), or the caller's set at run time.</summary>
public interface IWantedOutputs
{
    /// <summary>The outputs to compute, given the requested ones (equal to them).</summary>
    /// <param name="requested">The requested outputs.</param>
    static abstract Greek Outputs(Greek requested);
}

/// <summary>Whatever was requested (a run-time value).</summary>
public readonly struct WantedAtRunTime : IWantedOutputs
{
    /// <inheritdoc/>
    public static Greek Outputs(Greek requested) => requested;
}

/// <summary>Price and the first-order Greeks (<see cref="Greek.PriceAndFirstOrder"/>).</summary>
public readonly struct WantedPriceAndFirstOrder : IWantedOutputs
{
    /// <inheritdoc/>
    public static Greek Outputs(Greek requested) => Greek.PriceAndFirstOrder;
}

/// <summary>The price only.</summary>
public readonly struct WantedPrice : IWantedOutputs
{
    /// <inheritdoc/>
    public static Greek Outputs(Greek requested) => Greek.Price;
}
