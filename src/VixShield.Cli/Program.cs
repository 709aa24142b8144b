using System.Runtime.InteropServices;
using VixShield.Cli.Infrastructure;

namespace VixShield.Cli;

/// <summary>Entry point of the <c>vixshield</c> command.</summary>
public static class Program
{
    /// <summary>How long a cancelled command may take to wind down before the process exits anyway.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs the command line. Ctrl+C (SIGINT) and SIGTERM cancel the running command: exit code 130 or 143, no partial
    /// output file. A command that has not wound down a second later (blocked in a read of a FIFO, say) is ended there
    /// and then, its temporary output files deleted first. A second signal terminates the process as usual.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        int signalExit = 0;
        var finished = new TaskCompletionSource();

        void OnSignal(PosixSignalContext ctx)
        {
            if (Interlocked.CompareExchange(ref signalExit, ctx.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Cancelled, 0) != 0)
            {
                return; // the second signal: default handling ends the process
            }

            ctx.Cancel = true;
            cts.Cancel();
            _ = Task.Run(async () =>
            {
                if (await Task.WhenAny(finished.Task, Task.Delay(CancelGrace)).ConfigureAwait(false) == finished.Task) return;
                AtomicFileWriter.DeleteLiveTemporaryFiles();
                await Console.Error.WriteLineAsync("vixshield: cancelled; no output file was written.").ConfigureAwait(false);
                Environment.Exit(signalExit);
            });
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            int code = await CliApp.RunAsync(args, Console.Out, Console.Error, cts.Token, outIsConsole: !Console.IsOutputRedirected).ConfigureAwait(false);
            return code == ExitCodes.Cancelled && signalExit != 0 ? signalExit : code;
        }
        finally
        {
            finished.TrySetResult();
        }
    }
}
