using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Book;
using VixShield.Compute.Scenarios;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield montecarlo --book book.json --market market.json --draws N --seed S [--horizon D] [--json]</c> (or <c>--sample</c>):
/// N joint draws of SPX return, vol, skew and VIX futures (kernels-docs/scenarios.md), each a full revaluation of the book;
/// P&amp;L quantiles, VaR and ES at 95/99 %, each layer's component ES, with and without the hedge layers.
/// </summary>
internal static class MonteCarloCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var engine = new EngineOptions();
        var inputs = new ScenarioInputOptions();
        var draws = new Option<int>("--draws") { Description = "Number of joint draws (each a full revaluation of the book).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the Philox4x32-10 counter-based generator (same seed, same draws on any machine, engine or thread count).", DefaultValueFactory = _ => 42 };
        var horizon = new Option<double>("--horizon") { Description = "Horizon in calendar days (the book also ages by it).", DefaultValueFactory = _ => 1.0 };
        var pnlOut = new Option<string?>("--pnl-out") { Description = "Also write every draw (shocks, book P&L with and without hedge, each layer's P&L) as CSV to this file.", HelpName = "draws.csv" };
        var plot = new Option<string?>("--plot") { Description = "Also draw the P&L histogram (hedge on vs off, VaR/ES 95/99 marked) as a PNG (atomic).", HelpName = "hist.png" };
        var command = new Command("montecarlo", "Monte Carlo vol-shock scenarios of an ALVH book: joint SPX/vol/skew/VIX draws (fat tails, jumps), P&L distribution, VaR, ES, layer shares, hedge effect.");
        command.Add(draws);
        command.Add(seed);
        command.Add(horizon);
        command.Add(pnlOut);
        command.Add(plot);
        inputs.AddTo(command);
        engine.AddEngineOnlyTo(command); // float64 valuation: no --precision to ignore
        var cluster = new ScenarioClusterOptions();
        cluster.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            cluster.Check(parse, engine.EngineOption);
            int n = parse.GetValue(draws);
            if (n <= 0) throw new CliUserException($"--draws must be a positive number of draws, not {n}.", ExitCodes.UsageError);
            double h = parse.GetValue(horizon);
            if (!(h >= 0) || !double.IsFinite(h)) throw new CliUserException($"--horizon must be a non-negative number of calendar days, not {h}.", ExitCodes.UsageError);
            bool clustered = cluster.IsClient(parse);
            using ScenarioEngineChoice? choice = clustered ? null : ScenarioConsole.RunOptions(engine.GetPreference(parse), context);
            (AlvhBook b, MarketSnapshot m) = inputs.Load(parse);
            var settings = new MonteCarloSettings { Draws = n, Seed = parse.GetValue(seed), HorizonDays = h };
            try
            {
                VolShockMonteCarlo.RequireMemory(n, b.Layers.Count, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
            }
            catch (ArgumentException e)
            {
                throw new CliUserException($"--draws: {e.Message}", e, ExitCodes.UsageError);
            }

            bool json = parse.GetValue(inputs.Json);
            MonteCarloResult result;
            try
            {
                settings.Validate();
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                PricedBook priced = PricedBook.Resolve(b, m, inputs.GetDynamics(parse));
                if (choice is not null)
                {
                    result = ScenarioConsole.WithProgress(context, json, $"Monte Carlo: {n} draws", p => VolShockMonteCarlo.Run(priced, settings, choice.Options, p, ct));
                    ScenarioConsole.LogTiming(context, "montecarlo", priced, n, "the " + choice.Options.Describe() + " scenario kernel", start);
                }
                else
                {
                    result = await cluster.RunAsync(context, parse, runner => Task.FromResult(ScenarioConsole.WithProgress(context, json, $"Monte Carlo: {n} draws on the cluster (shards done)",
                        p => runner.MonteCarloAsync(priced, settings, p, ct).GetAwaiter().GetResult())), ct).ConfigureAwait(false);
                    ScenarioConsole.LogTiming(context, "montecarlo", priced, n, "the cluster (each silo's own engine)", start);
                }
            }
            catch (ArgumentException e)
            {
                throw new CliUserException(e.Message, e);
            }

            if (parse.GetValue(pnlOut) is string path)
            {
                await OutputTarget.WriteAsync(context, path, (w, c) => WriteCsvAsync(w, result, c), ct).ConfigureAwait(false);
            }

            if (parse.GetValue(plot) is string png) await Plots.ScenarioPlots.MonteCarloHistogramAsync(png, result, ct).ConfigureAwait(false);
            if (json) context.Out.WriteLine(ToJson(result, m));
            else Render(context, result, m);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliContext context, MonteCarloResult r, MarketSnapshot market)
    {
        IAnsiConsole console = ScenarioConsole.Create(context);
        MonteCarloSettings s = r.Settings;
        AlvhBook book = r.Pnl.Book;
        console.MarkupLine($"[bold]{Markup.Escape(book.Name)}[/]: {s.Draws} Monte Carlo draws (seed {s.Seed}), horizon {s.HorizonDays.ToString("0.##", Inv)} day(s), " +
            $"each a full revaluation from SPX {market.SpxSpot.ToString("F2", Inv)}. Student-t ν = {s.StudentTDegreesOfFreedom.ToString("0.##", Inv)}, " +
            $"jumps {s.JumpIntensity.ToString("0.##", Inv)}/yr of {s.JumpMean.ToString("P0", Inv)} ± {s.JumpStdDev.ToString("P0", Inv)}, spot-vol ρ {s.SpotVolCorrelation.ToString("0.##", Inv)}, SPX-VIX β {market.SpxVixBeta.ToString("0.##", Inv)}.");

        var dist = new Table().Border(TableBorder.Rounded).Title("Book P&L distribution (dollars, change from the base market)");
        dist.AddColumn("Measure");
        dist.AddColumn(new TableColumn("Without hedge").RightAligned());
        dist.AddColumn(new TableColumn("With hedge").RightAligned());
        dist.AddColumn(new TableColumn("Hedge effect").RightAligned());
        void Row(string name, double without, double with) =>
            dist.AddRow(name, ScenarioConsole.Money(without), ScenarioConsole.Money(with), ScenarioConsole.Money(with - without));
        Row("Mean", r.WithoutHedge.Mean, r.WithHedge.Mean);
        Row("Std dev", r.WithoutHedge.StdDev, r.WithHedge.StdDev);
        dist.AddRow($"Draws outside ±{s.DeltaBand.ToString("0.00", Inv)} delta band at horizon", Share(r.DeltaBandBreachWithoutHedge), Share(r.DeltaBandBreachWithHedge), "");
        for (int i = 0; i < s.QuantileProbabilities.Count; i++)
        {
            Row($"Quantile {s.QuantileProbabilities[i].ToString("0.0##%", Inv)}", r.WithoutHedge.Quantiles[i], r.WithHedge.Quantiles[i]);
        }

        for (int c = 0; c < s.Confidences.Count; c++)
        {
            string cl = s.Confidences[c].ToString("0.#%", Inv);
            Row($"VaR {cl}", r.WithoutHedge.Tails[c].ValueAtRisk, r.WithHedge.Tails[c].ValueAtRisk);
            Row($"ES {cl}", r.WithoutHedge.Tails[c].ExpectedShortfall, r.WithHedge.Tails[c].ExpectedShortfall);
        }

        dist.Caption = new TableTitle("VaR and ES are losses (positive = loss): VaR the k-th worst loss, ES the mean of the k worst, k = ceil(N·(1 - confidence)). " +
            "'With hedge' counts every hedge layer as on.");
        console.Write(dist);

        var layers = new Table().Border(TableBorder.Simple).Title("Each layer's share: component ES (mean loss of the layer in the book's tail draws)");
        layers.AddColumn("Layer");
        layers.AddColumn("Role");
        foreach (double c in s.Confidences)
        {
            layers.AddColumn(new TableColumn($"ES {c.ToString("0.#%", Inv)} w/o hedge").RightAligned());
            layers.AddColumn(new TableColumn($"ES {c.ToString("0.#%", Inv)} with hedge").RightAligned());
        }

        for (int li = 0; li < book.Layers.Count; li++)
        {
            var row = new List<string> { Markup.Escape(book.Layers[li].Name), book.Layers[li].Role.ToString() };
            for (int c = 0; c < s.Confidences.Count; c++)
            {
                row.Add(ScenarioConsole.Money(r.WithoutHedge.LayerComponents[c][li]));
                row.Add(ScenarioConsole.Money(r.WithHedge.LayerComponents[c][li]));
            }

            layers.AddRow(row.ToArray());
        }

        console.Write(layers);
    }

    /// <summary>One row per draw: the shocks, the book P&amp;L with and without the hedge and each layer's P&amp;L (round-trip
    /// numbers), streamed in blocks of rows (a run of millions of draws is gigabytes of text: never one string).</summary>
    internal static Task WriteCsvAsync(TextWriter writer, MonteCarloResult r, CancellationToken cancellationToken) =>
        ScenarioConsole.WriteCsvAsync(writer, "draw,spx_return,jump,vol_change,skew_change,vix_future_move,rate_change,with_hedge,without_hedge", r.Pnl, (sb, i) =>
        {
            MonteCarloDraw d = r.Draw(i);
            sb.Append(i.ToString(Inv));
            foreach (double v in (ReadOnlySpan<double>)[d.SpxReturn, d.Jump, d.VolChange, d.SkewChange, d.VixFutureMove, d.RateChange])
            {
                sb.Append(',').Append(OutputTarget.Format(v));
            }
        }, cancellationToken);


    private static string ToJson(MonteCarloResult r, MarketSnapshot market)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            MonteCarloSettings s = r.Settings;
            w.WriteStartObject();
            w.WriteString("book", r.Pnl.Book.Name);
            w.WriteString("valuationTime", market.ValuationTime);
            w.WriteNumber("spxSpot", market.SpxSpot);
            w.WriteNumber("spxVixBeta", market.SpxVixBeta);
            w.WriteStartObject("settings");
            w.WriteNumber("draws", s.Draws);
            w.WriteNumber("seed", s.Seed);
            w.WriteNumber("horizonDays", s.HorizonDays);
            w.WriteNumber("spxReturnVolatility", s.SpxReturnVolatility);
            w.WriteNumber("studentTDegreesOfFreedom", s.StudentTDegreesOfFreedom);
            w.WriteNumber("jumpIntensity", s.JumpIntensity);
            w.WriteNumber("jumpMean", s.JumpMean);
            w.WriteNumber("jumpStdDev", s.JumpStdDev);
            w.WriteNumber("volOfVol", s.VolOfVol);
            w.WriteNumber("spotVolCorrelation", s.SpotVolCorrelation);
            w.WriteNumber("jumpVolPerReturn", s.JumpVolPerReturn);
            w.WriteNumber("skewPerReturn", s.SkewPerReturn);
            w.WriteNumber("skewVolatility", s.SkewVolatility);
            w.WriteNumber("vixNoiseVolatility", s.VixNoiseVolatility);
            w.WriteNumber("vixNoiseVolCorrelation", s.VixNoiseVolCorrelation);
            w.WriteNumber("vixOptionVolPerFutureMove", s.VixOptionVolPerFutureMove);
            w.WriteNumber("rateVolatility", s.RateVolatility);
            w.WriteEndObject();
            ScenarioConsole.WriteLayers(w, r.Pnl.Book);
            WriteDistribution(w, "withoutHedge", r.WithoutHedge, s);
            WriteDistribution(w, "withHedge", r.WithHedge, s);
            w.WriteStartObject("deltaBand");
            w.WriteNumber("band", s.DeltaBand);
            ScenarioConsole.WriteNumber(w, "breachedShareWithoutHedge", r.DeltaBandBreachWithoutHedge);
            ScenarioConsole.WriteNumber(w, "breachedShareWithHedge", r.DeltaBandBreachWithHedge);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Share(double x) => double.IsNaN(x) ? "n/a" : x.ToString("0.0%", Inv);

    private static void WriteDistribution(Utf8JsonWriter w, string name, PnlDistribution d, MonteCarloSettings s)
    {
        w.WriteStartObject(name);
        ScenarioConsole.WriteNumber(w, "mean", d.Mean);
        ScenarioConsole.WriteNumber(w, "stdDev", d.StdDev);
        w.WriteStartArray("quantiles");
        for (int i = 0; i < d.Quantiles.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("p", s.QuantileProbabilities[i]);
            ScenarioConsole.WriteNumber(w, "pnl", d.Quantiles[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("tails");
        for (int c = 0; c < d.Tails.Count; c++)
        {
            TailRisk t = d.Tails[c];
            w.WriteStartObject();
            w.WriteNumber("confidence", t.Confidence);
            w.WriteNumber("tailCount", t.TailCount);
            ScenarioConsole.WriteNumber(w, "valueAtRisk", t.ValueAtRisk);
            ScenarioConsole.WriteNumber(w, "expectedShortfall", t.ExpectedShortfall);
            ScenarioConsole.WriteArray(w, "layerComponents", d.LayerComponents[c]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
