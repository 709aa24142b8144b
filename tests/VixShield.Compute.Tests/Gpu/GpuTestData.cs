using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>Shared ILGPU CPU-accelerator engine (compiling kernels costs seconds: do it once per test run).</summary>
public static class GpuTestEngines
{
    private static readonly Lazy<IlgpuGreeksEngine> Shared = new(() =>
        GpuAcceleratorProvider.CreateCpuAcceleratorEngine(new ScalarGreeksEngine(), maxChunkRows: 64));

    /// <summary>CPU-accelerator engine with 64-row chunks, so that small batches already run several pipelined chunks.</summary>
    public static IlgpuGreeksEngine IlgpuCpu => Shared.Value;
}

/// <summary>Deterministic batches with every kind of row.</summary>
public sealed class Rows
{
    public OptionKind[] Kind = [];
    public PricingModel[] Model = [];
    public double[] S = [], K = [], T = [], V = [], R = [], Q = [];

    public OptionBatch<double> Batch => new(Kind, S, K, T, V, R, Q, Model);

    public OptionBatch<float> Batch32 => new(Kind, F(S), F(K), F(T), F(V), F(R), F(Q), Model);

    public int Count => Kind.Length;

    public static float[] F(double[] a) => a.Select(x => (float)x).ToArray();

    /// <summary>n rows: regular BSM and Black-76 rows over wide moneyness and 1 day..5 years, with every 17th row an edge case.</summary>
    public static Rows Make(int n, int seed = 7)
    {
        var rng = new Random(seed);
        var r = new Rows
        {
            Kind = new OptionKind[n], Model = new PricingModel[n], S = new double[n], K = new double[n], T = new double[n],
            V = new double[n], R = new double[n], Q = new double[n],
        };
        for (int i = 0; i < n; i++)
        {
            r.Kind[i] = rng.Next(2) == 0 ? OptionKind.Call : OptionKind.Put;
            r.Model[i] = rng.Next(4) == 0 ? PricingModel.Black76 : PricingModel.BlackScholesMerton;
            r.S[i] = 50 + (rng.NextDouble() * 4950);
            r.K[i] = r.S[i] * Math.Exp((rng.NextDouble() - 0.5) * 1.2);
            r.T[i] = Math.Exp(Math.Log(1.0 / 365) + (rng.NextDouble() * Math.Log(5 * 365)));
            r.V[i] = 0.05 + (rng.NextDouble() * 1.2);
            r.R[i] = (rng.NextDouble() * 0.08) - 0.01;
            r.Q[i] = rng.NextDouble() * 0.04;
            switch (i % 17)
            {
                case 3: r.T[i] = 0; break;
                case 5: r.V[i] = 0; break;
                case 7: r.V[i] = double.NaN; break;
                case 9: r.K[i] = -1; break;
                case 11: r.Kind[i] = (OptionKind)0; break;
                case 13: r.T[i] = -0.5; break;
                case 15: r.K[i] = r.S[i]; r.T[i] = 0; break;
                default: break;
            }
        }

        return r;
    }
}
