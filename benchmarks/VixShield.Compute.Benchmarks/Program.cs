using BenchmarkDotNet.Running;
using VixShield.Compute.Benchmarks;

if (args.Length > 0 && args[0] == "ceilings")
{
    Ceilings.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BatchBenchmarks).Assembly).Run(args);
