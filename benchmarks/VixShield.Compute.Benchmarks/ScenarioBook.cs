using VixShield.Compute.Book;
using VixShield.Compute.Book.Samples;

namespace VixShield.Compute.Benchmarks;

/// <summary>A synthetic book of exactly N legs for the scenario scaling curve: the sample ladder's 19 legs (SPXW iron
/// condors and put butterflies on four expiries, the VIX call hedge) taken round-robin over its layers and repeated,
/// each copy with SPX strikes moved by up to ±25 points and the VIX strike by up to 4, in the sample ladder's own 7
/// layers (the overlay kept). So the leg mix (SPX/VIX, expiries) and the layer count stay those of a real book while
/// the leg count grows: the curve measures legs, not layers.</summary>
public static class ScenarioBook
{
    public static AlvhBook Create(int legs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(legs, 1);
        AlvhBook sample = SampleBook.Create();
        var perLayer = sample.Layers.Select(l => l.Positions.Where(p => p.Greeks is null).SelectMany(p => p.Legs).ToList()).ToList();
        // Round-robin over the layers so that even a 10-leg book has every option layer (and the hedge) in it.
        var source = new List<(int Layer, Leg Leg)>();
        for (int k = 0; source.Count < perLayer.Sum(l => l.Count); k++)
        {
            for (int li = 0; li < perLayer.Count; li++)
            {
                if (k < perLayer[li].Count) source.Add((li, perLayer[li][k]));
            }
        }

        var positions = sample.Layers.Select(l => l.Positions.Where(p => p.Greeks is not null).ToList()).ToList();
        for (int copy = 0, i = 0; i < legs; copy++)
        {
            var legsOfCopy = sample.Layers.Select(_ => new List<Leg>()).ToList();
            foreach (var (li, leg) in source)
            {
                if (i++ == legs) break;
                double shift = leg.Instrument == Instrument.VixOption ? copy % 5 : 5.0 * ((copy % 11) - 5);
                legsOfCopy[li].Add(copy == 0 || !leg.IsOption ? leg : leg with { Strike = leg.Strike + shift });
            }

            for (int li = 0; li < legsOfCopy.Count; li++)
            {
                if (legsOfCopy[li].Count > 0) positions[li].Add(new Position($"copy {copy}", legsOfCopy[li]));
            }

            i = Math.Min(i, legs);
        }

        var book = new AlvhBook($"sample ladder x {legs} legs", sample.Layers.Select((l, li) => l with { Positions = positions[li] }).ToList());
        int built = book.Layers.Sum(l => l.Positions.Sum(p => p.Legs.Count));
        return built == legs ? book : throw new InvalidOperationException($"ScenarioBook built {built} legs, not {legs}.");
    }
}
