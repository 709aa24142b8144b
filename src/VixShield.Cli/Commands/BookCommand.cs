using System.CommandLine;
using VixShield.Cli.Infrastructure;
using VixShield.Cli.Plots;
using VixShield.Compute;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Json;
using VixShield.Compute.Book.Rules;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Signals;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield book --book book.json --market market.json [--series closes.csv] [--days N] [--json]</c>
/// (or <c>--sample</c> for the built-in ladder): values the ALVH book in one engine batch, computes break-evens,
/// margins and the T+n curve, runs the eight rules and prints the report (or JSON).
/// </summary>
internal static class BookCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var engine = new EngineOptions();
        var book = new Option<string>("--book") { Description = "The book JSON file (schema: kernels-docs/book.md).", HelpName = "book.json" };
        var market = new Option<string>("--market") { Description = "The market JSON file (schema: kernels-docs/book.md).", HelpName = "market.json" };
        var series = new Option<string?>("--series") { Description = "CSV of daily closes (date,spx,vix,vix_future) for the new-layer signals (rule 5).", HelpName = "closes.csv" };
        var days = new Option<double>("--days") { Description = "Calendar days forward of the P&L curve (T+n); 0 is today's curve.", DefaultValueFactory = _ => 0.0 };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON on standard output." };
        var sample = new Option<bool>("--sample") { Description = "Use the built-in sample ladder, market and closes instead of files." };
        var plot = new Option<string?>("--plot") { Description = "Also draw the risk graph (P&L vs SPX at T+0, T+n and the front expiry; break-evens, spot) as a PNG (atomic).", HelpName = "risk.png" };
        var plotLayers = new Option<bool>("--plot-layers") { Description = "Add one thin T+n line per layer to the --plot risk graph." };
        var command = new Command("book", "Value an ALVH book (layers of SPX spreads, VIX hedge, overlays): Greeks per leg/position/layer/book, break-evens, margin, T+n curve and rule findings.");
        command.Add(book);
        command.Add(market);
        command.Add(series);
        command.Add(days);
        command.Add(json);
        command.Add(sample);
        command.Add(plot);
        command.Add(plotLayers);
        engine.AddEngineOnlyTo(command); // float64 valuation: no --precision to ignore
        command.Validators.Add(r =>
        {
            bool s = r.GetValue(sample);
            bool files = r.GetValue(book) is not null || r.GetValue(market) is not null;
            if (s && files) r.AddError("Give either --sample or --book/--market files, not both.");
            else if (!s && (r.GetValue(book) is null || r.GetValue(market) is null)) r.AddError("Give --book book.json and --market market.json (or --sample for the built-in ladder).");
            if (r.GetValue(plotLayers) && r.GetValue(plot) is null) r.AddError("--plot-layers adds layer lines to the risk graph: give --plot risk.png as well.");
        });
        command.SetAction(async (parse, ct) =>
        {
            IGreeksEngine greeks = engine.CreateEngine(parse, context);
            double n = parse.GetValue(days);
            if (!(n >= 0) || !double.IsFinite(n)) throw new CliUserException($"--days must be a non-negative number of calendar days, not {n}.", ExitCodes.UsageError);
            AlvhBook b;
            MarketSnapshot m;
            DailyCloses? c;
            if (parse.GetValue(sample))
            {
                (b, m, c) = (SampleBook.Create(), SampleMarket.Create(), SampleCloses.Create());
            }
            else
            {
                b = ReadBook(parse.GetValue(book)!);
                m = ReadMarket(parse.GetValue(market)!);
                c = parse.GetValue(series) is string path ? ReadCloses(path) : null;
            }

            RuleReport report = Analyze(context, greeks, b, m, c, n, ct);
            if (parse.GetValue(plot) is string png)
            {
                await Charts.WriteAsync(png, RiskGraph(context, greeks, b, m, report, parse.GetValue(plotLayers), ct), ct).ConfigureAwait(false);
            }

            return Write(context, report, parse.GetValue(json));
        });
        return command;
    }

    /// <summary>Runs the built-in sample ladder and prints its report (what <c>vixshield demo</c> shows).</summary>
    public static int RunSample(CliContext context, IGreeksEngine engine, CancellationToken cancellationToken) =>
        Run(context, engine, SampleBook.Create(), SampleMarket.Create(), SampleCloses.Create(), 0.0, json: false, cancellationToken);

    /// <summary>Values the book, runs the rules and writes the report.</summary>
    public static int Run(CliContext context, IGreeksEngine engine, AlvhBook book, MarketSnapshot market, DailyCloses? closes, double days, bool json, CancellationToken cancellationToken) =>
        Write(context, Analyze(context, engine, book, market, closes, days, cancellationToken), json);

    private static RuleReport Analyze(CliContext context, IGreeksEngine engine, AlvhBook book, MarketSnapshot market, DailyCloses? closes, double days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var valuator = new BookValuator(engine, context.LoggerFactory);
            return new RuleEngine(valuator, null, context.LoggerFactory).Run(book, market, closes, new PnlCurveSettings { DaysForward = days }, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new CliUserException(e.Message, e);
        }
    }

    private static int Write(CliContext context, RuleReport report, bool json)
    {
        if (json) context.Out.WriteLine(BookReportJson.Write(report));
        else BookReportRenderer.Render(context, report);
        return report.Valuation.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.InputError;
    }

    /// <summary>
    /// The risk graph's data: the report's T+n curve plus T+0 and the front-expiry curve from the same analyzer
    /// (same spot grid), break-evens at the front expiry, and spot.
    /// </summary>
    internal static byte[] RiskGraph(CliContext context, IGreeksEngine engine, AlvhBook book, MarketSnapshot market, RuleReport report, bool layers, CancellationToken cancellationToken)
    {
        BookRisk risk = report.Risk;
        var analyzer = new BookRiskAnalyzer(new BookValuator(engine, context.LoggerFactory));
        BookRisk Curve(double d) => d == risk.Settings.DaysForward ? risk : analyzer.Analyze(book, market, risk.Settings with { DaysForward = d }, cancellationToken);
        var lines = new List<ChartLine>();
        if (risk.Settings.DaysForward != 0) lines.Add(new ChartLine("T+0", Curve(0).Curve.Pnl));
        lines.Add(new ChartLine($"T+{risk.Settings.DaysForward:0.##}", risk.Curve.Pnl));
        if (BookRiskAnalyzer.FrontExpiryDays(book, market) is double front && front != risk.Settings.DaysForward) lines.Add(new ChartLine($"front expiry (T+{front:0.#})", Curve(front).Curve.Pnl));
        if (layers)
        {
            foreach (LayerRisk l in risk.Layers) lines.Add(new ChartLine(l.Name, l.Curve.Pnl, Thin: true));
        }

        IReadOnlyList<double> breakEvens = risk.AtExpiry?.Underlying == "SPX" ? risk.AtExpiry.BreakEvens : risk.Curve.BreakEvens;
        return Charts.RiskGraph(risk.Curve.Spots, lines, breakEvens, market.SpxSpot, "ALVH book: P&L vs SPX");
    }

    private static AlvhBook ReadBook(string path)
    {
        try
        {
            return BookJson.ReadBookFile(path);
        }
        catch (BookFileException e)
        {
            throw CliUserException.At(path, e.Line ?? 0, string.IsNullOrEmpty(e.JsonPath) ? null : e.JsonPath, e.Problem, e);
        }
    }

    private static MarketSnapshot ReadMarket(string path)
    {
        try
        {
            return BookJson.ReadMarketFile(path);
        }
        catch (BookFileException e)
        {
            throw CliUserException.At(path, e.Line ?? 0, string.IsNullOrEmpty(e.JsonPath) ? null : e.JsonPath, e.Problem, e);
        }
    }

    private static DailyCloses ReadCloses(string path)
    {
        try
        {
            return DailyCloses.ReadFile(path);
        }
        catch (FormatException e)
        {
            throw new CliUserException(e.Message, e);
        }
    }
}
