using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using CsvHelper;
using Microsoft.Extensions.Logging;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.ImpliedVol;

namespace VixShield.Cli.Commands;

/// <summary>
/// <c>vixshield iv --input IN.csv [--output OUT.csv] [--threads N]</c>: implied volatility of every row (Jaeckel's
/// "Let's Be Rational"). Input: the columns of <c>vixshield price</c> with <c>price</c> (discounted market price)
/// in place of <c>vol</c>. Output: the input columns, then <c>status</c> and <c>implied_vol</c> (round-trip doubles).
/// </summary>
internal static class IvCommand
{
    /// <summary>The price column.</summary>
    public const string PriceColumn = "price";

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "Input CSV with a header; columns in any order: kind (call|put), model (bsm|black76, optional), underlying (spot for bsm, forward for black76), strike, t (years, > 0), price (discounted), r, q (optional, default 0; ignored by black76).",
            Required = true,
            HelpName = "IN.csv",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Output CSV (written atomically). Without it, CSV goes to standard output.",
            HelpName = "OUT.csv",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads (default: all cores).",
            DefaultValueFactory = _ => -1,
            HelpName = "N",
        };
        var engine = new EngineOptions();
        var command = new Command("iv", "Implied volatility from option prices (Let's Be Rational: full double precision). Adds status and implied_vol columns.")
        {
            input,
            output,
            threads,
        };
        engine.AddEngineOnlyTo(command); // float64 only: the solver reaches full double precision, there is no float32 variant
        command.SetAction(async (parse, ct) =>
            await RunAsync(context, parse.GetRequiredValue(input), parse.GetValue(output), parse.GetValue(threads), ct, engine.GetPreference(parse)).ConfigureAwait(false));
        return command;
    }

    /// <summary>Machine names of <see cref="ImpliedVolStatus"/> in CSV output.</summary>
    internal static string StatusName(ImpliedVolStatus status) => status switch
    {
        ImpliedVolStatus.Ok => "ok",
        ImpliedVolStatus.BelowIntrinsic => "below_intrinsic",
        ImpliedVolStatus.AboveMaximum => "above_maximum",
        ImpliedVolStatus.NotConverged => "not_converged",
        _ => "invalid_input",
    };

    /// <summary>
    /// Streams the input in chunks (read, invert, write), so memory stays flat however long the file. A bad row stops the
    /// command when reached; with --output the temporary file is removed and no output file appears.
    /// </summary>
    internal static async Task<int> RunAsync(CliContext context, string inputPath, string? outputPath, int threads, CancellationToken ct,
        EnginePreference preference = EnginePreference.Simd, int chunkRows = OptionRows.DefaultChunkRows)
    {
        ILogger log = context.Logger<IvCommandLog>();
        AtomicFileWriter.EnsureNotAnInput(outputPath, inputPath);
        var clock = Stopwatch.StartNew();
        using OptionRows rows = OptionRows.Open(inputPath, PriceColumn, chunkRows);
        var vol = new double[rows.Capacity];
        var status = new ImpliedVolStatus[rows.Capacity];

        // scalar: one thread, scalar solve; simd: the vectorised bulk solver on every core; gpu/ilgpu-cpu (and auto when a
        // GPU passes its self-check): the same Let's Be Rational code in an ILGPU kernel, finishing on the CPU solver on failure.
        var cpuOptions = preference == EnginePreference.Scalar
            ? new ImpliedVolOptions { MaxDegreeOfParallelism = 1, VectorizeSolve = false }
            : new ImpliedVolOptions { MaxDegreeOfParallelism = threads };
        string engineName = preference == EnginePreference.Scalar ? "scalar" : "simd";
        long okCount = 0;
        int usedThreads = 0;
        using (IGreeksEngine engine = EngineOptions.Create(preference, context))
        {
            var outNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "status", "implied_vol" };
            int[] keep = Enumerable.Range(0, rows.Headers.Count).Where(i => !outNames.Contains(rows.Headers[i])).ToArray();
            await OutputTarget.WriteAsync(context, outputPath, async (writer, token) =>
            {
                var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
                await using (csv.ConfigureAwait(false))
                {
                    foreach (int i in keep) csv.WriteField(rows.Headers[i]);
                    csv.WriteField("status");
                    csv.WriteField("implied_vol");
                    csv.EndRecord();
                    while (rows.ReadChunk(token))
                    {
                        int n = rows.Count;
                        var batch = new ImpliedVolBatch(
                            rows.Kind.AsSpan(0, n), rows.Underlying.AsSpan(0, n), rows.Strike.AsSpan(0, n), rows.Time.AsSpan(0, n),
                            rows.Value.AsSpan(0, n), rows.Rate.AsSpan(0, n), rows.Dividend.AsSpan(0, n), rows.Model.AsSpan(0, n));
                        EngineImpliedVolResult solved = engine.ImpliedVolatility(batch, vol.AsSpan(0, n), status.AsSpan(0, n), cpuOptions, token);
                        (okCount, usedThreads) = (okCount + solved.OkCount, Math.Max(usedThreads, solved.Threads));
                        if (solved.Engine != ImpliedVolEngineExtensions.CpuEngineName) engineName = solved.Engine;

                        for (int r = 0; r < n; r++)
                        {
                            if ((r & 4095) == 0) token.ThrowIfCancellationRequested();
                            foreach (int i in keep) csv.WriteField(rows.Fields[r][i]);
                            csv.WriteField(StatusName(status[r]));
                            csv.WriteField(OutputTarget.Format(vol[r]));
                            csv.EndRecord();
                        }

                        await csv.FlushAsync(token).ConfigureAwait(false);
                    }
                }
            }, ct).ConfigureAwait(false);
        }

        long count = rows.RowsRead;
        log.LogInformation("Implied vols of {Count} rows ({Ok} ok) on engine {Engine} ({Threads} CPU thread(s)) in chunks of {Chunk} in {Ms:F1} ms", count, okCount, engineName, usedThreads, rows.Capacity, clock.Elapsed.TotalMilliseconds);
        if (okCount < count)
        {
            log.LogWarning("{Bad} of {Count} rows have no implied vol: see their status column (implied_vol is NaN)", count - okCount, count);
        }

        return ExitCodes.Success;
    }

    /// <summary>Logger category.</summary>
    private sealed class IvCommandLog;
}
