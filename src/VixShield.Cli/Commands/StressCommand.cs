using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Book;
using VixShield.Compute.Book.Json;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Engines;
using VixShield.Compute.Scenarios;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield stress --book book.json --market market.json [--spot ..] [--vol ..] [--skew ..] [--days ..] [--rate ..] [--json]</c>
/// (or <c>--sample</c>): full revaluation of the book over spot × vol × skew × days × rate shocks
/// (kernels-docs/scenarios.md); P&amp;L per scenario, per layer, with and without the hedge layers.
/// </summary>
internal static class StressCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var engine = new EngineOptions();
        var inputs = new ScenarioInputOptions();
        var spot = new Option<string>("--spot") { Description = "SPX moves in percent, comma-separated (default -10,-7.5,...,+10).", HelpName = "%,%,..", DefaultValueFactory = _ => "-10,-7.5,-5,-2.5,0,2.5,5,7.5,10" };
        var vol = new Option<string>("--vol") { Description = "Parallel SPX vol shifts in vol points (default -5,-2.5,0,2.5,5,7.5,10).", HelpName = "pts,..", DefaultValueFactory = _ => "-5,-2.5,0,2.5,5,7.5,10" };
        var skew = new Option<string>("--skew") { Description = "Skew steepenings (vol per unit of -ln(K/F); 0.10 adds 0.5 vol point to a 5 % OTM put; default 0,0.10).", HelpName = "x,..", DefaultValueFactory = _ => "0,0.10" };
        var days = new Option<string>("--days") { Description = "Calendar days forward (default 0,1,5).", HelpName = "n,..", DefaultValueFactory = _ => "0,1,5" };
        var rate = new Option<string>("--rate") { Description = "Parallel rate shifts in basis points (default -25,0,25).", HelpName = "bp,..", DefaultValueFactory = _ => "-25,0,25" };
        var vixPerVol = new Option<double>("--vix-per-vol") { Description = "VIX points the front VIX future moves per SPX vol point of the vol shift, on top of beta × spot move (default 1; 0: beta only).", DefaultValueFactory = _ => 1.0 };
        var top = new Option<int>("--top") { Description = "Worst scenarios listed in the table output.", DefaultValueFactory = _ => 10 };
        var plot = new Option<string?>("--plot") { Description = "Also draw the spot x vol P&L heatmap (with and without hedge) as a PNG (atomic).", HelpName = "heat.png" };
        var pnlOut = new Option<string?>("--pnl-out") { Description = "Also write every cell (its shocks, book P&L with and without hedge, each layer's P&L) as CSV to this file (atomic).", HelpName = "cells.csv" };
        var command = new Command("stress", "Stress grid of an ALVH book: full revaluation over spot x vol x skew x days-forward x rate shocks; P&L per scenario and layer, with and without the hedge.");
        foreach (Option o in new Option[] { spot, vol, skew, days, rate, vixPerVol, top, plot, pnlOut }) command.Add(o);
        inputs.AddTo(command);
        engine.AddEngineOnlyTo(command); // float64 valuation: no --precision to ignore
        var cluster = new ScenarioClusterOptions();
        cluster.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            cluster.Check(parse, engine.EngineOption);
            if (parse.GetValue(top) < 0) throw new CliUserException($"--top must be a number of scenarios, 0 or more, not {parse.GetValue(top)}.", ExitCodes.UsageError);
            using ScenarioEngineChoice? choice = cluster.IsClient(parse) ? null : ScenarioConsole.RunOptions(engine.GetPreference(parse), context);
            var settings = new StressGridSettings
            {
                SpotMoves = ParseList(parse.GetValue(spot)!, "--spot", 0.01),
                VolShifts = ParseList(parse.GetValue(vol)!, "--vol", 0.01),
                SkewSteepenings = ParseList(parse.GetValue(skew)!, "--skew", 1.0),
                DaysForward = ParseList(parse.GetValue(days)!, "--days", 1.0),
                RateShifts = ParseList(parse.GetValue(rate)!, "--rate", 1e-4),
                VixPointsPerVolPoint = parse.GetValue(vixPerVol),
            };
            try
            {
                settings.Validate();
            }
            catch (ArgumentException e)
            {
                string message = e.Message.Replace("SpotMoves", "--spot", StringComparison.Ordinal).Replace("VolShifts", "--vol", StringComparison.Ordinal)
                    .Replace("SkewSteepenings", "--skew", StringComparison.Ordinal).Replace("DaysForward", "--days", StringComparison.Ordinal)
                    .Replace("RateShifts", "--rate", StringComparison.Ordinal).Replace("VixPointsPerVolPoint", "--vix-per-vol", StringComparison.Ordinal);
                throw new CliUserException(message + " (--spot, --vol and --rate are in percent, vol points and basis points.)", e, ExitCodes.UsageError);
            }

            (AlvhBook b, MarketSnapshot m) = inputs.Load(parse);
            StressGridResult result;
            try
            {
                bool json = parse.GetValue(inputs.Json);
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                PricedBook priced = PricedBook.Resolve(b, m, inputs.GetDynamics(parse));
                if (choice is not null)
                {
                    result = ScenarioConsole.WithProgress(context, json, $"Stress grid: {settings.Count} scenarios", p => StressGrid.Run(priced, settings, choice.Options, p, ct));
                    ScenarioConsole.LogTiming(context, "stress", priced, settings.Count, "the " + choice.Options.Describe() + " scenario kernel", start);
                }
                else
                {
                    result = await cluster.RunAsync(context, parse, runner => Task.FromResult(ScenarioConsole.WithProgress(context, json, $"Stress grid: {settings.Count} scenarios on the cluster (shards done)",
                        p => runner.StressAsync(priced, settings, p, ct).GetAwaiter().GetResult())), ct).ConfigureAwait(false);
                    ScenarioConsole.LogTiming(context, "stress", priced, settings.Count, "the cluster (each silo's own engine)", start);
                }
            }
            catch (ArgumentException e)
            {
                throw new CliUserException(e.Message, e);
            }

            if (parse.GetValue(pnlOut) is string path)
            {
                await OutputTarget.WriteAsync(context, path, (w, c) => WriteCsvAsync(w, result, m.SpxVixBeta, c), ct).ConfigureAwait(false);
            }

            if (parse.GetValue(plot) is string png) await Plots.ScenarioPlots.StressHeatmapAsync(png, result, ct).ConfigureAwait(false);
            if (parse.GetValue(inputs.Json)) context.Out.WriteLine(ToJson(result, m));
            else Render(context, result, m, parse.GetValue(top));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses "a,b,c" as numbers times <paramref name="scale"/>.</summary>
    /// <exception cref="CliUserException">Exit code 2 naming the option and the text that does not parse.</exception>
    internal static double[] ParseList(string text, string option, double scale)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0) throw new CliUserException($"{option}: '{text}' has an empty value; give a comma-separated list such as -5,0,5.", ExitCodes.UsageError);
            if (!double.TryParse(part, NumberStyles.Float, Inv, out double v) || !double.IsFinite(v))
            {
                throw new CliUserException($"{option}: '{part}' is not a number; give a comma-separated list such as -5,0,5.", ExitCodes.UsageError);
            }

            values.Add(v * scale);
        }

        if (values.Count == 0) throw new CliUserException($"{option}: give at least one value (0 for no shock).", ExitCodes.UsageError);
        return [.. values];
    }

    /// <summary>One row per cell in grid order (spot fastest): its shocks (fractions; days; the VIX futures move resolved), the
    /// book P&amp;L with and without the hedge and each layer's P&amp;L (round-trip numbers), streamed in blocks of rows.</summary>
    internal static Task WriteCsvAsync(TextWriter writer, StressGridResult r, double spxVixBeta, CancellationToken cancellationToken) =>
        ScenarioConsole.WriteCsvAsync(writer, "cell,spot_move,vol_shift,skew,days_forward,rate_shift,vix_future_move,with_hedge,without_hedge", r.Pnl, (sb, i) =>
        {
            ScenarioShock sh = r.Shock(i);
            sb.Append(i.ToString(Inv));
            foreach (double v in (ReadOnlySpan<double>)[sh.SpotMove, sh.VolShift, sh.Skew, sh.Days, sh.RateShift, sh.VixFutureMove ?? (spxVixBeta * sh.SpotMove)])
            {
                sb.Append(',').Append(OutputTarget.Format(v));
            }
        }, cancellationToken);

    private static void Render(CliContext context, StressGridResult r, MarketSnapshot market, int top)
    {
        IAnsiConsole console = ScenarioConsole.Create(context);
        StressGridSettings s = r.Settings;
        ScenarioPnl pnl = r.Pnl;
        console.MarkupLine($"[bold]{Markup.Escape(pnl.Book.Name)}[/]: stress grid of {r.Count} scenarios (full revaluation) from SPX {market.SpxSpot.ToString("F2", Inv)}, " +
            $"valued {TimeText.Instant(market.ValuationTime)}. P&L in dollars, change from the base market.");
        int k = IndexNearestZero(s.SkewSteepenings), d = IndexNearestZero(s.DaysForward), q = IndexNearestZero(s.RateShifts);
        string slice = $"skew {s.SkewSteepenings[k].ToString("0.##", Inv)}, T+{s.DaysForward[d].ToString("0.##", Inv)}, rate {(s.RateShifts[q] * 1e4).ToString("+0;-0;0", Inv)} bp";
        foreach ((string title, double[] values) in new[] { ("with hedge", pnl.WithHedge), ("without hedge", pnl.WithoutHedge) })
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"Book P&L {title}: SPX move × vol shift ({slice})");
            table.AddColumn(new TableColumn("SPX \\ vol").RightAligned());
            foreach (double v in s.VolShifts) table.AddColumn(new TableColumn((v * 100).ToString("+0.#;-0.#;0", Inv)).RightAligned());
            for (int i = 0; i < s.SpotMoves.Count; i++)
            {
                var row = new List<string> { s.SpotMoves[i].ToString("+0.0%;-0.0%;0%", Inv) };
                for (int j = 0; j < s.VolShifts.Count; j++) row.Add(ScenarioConsole.Money(values[r.IndexOf(i, j, k, d, q)]));
                table.AddRow(row.ToArray());
            }

            console.Write(table);
        }

        if (top > 0)
        {
            var worst = Enumerable.Range(0, r.Count).OrderBy(i => pnl.WithoutHedge[i]).ThenBy(i => i).Take(top).ToList();
            var table = new Table().Border(TableBorder.Simple).Title($"Worst {worst.Count} scenarios without the hedge, per layer");
            table.AddColumn("Scenario");
            foreach (Layer l in pnl.Book.Layers) table.AddColumn(new TableColumn(Markup.Escape(l.Name)).RightAligned());
            table.AddColumn(new TableColumn("Book w/o hedge").RightAligned());
            table.AddColumn(new TableColumn("Book with hedge").RightAligned());
            foreach (int i in worst)
            {
                var row = new List<string> { Markup.Escape(r.Shock(i).Describe()) };
                for (int li = 0; li < pnl.Book.Layers.Count; li++) row.Add(ScenarioConsole.Money(pnl.LayerPnl[li][i]));
                row.Add($"[bold]{ScenarioConsole.Money(pnl.WithoutHedge[i])}[/]");
                row.Add(ScenarioConsole.Money(pnl.WithHedge[i]));
                table.AddRow(row.ToArray());
            }

            table.Caption = new TableTitle("Hedge layers are counted as on in 'with hedge', whatever their switch in the book. VIX futures move by beta × SPX move " +
                $"+ {s.VixPointsPerVolPoint.ToString("0.##", Inv)} VIX point per vol point (relative to the front future).");
            console.Write(table);
        }
    }

    private static int IndexNearestZero(IReadOnlyList<double> axis)
    {
        int best = 0;
        for (int i = 1; i < axis.Count; i++)
        {
            if (Math.Abs(axis[i]) < Math.Abs(axis[best])) best = i;
        }

        return best;
    }

    private static string ToJson(StressGridResult r, MarketSnapshot market)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            ScenarioPnl pnl = r.Pnl;
            w.WriteStartObject();
            w.WriteString("book", pnl.Book.Name);
            w.WriteString("valuationTime", market.ValuationTime);
            w.WriteNumber("spxSpot", market.SpxSpot);
            w.WriteNumber("scenarios", r.Count);
            w.WriteStartObject("axes");
            ScenarioConsole.WriteArray(w, "spotMoves", r.Settings.SpotMoves);
            ScenarioConsole.WriteArray(w, "volShifts", r.Settings.VolShifts);
            ScenarioConsole.WriteArray(w, "skewSteepenings", r.Settings.SkewSteepenings);
            ScenarioConsole.WriteArray(w, "daysForward", r.Settings.DaysForward);
            ScenarioConsole.WriteArray(w, "rateShifts", r.Settings.RateShifts);
            w.WriteNumber("vixPointsPerVolPoint", r.Settings.VixPointsPerVolPoint);
            w.WriteEndObject();
            ScenarioConsole.WriteLayers(w, pnl.Book);
            w.WriteStartArray("cells");
            for (int i = 0; i < r.Count; i++)
            {
                ScenarioShock sc = r.Shock(i);
                w.WriteStartObject();
                w.WriteString("name", sc.Describe());
                ScenarioConsole.WriteNumber(w, "spotMove", sc.SpotMove);
                ScenarioConsole.WriteNumber(w, "volShift", sc.VolShift);
                ScenarioConsole.WriteNumber(w, "skewSteepening", sc.Skew);
                ScenarioConsole.WriteNumber(w, "daysForward", sc.Days);
                ScenarioConsole.WriteNumber(w, "rateShift", sc.RateShift);
                ScenarioConsole.WriteNumber(w, "vixFutureMove", sc.VixFutureMove ?? (market.SpxVixBeta * sc.SpotMove));
                ScenarioConsole.WriteNumber(w, "withHedge", pnl.WithHedge[i]);
                ScenarioConsole.WriteNumber(w, "withoutHedge", pnl.WithoutHedge[i]);
                ScenarioConsole.WriteNumber(w, "asBooked", pnl.AsBooked[i]);
                w.WriteStartArray("layers");
                for (int li = 0; li < pnl.Book.Layers.Count; li++) ScenarioConsole.WriteValue(w, pnl.LayerPnl[li][i]);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>The --book/--market/--sample/--json options shared by <c>stress</c> and <c>montecarlo</c>.</summary>
internal sealed class ScenarioInputOptions
{
    /// <summary>--book.</summary>
    public Option<string?> Book { get; } = new("--book") { Description = "The book JSON file (schema: kernels-docs/book.md).", HelpName = "book.json" };

    /// <summary>--market.</summary>
    public Option<string?> Market { get; } = new("--market") { Description = "The market JSON file (schema: kernels-docs/book.md).", HelpName = "market.json" };

    /// <summary>--sample.</summary>
    public Option<bool> Sample { get; } = new("--sample") { Description = "Use the built-in sample ladder and market instead of files." };

    /// <summary>--json.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Write the result as JSON on standard output." };

    /// <summary>--smile.</summary>
    public Option<string> Smile { get; } = new("--smile")
    {
        Description = "How each leg's vol moves with days and spot: sticky-strike (default: each leg keeps its own expiry's smile at its strike), roll-down (the surface at the remaining time), sticky-moneyness (its own smile moves with the forward).",
        DefaultValueFactory = _ => "sticky-strike",
    };

    /// <summary>The smile rule of --smile.</summary>
    public SmileDynamics GetDynamics(ParseResult parse) => parse.GetValue(Smile) switch
    {
        "roll-down" => SmileDynamics.RollDown,
        "sticky-moneyness" => SmileDynamics.StickyMoneyness,
        _ => SmileDynamics.StickyStrikePerExpiry,
    };

    /// <summary>Adds the options and the either/or validator.</summary>
    public void AddTo(Command command)
    {
        Smile.AcceptOnlyFromAmong("sticky-strike", "roll-down", "sticky-moneyness");
        command.Add(Smile);
        command.Add(Book);
        command.Add(Market);
        command.Add(Sample);
        command.Add(Json);
        command.Validators.Add(r =>
        {
            bool s = r.GetValue(Sample);
            bool files = r.GetValue(Book) is not null || r.GetValue(Market) is not null;
            if (s && files) r.AddError("Give either --sample or --book/--market files, not both.");
            else if (!s && (r.GetValue(Book) is null || r.GetValue(Market) is null)) r.AddError("Give --book book.json and --market market.json (or --sample for the built-in ladder).");
        });
    }

    /// <summary>The book and market the command line names.</summary>
    /// <exception cref="CliUserException">A file problem, naming file, line and field.</exception>
    public (AlvhBook Book, MarketSnapshot Market) Load(ParseResult parse)
    {
        if (parse.GetValue(Sample)) return (SampleBook.Create(), SampleMarket.Create());
        string bookPath = parse.GetValue(Book)!, marketPath = parse.GetValue(Market)!;
        AlvhBook book = Read(bookPath, BookJson.ReadBookFile);
        MarketSnapshot market = Read(marketPath, BookJson.ReadMarketFile);
        return (book, market);
    }

    private static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (BookFileException e)
        {
            throw CliUserException.At(path, e.Line ?? 0, string.IsNullOrEmpty(e.JsonPath) ? null : e.JsonPath, e.Problem, e);
        }
    }
}

/// <summary>Console, progress and JSON helpers of the scenario commands.</summary>
internal static class ScenarioConsole
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A Spectre console on standard output (colours only on a terminal).</summary>
    public static IAnsiConsole Create(CliContext context, bool interactive = false)
        => CliConsole.Create(context, 160, interactive);

    /// <summary>Runs <paramref name="work"/> with a progress bar when standard output is a terminal and the output is not JSON.</summary>
    public static T WithProgress<T>(CliContext context, bool json, string label, Func<IProgress<double>?, T> work)
    {
        if (json || !context.OutIsConsole) return work(null);
        IAnsiConsole console = Create(context, interactive: true);
        return console.Progress().AutoClear(true).Start(ctx =>
        {
            ProgressTask task = ctx.AddTask(Markup.Escape(label), maxValue: 1.0);
            return work(new InlineProgress(p => task.Value = p));
        });
    }

    /// <summary>Logs (information: shown with --verbose) how many option rows went through the engine and how long the run took.</summary>
    public static void LogTiming(CliContext context, string command, PricedBook book, int scenarios, string engine, long startTimestamp)
    {
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        long revaluations = (long)book.LegCount * scenarios;
        ILogger logger = context.LoggerFactory.CreateLogger("vixshield." + command);
        logger.LogInformation("{Command}: {Scenarios} scenarios x {Legs} legs = {Revaluations} revaluations on {Engine}: {Seconds:F3} s ({PerSecond:F0} revaluations/s)",
            command, scenarios, book.LegCount, revaluations, engine, seconds, revaluations / Math.Max(seconds, 1e-9));
    }

    /// <summary>The scenario kernel for an --engine value: scalar; simd; gpu or ilgpu-cpu (the ILGPU scenario kernel on that
    /// accelerator, exit 2 when there is none); auto: the GPU when one passes its self-check, else SIMD. Dispose the
    /// result after the run (it owns the device).</summary>
    /// <exception cref="CliUserException">Exit code 2 when the engine cannot run here.</exception>
    public static ScenarioEngineChoice RunOptions(EnginePreference preference, CliContext context)
    {
        switch (preference)
        {
            case EnginePreference.Scalar: return new(new ScenarioRunOptions { Engine = ScenarioEngine.Scalar }, null);
            case EnginePreference.Simd: return new(new ScenarioRunOptions { Engine = ScenarioEngine.Simd }, null);
        }

        IGreeksEngine engine = EngineOptions.Create(preference, context);
        if (engine is VixShield.Compute.Gpu.IlgpuGreeksEngine gpu)
        {
            var device = new VixShield.Compute.Gpu.IlgpuScenarioDevice(gpu, context.LoggerFactory);
            return new(new ScenarioRunOptions { Engine = ScenarioEngine.Device, Device = device }, engine);
        }

        engine.Dispose();
        return new(new ScenarioRunOptions { Engine = ScenarioEngine.Simd }, null);
    }

    /// <summary>Streams a scenario CSV: <paramref name="header"/> and a column per layer, then per scenario its leading
    /// columns (<paramref name="row"/>), the book P&amp;L with and without the hedge and each layer's P&amp;L (round-trip numbers),
    /// written in blocks of about 1 MB (a run of millions of scenarios is gigabytes of text: never one string).</summary>
    public static async Task WriteCsvAsync(TextWriter writer, string header, ScenarioPnl pnl, Action<StringBuilder, int> row, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder(header);
        foreach (Layer l in pnl.Book.Layers) sb.Append(",layer_").Append(CsvName(l.Name));
        sb.Append('\n');
        for (int i = 0; i < pnl.Count; i++)
        {
            row(sb, i);
            sb.Append(',').Append(OutputTarget.Format(pnl.WithHedge[i])).Append(',').Append(OutputTarget.Format(pnl.WithoutHedge[i]));
            foreach (double[] layer in pnl.LayerPnl) sb.Append(',').Append(OutputTarget.Format(layer[i]));
            sb.Append('\n');
            if (sb.Length > 1 << 20)
            {
                await writer.WriteAsync(sb, cancellationToken).ConfigureAwait(false);
                sb.Clear();
            }
        }

        await writer.WriteAsync(sb, cancellationToken).ConfigureAwait(false);
    }

    private static string CsvName(string name) => new(name.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '_').ToArray());

    /// <summary>Dollars with thousands separators, no decimals.</summary>
    public static string Money(double v) => double.IsFinite(v) ? v.ToString("#,##0;-#,##0;0", Inv) : "n/a";

    /// <summary>Writes a number, or null when it is not finite.</summary>
    public static void WriteNumber(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    /// <summary>Writes an array value, or null when it is not finite.</summary>
    public static void WriteValue(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }

    /// <summary>Writes a named array of numbers.</summary>
    public static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values) WriteValue(w, v);
        w.WriteEndArray();
    }

    /// <summary>Writes the layers (name, role, included).</summary>
    public static void WriteLayers(Utf8JsonWriter w, AlvhBook book)
    {
        w.WriteStartArray("layers");
        foreach (Layer l in book.Layers)
        {
            w.WriteStartObject();
            w.WriteString("name", l.Name);
            w.WriteString("role", JsonNamingPolicy.CamelCase.ConvertName(l.Role.ToString()));
            w.WriteBoolean("included", l.IsIncluded);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (no synchronisation context).</summary>
    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}

/// <summary>The scenario options an --engine value chose, and the engine and device they own (disposed with this).</summary>
/// <param name="Options">The options of the run.</param>
/// <param name="Engine">The ILGPU engine behind <see cref="ScenarioRunOptions.Device"/>, or null.</param>
internal sealed record ScenarioEngineChoice(ScenarioRunOptions Options, IGreeksEngine? Engine) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Options.Device?.Dispose();
        Engine?.Dispose();
    }
}
