using System.CommandLine;
using VixShield.Cli.Infrastructure;

namespace VixShield.Cli.Commands;

/// <summary>
/// Every <c>vixshield</c> subcommand. To add one: write <c>Commands/NameCommand.cs</c> with
/// <c>internal static Command Create(CliContext context)</c> and add ONE line below (keep one command per line
/// so parallel branches merge without conflicts).
/// </summary>
internal static class CommandCatalog
{
    /// <summary>Creates the subcommands for one run.</summary>
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return PriceCommand.Create(context);
        yield return DemoCommand.Create(context);
        yield return BenchCommand.Create(context);
        yield return IvCommand.Create(context);
        yield return SurfaceCommand.Create(context);
        yield return ChainCommand.Create(context);
        yield return BookCommand.Create(context);
        yield return StressCommand.Create(context);
        yield return MonteCarloCommand.Create(context);
        yield return DevicesCommand.Create(context);
        yield return GpuBenchCommand.Create(context);
        yield return SiloCommand.Create(context);
        yield return ClusterCommand.Create(context);
    }
}
