namespace VixShield.Compute.Gpu;

/// <summary>The self-check batch: regular rows, both models, short-dated wings, t = 0, vol = 0 and invalid rows.</summary>
internal sealed class SelfCheckData
{
    public OptionKind[] Kind = [];
    public PricingModel[] Model = [];
    public double[] S = [], K = [], T = [], V = [], R = [], Q = [];
    public float[] S32 = [], K32 = [], T32 = [], V32 = [], R32 = [], Q32 = [];

    public OptionBatch<double> Batch64 => new(Kind, S, K, T, V, R, Q, Model);

    public OptionBatch<float> Batch32 => new(Kind, S32, K32, T32, V32, R32, Q32, Model);

    public static SelfCheckData Create()
    {
        var rows = new List<(OptionKind, PricingModel, double, double, double, double, double, double)>();
        double[] strikes = [60, 80, 95, 100, 105, 120, 160];
        double[] times = [1.0 / 365, 7.0 / 365, 0.25, 1.0, 3.0];
        foreach (double t in times)
        {
            foreach (double k in strikes)
            {
                rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, k, t, 0.2, 0.04, 0.015));
                rows.Add((OptionKind.Put, PricingModel.BlackScholesMerton, 100, k, t, 0.35, 0.04, 0.015));
                rows.Add((OptionKind.Call, PricingModel.Black76, 18, k * 0.2, t, 0.9, 0.04, 0));
            }
        }

        rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, 0, 0.2, 0.04, 0));     // t = 0 ATM
        rows.Add((OptionKind.Put, PricingModel.BlackScholesMerton, 100, 110, 0, 0.2, 0.04, 0));      // t = 0 ITM
        rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, 90, 0.5, 0, 0.04, 0.01));   // vol = 0
        rows.Add((OptionKind.Put, PricingModel.Black76, 20, 20, 0.1, 0, 0.03, 0));                   // vol = 0, F = K
        rows.Add((OptionKind.Put, PricingModel.BlackScholesMerton, 4500, 3000, 2.0 / 365, 0.6, 0.05, 0.013)); // far wing
        rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, 0.5, double.NaN, 0.04, 0)); // invalid vol
        rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, -5, 0.5, 0.2, 0.04, 0));   // invalid strike
        rows.Add(((OptionKind)0, PricingModel.BlackScholesMerton, 100, 100, 0.5, 0.2, 0.04, 0));    // invalid kind
        rows.Add((OptionKind.Call, (PricingModel)7, 100, 100, 0.5, 0.2, 0.04, 0));                  // invalid model
        rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, -1, 0.2, 0.04, 0));   // invalid time
        rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, 0.5, 0.2, double.PositiveInfinity, 0)); // invalid rate
        rows.Add((OptionKind.Call, PricingModel.BlackScholesMerton, 100, 100, 0.5, 0.2, 0.04, double.NaN)); // invalid dividend

        var d = new SelfCheckData
        {
            Kind = rows.Select(r => r.Item1).ToArray(),
            Model = rows.Select(r => r.Item2).ToArray(),
            S = rows.Select(r => r.Item3).ToArray(),
            K = rows.Select(r => r.Item4).ToArray(),
            T = rows.Select(r => r.Item5).ToArray(),
            V = rows.Select(r => r.Item6).ToArray(),
            R = rows.Select(r => r.Item7).ToArray(),
            Q = rows.Select(r => r.Item8).ToArray(),
        };
        d.S32 = d.S.Select(x => (float)x).ToArray();
        d.K32 = d.K.Select(x => (float)x).ToArray();
        d.T32 = d.T.Select(x => (float)x).ToArray();
        d.V32 = d.V.Select(x => (float)x).ToArray();
        d.R32 = d.R.Select(x => (float)x).ToArray();
        d.Q32 = d.Q.Select(x => (float)x).ToArray();
        return d;
    }
}
