using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VixShield.Cli.Infrastructure;
using VixShield.Compute.Gpu;

namespace VixShield.Cli.Commands;

/// <summary><c>vixshield devices</c>: the accelerators ILGPU finds here and why Auto does or does not use one.</summary>
internal static class DevicesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var checkCpu = new Option<bool>("--check-cpu-accelerator")
        {
            Description = "Also self-check ILGPU's CPU accelerator (what --engine ilgpu-cpu uses; slow: it compiles the kernels).",
        };
        var command = new Command(
            "devices",
            "List the CUDA/OpenCL accelerators found, the start-up self-check of each (a small batch against the scalar reference), and which engine --engine auto picks and why.");
        command.Add(checkCpu);
        command.SetAction((parse, ct) => Task.FromResult(Run(context, parse.GetValue(checkCpu))));
        return command;
    }

    /// <summary>Surveys the devices and prints the table.</summary>
    internal static int Run(CliContext context, bool checkCpuAccelerator)
    {
        IReadOnlyList<AcceleratorReport> rows = GpuAcceleratorProvider.Survey(checkCpuAccelerator, context.LoggerFactory);
        IAnsiConsole console = CliConsole.Create(context, 180);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Device").AddColumn("Backend").AddColumn(new TableColumn("Memory").RightAligned())
            .AddColumn("Self-check").AddColumn(new TableColumn("Max rel. err").RightAligned()).AddColumn("Auto uses it").AddColumn("Why");
        foreach (AcceleratorReport r in rows)
        {
            table.AddRow(
                Markup.Escape(r.Name),
                r.Backend,
                r.MemoryBytes > 0 ? (r.MemoryBytes / (1024.0 * 1024 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " GiB" : "",
                r.SelfCheck,
                r.MaxRelativeError is double e ? e.ToString("E1", CultureInfo.InvariantCulture) : "",
                r.Chosen ? "yes" : "no",
                Markup.Escape(r.Reason));
        }

        console.Write(table);
        return ExitCodes.Success;
    }
}
