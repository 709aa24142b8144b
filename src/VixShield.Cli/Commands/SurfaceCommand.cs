using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using VixShield.Cli.Infrastructure;
using VixShield.Cli.Plots;
using VixShield.Compute;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Scenarios;
using VixShield.Compute.Surfaces;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield surface fit --input quotes.csv --output surface.json</c>: one raw-SVI slice per expiry, calibrated to
/// implied vols (given, or inverted from prices on the out-of-the-money side), with butterfly and calendar checks;
/// <c>vixshield surface eval --surface surface.json --strikes ... --expiries ...</c>: the surface (optionally shocked)
/// back on a strike x expiry grid as CSV.
/// </summary>
internal static class SurfaceCommand
{
    /// <summary>Creates <c>surface</c> with its <c>fit</c> and <c>eval</c> subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("surface", "Volatility surface: fit raw SVI slices to quotes (fit), evaluate a surface on a grid (eval).");
        command.Subcommands.Add(CreateFit(context));
        command.Subcommands.Add(CreateEval(context));
        return command;
    }

    private static Command CreateFit(CliContext context)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Quotes CSV; columns in any order: t (years; rows with the same t form one expiry), strike, and either vol, or kind (call|put) + price (discounted). Forward per expiry from a forward column, else (prices with calls and puts) from put-call parity, else underlying, r, q (F = S e^{(r-q)t}). Optional: weight, expiry (label).",
            Required = true,
            HelpName = "quotes.csv",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Surface JSON (written atomically). Without it, JSON goes to standard output.",
            HelpName = "surface.json",
        };
        var kRange = new Option<double>("--check-k")
        {
            Description = "Arbitrage checks on k = ln(K/F) in [-X, X] (default 1.5).",
            DefaultValueFactory = _ => 1.5,
            HelpName = "X",
        };
        kRange.Validators.Add(r =>
        {
            double x = r.GetValueOrDefault<double>();
            if (!(x > 0 && double.IsFinite(x))) r.AddError($"--check-k must be a positive number such as 1.5 (the checks run on k = ln(K/F) in [-X, X]), not {x.ToString(CultureInfo.InvariantCulture)}.");
        });
        var command = new Command("fit", "Calibrate one raw SVI slice per expiry (weighted least squares on total variance) and report butterfly/calendar arbitrage per slice.")
        {
            input,
            output,
            kRange,
        };
        command.SetAction(async (parse, ct) =>
            await FitAsync(context, parse.GetRequiredValue(input), parse.GetValue(output), parse.GetValue(kRange), ct).ConfigureAwait(false));
        return command;
    }

    private static Command CreateEval(CliContext context)
    {
        var surface = new Option<string>("--surface", "-s") { Description = "Surface JSON written by 'surface fit'.", Required = true, HelpName = "surface.json" };
        var strikes = new Option<string>("--strikes") { Description = "Comma-separated strikes, e.g. 4500,5000,5500.", Required = true, HelpName = "K1,K2,..." };
        var expiries = new Option<string>("--expiries") { Description = "Comma-separated times to expiry in years, e.g. 0.02,0.1,0.5.", Required = true, HelpName = "T1,T2,..." };
        var forwards = new Option<string?>("--forwards")
        {
            Description = "Forward per expiry (one value for all, or one per expiry). Default: the surface's own forwards interpolated (ln F linear in t).",
            HelpName = "F1,F2,...",
        };
        var vol = new Option<double>("--vol") { Description = "Scenario: parallel vol shift in vol points (2 = +2 points), as in 'stress --vol'." };
        var skew = new Option<double>("--skew") { Description = "Scenario: skew steepening, vol per unit of -ln(K/F) (0.10 adds 0.5 vol point to a 5 % OTM put), as in 'stress --skew'." };
        var smile = new Option<string>("--smile")
        {
            Description = "When --forwards differ from the surface's own: sticky-strike (default: each strike keeps its vol) or sticky-moneyness (the smile moves with F).",
            DefaultValueFactory = _ => "sticky-strike",
            HelpName = "sticky-strike|sticky-moneyness",
        };
        smile.AcceptOnlyFromAmong("sticky-strike", "sticky-moneyness");
        foreach (var shockOption in new[] { vol, skew })
        {
            shockOption.Validators.Add(r =>
            {
                double x = r.GetValueOrDefault<double>();
                if (!double.IsFinite(x)) r.AddError($"{shockOption.Name} must be a finite number, not {x.ToString(CultureInfo.InvariantCulture)}.");
            });
        }

        var output = new Option<string?>("--output", "-o") { Description = "Output CSV (atomic). Without it, CSV goes to standard output.", HelpName = "grid.csv" };
        var plot = new Option<string?>("--plot") { Description = "Also draw the smiles (vol against strike, one line per expiry) as a PNG (atomic).", HelpName = "smiles.png" };
        var command = new Command("eval", "Evaluate a surface on a strike x expiry grid (expiry-major): t, strike, forward, k, vol, total_variance.")
        {
            surface, strikes, expiries, forwards, vol, skew, smile, output, plot,
        };
        command.SetAction(async (parse, ct) =>
        {
            var shock = new ScenarioShock(VolShift: parse.GetValue(vol) / 100.0, Skew: parse.GetValue(skew));
            SmileDynamics dynamics = parse.GetValue(smile) == "sticky-moneyness" ? SmileDynamics.StickyMoneyness : SmileDynamics.StickyStrikePerExpiry;
            return await EvalAsync(context, parse.GetRequiredValue(surface), ParseList(parse.GetRequiredValue(strikes), "--strikes"),
                ParseList(parse.GetRequiredValue(expiries), "--expiries"), parse.GetValue(forwards) is { } f ? ParseList(f, "--forwards") : null,
                shock, dynamics, parse.GetValue(output), ct, parse.GetValue(plot)).ConfigureAwait(false);
        });
        return command;
    }

    private static double[] ParseList(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!CsvTable.TryParseDouble(parts[i], out values[i]) || !double.IsFinite(values[i]) || values[i] <= 0)
            {
                throw new CliUserException($"{option}: '{parts[i]}' is not a positive number; give comma-separated values such as 4500,5000,5500.", ExitCodes.UsageError);
            }
        }

        if (values.Length == 0) throw new CliUserException($"{option}: give at least one value.", ExitCodes.UsageError);
        return values;
    }

    private sealed class Quote
    {
        public long Line;
        public double T, Strike, Vol = double.NaN, Price = double.NaN, Forward = double.NaN, Underlying = double.NaN, Rate = double.NaN, Dividend, Weight = 1;
        public OptionKind? Kind;
        public string? Label;
    }

    /// <summary>Reads quotes, fits each expiry, checks arbitrage, writes JSON; a summary per slice goes to standard error.</summary>
    internal static async Task<int> FitAsync(CliContext context, string inputPath, string? outputPath, double kCheck, CancellationToken ct)
    {
        AtomicFileWriter.EnsureNotAnInput(outputPath, inputPath);
        var quotes = ReadQuotes(inputPath, ct);
        var slices = new List<(SviSlice Slice, SviFitResult Fit, string? Label)>();
        foreach (var group in quotes.GroupBy(q => q.T).OrderBy(g => g.Key))
        {
            ct.ThrowIfCancellationRequested();
            var (forward, strikes, vols, weights) = ExpiryVols(context, inputPath, group.ToList());
            SviFitResult fit;
            try
            {
                fit = SviCalibrator.Fit(group.Key, forward, strikes, vols, weights);
            }
            catch (ArgumentException e)
            {
                throw CliUserException.At(inputPath, group.First().Line, "t", $"expiry t={group.Key.ToString("R", CultureInfo.InvariantCulture)}: {e.Message}");
            }

            slices.Add((fit.Slice, fit, group.First().Label));
        }

        if (slices.Count == 0) throw CliUserException.At(inputPath, 1, null, "no quotes: add rows with t, strike and vol (or kind and price).");
        var surface = new SviSurface(slices.Select(s => s.Slice));
        var doc = Document(context, surface, slices.Select(s => (s.Label, s.Fit)).ToArray(), kCheck);
        string json = SurfaceJson.Serialize(doc);
        await OutputTarget.WriteAsync(context, outputPath, async (w, token) => await w.WriteLineAsync(json.AsMemory(), token).ConfigureAwait(false), ct).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The JSON document of fitted slices with their labels, fit errors and butterfly/calendar checks on k in [-kCheck, kCheck];
    /// one summary line per slice goes to standard error (shared by <c>surface fit</c> and <c>chain --surface</c>).</summary>
    internal static SviSurfaceDocument Document(CliContext context, SviSurface surface, (string? Label, SviFitResult Fit)[] fits, double kCheck = 1.5)
    {
        var reports = SviArbitrage.Check(surface, -kCheck, kCheck);
        var doc = SurfaceJson.ToDocument(surface);
        for (int i = 0; i < doc.Slices.Count; i++)
        {
            var match = fits.First(s => s.Fit.Slice.Time == doc.Slices[i].Time);
            doc.Slices[i].Expiry = match.Label;
            doc.Slices[i].RmseVol = match.Fit.RmseVol;
            doc.Slices[i].MinButterflyDensity = reports[i].MinButterflyDensity;
            doc.Slices[i].MinCalendarSpread = reports[i].MinCalendarSpread;
            var p = doc.Slices[i];
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"{(match.Label is null ? string.Empty : match.Label + ": ")}t={p.Time:0.######} F={p.Forward:0.####} quotes={match.Fit.Quotes} rmse_vol={match.Fit.RmseVol:E2} a={p.A:G6} b={p.B:G6} rho={p.Rho:G6} m={p.M:G6} sigma={p.Sigma:G6} butterfly={(reports[i].ButterflyFree ? "ok" : $"ARBITRAGE min g={reports[i].MinButterflyDensity:G3} at k={reports[i].MinButterflyAtK:G3}")} calendar={(reports[i].CalendarFree ? "ok" : $"ARBITRAGE min dw={reports[i].MinCalendarSpread:G3} at k={reports[i].MinCalendarAtK:G3}")}"));
        }

        return doc;
    }

    /// <summary>Forward, strikes, vols and weights of one expiry, from vols or from out-of-the-money prices.</summary>
    private static (double Forward, double[] Strikes, double[] Vols, double[] Weights) ExpiryVols(CliContext context, string path, List<Quote> q)
    {
        double t = q[0].T;
        string where = $"expiry t={t.ToString("R", CultureInfo.InvariantCulture)}";
        bool priceMode = q.Any(x => double.IsNaN(x.Vol));
        double forward = Median(q.Select(x => x.Forward).Where(double.IsFinite));
        double discount = double.NaN;
        if (priceMode)
        {
            var calls = q.Where(x => x.Kind == OptionKind.Call).GroupBy(x => x.Strike).ToDictionary(g => g.Key, g => g.First().Price);
            var puts = q.Where(x => x.Kind == OptionKind.Put).GroupBy(x => x.Strike).ToDictionary(g => g.Key, g => g.First().Price);
            double[] pairs = calls.Keys.Where(puts.ContainsKey).Order().ToArray();
            double rate = q.Select(x => x.Rate).FirstOrDefault(double.IsFinite, double.NaN);
            if (double.IsNaN(forward) && pairs.Length >= 2)
            {
                ImpliedForward parity;
                try
                {
                    parity = PutCallParity.ImpliedForward(pairs, pairs.Select(k => calls[k]).ToArray(), pairs.Select(k => puts[k]).ToArray());
                }
                catch (ArgumentException e)
                {
                    throw CliUserException.At(path, q[0].Line, "price", $"{where}: {e.Message}");
                }

                forward = parity.Forward;
                discount = parity.DiscountFactor;
                foreach (var c in parity.Checks.Where(c => c.Arbitrage != ParityArbitrage.None))
                {
                    context.Note(string.Create(CultureInfo.InvariantCulture, $"{where}: parity {c.Arbitrage.ToString().ToLowerInvariant()} at strike {c.Strike}: violation {c.Violation:G4}{(c.UsedInFit ? string.Empty : " (excluded from the forward fit)")}"));
                }
            }

            if (double.IsNaN(discount))
            {
                if (double.IsNaN(rate)) throw CliUserException.At(path, q[0].Line, "r", $"{where}: prices need a discount factor: add an r column, or quotes of calls and puts at two or more strikes (put-call parity).");
                discount = Math.Exp(-rate * t);
            }
        }

        if (double.IsNaN(forward))
        {
            var u = q.FirstOrDefault(x => double.IsFinite(x.Underlying) && double.IsFinite(x.Rate));
            if (u is null) throw CliUserException.At(path, q[0].Line, "forward", $"{where}: no forward: add a forward column, or underlying and r (and q), or call and put prices at two or more strikes.");
            forward = u.Underlying * Math.Exp((u.Rate - u.Dividend) * t);
        }

        var strikes = new List<double>();
        var vols = new List<double>();
        var weights = new List<double>();
        foreach (var byStrike in q.GroupBy(x => x.Strike).OrderBy(g => g.Key))
        {
            Quote chosen;
            if (!priceMode)
            {
                chosen = byStrike.First();
                strikes.Add(chosen.Strike);
                vols.Add(chosen.Vol);
                weights.Add(chosen.Weight);
                continue;
            }

            // The out-of-the-money side: puts below the forward, calls at and above it; the other side when only it is quoted.
            OptionKind want = byStrike.Key < forward ? OptionKind.Put : OptionKind.Call;
            chosen = byStrike.FirstOrDefault(x => x.Kind == want) ?? byStrike.First();
            double iv = LetsBeRational.ImpliedBlackVolatility(chosen.Price / discount, forward, chosen.Strike, t, chosen.Kind!.Value, out var st);
            if (st != ImpliedVolStatus.Ok || !(iv > 0))
            {
                context.Note($"{path}:{chosen.Line}: {where}, strike {chosen.Strike.ToString("R", CultureInfo.InvariantCulture)}: no implied vol ({IvCommand.StatusName(st)}); quote skipped.");
                continue;
            }

            strikes.Add(chosen.Strike);
            vols.Add(iv);
            weights.Add(chosen.Weight);
        }

        return (forward, strikes.ToArray(), vols.ToArray(), weights.ToArray());
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : (v.Length & 1) == 1 ? v[v.Length / 2] : 0.5 * (v[(v.Length / 2) - 1] + v[v.Length / 2]);
    }

    private static List<Quote> ReadQuotes(string path, CancellationToken ct)
    {
        using CsvTable table = CsvTable.Open(path);
        int t = table.Require("t"), strike = table.Require("strike");
        int vol = table.Find("vol"), kind = table.Find("kind"), price = table.Find("price"), forward = table.Find("forward"),
            underlying = table.Find("underlying"), rate = table.Find("r"), dividend = table.Find("q"), weight = table.Find("weight"), expiry = table.Find("expiry");
        if (vol < 0 && (kind < 0 || price < 0))
        {
            throw CliUserException.At(path, 1, "vol", "the quotes need a vol column, or kind and price columns.");
        }

        var quotes = new List<Quote>();
        while (table.Read())
        {
            if ((quotes.Count & 4095) == 0) ct.ThrowIfCancellationRequested();
            var q = new Quote { Line = table.Line, T = table.GetDouble(t), Strike = table.GetDouble(strike) };
            if (!(q.T > 0 && double.IsFinite(q.T))) throw table.Error(t, "time to expiry must be a finite number of years > 0.");
            if (!(q.Strike > 0 && double.IsFinite(q.Strike))) throw table.Error(strike, "strike must be finite and > 0.");
            if (vol >= 0 && table.GetString(vol).Length > 0)
            {
                q.Vol = table.GetDouble(vol);
                if (!(q.Vol > 0 && double.IsFinite(q.Vol))) throw table.Error(vol, "vol must be finite and > 0 (per 1.00: 0.2 is 20 %).");
            }
            else
            {
                if (kind < 0 || price < 0) throw table.Error(vol, "no vol on this row: give a vol, or kind and price columns.");
                q.Kind = table.GetChoice(kind, OptionColumnNames.Kinds);
                q.Price = table.GetDouble(price);
            }

            q.Forward = table.GetDoubleOrDefault(forward, double.NaN);
            q.Underlying = table.GetDoubleOrDefault(underlying, double.NaN);
            q.Rate = table.GetDoubleOrDefault(rate, double.NaN);
            q.Dividend = table.GetDoubleOrDefault(dividend, 0.0);
            q.Weight = table.GetDoubleOrDefault(weight, 1.0);
            if (!(q.Weight > 0 && double.IsFinite(q.Weight))) throw table.Error(weight, "weight must be finite and > 0.");
            q.Label = expiry < 0 ? null : table.GetString(expiry);
            quotes.Add(q);
        }

        return quotes;
    }

    /// <summary>Evaluates a surface (optionally shocked) on the grid and writes CSV.</summary>
    internal static async Task<int> EvalAsync(CliContext context, string surfacePath, double[] strikes, double[] expiries, double[]? forwards,
        ScenarioShock shock, SmileDynamics dynamics, string? outputPath, CancellationToken ct, string? plotPath = null)
    {
        if (forwards is not null && forwards.Length != 1 && forwards.Length != expiries.Length)
        {
            throw new CliUserException($"--forwards has {forwards.Length} values for {expiries.Length} expiries: give one forward, or one per expiry.", ExitCodes.UsageError);
        }

        AtomicFileWriter.EnsureNotAnInput(outputPath, surfacePath);
        SviSurface surface;
        if (!File.Exists(surfacePath)) throw new CliUserException($"surface file '{surfacePath}' does not exist; write one with 'vixshield surface fit'.");
        try
        {
            surface = SurfaceJson.Deserialize(await File.ReadAllTextAsync(surfacePath, ct).ConfigureAwait(false));
        }
        catch (JsonException e)
        {
            throw CliUserException.At(surfacePath, e.LineNumber is long l ? l + 1 : 0, null, $"not a surface JSON: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw CliUserException.At(surfacePath, 0, null, e.Message, e);
        }

        bool shocked = shock != default || dynamics != SmileDynamics.StickyStrikePerExpiry;
        IVolatilitySurface eval = shocked ? new ShockedSurface(surface, shock, dynamics) : surface;
        await OutputTarget.WriteAsync(context, outputPath, async (writer, token) =>
        {
            var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            await using (csv.ConfigureAwait(false))
            {
                foreach (string h in new[] { "t", "strike", "forward", "k", "vol", "total_variance" }) csv.WriteField(h);
                csv.EndRecord();
                for (int e = 0; e < expiries.Length; e++)
                {
                    double t = expiries[e];
                    double f = forwards is null ? surface.ReferenceForward(t) : forwards[forwards.Length == 1 ? 0 : e];
                    foreach (double k in strikes)
                    {
                        double v = eval.Vol(t, k, f);
                        csv.WriteField(OutputTarget.Format(t));
                        csv.WriteField(OutputTarget.Format(k));
                        csv.WriteField(OutputTarget.Format(f));
                        csv.WriteField(OutputTarget.Format(Math.Log(k / f)));
                        csv.WriteField(OutputTarget.Format(v));
                        csv.WriteField(OutputTarget.Format(v * v * t));
                        csv.EndRecord();
                    }
                }

                await csv.FlushAsync(token).ConfigureAwait(false);
            }
        }, ct).ConfigureAwait(false);
        if (plotPath is not null)
        {
            await Charts.WriteAsync(plotPath, Charts.Smiles(Smiles(eval, surface, strikes, expiries, forwards), "Volatility smiles" + (shocked ? " (shocked)" : "")), ct).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>Per expiry: the vols at the requested strikes as dots, and the surface on 101 strikes across them as the line.</summary>
    private static List<SmileData> Smiles(IVolatilitySurface eval, SviSurface surface, double[] strikes, double[] expiries, double[]? forwards)
    {
        var smiles = new List<SmileData>();
        double lo = strikes.Min(), hi = strikes.Max();
        double[] dense = [.. Enumerable.Range(0, 101).Select(i => lo + ((hi - lo) * i / 100))];
        for (int e = 0; e < expiries.Length; e++)
        {
            double t = expiries[e];
            double f = forwards is null ? surface.ReferenceForward(t) : forwards[forwards.Length == 1 ? 0 : e];
            smiles.Add(new SmileData($"T={t:0.####}y (F {f:0.##})", strikes, [.. strikes.Select(k => eval.Vol(t, k, f))],
                FitStrikes: strikes.Length > 1 ? dense : null, FitVols: strikes.Length > 1 ? [.. dense.Select(k => eval.Vol(t, k, f))] : null));
        }

        return smiles;
    }
}
