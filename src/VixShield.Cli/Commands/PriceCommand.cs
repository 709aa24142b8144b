using System.CommandLine;
using System.Diagnostics;
using CsvHelper;
using Microsoft.Extensions.Logging;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Units;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield price --input IN.csv [--output OUT.csv] [--units raw|desk] [--engine ...] [--precision double|single]</c>:
/// prices every row of a CSV and writes the input columns, then status and the 18 outputs in <see cref="GreekInfo.All"/> order.
/// </summary>
internal static class PriceCommand
{
    /// <summary>The value column of a price input (the other columns: <see cref="OptionRows"/>).</summary>
    public const string VolColumn = "vol";

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Input CSV with a header; columns in any order: kind (call|put), model (bsm|black76, optional, default bsm), underlying (spot for bsm, forward for black76), strike, t (years), vol, r, q (optional, default 0; ignored by black76).",
            Required = true,
            HelpName = "IN.csv",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Output CSV (written atomically: complete or not at all). Without it, CSV goes to standard output.",
            HelpName = "OUT.csv",
        };
        var units = new Option<string>("--units")
        {
            Description = "raw (vega per 1.00 vol, theta per year, rho/phi per 1.00) or desk (vega/vanna/zomma per vol point, volga per point², ultima per point³, theta/charm/color per calendar day, veta per point per day, rho/phi per 1 %).",
            DefaultValueFactory = _ => "raw",
            HelpName = "raw|desk",
        };
        units.AcceptOnlyFromAmong("raw", "desk");
        var thetaDay = new Option<string>("--theta-day")
        {
            Description = "With --units desk: theta, charm, color and veta per calendar day (÷ 365, default) or per trading day (÷ 252).",
            DefaultValueFactory = _ => "calendar",
            HelpName = "calendar|trading",
        };
        thetaDay.AcceptOnlyFromAmong("calendar", "trading");
        var engine = new EngineOptions();
        var command = new Command("price", "Price options from a CSV file: status, price and 17 Greeks per row (full double precision).")
        {
            input,
            output,
            units,
            thetaDay,
        };
        engine.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new PriceOptions(
                parse.GetRequiredValue(input),
                parse.GetValue(output),
                parse.GetValue(units) == "desk",
                engine.GetPrecision(parse),
                parse.GetValue(thetaDay) == "trading" ? ThetaDay.Trading : ThetaDay.Calendar);
            IGreeksEngine greeks = engine.CreateEngine(parse, context);
            return await RunAsync(context, greeks, options, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>What <c>price</c> was asked to do.</summary>
    /// <param name="Input">Input CSV path.</param>
    /// <param name="Output">Output CSV path, or null for standard output.</param>
    /// <param name="Desk">Desk units instead of raw.</param>
    /// <param name="Precision">Arithmetic precision.</param>
    /// <param name="ThetaDay">The day desk-unit time derivatives are per.</param>
    internal sealed record PriceOptions(string Input, string? Output, bool Desk, Precision Precision, ThetaDay ThetaDay = ThetaDay.Calendar);

    /// <summary>Reads, prices and writes; every input problem is a <see cref="CliUserException"/> raised before any output is written.</summary>
    internal static async Task<int> RunAsync(CliContext context, IGreeksEngine engine, PriceOptions options, CancellationToken ct)
    {
        ILogger log = context.Logger<PriceCommandLog>();
        AtomicFileWriter.EnsureNotAnInput(options.Output, options.Input);
        var clock = Stopwatch.StartNew();
        OptionRows rows = OptionRows.Read(options.Input, VolColumn, ct);
        double readMs = clock.Elapsed.TotalMilliseconds;

        var outputs = new GreeksBuffer<double>(rows.Count, Greek.All);
        ComputeResult result = PrecisionRunner.Compute(engine, rows.AsBatch(), outputs, options.Precision, ct);
        double computeMs = clock.Elapsed.TotalMilliseconds - readMs;

        if (options.Desk)
        {
            foreach (Greek g in GreekInfo.All) DeskUnits.ToDeskInPlace(g, outputs[g].AsSpan(0, rows.Count), options.ThetaDay);
        }

        await OutputTarget.WriteAsync(context, options.Output, (writer, token) => WriteAsync(writer, rows, outputs, result.Precision, token), ct)
            .ConfigureAwait(false);
        log.LogInformation(
            "Priced {Count} rows ({Invalid} invalid) with engine {Engine} in {Precision} precision{Fallback}: read {ReadMs:F1} ms, compute {ComputeMs:F1} ms, total {TotalMs:F1} ms",
            result.Count, result.InvalidCount, result.Engine, result.Precision, result.FellBack ? " (fell back)" : string.Empty,
            readMs, computeMs, clock.Elapsed.TotalMilliseconds);
        if (result.InvalidCount > 0)
        {
            log.LogWarning("{Invalid} of {Count} rows are invalid: see their status column (their outputs are NaN)", result.InvalidCount, result.Count);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteAsync(TextWriter writer, OptionRows rows, GreeksBuffer<double> outputs, Precision precision, CancellationToken ct)
    {
        // Input columns that share a name with an output column (re-pricing an output file) are replaced, not duplicated.
        var outputNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "status" };
        foreach (Greek g in GreekInfo.All) outputNames.Add(GreekInfo.Name(g));
        int[] keep = Enumerable.Range(0, rows.Headers.Count).Where(i => !outputNames.Contains(rows.Headers[i])).ToArray();

        var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            foreach (int i in keep) csv.WriteField(rows.Headers[i]);
            csv.WriteField("status");
            foreach (Greek g in GreekInfo.All) csv.WriteField(GreekInfo.Name(g));
            csv.EndRecord();
            for (int row = 0; row < rows.Count; row++)
            {
                if ((row & 4095) == 0) ct.ThrowIfCancellationRequested();
                string[] fields = rows.Fields[row];
                foreach (int i in keep) csv.WriteField(fields[i]);
                csv.WriteField(StatusText.Name(outputs.Status[row]));
                foreach (Greek g in GreekInfo.All)
                {
                    double v = outputs[g][row];
                    csv.WriteField(precision == Precision.Single ? OutputTarget.Format((float)v) : OutputTarget.Format(v));
                }

                csv.EndRecord();
            }

            await csv.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Logger category of the price command.</summary>
    private sealed class PriceCommandLog;
}
