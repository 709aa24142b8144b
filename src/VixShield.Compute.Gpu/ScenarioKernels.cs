using ILGPU;
using VixShield.Compute.Scenarios;

namespace VixShield.Compute.Gpu;

/// <summary>Device views and constants of one chunk of a scenario run (rows = draws or listed scenarios).</summary>
internal struct ScenarioViews
{
    public ArrayView<LegConst> Legs;
    public ArrayView<int> Group;
    public ArrayView<int> HedgeLeg;
    public ArrayView<OverlayConst> Overlays;

    /// <summary>Listed shocks: column c (spot factor, ln, vol, skew, VIX factor, ln, VIX vol, rate) of row r at c·ShockStride + r.</summary>
    public ArrayView<double> Shocks;

    /// <summary>P&amp;L of group g, row j at g·Stride + j (zeroed before the launch).</summary>
    public ArrayView<double> Pnl;

    /// <summary>[0]: rows outside the delta band with the hedge, [1]: without it.</summary>
    public ArrayView<long> Breaches;

    public MonteCarloModel Model;

    /// <summary>Draw index of row 0 of this chunk.</summary>
    public long FirstDraw;

    /// <summary>Row of this chunk within the listed shocks.</summary>
    public int FirstRow;

    /// <summary>Row stride of <see cref="Pnl"/> (the chunk's rows).</summary>
    public int Stride;

    /// <summary>Row stride of <see cref="Shocks"/> (every listed row).</summary>
    public int ShockStride;
    public int Generate;
    public int CountBand;
    public double Band, BandScale, Spot, Days;
}

/// <summary>
/// The fused scenario kernel on ILGPU: one thread per draw. The thread generates its draw from Philox4x32-10
/// (<see cref="MonteCarloModel.Draw"/>, the same code as the CPU) or reads its listed shock, prices every leg through
/// the shared <c>ScenarioKernel.Evaluate</c> formula with <see cref="GpuDoubleOps"/>, adds quantity × multiplier ×
/// (price - base) into its group in a register (legs are sorted by group, so one store per group), adds the overlays
/// and, when asked, counts the draw against the delta band with one atomic per breach. Draws never leave the device;
/// only the per-draw group P&amp;L and the two counts come back.
/// </summary>
internal static class ScenarioKernels
{
    public static void Run(Index1D index, ScenarioViews v)
    {
        int j = index;
        double sf, ls, vf, lv, dv, sk, vv, dr;
        if (v.Generate != 0)
        {
            v.Model.Uniforms(v.FirstDraw + j, out double u0, out double u1, out double u2, out double u3, out double u4, out double u5, out double u6, out double u7, out double u8);
            v.Model.Shocks<double, bool, GpuDoubleOps>(u0, u1, u2, u3, u4, u5, u6, u7, u8, out double spot, out _, out dv, out sk, out double vix, out dr);
            ShockColumns.Factors<double, bool, GpuDoubleOps>(spot, vix, out sf, out ls, out vf, out lv);
            vv = v.Model.VixOptionVolPerFutureMove * vix;
        }
        else
        {
            int r = v.FirstRow + j;
            long s = v.ShockStride;
            sf = v.Shocks[r];
            ls = v.Shocks[s + r];
            dv = v.Shocks[(2 * s) + r];
            sk = v.Shocks[(3 * s) + r];
            vf = v.Shocks[(4 * s) + r];
            lv = v.Shocks[(5 * s) + r];
            vv = v.Shocks[(6 * s) + r];
            dr = v.Shocks[(7 * s) + r];
        }

        bool wantDelta = v.CountBand != 0;
        double all = 0.0, noHedge = 0.0, acc = 0.0;
        int g = -1;
        long stride = v.Stride;
        for (int l = 0; l < (int)v.Legs.Length; l++)
        {
            LegConst c = v.Legs[l];
            double px = ScenarioKernel.Evaluate<double, bool, GpuDoubleOps>(in c, sf, ls, dv, sk, vf, lv, vv, dr, wantDelta, out double dl);
            int gl = v.Group[l];
            if (gl != g)
            {
                if (g >= 0) v.Pnl[(g * stride) + j] += acc;
                g = gl;
                acc = 0.0;
            }

            acc += c.Weight * (px - c.Base);
            if (wantDelta)
            {
                double wd = c.Weight * dl;
                all += wd;
                if (v.HedgeLeg[l] == 0) noHedge += wd;
            }
        }

        if (g >= 0) v.Pnl[(g * stride) + j] += acc;
        double dS = v.Spot * (sf - 1.0);
        for (int o = 0; o < (int)v.Overlays.Length; o++)
        {
            OverlayConst ov = v.Overlays[o];
            v.Pnl[(ov.Group * stride) + j] += (ov.Delta * dS) + (0.5 * ov.Gamma * dS * dS) + (ov.Vega * dv * 100.0) + (ov.ThetaPerDay * v.Days) + (ov.Rho * dr * 100.0);
            if (wantDelta)
            {
                double od = ov.Delta + (ov.Gamma * dS);
                all += od;
                if (ov.Hedge == 0) noHedge += od;
            }
        }

        if (wantDelta)
        {
            if (Math.Abs(all * v.BandScale) > v.Band) Atomic.Add(ref v.Breaches[0], 1L);
            if (Math.Abs(noHedge * v.BandScale) > v.Band) Atomic.Add(ref v.Breaches[1], 1L);
        }
    }
}
