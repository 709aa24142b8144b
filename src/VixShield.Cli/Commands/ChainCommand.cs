using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.Extensions.Logging;
using VixShield.Cli.Infrastructure;
using VixShield.Cli.Plots;
using VixShield.Compute;
using VixShield.Compute.Chains;
using VixShield.Compute.ImpliedVol;
using VixShield.Compute.Surfaces;
using VixShield.Compute.Time;
using VixShield.Compute.Units;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield chain --input chain.csv --as-of 2022-07-12T11:55:00-04:00 [--spot S] [--futures futures.csv] [--output out.csv]
/// [--surface surface.json] [--units raw|desk]</c>: a vendor chain (root, expiry, kind, strike, bid, ask) to settlement times,
/// parity forwards and discount factors, bid/mid/ask implied vols and Greeks per row, and optionally one SVI slice per expiry.
/// The maths is <see cref="ChainAnalyzer"/>; this is reading, writing and reporting.
/// </summary>
internal static partial class ChainCommand
{
    private static readonly IReadOnlyDictionary<string, OptionRoot> Roots = new Dictionary<string, OptionRoot>(StringComparer.OrdinalIgnoreCase)
    {
        ["SPX"] = OptionRoot.Spx,
        ["SPXW"] = OptionRoot.Spxw,
        ["VIX"] = OptionRoot.Vix,
    };

    private static readonly string[] OutputColumns = ["status", "t", "forward", "discount", "mid", "iv_bid", "implied_vol", "iv_ask"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Chain CSV; columns in any order: root (SPX|SPXW|VIX), expiry (yyyy-MM-dd), kind (call|put), strike, bid, ask (empty or 0: none); optional underlying (the forward, e.g. the VIX future of the expiry); any other column (last, volume, open_interest, ...) passes through.",
            Required = true,
            HelpName = "chain.csv",
        };
        var asOf = new Option<string>("--as-of")
        {
            Description = "Quote time with its UTC offset, ISO 8601, e.g. 2022-07-12T11:55:00-04:00 (time to settlement runs from it).",
            Required = true,
            HelpName = "yyyy-MM-ddTHH:mm:ss±hh:mm",
        };
        var spot = new Option<double?>("--spot") { Description = "SPX spot: reports each SPX expiry's implied dividend yield q = r - ln(F/S)/t.", HelpName = "S" };
        var futures = new Option<string?>("--futures")
        {
            Description = "VIX futures CSV with columns expiry, price: the forward of VIX rows without an underlying (else the parity forward).",
            HelpName = "futures.csv",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Output CSV (written atomically). Without it, CSV goes to standard output.", HelpName = "out.csv" };
        var surface = new Option<string?>("--surface")
        {
            Description = "Also fit one raw SVI slice per expiry (out-of-the-money mids, weighted 1/(ask vol - bid vol)²) and write the surface JSON with its arbitrage checks (atomic). SPX/SPXW slices go here; VIX slices to the same name with .vix before the extension when both are present.",
            HelpName = "surface.json",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Also draw the smiles as a PNG (atomic): market mid vols with bid/ask bars and the fitted SVI slice, one colour per expiry.",
            HelpName = "smiles.png",
        };
        var units = new UnitsOptions();
        var engine = new EngineOptions();
        var command = new Command("chain", "Option chain (root, expiry, kind, strike, bid, ask) to parity forwards, bid/mid/ask implied vols, Greeks and an SVI surface.")
        {
            input, asOf, spot, futures, output, surface, plot,
        };
        units.AddTo(command);
        engine.AddEngineOnlyTo(command); // float64: the implied vols are full double precision
        command.SetAction(async (parse, ct) =>
        {
            var options = new ChainRun(
                parse.GetRequiredValue(input), ParseAsOf(parse.GetRequiredValue(asOf)), parse.GetValue(spot), parse.GetValue(futures),
                parse.GetValue(output), parse.GetValue(surface), units.Desk(parse),
                units.Day(parse), parse.GetValue(plot));
            IGreeksEngine greeks = engine.CreateEngine(parse, context);
            try
            {
                return await RunAsync(context, greeks, options, ct).ConfigureAwait(false);
            }
            finally
            {
                (greeks as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    /// <summary>What <c>chain</c> was asked to do.</summary>
    internal sealed record ChainRun(string Input, DateTimeOffset AsOf, double? Spot, string? Futures, string? Output, string? Surface, bool Desk, ThetaDay ThetaDay, string? Plot = null);

    /// <summary>Machine name of a row status in the CSV.</summary>
    internal static string StatusName(ChainQuoteStatus status) => status switch
    {
        ChainQuoteStatus.Ok => "ok",
        ChainQuoteStatus.NoBid => "no_bid",
        ChainQuoteStatus.NoAsk => "no_ask",
        ChainQuoteStatus.Crossed => "crossed",
        ChainQuoteStatus.BelowIntrinsic => "below_intrinsic",
        ChainQuoteStatus.AboveMaximum => "above_maximum",
        ChainQuoteStatus.NotConverged => "not_converged",
        ChainQuoteStatus.Settled => "settled",
        ChainQuoteStatus.NoForward => "no_forward",
        _ => "invalid_quote",
    };

    /// <summary>Machine name of an expiry status.</summary>
    internal static string StatusName(ChainExpiryStatus status) => status switch
    {
        ChainExpiryStatus.Ok => "ok",
        ChainExpiryStatus.TooFewPairs => "too_few_pairs",
        ChainExpiryStatus.ParityFailed => "parity_failed",
        ChainExpiryStatus.Settled => "settled",
        _ => "not_trading_day",
    };

    /// <summary>Reads, analyses and writes; every input problem is raised before any output file exists.</summary>
    internal static async Task<int> RunAsync(CliContext context, IGreeksEngine engine, ChainRun run, CancellationToken ct)
    {
        ILogger log = context.Logger<ChainCommandLog>();
        var clock = Stopwatch.StartNew();
        Dictionary<DateOnly, double>? futures = run.Futures is null ? null : ReadFutures(run.Futures, ct);
        var (quotes, headers, fields) = ReadChain(run.Input, futures, ct);
        double readMs = clock.Elapsed.TotalMilliseconds;

        var result = ChainAnalyzer.Analyze(quotes, run.AsOf, engine, new ChainOptions { FitSurface = run.Surface is not null || run.Plot is not null }, ct);
        double analyseMs = clock.Elapsed.TotalMilliseconds - readMs;
        if (run.Desk)
        {
            foreach (Greek g in GreekInfo.All) DeskUnits.ToDeskInPlace(g, result.Greeks[g].AsSpan(0, result.Count), run.ThetaDay);
        }

        foreach (var x in result.Expiries) context.Note(Summary(x, run.Spot));
        var surfaces = run.Surface is null ? [] : SurfaceDocuments(context, result, run.Surface);

        // The pictures are drawn before anything is written, so that a chain with nothing to draw writes no file at all.
        // SPX and VIX smiles live on different strike scales: VIX smiles go beside, with .vix before the extension (as --surface).
        var pngs = new List<(string Path, byte[] Png)>();
        if (run.Plot is not null)
        {
            List<SmileData> spx = Smiles(result, vix: false), vix = Smiles(result, vix: true);
            if (spx.Count == 0 && vix.Count == 0) throw new CliUserException("--plot: no expiry has implied vols to draw (see the status column and the per-expiry lines above).");
            string vixPath = spx.Count == 0 ? run.Plot : Path.ChangeExtension(run.Plot, null) + ".vix" + (Path.GetExtension(run.Plot) is { Length: > 0 } e ? e : ".png");
            if (spx.Count > 0) pngs.Add((run.Plot, Charts.Smiles(spx, "SPX option chain smiles (mid, bid/ask bars, fitted SVI)")));
            if (vix.Count > 0) pngs.Add((vixPath, Charts.Smiles(vix, "VIX option chain smiles (mid, bid/ask bars, fitted SVI)")));
        }

        await OutputTarget.WriteAsync(context, run.Output, (w, token) => WriteRowsAsync(w, headers, fields, result, token), ct).ConfigureAwait(false);
        foreach (var (path, json) in surfaces)
        {
            await OutputTarget.WriteAsync(context, path, async (w, token) => await w.WriteLineAsync(json.AsMemory(), token).ConfigureAwait(false), ct).ConfigureAwait(false);
        }

        foreach (var (path, png) in pngs) await Charts.WriteAsync(path, png, ct).ConfigureAwait(false);

        log.LogInformation("Chain of {Count} rows ({Ok} ok) in {Expiries} expiries on engine {Engine}: read {ReadMs:F1} ms, analyse {AnalyseMs:F1} ms, total {TotalMs:F1} ms",
            result.Count, result.OkCount, result.Expiries.Count, result.Engine?.Name, readMs, analyseMs, clock.Elapsed.TotalMilliseconds);
        if (result.OkCount < result.Count)
        {
            log.LogWarning("{Bad} of {Count} rows have no mid vol or Greeks: see their status column", result.Count - result.OkCount, result.Count);
        }

        return ExitCodes.Success;
    }

    /// <summary>Per SPX (or VIX) expiry with a smile: the out-of-the-money mids with bid/ask vols, and the fitted slice over their strikes.</summary>
    private static List<SmileData> Smiles(ChainResult result, bool vix)
    {
        var smiles = new List<SmileData>();
        foreach (ChainExpiry x in result.Expiries)
        {
            if (x.Smile.Count == 0 || (x.Root == OptionRoot.Vix) != vix) continue;
            double[]? fitK = null, fitV = null;
            if (x.Fit is { } f)
            {
                double lo = x.Smile.Strikes[0], hi = x.Smile.Strikes[^1];
                fitK = Enumerable.Range(0, 101).Select(i => lo + ((hi - lo) * i / 100.0)).ToArray();
                fitV = fitK.Select(k => Math.Sqrt(Math.Max(f.Slice.TotalVariance(Math.Log(k / x.Forward)), 0) / x.Time)).ToArray();
            }

            smiles.Add(new SmileData(x.Label, x.Smile.Strikes, x.Smile.MidVols, x.Smile.BidVols, x.Smile.AskVols, fitK, fitV));
        }

        return smiles;
    }

    private static string Summary(ChainExpiry x, double? spot)
    {
        var ci = CultureInfo.InvariantCulture;
        if (x.Status != ChainExpiryStatus.Ok) return string.Create(ci, $"{x.Label}: {StatusName(x.Status)}: {x.Message}");
        var p = x.Parity!;
        string q = spot is double s && x.Root != OptionRoot.Vix ? string.Create(ci, $" q={p.ImpliedDividendYield(s, x.Time):0.######}") : string.Empty;
        string forward = x.ForwardFromUnderlying ? string.Create(ci, $"F={x.Forward:0.####} (underlying; parity {p.Forward:0.####})") : string.Create(ci, $"F={x.Forward:0.####}");
        string flags = string.Join(string.Empty, p.Checks.Where(c => c.Arbitrage != ParityArbitrage.None || !c.UsedInFit).Select(c =>
            string.Create(ci, $"; strike {c.Strike}: parity residual {c.Violation:G4}{(c.UsedInFit ? string.Empty : " (rejected as stale)")}")));
        string fit = x.Fit is { } f ? string.Create(ci, $" svi_rmse_vol={f.RmseVol:E2}") : x.Message is null ? string.Empty : $" ({x.Message})";
        return string.Create(ci, $"{x.Label}: t={x.Time:0.########} {forward} D={x.DiscountFactor:0.########} r={x.Rate:0.######}{q} pairs={p.PairsUsed}+{p.PairsRejected} rejected, residual scale {p.ResidualScale:G3}, smile {x.Smile.Count} strikes{fit}{flags}");
    }

    private static List<(string Path, string Json)> SurfaceDocuments(CliContext context, ChainResult result, string path)
    {
        var list = new List<(string, string)>();
        var spx = ChainAnalyzer.FittedSurface(result, vix: false);
        var vix = ChainAnalyzer.FittedSurface(result, vix: true);
        if (spx is null && vix is null)
        {
            throw new CliUserException($"--surface: no expiry could be fitted (each needs 5 out-of-the-money quotes with implied vols); '{path}' was not written.");
        }

        string vixPath = spx is null ? path : Path.ChangeExtension(path, null) + ".vix" + (Path.GetExtension(path) is { Length: > 0 } ext ? ext : ".json");
        foreach (var (surface, target) in new[] { (spx, path), (vix, vixPath) })
        {
            if (surface is not { } s) continue;
            var doc = SurfaceCommand.Document(context, s.Surface, s.Expiries.Select(x => ((string?)x.Label, x.Fit!)).ToArray());
            list.Add((target, SurfaceJson.Serialize(doc)));
        }

        return list;
    }

    private static async Task WriteRowsAsync(TextWriter writer, string[] headers, List<string[]> fields, ChainResult r, CancellationToken ct)
    {
        // Input columns named like an output column (re-running on an output file) are replaced, not duplicated.
        var outNames = new HashSet<string>(OutputColumns, StringComparer.OrdinalIgnoreCase);
        var greeks = GreekInfo.All.ToArray().Where(g => g != Greek.Price).ToArray();
        foreach (Greek g in greeks) outNames.Add(GreekInfo.Name(g));
        int[] keep = Enumerable.Range(0, headers.Length).Where(i => !outNames.Contains(headers[i])).ToArray();
        var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            foreach (int i in keep) csv.WriteField(headers[i]);
            foreach (string h in OutputColumns) csv.WriteField(h);
            foreach (Greek g in greeks) csv.WriteField(GreekInfo.Name(g));
            csv.EndRecord();
            for (int row = 0; row < r.Count; row++)
            {
                if ((row & 4095) == 0) ct.ThrowIfCancellationRequested();
                foreach (int i in keep) csv.WriteField(fields[row][i]);
                csv.WriteField(StatusName(r.Status[row]));
                foreach (double v in new[] { r.Time[row], r.Forward[row], r.DiscountFactor[row], r.Mid[row], r.BidVol[row], r.MidVol[row], r.AskVol[row] }) csv.WriteField(OutputTarget.Format(v));
                foreach (Greek g in greeks) csv.WriteField(OutputTarget.Format(r.Greeks[g][row]));
                csv.EndRecord();
            }

            await csv.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset ParseAsOf(string text)
    {
        if (OffsetSuffix().IsMatch(text.Trim()) &&
            DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        throw new CliUserException($"--as-of: '{text}' is not an ISO 8601 time with a UTC offset; give e.g. 2022-07-12T11:55:00-04:00 (New York, summer) or 2022-07-12T15:55:00Z.", ExitCodes.UsageError);
    }

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    private static DateOnly ParseDate(CsvTable table, int index)
    {
        string text = table.GetString(index);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        throw table.Error(index, $"'{text}' is not a date; use ISO yyyy-MM-dd such as 2022-07-15.");
    }

    private static Dictionary<DateOnly, double> ReadFutures(string path, CancellationToken ct)
    {
        using CsvTable table = CsvTable.Open(path);
        int expiry = table.Require("expiry"), price = table.Require("price");
        var map = new Dictionary<DateOnly, double>();
        while (table.Read())
        {
            ct.ThrowIfCancellationRequested();
            DateOnly date = ParseDate(table, expiry);
            double p = table.GetDouble(price);
            if (!(p > 0 && double.IsFinite(p))) throw table.Error(price, "a futures price must be finite and > 0.");
            if (!map.TryAdd(date, p)) throw table.Error(expiry, $"expiry {date:yyyy-MM-dd} is listed twice; give one price per expiry.");
        }

        return map;
    }

    private static (ChainQuote[] Quotes, string[] Headers, List<string[]> Fields) ReadChain(string path, Dictionary<DateOnly, double>? futures, CancellationToken ct)
    {
        using CsvTable table = CsvTable.Open(path);
        int root = table.Require("root"), expiry = table.Require("expiry"), kind = table.Require("kind"), strike = table.Require("strike"),
            bid = table.Require("bid"), ask = table.Require("ask"), underlying = table.Find("underlying");
        var quotes = new List<ChainQuote>();
        var fields = new List<string[]>();
        while (table.Read())
        {
            if ((quotes.Count & 4095) == 0) ct.ThrowIfCancellationRequested();
            OptionRoot r = table.GetChoice(root, Roots);
            DateOnly date = ParseDate(table, expiry);
            if (!NyseCalendar.IsTradingDay(date))
            {
                throw table.Error(expiry, $"{date:yyyy-MM-dd} ({date.DayOfWeek}) is not a trading day, so no {r.ToString().ToUpperInvariant()} option settles then; check the expiry date.");
            }

            OptionKind k = table.GetChoice(kind, OptionColumnNames.Kinds);
            double s = table.GetDouble(strike);
            if (!(s > 0 && double.IsFinite(s))) throw table.Error(strike, "strike must be finite and > 0.");
            double b = table.GetDoubleOrDefault(bid, double.NaN), a = table.GetDoubleOrDefault(ask, double.NaN);
            if (b < 0 || double.IsInfinity(b)) throw table.Error(bid, "bid must be finite and ≥ 0 (empty or 0: no bid).");
            if (a < 0 || double.IsInfinity(a)) throw table.Error(ask, "ask must be finite and ≥ 0 (empty or 0: no ask).");
            double u = table.GetDoubleOrDefault(underlying, double.NaN);
            if (!double.IsNaN(u) && !(u > 0 && double.IsFinite(u))) throw table.Error(underlying, "underlying (the forward) must be finite and > 0, or empty.");
            if (double.IsNaN(u) && r == OptionRoot.Vix && futures is not null && futures.TryGetValue(date, out double f)) u = f;
            quotes.Add(new ChainQuote(r, date, k, s, b, a, u));
            fields.Add(table.GetAll());
        }

        if (quotes.Count == 0) throw CliUserException.At(path, 1, null, "no quotes: add rows with root, expiry, kind, strike, bid and ask.");
        return (quotes.ToArray(), table.Headers.ToArray(), fields);
    }

    /// <summary>Logger category.</summary>
    private sealed class ChainCommandLog;
}
