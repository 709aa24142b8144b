using System.Diagnostics;
using Xunit;

namespace VixShield.Compute.Tests.Cli;

/// <summary>
/// Issue 14: the output file. A symbolic link is followed (its target replaced, the link kept), an existing file keeps
/// its permissions, a FIFO or /dev/stdout is written through (never replaced by a regular file), and an output that is
/// one of the command's inputs is refused with exit 2 before anything is touched.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private const string Input = "kind,underlying,strike,t,vol,r,q\ncall,5900,6000,0.0833,0.15,0.043,0.013\nput,5900,5500,0.0833,0.22,0.043,0.013\n";

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>What the command writes to standard output for <see cref="Input"/>: the reference for every other target.</summary>
    private async Task<string> ExpectedCsv(string input)
    {
        CliRun run = await _box.RunAsync("price", "--input", input, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Out;
    }

    [Fact]
    public async Task ASymlinkOutputReplacesItsTargetAndStaysALink()
    {
        if (OperatingSystem.IsWindows()) return; // symlinks need privileges there; the code path is the same
        string input = _box.Write("in.csv", Input);
        string real = _box.Write("real.csv", "old\n");
        string link = _box.PathOf("link.csv");
        File.CreateSymbolicLink(link, "real.csv");

        CliRun run = await _box.RunAsync("price", "--input", input, "--output", link, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("real.csv", new FileInfo(link).LinkTarget);
        Assert.Equal(await ExpectedCsv(input), File.ReadAllText(real));
        Assert.Equal(["in.csv", "link.csv", "real.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task ADanglingSymlinkCreatesItsTarget()
    {
        if (OperatingSystem.IsWindows()) return;
        string input = _box.Write("in.csv", Input);
        string link = _box.PathOf("link.csv");
        File.CreateSymbolicLink(link, "new.csv");

        CliRun run = await _box.RunAsync("price", "--input", input, "--output", link, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("new.csv", new FileInfo(link).LinkTarget);
        Assert.Equal(await ExpectedCsv(input), File.ReadAllText(_box.PathOf("new.csv")));
    }

    [Fact]
    public async Task AnExistingFileKeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows()) return;
        string input = _box.Write("in.csv", Input);
        string output = _box.Write("out.csv", "old\n");
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(output, ownerOnly);

        CliRun run = await _box.RunAsync("price", "--input", input, "--output", output, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ownerOnly, File.GetUnixFileMode(output));
        Assert.Equal(await ExpectedCsv(input), File.ReadAllText(output));
    }

    [Fact]
    public async Task AFifoIsWrittenThroughNotReplaced()
    {
        if (OperatingSystem.IsWindows()) return;
        string input = _box.Write("in.csv", Input);
        string fifo = _box.PathOf("out.fifo");
        RunTool("mkfifo", fifo);

        // The reader opens the FIFO (blocking until the command opens it for writing) and reads to the end.
        Task<string> reader = Task.Run(() => File.ReadAllText(fifo));
        CliRun run = await _box.RunAsync("price", "--input", input, "--output", fifo, "--engine", "scalar");
        Assert.True(run.ExitCode == 0, run.ToString());
        string received = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(await ExpectedCsv(input), received);
        Assert.Equal("fifo", RunTool("stat", "-c", "%F", fifo).Trim());
        Assert.Equal(["in.csv", "out.fifo"], _box.FilesExcept()); // no temporary file beside it
    }

    [Fact]
    public async Task DevStdoutIsWrittenThrough()
    {
        if (OperatingSystem.IsWindows()) return;
        string input = _box.Write("in.csv", Input);
        string cli = Path.Combine(AppContext.BaseDirectory, "vixshield.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { cli, "price", "--input", input, "--output", "/dev/stdout", "--engine", "scalar" }) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string stdout = await p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "vixshield did not exit");
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {await err}");
        Assert.Equal(await ExpectedCsv(input), stdout);
    }

    [Fact]
    public async Task DevNullIsWrittenThroughNeverReplaced()
    {
        // Opening is harmless (nothing is committed): a regression would show as a temporary file, not a lost /dev/null.
        if (OperatingSystem.IsWindows()) return;
        await using var writer = VixShield.Cli.Infrastructure.AtomicFileWriter.Create("/dev/null");
        Assert.True(writer.WritesThrough);
        Assert.Null(writer.TempPath);
    }

    [Fact]
    public async Task DevStdoutAppendedToAFileKeepsWhatWasThere()
    {
        // "vixshield price --output /dev/stdout >> log.csv": /dev/stdout leads to a regular file, which must be written
        // to through the open stream (appended), not replaced.
        if (OperatingSystem.IsWindows()) return;
        string input = _box.Write("in.csv", Input);
        string log = _box.Write("log.csv", "earlier line\n");
        string cli = Path.Combine(AppContext.BaseDirectory, "vixshield.dll");
        var psi = new ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-c", "exec dotnet \"$0\" price --input \"$1\" --output /dev/stdout --engine scalar >> \"$2\"", cli, input, log }) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        string err = await p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "vixshield did not exit");
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {err}");
        Assert.Equal("earlier line\n" + await ExpectedCsv(input), File.ReadAllText(log));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnOutputThatIsAnInputIsRefusedWithExit2(bool throughLink)
    {
        string input = _box.Write("in.csv", Input);
        string output = input;
        if (throughLink)
        {
            if (OperatingSystem.IsWindows()) return;
            output = _box.PathOf("alias.csv");
            File.CreateSymbolicLink(output, input);
        }

        CliRun run = await _box.RunAsync("price", "--input", input, "--output", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is also an input", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal(Input, File.ReadAllText(input));
        Assert.Equal(throughLink ? ["alias.csv", "in.csv"] : ["in.csv"], _box.FilesExcept());
    }

    [Fact]
    public async Task IvAndSurfaceEvalRefuseTheirInputAsOutput()
    {
        string prices = _box.Write("prices.csv", "kind,underlying,strike,t,price,r,q\ncall,100,100,0.5,6.5,0.03,0\n");
        CliRun iv = await _box.RunAsync("iv", "--input", prices, "--output", prices);
        Assert.Equal(2, iv.ExitCode);
        Assert.Contains("is also an input", iv.Err);

        string surface = _box.Write("surface.json", "{}");
        CliRun eval = await _box.RunAsync("surface", "eval", "--surface", surface, "--strikes", "100", "--expiries", "0.5", "--output", surface);
        Assert.Equal(2, eval.ExitCode);
        Assert.Contains("is also an input", eval.Err);
        Assert.Equal("{}", File.ReadAllText(surface));
    }

    private static string RunTool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return text;
    }
}
