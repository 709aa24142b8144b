using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace VixShield.Compute.Benchmarks;

/// <summary>Marks how many options one invocation of a benchmark method prices (for the Options/s column).</summary>
public interface IOptionsPerInvoke
{
    /// <summary>Options priced by one call of <paramref name="method"/> with the current parameters.</summary>
    int OptionsPerInvoke(string method);
}

/// <summary>Short job (few iterations: the machine is shared) with the memory diagnoser and an options-per-second column.</summary>
public sealed class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithId("short"));
        AddColumnsAndSummary(this);
    }

    /// <summary>The memory diagnoser, the options/s columns and the summary style every benchmark config here shares.</summary>
    internal static void AddColumnsAndSummary(ManualConfig config)
    {
        config.AddDiagnoser(MemoryDiagnoser.Default);
        config.AddColumn(new OptionsPerSecondColumn(best: false), new OptionsPerSecondColumn(best: true), StatisticColumn.Min);
        config.AddColumnProvider(DefaultColumnProviders.Instance);
        config.HideColumns(Column.Error, Column.StdDev, Column.Median, Column.RatioSD, Column.Gen0, Column.Gen1, Column.Gen2);
        config.WithOptions(ConfigOptions.JoinSummary);
        config.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(24));
    }
}

/// <summary>Millions of options per second: options per invocation divided by the mean (or the best) time. On a
/// shared machine the best iteration is the better estimate of what the code can do.</summary>
public sealed class OptionsPerSecondColumn(bool best) : IColumn
{
    public string Id => nameof(OptionsPerSecondColumn) + (best ? "Best" : "Mean");

    public string ColumnName => best ? "Mopt/s best" : "Mopt/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => best ? "Millions of options per second in the fastest iteration" : "Millions of options priced per second (options per call / mean time)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null) return "NA";
        object instance = Activator.CreateInstance(benchmarkCase.Descriptor.Type)!;
        foreach (var p in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(p.Name)?.SetValue(instance, p.Value);
            benchmarkCase.Descriptor.Type.GetField(p.Name)?.SetValue(instance, p.Value);
        }

        int n = ((IOptionsPerInvoke)instance).OptionsPerInvoke(benchmarkCase.Descriptor.WorkloadMethod.Name);
        double perSecond = n / ((best ? report.ResultStatistics.Min : report.ResultStatistics.Mean) * 1e-9);
        return (perSecond / 1e6).ToString(perSecond >= 1e7 ? "F1" : perSecond >= 1e5 ? "F2" : "F4", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
