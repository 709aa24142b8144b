using System.Globalization;
using Spectre.Console;
using VixShield.Cli.Infrastructure;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Rules;

namespace VixShield.Cli.Commands;

/// <summary>Prints a <see cref="RuleReport"/> with Spectre.Console: layers, positions, totals, break-evens, vega buckets and rule findings.</summary>
internal static class BookReportRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the report to <see cref="CliContext.Out"/>.</summary>
    public static void Render(CliContext context, RuleReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        IAnsiConsole console = CliConsole.Create(context, 180);
        BookValuation v = report.Valuation;
        BookRisk risk = report.Risk;
        MarketSnapshot m = v.Market;
        console.MarkupLine($"[bold]{Markup.Escape(v.Book.Name)}[/]: valued {TimeText.Instant(m.ValuationTime)}, SPX {m.SpxSpot.ToString("F2", Inv)}, " +
            $"VIX beta {m.SpxVixBeta.ToString("0.##", Inv)}; engine [bold]{Markup.Escape(v.Engine.Engine)}[/], {v.Engine.Count} option rows in one batch.");

        var layers = new Table().Border(TableBorder.Rounded).Title("Layers (dollars; Δ per SPX point, vega per vol point, theta per day, rho per 1 %)");
        foreach (string c in new[] { "Layer", "Role", "Units", "P&L", "Theta/day", "β-wtd Δ", "Gamma", "Net vega", "Rho", "Margin", "Expiry break-evens", "T+n break-evens", "Dist. BE" })
        {
            layers.AddColumn(new TableColumn(c).RightAligned());
        }

        for (int i = 0; i < v.Layers.Count; i++)
        {
            LayerValuation l = v.Layers[i];
            LayerRisk r = risk.Layers[i];
            string role = l.Layer.Role switch
            {
                LayerRole.Hedge => l.Included ? "hedge [green]on[/]" : "hedge [grey]off[/]",
                LayerRole.Overlay => "overlay",
                _ => "premium",
            };
            string name = l.Included ? Markup.Escape(l.Layer.Name) : $"[grey]{Markup.Escape(l.Layer.Name)}[/]";
            layers.AddRow(name, role, N(l.Layer.SpreadUnits, "0.##"), Money(l.Totals.PnL), Money(l.Totals.ThetaPerDay), Money(l.Totals.BetaWeightedDelta),
                N(l.Totals.SpxGamma, "0.00"), Money(l.Totals.NetVega), Money(l.Totals.Rho), Money(r.Margin),
                Levels(r.AtExpiry?.BreakEvens, r.AtExpiry?.Underlying), Levels(r.Curve.BreakEvens, "SPX"),
                double.IsNaN(r.DistanceToBreakEven) ? "" : r.DistanceToBreakEven.ToString("P2", Inv));
        }

        GreekTotals t = v.Totals;
        layers.AddEmptyRow();
        layers.AddRow("[bold]Book[/]", "included", N(v.PremiumUnits, "0.##"), Bold(Money(t.PnL)), Bold(Money(t.ThetaPerDay)), Bold(Money(t.BetaWeightedDelta)),
            Bold(N(t.SpxGamma, "0.00")), Bold(Money(t.NetVega)), Bold(Money(t.Rho)), Bold(Money(risk.Margin)),
            Levels(risk.AtExpiry?.BreakEvens, risk.AtExpiry?.Underlying), Levels(risk.Curve.BreakEvens, "SPX"), "");
        layers.Caption = new TableTitle($"Excluded (grey) hedge layers are valued but not in the totals. T+{risk.Settings.DaysForward.ToString("0.##", Inv)} curve over ±{risk.Settings.SpotRange.ToString("P0", Inv)}; " +
            "expiry break-evens of mixed-expiry layers are read from the engine curve at the front expiry.");
        console.Write(layers);

        var positions = new Table().Border(TableBorder.Simple).Title("Positions");
        foreach (string c in new[] { "Layer", "Position", "Value", "P&L", "Theta/day", "SPX Δ", "VIX Δ", "Max profit", "Max loss", "Margin", "Break-evens at expiry" })
        {
            positions.AddColumn(new TableColumn(c).RightAligned());
        }

        for (int i = 0; i < v.Layers.Count; i++)
        {
            for (int p = 0; p < v.Layers[i].Positions.Count; p++)
            {
                PositionValuation pv = v.Layers[i].Positions[p];
                ExpiryRisk? e = risk.Layers[i].Positions[p].AtExpiry;
                positions.AddRow(Markup.Escape(v.Layers[i].Layer.Name), Markup.Escape(pv.Position.Name), Money(pv.Totals.MarketValue), Money(pv.Totals.PnL),
                    Money(pv.Totals.ThetaPerDay), Money(pv.Totals.SpxDelta), Money(pv.Totals.VixDelta),
                    e is null ? "" : Money(e.MaxProfit), e is null ? "" : Money(e.MaxLoss), e is null ? "user Greeks" : e.DefinedRisk ? Money(e.Margin) : "[yellow]undefined risk[/]",
                    Levels(e?.BreakEvens, e?.Underlying));
            }
        }

        console.Write(positions);

        string band = double.IsNaN(v.NormalisedDelta) ? "n/a" : v.NormalisedDelta.ToString("+0.000;-0.000", Inv);
        console.MarkupLine($"Normalised delta [bold]{band}[/] per spread unit ({v.PremiumUnits.ToString("0.##", Inv)} units); gamma {v.NormalisedGammaPerPercent.ToString("+0.000;-0.000", Inv)} per 1 % SPX move; " +
            $"net vega {Money(t.NetVega)} ({(t.NetVega < 0 ? "short" : "long")} vol); theta {Money(t.ThetaPerDay)}/day on margin {Money(risk.Margin)}.");
        if (v.VegaBuckets.Count > 0)
        {
            console.MarkupLine("Vega by expiry: " + string.Join(", ", v.VegaBuckets.Select(b =>
                $"{b.Underlying} {b.Expiry.Date.ToString("MM-dd", Inv)} ({b.DaysToExpiry.ToString("0.#", Inv)} d) {Money(b.Vega)}")));
        }

        var findings = new Table().Border(TableBorder.Rounded).Title("Rule findings");
        findings.AddColumn("Rule");
        findings.AddColumn("");
        findings.AddColumn(new TableColumn("Finding").Width(90));
        findings.AddColumn(new TableColumn("Proposed action").Width(50));
        foreach (RuleFinding f in report.Findings)
        {
            findings.AddRow(Markup.Escape(f.RuleName), f.Triggered ? "[yellow]![/]" : "[green]ok[/]", Markup.Escape(f.Message), f.Action is null ? "" : Markup.Escape(f.Action.Description));
        }

        console.Write(findings);
        foreach (string problem in v.Problems) console.MarkupLine($"[red]problem[/]: {Markup.Escape(problem)}");
    }

    private static string Bold(string s) => $"[bold]{s}[/]";

    private static string N(double x, string format) => double.IsNaN(x) ? "" : x.ToString(format, Inv);

    private static string Money(double x) => double.IsNaN(x) ? "n/a" : double.IsPositiveInfinity(x) ? "unbounded" : double.IsNegativeInfinity(x) ? "-unbounded" : x.ToString("#,0;-#,0;0", Inv);

    private static string Levels(IReadOnlyList<double>? xs, string? underlying) =>
        xs is null || xs.Count == 0 ? "" : (underlying == "VIX" ? "VIX " : "") + string.Join(" / ", xs.Select(x => x.ToString(underlying == "VIX" ? "0.00" : "0.0", Inv)));

}
