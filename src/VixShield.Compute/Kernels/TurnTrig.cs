using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>
/// sin(2πu) and cos(2πu) for u in [0, 1] (an angle in turns, as the Box-Muller and Bailey transforms use it), over
/// <see cref="IMathOps{T, TMask}"/> so that scalar, vector and GPU code share it (ILGPU has no Math.SinCos, and the
/// float64 Math.Sin/Math.Cos of its PTX backend go to LibDevice). Reduction is exact in turns: a = u - 1/2, b = |a|,
/// c = min(b, 1/2 - b), d = min(c, 1/4 - c) leave θ = 2π·d in [0, π/4], where Taylor series to θ^17 and θ^16 are within
/// 5e-17 of sin and cos; the octant's symmetries restore the signs and swap. Error below 3 ulp of 1 (absolute 7e-16).
/// </summary>
public static class TurnTrig
{
    // 1/n! for the Taylor series.
    private const double S3 = -1.0 / 6, S5 = 1.0 / 120, S7 = -1.0 / 5040, S9 = 1.0 / 362880, S11 = -1.0 / 39916800,
        S13 = 1.0 / 6227020800, S15 = -1.0 / 1307674368000, S17 = 1.0 / 355687428096000;

    private const double C2 = -1.0 / 2, C4 = 1.0 / 24, C6 = -1.0 / 720, C8 = 1.0 / 40320, C10 = -1.0 / 3628800,
        C12 = 1.0 / 479001600, C14 = -1.0 / 87178291200, C16 = 1.0 / 20922789888000;

    /// <summary>sin(2πu) and cos(2πu), u in [0, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos<T, TMask, TOps>(T u, out T sin, out T cos)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        // sin(2πu) = -sin(2πa), cos(2πu) = -cos(2πa) with a = u - 1/2 in [-1/2, 1/2] (exact: Sterbenz).
        T a = TOps.Sub(u, TOps.C(0.5));
        T b = TOps.Abs(a);
        // b > 1/4: cos(2πb) = -cos(2π(1/2 - b)), sin(2πb) = sin(2π(1/2 - b)).
        T c2 = TOps.Sub(TOps.C(0.5), b);
        TMask far = TOps.LessThan(TOps.C(0.25), b);
        T c = TOps.Select(far, c2, b);
        // c > 1/8: sin and cos swap with d = 1/4 - c.
        T d2 = TOps.Sub(TOps.C(0.25), c);
        TMask swap = TOps.LessThan(TOps.C(0.125), c);
        T d = TOps.Select(swap, d2, c);
        T x = TOps.Mul(d, TOps.C(2.0 * Math.PI));
        T x2 = TOps.Mul(x, x);
        T ps = TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.C(S17), x2, TOps.C(S15)), x2, TOps.C(S13)), x2, TOps.C(S11)), x2, TOps.C(S9)), x2, TOps.C(S7)), x2, TOps.C(S5)), x2, TOps.C(S3));
        T s = TOps.Fma(TOps.Mul(ps, x2), x, x);
        T pc = TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.Fma(TOps.C(C16), x2, TOps.C(C14)), x2, TOps.C(C12)), x2, TOps.C(C10)), x2, TOps.C(C8)), x2, TOps.C(C6)), x2, TOps.C(C4)), x2, TOps.C(C2));
        T co = TOps.Fma(pc, x2, TOps.C(1.0));
        T sinB = TOps.Select(swap, co, s);
        T cosC = TOps.Select(swap, s, co);
        T cosB = TOps.Select(far, TOps.Neg(cosC), cosC);
        // sin(2πa) = sign(a)·sin(2πb); the result's signs flip once more for a = u - 1/2.
        sin = TOps.Select(TOps.LessThan(a, TOps.C(0.0)), sinB, TOps.Neg(sinB));
        cos = TOps.Neg(cosB);
    }
}
