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
        var units = new UnitsOptions();
        var engine = new EngineOptions();
        var command = new Command("price", "Price options from a CSV file: status, price and 17 Greeks per row (full double precision).")
        {
            input,
            output,
        };
        units.AddTo(command);
        engine.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new PriceOptions(
                parse.GetRequiredValue(input),
                parse.GetValue(output),
                units.Desk(parse),
                engine.GetPrecision(parse),
                units.Day(parse));
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

    /// <summary>
    /// Streams the input: reads a chunk, prices it, writes it, and so on, so memory stays flat however long the file.
    /// A bad row stops the command when it is reached (a <see cref="CliUserException"/>); with --output the temporary
    /// file is then removed and no output file appears; on standard output the rows before it have been written.
    /// </summary>
    internal static async Task<int> RunAsync(CliContext context, IGreeksEngine engine, PriceOptions options, CancellationToken ct, int chunkRows = OptionRows.DefaultChunkRows)
    {
        ILogger log = context.Logger<PriceCommandLog>();
        AtomicFileWriter.EnsureNotAnInput(options.Output, options.Input);
        var clock = Stopwatch.StartNew();
        using OptionRows rows = OptionRows.Open(options.Input, VolColumn, chunkRows);
        var outputs = new GreeksBuffer<double>(rows.Capacity, Greek.All);
        long count = 0, invalid = 0;
        string engineName = engine.Info.Name;
        Precision precision = options.Precision;
        bool fellBack = false;

        // Input columns that share a name with an output column (re-pricing an output file) are replaced, not duplicated.
        var outputNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "status" };
        foreach (Greek g in GreekInfo.All) outputNames.Add(GreekInfo.Name(g));
        int[] keep = Enumerable.Range(0, rows.Headers.Count).Where(i => !outputNames.Contains(rows.Headers[i])).ToArray();

        await OutputTarget.WriteAsync(context, options.Output, async (writer, token) =>
        {
            var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            await using (csv.ConfigureAwait(false))
            {
                foreach (int i in keep) csv.WriteField(rows.Headers[i]);
                csv.WriteField("status");
                foreach (Greek g in GreekInfo.All) csv.WriteField(GreekInfo.Name(g));
                csv.EndRecord();
                while (rows.ReadChunk(token))
                {
                    ComputeResult result = PrecisionRunner.Compute(engine, rows.AsBatch(), outputs, options.Precision, token);
                    (count, invalid, engineName, precision) = (count + result.Count, invalid + result.InvalidCount, result.Engine, result.Precision);
                    fellBack |= result.FellBack;
                    if (options.Desk)
                    {
                        foreach (Greek g in GreekInfo.All) DeskUnits.ToDeskInPlace(g, outputs[g].AsSpan(0, rows.Count), options.ThetaDay);
                    }

                    WriteChunk(csv, rows, keep, outputs, result.Precision, token);
                    await csv.FlushAsync(token).ConfigureAwait(false);
                }
            }
        }, ct).ConfigureAwait(false);
        log.LogInformation(
            "Priced {Count} rows ({Invalid} invalid) with engine {Engine} in {Precision} precision{Fallback} in chunks of {Chunk}: total {TotalMs:F1} ms",
            count, invalid, engineName, precision, fellBack ? " (fell back)" : string.Empty, rows.Capacity, clock.Elapsed.TotalMilliseconds);
        if (invalid > 0)
        {
            log.LogWarning("{Invalid} of {Count} rows are invalid: see their status column (their outputs are NaN)", invalid, count);
        }

        return ExitCodes.Success;
    }

    private static void WriteChunk(CsvWriter csv, OptionRows rows, int[] keep, GreeksBuffer<double> outputs, Precision precision, CancellationToken ct)
    {
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
    }

    /// <summary>Logger category of the price command.</summary>
    private sealed class PriceCommandLog;
}
