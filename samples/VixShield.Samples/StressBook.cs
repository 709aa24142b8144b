using VixShield.Compute.Book.Samples;
using VixShield.Compute.Scenarios;

namespace VixShield.Samples;

/// <summary>Sample 2: a spot x vol stress grid on the sample ALVH book, with and without the hedge.</summary>
internal static class StressBook
{
    public static int Run()
    {
        // Resolve the book against the market once; every scenario run works on it.
        PricedBook book = PricedBook.Resolve(SampleBook.Create(), SampleMarket.Create());
        var settings = new StressGridSettings { SpotMoves = [-0.10, -0.05, 0, 0.05], VolShifts = [0, 0.05, 0.10], SkewSteepenings = [0], DaysForward = [0], RateShifts = [0] };
        StressGridResult r = StressGrid.Run(book, settings);
        for (int v = 0; v < settings.VolShifts.Count; v++)
        {
            for (int s = 0; s < settings.SpotMoves.Count; s++)
            {
                int i = r.IndexOf(s, v, 0, 0, 0);
                Console.WriteLine($"spot {settings.SpotMoves[s]:+0%;-0%;0%} vol {100 * settings.VolShifts[v]:+0;-0;0} pts: " +
                    $"P&L {r.Pnl.WithHedge[i],12:N0} $ with hedge, {r.Pnl.WithoutHedge[i],12:N0} $ without");
            }
        }

        return 0;
    }
}
