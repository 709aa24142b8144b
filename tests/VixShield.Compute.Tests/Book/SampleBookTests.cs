using VixShield.Compute.Book;
using VixShield.Compute.Book.Rules;
using VixShield.Compute.Book.Samples;
using Xunit;
using Xunit.Abstractions;

namespace VixShield.Compute.Tests.Book;

public class SampleBookTests(ITestOutputHelper output)
{
    [Fact]
    public void SampleBookEndToEnd()
    {
        var book = SampleBook.Create();
        var market = SampleMarket.Create();
        var report = new RuleEngine(BookFixtures.Valuator()).Run(book, market, SampleCloses.Create());
        var v = report.Valuation;
        output.WriteLine($"nd {v.NormalisedDelta} gamma {v.NormalisedGammaPerPercent} theta {v.Totals.ThetaPerDay} vega {v.Totals.NetVega} pnl {v.Totals.PnL} margin {report.Risk.Margin}");
        foreach (var l in report.Risk.Layers) output.WriteLine($"{l.Name} be {string.Join(",", l.AtExpiry?.BreakEvens ?? [])} dist {l.DistanceToBreakEven} margin {l.Margin} curve {string.Join(",", l.Curve.BreakEvens)}");
        foreach (var l in v.Layers) output.WriteLine($"{l.Layer.Name} pnl {l.Totals.PnL} theta {l.Totals.ThetaPerDay} bwd {l.Totals.BetaWeightedDelta} vega {l.Totals.NetVega}");
        foreach (var f in report.Findings) output.WriteLine($"{f.RuleName} {f.Triggered} {f.Message}");
        Assert.Empty(v.Problems);
    }
}
