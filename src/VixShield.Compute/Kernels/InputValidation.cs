using System.Numerics;
using System.Runtime.CompilerServices;

namespace VixShield.Compute.Kernels;

/// <summary>Row validation shared by every engine: one definition of what a bad row is.</summary>
public static class InputValidation
{
    /// <summary>The status of one row (the first problem in <see cref="OptionStatus"/> order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OptionStatus Check<T>(OptionKind kind, PricingModel model, T underlying, T strike, T time, T vol, T rate, T dividend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (kind != OptionKind.Call && kind != OptionKind.Put) return OptionStatus.InvalidKind;
        if (model != PricingModel.BlackScholesMerton && model != PricingModel.Black76) return OptionStatus.InvalidModel;
        if (!(T.IsFinite(underlying) && underlying > T.Zero)) return OptionStatus.InvalidUnderlying;
        if (!(T.IsFinite(strike) && strike > T.Zero)) return OptionStatus.InvalidStrike;
        if (!(T.IsFinite(time) && time >= T.Zero)) return OptionStatus.InvalidTime;
        if (!(T.IsFinite(vol) && vol >= T.Zero)) return OptionStatus.InvalidVol;
        if (!T.IsFinite(rate)) return OptionStatus.InvalidRate;
        if (!T.IsFinite(dividend)) return OptionStatus.InvalidDividend;
        return OptionStatus.Ok;
    }
}
