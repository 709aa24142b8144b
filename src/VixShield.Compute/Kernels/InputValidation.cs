using System.Numerics;
using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>
/// The valid input domain of the Greeks kernels, shared by every engine (scalar rows, SIMD lanes, GPU threads): one
/// definition of what a bad row is. Each bound is the same in float64 and float32 and is checked after the inputs are
/// converted to the engine's precision. Inside the domain every output is finite and accurate in float64; in float32 a
/// few corners of it overflow, and such a row gets <see cref="OptionStatus.OutOfRange"/> (see
/// <see cref="OutputsFinite{T, TMask, TOps}"/>). Why these bounds: kernels-docs/black-scholes.md, "Valid input domain".
/// </summary>
public static class InputValidation
{
    /// <summary>Smallest underlying (spot or forward) and strike: below it 1/S and the log-moneyness lose their meaning.</summary>
    public const double MinPrice = 1e-8;

    /// <summary>Largest underlying and strike.</summary>
    public const double MaxPrice = 1e12;

    /// <summary>Smallest non-zero time to expiry, in years (about 32 µs); t = 0 itself is valid (the payoff).</summary>
    public const double MinTime = 1e-12;

    /// <summary>Largest time to expiry, in years.</summary>
    public const double MaxTime = 100.0;

    /// <summary>Smallest non-zero volatility (1e-7 %); vol = 0 itself is valid (discounted intrinsic value).</summary>
    public const double MinVol = 1e-9;

    /// <summary>Largest volatility (10,000 % a year).</summary>
    public const double MaxVol = 100.0;

    /// <summary>Largest |rate| and |dividend yield| (500 % a year, continuously compounded).</summary>
    public const double MaxRate = 5.0;

    /// <summary>The status of one row (the first problem in <see cref="OptionStatus"/> order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OptionStatus Check<T, TOps>(OptionKind kind, PricingModel model, T underlying, T strike, T time, T vol, T rate, T dividend)
        where T : struct
        where TOps : struct, IMathOps<T, bool>
    {
        if (kind != OptionKind.Call && kind != OptionKind.Put) return OptionStatus.InvalidKind;
        if (model != PricingModel.BlackScholesMerton && model != PricingModel.Black76) return OptionStatus.InvalidModel;
        if (!PriceOk<T, bool, TOps>(underlying)) return OptionStatus.InvalidUnderlying;
        if (!PriceOk<T, bool, TOps>(strike)) return OptionStatus.InvalidStrike;
        if (!TimeOk<T, bool, TOps>(time)) return OptionStatus.InvalidTime;
        if (!VolOk<T, bool, TOps>(vol)) return OptionStatus.InvalidVol;
        if (!RateOk<T, bool, TOps>(rate)) return OptionStatus.InvalidRate;
        if (!RateOk<T, bool, TOps>(dividend)) return OptionStatus.InvalidDividend;
        return OptionStatus.Ok;
    }

    /// <summary>Underlying or strike in [<see cref="MinPrice"/>, <see cref="MaxPrice"/>] (false for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask PriceOk<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => Inside<T, TMask, TOps>(x, Neighbours.MinPriceBelow64, Neighbours.MinPriceBelow32, Neighbours.MaxPriceAbove64, Neighbours.MaxPriceAbove32);

    /// <summary>Time 0, or in [<see cref="MinTime"/>, <see cref="MaxTime"/>].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask TimeOk<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Or(TOps.Equal(x, TOps.C(0.0)), PositiveTimeOk<T, TMask, TOps>(x));

    /// <summary>Time in [<see cref="MinTime"/>, <see cref="MaxTime"/>]: valid and &gt; 0 (the SIMD engine's regular lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask PositiveTimeOk<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => Inside<T, TMask, TOps>(x, Neighbours.MinTimeBelow64, Neighbours.MinTimeBelow32, Neighbours.MaxTimeAbove64, Neighbours.MaxTimeAbove32);

    /// <summary>Vol 0, or in [<see cref="MinVol"/>, <see cref="MaxVol"/>].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask VolOk<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Or(TOps.Equal(x, TOps.C(0.0)), PositiveVolOk<T, TMask, TOps>(x));

    /// <summary>Vol in [<see cref="MinVol"/>, <see cref="MaxVol"/>]: valid and &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask PositiveVolOk<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => Inside<T, TMask, TOps>(x, Neighbours.MinVolBelow64, Neighbours.MinVolBelow32, Neighbours.MaxVolAbove64, Neighbours.MaxVolAbove32);

    /// <summary>Rate or dividend yield in [-<see cref="MaxRate"/>, <see cref="MaxRate"/>].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask RateOk<T, TMask, TOps>(T x)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.LessThan(TOps.Abs(x), TOps.C(TOps.IsSinglePrecision ? Neighbours.MaxRateAbove32 : Neighbours.MaxRateAbove64));

    /// <summary>
    /// True where every requested output is finite. An output that overflows is 0·x = NaN in the running sum, so one
    /// comparison at the end covers all of them (no branch per output). Inside the domain this is always true in
    /// float64; in float32 it catches the corners where a high-order Greek exceeds 3.4e38.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask OutputsFinite<T, TMask, TOps>(Greek wanted, ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T acc = TOps.C(0.0);
        for (uint m = (uint)wanted; m != 0; m &= m - 1) acc = AccumulateNonFinite<T, TMask, TOps>(g[BitOperations.TrailingZeroCount(m)], acc);
        return AllFinite<T, TMask, TOps>(acc);
    }

    /// <summary>One step of <see cref="OutputsFinite{T, TMask, TOps}"/>: acc + 0·x, NaN from then on where x is not finite
    /// (start from 0). For drivers that check outputs as they store them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T AccumulateNonFinite<T, TMask, TOps>(T x, T acc)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Fma(x, TOps.C(0.0), acc);

    /// <summary>The end of <see cref="OutputsFinite{T, TMask, TOps}"/>: true where no accumulated output was infinite or NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TMask AllFinite<T, TMask, TOps>(T acc)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
        => TOps.Equal(acc, acc);

    /// <summary>Every output NaN: what a row outside the domain gets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetNaN<T, TMask, TOps>(ref GreekValues<T> g)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        T nan = TOps.C(double.NaN);
        for (int i = 0; i < GreekInfo.Count; i++) g[i] = nan;
    }

    /// <summary>
    /// lo ≤ x ≤ hi as two strict comparisons with the representable neighbours of the bounds in the engine's
    /// precision (below lo, above hi): the same set, NaN still outside, two compares instead of four plus three
    /// mask operations per bound pair (the SIMD engine checks six inputs per vector).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TMask Inside<T, TMask, TOps>(T x, double below64, double below32, double above64, double above32)
        where T : struct where TMask : struct where TOps : struct, IMathOps<T, TMask>
    {
        bool single = TOps.IsSinglePrecision;
        return TOps.And(TOps.LessThan(TOps.C(single ? below32 : below64), x), TOps.LessThan(x, TOps.C(single ? above32 : above64)));
    }

    /// <summary>
    /// The representable neighbours of the domain bounds: Math.BitDecrement/BitIncrement of each bound in float64, and
    /// MathF.BitDecrement/BitIncrement of the bound rounded to float32 (exact as doubles). Literals, not computed,
    /// so that ILGPU kernels can use them; <c>InputValidationTests</c> checks each against the BitDecrement it stands for.
    /// </summary>
    internal static class Neighbours
    {
#pragma warning disable CS1591, SA1600 // the names say what each is
        public const double MinPriceBelow64 = 9.999999999999999e-09, MinPriceBelow32 = 9.99999905104687e-09;
        public const double MaxPriceAbove64 = 1000000000000.0001, MaxPriceAbove32 = 1000000061440.0;
        public const double MinTimeBelow64 = 9.999999999999998e-13, MinTimeBelow32 = 9.9999988758398e-13;
        public const double MaxTimeAbove64 = 100.00000000000001, MaxTimeAbove32 = 100.00000762939453;
        public const double MinVolBelow64 = 9.999999999999999e-10, MinVolBelow32 = 9.99999860695766e-10;
        public const double MaxVolAbove64 = 100.00000000000001, MaxVolAbove32 = 100.00000762939453;
        public const double MaxRateAbove64 = 5.000000000000001, MaxRateAbove32 = 5.000000476837158;
#pragma warning restore CS1591, SA1600
    }
}
