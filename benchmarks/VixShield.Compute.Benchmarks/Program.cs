using BenchmarkDotNet.Running;
using VixShield.Compute.Benchmarks;

if (args.Length > 0 && args[0] == "ceilings")
{
    Ceilings.Run();
    return;
}

if (args.Length > 1 && args[0] == "accuracy")
{
    VectorMathAccuracy.Run(args[1]);
    return;
}

if (args.Length > 0 && args[0] == "scaling")
{
    ScenarioScaling.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "profile")
{
    ScenarioScaling.Profile(args);
    return;
}

if (args.Length > 0 && args[0] == "cluster")
{
    await ClusterBenchmark.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "formula-check")
{
    FormulaBenchmarks.ExtremeCheck();
    FormulaBenchmarks.MpmathCheck(args.Length > 1 ? args[1] : "tests/VixShield.Compute.Tests/ReferenceData/mpmath_greeks.csv");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BatchBenchmarks).Assembly).Run(args);
