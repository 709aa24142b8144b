// dotnet run --project samples/VixShield.Samples -- grid|stress|montecarlo
using VixShield.Samples;

return args.FirstOrDefault() switch
{
    "grid" => PriceGrid.Run(),
    "stress" => StressBook.Run(),
    "montecarlo" => await MonteCarloOnGpu.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: VixShield.Samples grid|stress|montecarlo");
    return 2;
}
