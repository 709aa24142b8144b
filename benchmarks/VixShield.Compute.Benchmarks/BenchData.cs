namespace VixShield.Compute.Benchmarks;

/// <summary>A deterministic SPX-like batch (short-dated smiles, calls and puts, 1 day .. 1 year) in float64 and float32,
/// with output arrays for every Greek.</summary>
public sealed class BenchData
{
    public BenchData(int n, Greek greeks)
    {
        Count = n;
        var rng = new Random(42);
        Kind = new OptionKind[n];
        S = new double[n]; K = new double[n]; T = new double[n]; Vol = new double[n]; R = new double[n]; Q = new double[n];
        for (int i = 0; i < n; i++)
        {
            Kind[i] = (i & 1) == 0 ? OptionKind.Call : OptionKind.Put;
            S[i] = 5000;
            T[i] = (1 + rng.Next(365)) / 365.0;
            Vol[i] = 0.10 + (rng.NextDouble() * 0.30);
            K[i] = S[i] * Math.Exp(Vol[i] * Math.Sqrt(T[i]) * ((rng.NextDouble() * 6) - 3)); // +-3 sd
            R[i] = 0.043;
            Q[i] = 0.013;
        }

        Sf = F(S); Kf = F(K); Tf = F(T); Volf = F(Vol); Rf = F(R); Qf = F(Q);
        Out64 = new GreeksBuffer<double>(n, greeks);
        Out32 = new GreeksBuffer<float>(n, greeks);
        OutPrice = new double[n]; OutDelta = new double[n]; OutGamma = new double[n]; OutVega = new double[n]; OutTheta = new double[n];
        OutRho = new double[n]; OutPhi = new double[n]; OutVanna = new double[n]; OutVolga = new double[n]; OutCharm = new double[n];
        OutVeta = new double[n]; OutSpeed = new double[n]; OutZomma = new double[n]; OutColor = new double[n]; OutUltima = new double[n];
        OutDualDelta = new double[n]; OutDualGamma = new double[n]; OutItm = new double[n];
    }

    public int Count { get; }

    public OptionKind[] Kind;
    public double[] S, K, T, Vol, R, Q;
    public float[] Sf, Kf, Tf, Volf, Rf, Qf;
    public GreeksBuffer<double> Out64;
    public GreeksBuffer<float> Out32;
    public double[] OutPrice, OutDelta, OutGamma, OutVega, OutTheta, OutRho, OutPhi, OutVanna, OutVolga, OutCharm, OutVeta,
        OutSpeed, OutZomma, OutColor, OutUltima, OutDualDelta, OutDualGamma, OutItm;

    public OptionBatch<double> Batch64 => new(Kind, S, K, T, Vol, R, Q);

    public OptionBatch<float> Batch32 => new(Kind, Sf, Kf, Tf, Volf, Rf, Qf);

    private static float[] F(double[] a) => Array.ConvertAll(a, x => (float)x);
}
