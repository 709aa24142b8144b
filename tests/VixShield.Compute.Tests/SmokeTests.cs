using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests;

public class SmokeTests
{
    [Fact]
    public void HaugFirstRowCallPrice()
    {
        // Haug p.2: call S=60 K=65 t=0.25 r=0.08 q=0 vol=0.30 -> 2.1334 (QuantLib 1.29: 2.1333684449161985)
        var engine = new ScalarGreeksEngine();
        var buf = new GreeksBuffer<double>(1, Greek.All);
        engine.Compute(new OptionBatch<double>([OptionKind.Call], [60.0], [65.0], [0.25], [0.30], [0.08], [0.0]), buf.AsOutput(1));
        Assert.Equal(OptionStatus.Ok, buf.Status[0]);
        Assert.Equal(2.1333684449161985, buf[Greek.Price][0], 1e-13);
    }
}
