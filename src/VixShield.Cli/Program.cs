namespace VixShield.Cli;

/// <summary>Entry point of the <c>vixshield</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; Ctrl+C cancels the running command (exit code 130, no partial output file).</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cts.IsCancellationRequested) return; // a second Ctrl+C terminates the process as usual
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await CliApp.RunAsync(args, Console.Out, Console.Error, cts.Token, outIsConsole: !Console.IsOutputRedirected).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
