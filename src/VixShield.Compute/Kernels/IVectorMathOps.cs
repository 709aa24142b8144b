using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>
/// The extra operations a vector <see cref="IMathOps{T, TMask}"/> offers the SIMD driver: lane count, loads
/// and stores, and mask reductions (so that a kernel can skip work no lane needs). Masks are vectors
/// of the same type with all bits set in true lanes.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
/// <typeparam name="TElem">The element type (double or float).</typeparam>
public interface IVectorMathOps<TVec, TElem> : IMathOps<TVec, TVec>
    where TVec : struct
    where TElem : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on hardware instructions here.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Bit i set when lane i of the mask is true.</summary>
    static abstract ulong Bits(TVec mask);

    /// <summary>True when every lane of the mask is true.</summary>
    static abstract bool All(TVec mask);

    /// <summary>Loads <see cref="Count"/> elements (unaligned).</summary>
    static abstract unsafe TVec Load(TElem* source);

    /// <summary>Stores <see cref="Count"/> elements (unaligned).</summary>
    static abstract unsafe void Store(TVec value, TElem* destination);
}

/// <summary>
/// Cody's erfc for vectors (coefficients in <see cref="CodyErfc"/>, used once): the same regions and
/// the same arithmetic as <see cref="CodyErfc.Scalar"/>, but a region's rational is evaluated only when
/// some lane falls in it, then the lanes are selected. Typical option batches have every lane in the
/// middle region, so the common cost is one rational, one exp and a few selects.
/// </summary>
public static class VectorErfc
{
    /// <summary>Above this erfc(x) underflows to 0 in float32 (erfc(9.3) ≈ 1.6e-39, a subnormal float):
    /// float lanes beyond it return 0, which also keeps exp(-y²) inside float exp's fast range.</summary>
    public const double SingleUnderflowLimit = 9.3;

    /// <summary>erfc(x) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Evaluate<TVec, TElem, TOps>(TVec x)
        where TVec : struct where TElem : unmanaged where TOps : struct, IVectorMathOps<TVec, TElem>
    {
        TVec y = TOps.Abs(x);
        TVec one = TOps.C(1.0);
        TVec small = TOps.LessThan(y, TOps.C(CodyErfc.Region1Limit));
        if (TOps.All(small)) return TOps.Sub(one, CodyErfc.ErfSmall<TVec, TVec, TOps>(x));

        TVec underflow = TOps.C(typeof(TElem) == typeof(float) ? SingleUnderflowLimit : CodyErfc.UnderflowLimit);
        TVec yc = TOps.Min(TOps.Max(y, TOps.C(CodyErfc.Region1Limit)), underflow);
        TVec tail = TOps.LessThan(TOps.C(CodyErfc.Region2Limit), yc);
        TVec erfcx;
        if (!TOps.Any(tail)) erfcx = CodyErfc.ErfcxMiddle<TVec, TVec, TOps>(yc);
        else if (TOps.All(tail)) erfcx = CodyErfc.ErfcxTail<TVec, TVec, TOps>(yc);
        else erfcx = TOps.Select(tail, CodyErfc.ErfcxTail<TVec, TVec, TOps>(yc), CodyErfc.ErfcxMiddle<TVec, TVec, TOps>(yc));

        TVec zero = TOps.C(0.0);
        TVec big = TOps.Mul(CodyErfc.ExpMinusSquare<TVec, TVec, TOps>(yc), erfcx);
        big = TOps.Select(TOps.LessThan(underflow, y), zero, big);
        big = TOps.Select(TOps.LessThan(x, zero), TOps.Sub(TOps.C(2.0), big), big);
        if (TOps.Any(small)) big = TOps.Select(small, TOps.Sub(one, CodyErfc.ErfSmall<TVec, TVec, TOps>(x)), big);
        return big;
    }

    /// <summary>erfc(x) per lane given e = exp(-x²): <see cref="Evaluate"/> without its exponential.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec EvaluateGivenExp<TVec, TElem, TOps>(TVec x, TVec e)
        where TVec : struct where TElem : unmanaged where TOps : struct, IVectorMathOps<TVec, TElem>
    {
        TVec y = TOps.Abs(x);
        TVec one = TOps.C(1.0);
        TVec small = TOps.LessThan(y, TOps.C(CodyErfc.Region1Limit));
        if (TOps.All(small)) return TOps.Sub(one, CodyErfc.ErfSmall<TVec, TVec, TOps>(x));

        TVec underflow = TOps.C(typeof(TElem) == typeof(float) ? SingleUnderflowLimit : CodyErfc.UnderflowLimit);
        TVec yc = TOps.Min(TOps.Max(y, TOps.C(CodyErfc.Region1Limit)), underflow);
        TVec tail = TOps.LessThan(TOps.C(CodyErfc.Region2Limit), yc);
        TVec erfcx;
        if (!TOps.Any(tail)) erfcx = CodyErfc.ErfcxMiddle<TVec, TVec, TOps>(yc);
        else if (TOps.All(tail)) erfcx = CodyErfc.ErfcxTail<TVec, TVec, TOps>(yc);
        else erfcx = TOps.Select(tail, CodyErfc.ErfcxTail<TVec, TVec, TOps>(yc), CodyErfc.ErfcxMiddle<TVec, TVec, TOps>(yc));

        TVec zero = TOps.C(0.0);
        TVec big = TOps.Mul(e, erfcx);
        big = TOps.Select(TOps.LessThan(underflow, y), zero, big);
        big = TOps.Select(TOps.LessThan(x, zero), TOps.Sub(TOps.C(2.0), big), big);
        if (TOps.Any(small)) big = TOps.Select(small, TOps.Sub(one, CodyErfc.ErfSmall<TVec, TVec, TOps>(x)), big);
        return big;
    }
}
