using System.CommandLine;
using Microsoft.Extensions.Logging;
using VixShield.Compute;
using VixShield.Compute.Engines;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// The shared <c>--engine auto|scalar|simd|gpu|ilgpu-cpu</c> and <c>--precision double|single</c> options, and the
/// engine factory behind them. Add both to a command with <see cref="AddTo"/>, then call <see cref="CreateEngine"/>
/// in its action: an engine that cannot run here becomes a one-line error with exit code 2.
/// </summary>
internal sealed class EngineOptions
{
    /// <summary>The accepted --engine values, in help order.</summary>
    public static readonly IReadOnlyDictionary<string, EnginePreference> EngineNames = new Dictionary<string, EnginePreference>(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = EnginePreference.Auto,
        ["scalar"] = EnginePreference.Scalar,
        ["simd"] = EnginePreference.Simd,
        ["gpu"] = EnginePreference.Gpu,
        ["ilgpu-cpu"] = EnginePreference.IlgpuCpu,
    };

    /// <summary>The accepted --precision values.</summary>
    public static readonly IReadOnlyDictionary<string, Precision> PrecisionNames = new Dictionary<string, Precision>(StringComparer.OrdinalIgnoreCase)
    {
        ["double"] = Precision.Double,
        ["single"] = Precision.Single,
    };

    /// <summary>Creates fresh option instances (each command gets its own).</summary>
    public EngineOptions()
    {
        EngineOption = new Option<string>("--engine")
        {
            Description = "Engine: auto (GPU if one passes its self-check, else SIMD CPU), scalar (reference), simd, gpu, ilgpu-cpu (GPU kernels on ILGPU's CPU accelerator).",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|scalar|simd|gpu|ilgpu-cpu",
        };
        EngineOption.AcceptOnlyFromAmong([.. EngineNames.Keys]);
        PrecisionOption = new Option<string>("--precision")
        {
            Description = "Arithmetic precision: double (float64, the reference) or single (float32, faster, see kernels-docs for its error).",
            DefaultValueFactory = _ => "double",
            HelpName = "double|single",
        };
        PrecisionOption.AcceptOnlyFromAmong([.. PrecisionNames.Keys]);
    }

    /// <summary>--engine.</summary>
    public Option<string> EngineOption { get; }

    /// <summary>--precision.</summary>
    public Option<string> PrecisionOption { get; }

    /// <summary>A fresh GPU provider (from the VixShield.Compute.Gpu assembly) for one engine selection; no global state.</summary>
    public static IAcceleratorProvider CreateAcceleratorProvider() => new VixShield.Compute.Gpu.GpuAcceleratorProvider();

    /// <summary>Adds --engine and --precision to <paramref name="command"/>.</summary>
    public EngineOptions AddTo(Command command)
    {
        command.Add(EngineOption);
        command.Add(PrecisionOption);
        return this;
    }

    /// <summary>
    /// Adds only --engine, for commands whose valuation is float64 by design (book, scenarios): they do not offer a
    /// --precision they would ignore.
    /// </summary>
    public EngineOptions AddEngineOnlyTo(Command command)
    {
        command.Add(EngineOption);
        return this;
    }

    /// <summary>The parsed engine preference.</summary>
    public EnginePreference GetPreference(ParseResult parse) => EngineNames[parse.GetValue(EngineOption) ?? "auto"];

    /// <summary>The parsed precision.</summary>
    public Precision GetPrecision(ParseResult parse) => PrecisionNames[parse.GetValue(PrecisionOption) ?? "double"];

    /// <summary>Creates the engine the command line asks for.</summary>
    /// <exception cref="CliUserException">Exit code 2 when the engine cannot run here, with what to use instead.</exception>
    public IGreeksEngine CreateEngine(ParseResult parse, CliContext context) => Create(GetPreference(parse), context);

    /// <summary>Creates an engine by preference, logging which one was chosen.</summary>
    /// <exception cref="CliUserException">Exit code 2 when the engine cannot run here, with what to use instead.</exception>
    public static IGreeksEngine Create(EnginePreference preference, CliContext context)
    {
        var options = new GreeksEngineOptions
        {
            LoggerFactory = context.LoggerFactory,
            AcceleratorProvider = CreateAcceleratorProvider(),
        };
        IGreeksEngine engine;
        try
        {
            engine = GreeksEngines.Create(preference, options);
        }
        catch (NotSupportedException e)
        {
            string name = EngineNames.First(kv => kv.Value == preference).Key;
            throw new CliUserException(
                $"engine '{name}' is not available here: {e.Message} Try --engine auto or --engine scalar.", e, ExitCodes.UsageError);
        }

        context.Logger<EngineOptions>().LogInformation("Engine for --engine {Preference}: {Engine}", preference, engine.Info.Description);
        return engine;
    }
}
