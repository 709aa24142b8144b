using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.Extensions.Logging;
using VixShield.Cli.Commands;
using VixShield.Cli.Infrastructure;

namespace VixShield.Cli;

/// <summary>
/// Builds and runs the <c>vixshield</c> command line. <see cref="RunAsync"/> is what <see cref="Program"/> calls
/// and what tests call in-process with string writers. It never lets an exception escape: user errors print
/// <c>vixshield: error: ...</c> (no stack trace) and return a non-zero exit code (see <see cref="ExitCodes"/>).
/// </summary>
internal static class CliApp
{
    /// <summary>The global --verbose option (debug logging on standard error; stack traces of internal errors).</summary>
    public static Option<bool> CreateVerboseOption() => new("--verbose", "-v")
    {
        Description = "Log details (engine selection, timings) to standard error.",
        Recursive = true,
    };

    /// <summary>Builds the root command with every command of <see cref="CommandCatalog"/>.</summary>
    public static RootCommand BuildRoot(CliContext context, Option<bool> verbose)
    {
        var root = new RootCommand(
            "vixshield: European option prices and Greeks (Black-Scholes-Merton, Black-76) for SPX/VIX grids and books.");
        root.Add(verbose);
        foreach (Command command in CommandCatalog.Create(context)) root.Add(command);
        root.SetAction(parse =>
        {
            // No command given: show the help (the list of commands) and fail, so scripts notice.
            new HelpAction().Invoke(parse);
            return ExitCodes.UsageError;
        });
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default, bool outIsConsole = false)
    {
        using var context = new CliContext(output, error) { OutIsConsole = outIsConsole };
        Option<bool> verbose = CreateVerboseOption();
        RootCommand root = BuildRoot(context, verbose);
        ParseResult parse = root.Parse(args);
        context.Verbose = parse.GetValue(verbose);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await error.WriteLineAsync($"vixshield: error: {e.Message}").ConfigureAwait(false);
            string command = parse.CommandResult.Command is RootCommand ? "vixshield" : $"vixshield {parse.CommandResult.Command.Name}";
            await error.WriteLineAsync($"Run '{command} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var config = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl+C is turned into cancellationToken by Program.
        };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUserException e)
        {
            await error.WriteLineAsync($"vixshield: error: {OneLine(e.Describe())}").ConfigureAwait(false);
            if (context.Verbose && e.InnerException is not null) await error.WriteLineAsync(e.InnerException.ToString()).ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("vixshield: cancelled; no output file was written.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The top level must catch everything: a CLI never shows a raw stack trace unless --verbose.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Logger<RootCommand>().LogDebug(e, "Unhandled exception");
            await error.WriteLineAsync($"vixshield: internal error ({e.GetType().Name}): {OneLine(e.Message)}").ConfigureAwait(false);
            await error.WriteLineAsync(context.Verbose
                ? e.ToString()
                : "This is a bug in vixshield; run again with --verbose for the stack trace and report it.").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// The error on one line: a value quoted from the input may hold a line break (a quoted CSV field, a JSON string),
    /// which would split the message for anything that reads errors line by line; breaks are shown as \n.
    /// </summary>
    internal static string OneLine(string message) => message.Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
