using ILGPU;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Kernels;

namespace VixShield.Compute.Gpu;

/// <summary>Device views of an implied-vol batch (structure of arrays) and its outputs. Optional columns are flagged, not read.</summary>
internal struct ImpliedVolViews
{
    public ArrayView<sbyte> Kind;
    public ArrayView<byte> Model;
    public ArrayView<double> Underlying;
    public ArrayView<double> Strike;
    public ArrayView<double> Time;
    public ArrayView<double> Price;
    public ArrayView<double> Rate;
    public ArrayView<double> Dividend;
    public ArrayView<double> Vol;
    public ArrayView<byte> Status;
    public int HasModel;
    public int HasDividend;
}

/// <summary>
/// The implied-vol kernel: one thread per row runs exactly the CPU solver's per-row code
/// (<see cref="ImpliedVolatilitySolver"/>'s row decoding, normalisation and parity, then the scalar Let's Be Rational
/// solve of <see cref="LetsBeRational"/>), instantiated with GPU math ops instead of <see cref="ScalarDoubleOps"/>.
/// There is no second copy of the algorithm.
/// </summary>
internal static class ImpliedVolKernels
{
    /// <summary>One thread per row.</summary>
    public static void Batch<TOps>(Index1D index, ImpliedVolViews v)
        where TOps : struct, IMathOps<double, bool>
    {
        int i = index;
        PricingModel model = v.HasModel != 0 ? (PricingModel)v.Model[i] : PricingModel.BlackScholesMerton;
        double q = v.HasDividend != 0 ? v.Dividend[i] : 0.0;
        ImpliedVolatilitySolver.DecodeRow((OptionKind)v.Kind[i], model, v.Rate[i], q, out double theta, out double carry);
        ImpliedVolatilitySolver.NormaliseRow<double, bool, TOps>(
            v.Underlying[i], v.Strike[i], v.Time[i], v.Price[i], v.Rate[i], theta, carry,
            out double beta, out double xc, out double sqrtT, out double code);
        v.Vol[i] = ImpliedVolatilitySolver.FinishRow<TOps>(beta, xc, sqrtT, code, out ImpliedVolStatus status);
        v.Status[i] = (byte)status;
    }
}
