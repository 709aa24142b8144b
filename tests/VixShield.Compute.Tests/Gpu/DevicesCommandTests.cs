using VixShield.Compute.Tests.Cli;
using Xunit;

namespace VixShield.Compute.Tests.Gpu;

/// <summary><c>vixshield devices</c> and <c>--engine ilgpu-cpu</c> through the CLI, in-process.</summary>
public class DevicesCommandTests
{
    [Fact]
    public async Task DevicesListsTheCpuAcceleratorAndWhatAutoUses()
    {
        using var sandbox = new CliSandbox();
        CliRun run = await sandbox.RunAsync("devices");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ILGPU CPU accelerator", run.Out, StringComparison.Ordinal);
        Assert.Contains("never chosen by Auto", run.Out, StringComparison.Ordinal);
        // Exactly one row says which engine Auto uses: a GPU that passed its self-check, or the CPU engine.
        Assert.True(run.Out.Contains("passed the self-check", StringComparison.Ordinal) || run.Out.Contains("Auto uses the CPU engine", StringComparison.Ordinal), run.Out);
    }

    [Fact]
    public async Task PriceWithIlgpuCpuEngineEqualsScalarEngine()
    {
        using var sandbox = new CliSandbox();
        string input = sandbox.Write("in.csv", "kind,model,underlying,strike,t,vol,r,q\ncall,bsm,5900,6000,0.1,0.18,0.045,0.013\nput,black76,18.5,17,0.05,0.9,0.045,0\nput,bsm,5900,5000,0.002,0.35,0.045,0.013\n");
        CliRun gpu = await sandbox.RunAsync("price", "--input", input, "--output", sandbox.PathOf("gpu.csv"), "--engine", "ilgpu-cpu");
        CliRun scalar = await sandbox.RunAsync("price", "--input", input, "--output", sandbox.PathOf("scalar.csv"), "--engine", "scalar");
        Assert.Equal(0, gpu.ExitCode);
        Assert.Equal(0, scalar.ExitCode);
        string[] g = File.ReadAllLines(sandbox.PathOf("gpu.csv")), s = File.ReadAllLines(sandbox.PathOf("scalar.csv"));
        Assert.Equal(s.Length, g.Length);
        Assert.Equal(s[0], g[0]);
        for (int i = 1; i < s.Length; i++)
        {
            double[] a = g[i].Split(',').Skip(9).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            double[] e = s[i].Split(',').Skip(9).Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            for (int j = 0; j < e.Length; j++) Assert.True(Math.Abs(a[j] - e[j]) <= 1e-12 * Math.Max(1, Math.Abs(e[j])), $"row {i} col {j}: {a[j]} vs {e[j]}");
        }
    }
}
