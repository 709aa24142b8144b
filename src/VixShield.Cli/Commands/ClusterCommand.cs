using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using VixShield.Cli.Infrastructure;
using VixShield.Compute.Orleans;

namespace VixShield.Cli.Commands;

/// <summary><c>vixshield cluster status</c>: the silos of the cluster, their engines and devices.</summary>
internal static class ClusterCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var cluster = new ClusterCliOptions();
        var json = new Option<bool>("--json") { Description = "Print the silos as JSON." };
        var status = new Command("status", "List the active silos of the cluster: address, host, process, cores, engine, scenario kernel, shards running and done, devices.");
        cluster.AddTo(status);
        status.Add(json);
        status.SetAction((parse, ct) => StatusAsync(context, cluster.Settings(parse), parse.GetValue(json), ct));
        var command = new Command("cluster", "Inspect the compute cluster (see `vixshield silo`).");
        command.Add(status);
        return command;
    }

    private static async Task<int> StatusAsync(CliContext context, ClusterSettings settings, bool json, CancellationToken cancellationToken)
    {
        IReadOnlyList<SiloInfo> silos = await ClusterClientSession.RunAsync(context, settings,
            client => ClusterHosting.StatusAsync(client, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await context.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(silos, ClusterJsonContext.Default.IReadOnlyListSiloInfo)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        IAnsiConsole console = CliConsole.Create(context, 180);
        var table = new Table().Border(TableBorder.Rounded).Title($"Cluster '{Markup.Escape(settings.ClusterId)}': {silos.Count} silo(s)")
            .AddColumn("Silo").AddColumn("Host").AddColumn(new TableColumn("PID").RightAligned()).AddColumn(new TableColumn("Cores").RightAligned())
            .AddColumn("Engine").AddColumn("Scenario kernel").AddColumn(new TableColumn("Shards running / done").RightAligned()).AddColumn("Devices");
        foreach (SiloInfo s in silos)
        {
            table.AddRow(Markup.Escape(s.Silo), Markup.Escape(s.Host), s.ProcessId.ToString(CultureInfo.InvariantCulture), s.Cores.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(s.Engine), Markup.Escape(s.ScenarioKernel), $"{s.RunningShards.ToString(CultureInfo.InvariantCulture)} / {s.CompletedShards.ToString(CultureInfo.InvariantCulture)}",
                Markup.Escape(s.Devices.Length == 0 ? "none" : string.Join("; ", s.Devices)));
        }

        console.Write(table);
        return ExitCodes.Success;
    }
}

/// <summary>System.Text.Json metadata for <c>cluster status --json</c>.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<SiloInfo>))]
internal sealed partial class ClusterJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
}
