using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Engines;
using VixShield.Compute.Samples;
using VixShield.Compute.Units;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield demo [--engine ...] [--precision ...]</c>: prices the built-in SPX strike x expiry grid
/// (<see cref="SampleGrids.Spx"/>) with the best available engine and prints a summary table per expiry.
/// </summary>
internal static class DemoCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var engine = new EngineOptions();
        var command = new Command(
            "demo",
            "Price a built-in SPX grid (spot 5900, r 4.3 %, q 1.3 %, strikes 5000-6800 every 25, expiries 7-90 days, skewed vols) and print a summary, " +
            "then value the built-in ALVH sample ladder (premium layers plus a VIX call hedge) and print its report and rule findings.");
        engine.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            IGreeksEngine greeks = engine.CreateEngine(parse, context);
            int gridExit = Run(context, greeks, engine.GetPrecision(parse), ct);
            if (gridExit != ExitCodes.Success) return Task.FromResult(gridExit);

            // The main job: the built-in ALVH ladder (iron condors and broken-wing butterflies 7-21 DTE plus a
            // VIX call hedge) valued through the same engine, with break-evens and the rule findings.
            context.Out.WriteLine();
            return Task.FromResult(BookCommand.RunSample(context, greeks, ct));
        });
        return command;
    }

    /// <summary>Prices the grid and writes the table to <see cref="CliContext.Out"/>.</summary>
    internal static int Run(CliContext context, IGreeksEngine engine, Precision precision, CancellationToken ct)
    {
        SampleGrid grid = SampleGrids.Spx();
        var output = new GreeksBuffer<double>(grid.Count, Greek.Price | Greek.Delta | Greek.Gamma | Greek.Vega | Greek.Theta);
        var clock = Stopwatch.StartNew();
        ComputeResult result = PrecisionRunner.Compute(engine, grid.AsBatch(), output, precision, ct);
        double ms = clock.Elapsed.TotalMilliseconds;
        ct.ThrowIfCancellationRequested();

        IAnsiConsole console = CliConsole.Create(context, 160);
        SampleMarket m = grid.Market;
        console.MarkupLine(
            $"[bold]SPX sample grid[/]: spot {m.Spot.ToString("F0", Inv)}, r {(m.Rate * 100).ToString("F2", Inv)} %, q {(m.DividendYield * 100).ToString("F2", Inv)} %, " +
            $"vol 0.16 - 0.25 ln(K/F) (floor 0.08); {grid.Strikes.Count} strikes {grid.Strikes[0].ToString("F0", Inv)}-{grid.Strikes[^1].ToString("F0", Inv)} x {grid.ExpiryDays.Count} expiries x call/put = {grid.Count.ToString("N0", Inv)} options");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Expiry").RightAligned())
            .AddColumn(new TableColumn("Forward").RightAligned())
            .AddColumn(new TableColumn("ATM K").RightAligned())
            .AddColumn(new TableColumn("ATM vol").RightAligned())
            .AddColumn(new TableColumn("ATM call").RightAligned())
            .AddColumn(new TableColumn("ATM put").RightAligned())
            .AddColumn(new TableColumn("10Δ put K").RightAligned())
            .AddColumn(new TableColumn("25Δ put K").RightAligned())
            .AddColumn(new TableColumn("25Δ call K").RightAligned())
            .AddColumn(new TableColumn("10Δ call K").RightAligned())
            .AddColumn(new TableColumn("Σ vega/pt").RightAligned())
            .AddColumn(new TableColumn("Σ theta/day").RightAligned())
            .AddColumn(new TableColumn("Σ gamma").RightAligned());

        double totalVega = 0, totalTheta = 0, totalGamma = 0;
        foreach (ExpirySummary s in Summarize(grid, output))
        {
            totalVega += s.VegaPerPoint;
            totalTheta += s.ThetaPerDay;
            totalGamma += s.Gamma;
            table.AddRow(
                $"{s.Days} d",
                s.Forward.ToString("F2", Inv),
                s.AtmStrike.ToString("F0", Inv),
                (s.AtmVol * 100).ToString("F2", Inv) + " %",
                s.AtmCall.ToString("F2", Inv),
                s.AtmPut.ToString("F2", Inv),
                s.Put10.ToString("F0", Inv),
                s.Put25.ToString("F0", Inv),
                s.Call25.ToString("F0", Inv),
                s.Call10.ToString("F0", Inv),
                s.VegaPerPoint.ToString("N1", Inv),
                s.ThetaPerDay.ToString("N1", Inv),
                s.Gamma.ToString("F4", Inv));
        }

        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
            $"[bold]{totalVega.ToString("N1", Inv)}[/]", $"[bold]{totalTheta.ToString("N1", Inv)}[/]", $"[bold]{totalGamma.ToString("F4", Inv)}[/]");
        table.Caption = new TableTitle(
            "ATM = grid strike nearest the forward; 10Δ/25Δ = grid strike whose delta is nearest ±0.10/±0.25; Σ = one long call and one long put per strike; " +
            "vega per vol point, theta per calendar day (desk units), per unit of index (x100 for one SPX contract).");
        console.Write(table);
        string fellBack = result.FellBack ? " (fell back from the requested engine)" : string.Empty;
        console.MarkupLine(
            $"Engine [bold]{Markup.Escape(result.Engine)}[/]{Markup.Escape(fellBack)}: {Markup.Escape(engine.Info.Description)}; precision [bold]{result.Precision.ToString().ToLowerInvariant()}[/]; " +
            $"{result.Count.ToString("N0", Inv)} options, {result.InvalidCount} invalid, {ms.ToString("F1", Inv)} ms.");
        return result.InvalidCount == 0 ? ExitCodes.Success : ExitCodes.InternalError;
    }

    /// <summary>One expiry of the summary.</summary>
    internal sealed record ExpirySummary(
        int Days, double Forward, double AtmStrike, double AtmVol, double AtmCall, double AtmPut,
        double Put10, double Put25, double Call25, double Call10, double VegaPerPoint, double ThetaPerDay, double Gamma);

    /// <summary>Summarizes each expiry of a priced grid (reusable by other commands that print grids).</summary>
    internal static IEnumerable<ExpirySummary> Summarize(SampleGrid grid, GreeksBuffer<double> output)
    {
        double[] price = output[Greek.Price], delta = output[Greek.Delta], vega = output[Greek.Vega], theta = output[Greek.Theta], gamma = output[Greek.Gamma];
        for (int e = 0; e < grid.ExpiryDays.Count; e++)
        {
            int days = grid.ExpiryDays[e];
            double f = grid.Market.Forward(days / 365.0);
            int atm = 0;
            for (int j = 1; j < grid.Strikes.Count; j++)
            {
                if (Math.Abs(grid.Strikes[j] - f) < Math.Abs(grid.Strikes[atm] - f)) atm = j;
            }

            double sumVega = 0, sumTheta = 0, sumGamma = 0;
            for (int j = 0; j < grid.Strikes.Count; j++)
            {
                foreach (OptionKind kind in (ReadOnlySpan<OptionKind>)[OptionKind.Call, OptionKind.Put])
                {
                    int row = grid.RowOf(e, j, kind);
                    sumVega += DeskUnits.VegaPerVolPoint(vega[row]);
                    sumTheta += DeskUnits.ThetaPerCalendarDay(theta[row]);
                    sumGamma += gamma[row];
                }
            }

            int atmCall = grid.RowOf(e, atm, OptionKind.Call);
            yield return new ExpirySummary(
                days, f, grid.Strikes[atm], grid.Vol[atmCall], price[atmCall], price[grid.RowOf(e, atm, OptionKind.Put)],
                StrikeNearestDelta(grid, delta, e, OptionKind.Put, -0.10), StrikeNearestDelta(grid, delta, e, OptionKind.Put, -0.25),
                StrikeNearestDelta(grid, delta, e, OptionKind.Call, 0.25), StrikeNearestDelta(grid, delta, e, OptionKind.Call, 0.10),
                sumVega, sumTheta, sumGamma);
        }
    }

    private static double StrikeNearestDelta(SampleGrid grid, double[] delta, int expiry, OptionKind kind, double target)
    {
        int best = 0;
        for (int j = 1; j < grid.Strikes.Count; j++)
        {
            if (Math.Abs(delta[grid.RowOf(expiry, j, kind)] - target) < Math.Abs(delta[grid.RowOf(expiry, best, kind)] - target)) best = j;
        }

        return grid.Strikes[best];
    }

}
