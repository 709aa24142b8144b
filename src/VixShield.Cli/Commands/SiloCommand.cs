using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VixShield.Cli.Infrastructure;
using VixShield.Compute;
using VixShield.Compute.Engines;
using VixShield.Compute.Gpu;
using VixShield.Compute.Orleans;

namespace VixShield.Cli.Commands;

/// <summary><c>vixshield silo</c>: runs one Orleans silo of the compute cluster until Ctrl+C or SIGTERM.</summary>
internal static class SiloCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var cluster = new ClusterCliOptions();
        var port = new Option<int>("--port")
        {
            Description = "Silo-to-silo port on the advertised address (default 11111; 0 picks a free port).",
            DefaultValueFactory = _ => 11111,
        };
        var gatewayPort = new Option<int>("--gateway-port")
        {
            Description = "Client gateway port (default 30000; 0 picks a free port).",
            DefaultValueFactory = _ => 30000,
        };
        var engine = new EngineOptions();
        var command = new Command(
            "silo",
            "Run a silo of the compute cluster: membership in Redis (or --localhost), work on this machine's best engine (GPU where present, else SIMD), until Ctrl+C or SIGTERM.");
        cluster.AddTo(command);
        command.Add(port);
        command.Add(gatewayPort);
        engine.AddEngineOnlyTo(command);
        command.SetAction((parse, ct) => RunAsync(context, cluster.Settings(parse, CheckPort(parse.GetValue(port), "--port"), CheckPort(parse.GetValue(gatewayPort), "--gateway-port")),
            engine.GetPreference(parse), ct));
        return command;
    }

    private static int CheckPort(int port, string option) =>
        port is >= 0 and <= 65535 ? port : throw new CliUserException($"{option} must be a port in 0..65535, not {port}.", ExitCodes.UsageError);

    private static async Task<int> RunAsync(CliContext context, ClusterSettings settings, EnginePreference preference, CancellationToken cancellationToken)
    {
        // The engine is created (and a GPU self-checked) before the silo joins, so a silo that cannot run the asked-for
        // engine never joins the cluster.
        IGreeksEngine engine = EngineOptions.Create(preference, context);
        // GPUs only (the CPU engine is what the engine column says).
        var devices = new SiloDevices(GpuAcceleratorProvider.Survey(false, context.LoggerFactory)
            .Where(r => !string.Equals(r.Backend, "cpu", StringComparison.OrdinalIgnoreCase))
            .Select(r => $"{r.Name} ({r.Backend}): self-check {r.SelfCheck}{(r.Chosen ? ", used" : "")}").ToList());
        using IHost silo = ClusterHosting.BuildSilo(settings, _ => engine, devices, logging =>
        {
            logging.SetMinimumLevel(context.Verbose ? LogLevel.Information : LogLevel.Warning);
            // Orleans' own warnings (server GC notes, a busy 2-core watchdog, retries to a peer that died) are for
            // --verbose; errors are always shown.
            if (!context.Verbose) logging.AddFilter("Orleans", LogLevel.Error);
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        IHostApplicationLifetime lifetime = silo.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await silo.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            context.Note("vixshield silo: stopped (SIGTERM) before it joined the cluster.");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new CliUserException(
                $"the silo could not start ({e.GetType().Name}: {e.Message}); check that Redis runs at {settings.Redis} (or use --localhost) and that ports {settings.SiloPort}/{settings.GatewayPort} are free.",
                e, ExitCodes.UsageError);
        }

        context.Note($"vixshield silo: joined cluster '{settings.ClusterId}' ({(settings.LocalhostDevelopment ? "localhost development clustering" : "Redis " + settings.Redis)}), " +
            $"silo port {settings.SiloPort}, gateway {settings.GatewayPort}, engine {engine.Info.Name}. Ctrl+C or SIGTERM stops it.");

        // Runs until the host's lifetime stops it (SIGTERM, through the host's console lifetime) or Ctrl+C cancels the
        // token; either way the silo leaves the cluster cleanly (membership updated at once, not after missed probes).
        await silo.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        context.Note("vixshield silo: left the cluster and stopped.");
        return ExitCodes.Success;
    }
}
