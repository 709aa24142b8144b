using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;
using VixShield.Compute.Engines;
using VixShield.Compute.Scenarios;

namespace VixShield.Samples;

/// <summary>Sample 2: a spot x vol stress grid on the sample ALVH book, with and without the hedge.</summary>
internal static class StressBook
{
    public static int Run()
    {
        var valuator = new BookValuator(GreeksEngines.Create(EnginePreference.Simd));
        var settings = new StressGridSettings { SpotMoves = [-0.10, -0.05, 0, 0.05], VolShifts = [0, 0.05, 0.10], SkewSteepenings = [0], DaysForward = [0], RateShifts = [0] };
        StressGridResult r = StressGrid.Run(valuator, SampleBook.Create(), SampleMarket.Create(), settings);
        foreach (StressCell cell in r.Cells)
        {
            int i = r.IndexOf(cell.Spot, cell.Vol, cell.Skew, cell.Days, cell.Rate);
            Console.WriteLine($"spot {settings.SpotMoves[cell.Spot]:+0%;-0%;0%} vol {100 * settings.VolShifts[cell.Vol]:+0;-0;0} pts: " +
                $"P&L {r.Pnl.WithHedge[i],12:N0} $ with hedge, {r.Pnl.WithoutHedge[i],12:N0} $ without");
        }

        return 0;
    }
}
