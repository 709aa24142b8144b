using System.Numerics;

namespace VixShield.Compute.Grid;

/// <summary>
/// Capability of an engine that prices a strike x expiry grid faster than row by row (per-expiry terms computed once
/// and broadcast over the strikes). <see cref="GreeksGrid"/> uses it when the engine has it and otherwise prices the
/// rows as one ordinary batch (the CPU default), so callers never test for an engine type.
/// </summary>
internal interface IGridGreeksEngine
{
    /// <summary>Prices the grid's rows (expiry-major, <paramref name="strikeCount"/> per expiry).</summary>
    ComputeResult ComputeGrid<T>(in OptionBatch<T> rows, in GreeksOutput<T> output, int strikeCount, GridExpiry[] expiries, PricingModel model, double spot, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
