using VixShield.Compute.Kernels;
using VixShield.Compute.Units;
using Xunit;

namespace VixShield.Compute.Tests.Simd;

/// <summary>The table of outputs (GreekInfo) is the one list: flags, indices, field order, needs and unit factors agree.</summary>
public class GreekTableTests
{
    [Fact]
    public void TableIndexIsTheBitAndTheFieldOrder()
    {
        Assert.Equal(GreekInfo.Count, GreekInfo.Descriptors.Length);
        GreekValues<double> g = default;
        for (int i = 0; i < GreekInfo.Count; i++)
        {
            GreekDescriptor d = GreekInfo.Descriptors[i];
            Assert.Equal(i, d.Index);
            Assert.Equal((Greek)(1u << i), d.Flag);
            Assert.Equal(d.Flag.ToString(), d.Property);
            g[i] = i + 1;
        }

        Assert.Equal(Greek.All, GreekInfo.Descriptors.ToArray().Aggregate(Greek.None, (a, d) => a | d.Flag));
        Assert.Equal(GreekInfo.Count, GreekInfo.Descriptors.ToArray().Select(d => d.Name).Distinct().Count());
        Assert.Equal(1, g.Price);
        Assert.Equal(4, g.Vega);
        Assert.Equal(16, g.DualDelta);
        Assert.Equal(18, g.ItmProbability);
    }

    [Fact]
    public void NeedsMatchTheFormulasIntermediates()
    {
        Assert.Equal(Greek.Price | Greek.Delta | Greek.Theta | Greek.Rho | Greek.Phi | Greek.Charm, GreekInfo.NeedCdfD1);
        Assert.Equal(Greek.Price | Greek.Theta | Greek.Rho | Greek.DualDelta | Greek.ItmProbability, GreekInfo.NeedCdfD2);
        Assert.Equal(Greek.Gamma | Greek.Vega | Greek.Theta | Greek.Vanna | Greek.Volga | Greek.Charm | Greek.Veta | Greek.Speed
            | Greek.Zomma | Greek.Color | Greek.Ultima, GreekInfo.NeedPdf);
        Assert.Equal(Greek.All, GreekInfo.NeedExp);
    }

    [Fact]
    public void DeskFactorsFromTheTable()
    {
        Assert.Equal(0.01, DeskUnits.Factor(Greek.Vega));
        Assert.Equal(0.01 * 0.01 * 0.01, DeskUnits.Factor(Greek.Ultima));
        Assert.Equal(0.01 * (1.0 / 365.0), DeskUnits.Factor(Greek.Veta));
        Assert.Equal(1.0 / 252.0, DeskUnits.Factor(Greek.Theta, ThetaDay.Trading));
        Assert.Equal(0.01, DeskUnits.Factor(Greek.Phi));
        Assert.Equal(1.0, DeskUnits.Factor(Greek.Speed));
        Assert.Throws<ArgumentException>(() => DeskUnits.Factor(Greek.PriceAndFirstOrder));
    }

    [Fact]
    public void SliceAndValidateLoopOverEveryOutput()
    {
        var buf = new GreeksBuffer<double>(10, Greek.All);
        GreeksOutput<double> o = buf.AsOutput(10);
        Assert.Equal(Greek.All, o.Requested);
        GreeksOutput<double> s = o.Slice(2, 5);
        foreach (Greek g in GreekInfo.All) Assert.Equal(5, s.Get(g).Length);
        var ex = Assert.Throws<ArgumentException>(() => buf.AsOutput(10).With(Greek.Color, new double[3]).Validate(10));
        Assert.Contains("'Color'", ex.Message);
    }
}
