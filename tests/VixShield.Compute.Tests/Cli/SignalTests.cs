using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

/// <summary>
/// Issue 14: signals, on the real <c>vixshield</c> process. SIGTERM is handled like Ctrl+C (exit 143, no output file,
/// no temporary file left), and a command blocked reading a FIFO still answers Ctrl+C and SIGTERM (the one-second
/// forced exit of Program). The waits below are generous upper bounds for a loaded 2-core CI machine, not timings.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task ACommandBlockedOnAFifoInputAnswersTheSignal(string signal, int exitCode)
    {
        if (OperatingSystem.IsWindows()) return;
        string fifo = _box.PathOf("in.fifo");
        Tool("mkfifo", fifo);
        string output = _box.PathOf("out.csv");
        using Process p = StartCli("price", "--input", fifo, "--output", output);

        // Open the FIFO for writing and send half a header: the command is now blocked in a read that never ends.
        await using FileStream writer = await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromSeconds(30));
        await writer.WriteAsync(Encoding.UTF8.GetBytes("kind,under"));
        await writer.FlushAsync();
        await Task.Delay(500); // let it reach the blocking read (the outcome is the same if it has not yet)
        Tool("kill", "-" + signal, p.Id.ToString(CultureInfo.InvariantCulture));
        Assert.True(await Exited(p, 20), "vixshield did not answer the signal");
        Assert.Equal(exitCode, p.ExitCode);
        Assert.Equal(["in.fifo"], _box.FilesExcept());
    }

    [Fact]
    public async Task SigtermWhileWritingRemovesTheTemporaryFile()
    {
        if (OperatingSystem.IsWindows()) return;
        string output = _box.PathOf("out.csv");
        for (int rows = 200_000; rows <= 3_200_000; rows *= 4)
        {
            string input = WriteRows(rows);
            using Process p = StartCli("price", "--input", input, "--output", output, "--engine", "scalar");
            bool caught = false;
            while (!p.HasExited)
            {
                if (_box.FilesExcept("in.csv").Any(n => n.EndsWith(".tmp", StringComparison.Ordinal)))
                {
                    Tool("kill", "-TERM", p.Id.ToString(CultureInfo.InvariantCulture));
                    caught = true;
                    break;
                }

                await Task.Delay(5);
            }

            Assert.True(await Exited(p, 30), "vixshield did not answer SIGTERM");
            if (!caught)
            {
                // Finished before its temporary file was seen: try again with a larger input.
                Assert.Equal(0, p.ExitCode);
                File.Delete(output);
                continue;
            }

            Assert.Equal(143, p.ExitCode);
            Assert.Equal([], _box.FilesExcept("in.csv"));
            return;
        }

        Assert.Fail("the command always finished before its temporary output file could be seen");
    }

    private string WriteRows(int rows)
    {
        var sb = new StringBuilder("kind,underlying,strike,t,vol,r,q\n");
        for (int i = 0; i < rows; i++) sb.Append(i % 2 == 0 ? "call" : "put").Append(",5900,").Append(5000 + (i % 1800)).Append(",0.25,0.2,0.043,0.013\n");
        return _box.Write("in.csv", sb.ToString());
    }

    private static Process StartCli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vixshield.dll"));
        foreach (string a in args) psi.ArgumentList.Add(a);
        Process p = Process.Start(psi)!;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task<bool> Exited(Process p, int seconds)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await p.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            p.Kill();
            return false;
        }
    }

    private static void Tool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }
}
