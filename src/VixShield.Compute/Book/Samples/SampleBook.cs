using VixShield.Compute.Signals;

namespace VixShield.Compute.Book.Samples;

/// <summary>
/// A built-in ALVH ladder for the demo and tests: five premium layers 7-21 DTE (iron condors and put
/// broken-wing butterflies, short strikes near 12 delta, opened on staggered dates), a VIX call hedge
/// layer (off) and a small overlay. Value it against <see cref="SampleMarket.Create"/>.
/// </summary>
public static class SampleBook
{
    /// <summary>Creates the sample book.</summary>
    public static AlvhBook Create()
    {
        const Instrument W = Instrument.Spxw;
        return new AlvhBook("ALVH sample ladder",
        [
            new Layer("L1", LayerRole.Premium, new DateOnly(2026, 11, 17),
                [SpreadTemplates.IronCondor(W, new DateOnly(2026, 12, 1), 5830, 5880, 6135, 6185, 2, [5.10, 9.60, 7.00, 2.00])]),
            new Layer("L2", LayerRole.Premium, new DateOnly(2026, 11, 19),
                [SpreadTemplates.BrokenWingButterfly(W, new DateOnly(2026, 12, 4), OptionKind.Put, 5720, 5820, 5870, 1, [4.20, 7.60, 10.40])]),
            new Layer("L3", LayerRole.Premium, new DateOnly(2026, 11, 20),
                [SpreadTemplates.IronCondor(W, new DateOnly(2026, 12, 8), 5755, 5805, 6175, 6225, 3, [8.90, 12.40, 7.20, 2.40])]),
            new Layer("L4", LayerRole.Premium, new DateOnly(2026, 11, 21),
                [SpreadTemplates.BrokenWingButterfly(W, new DateOnly(2026, 12, 11), OptionKind.Put, 5630, 5730, 5780, 2, [6.90, 11.10, 14.60])]),
            new Layer("L5", LayerRole.Premium, new DateOnly(2026, 11, 24),
                [SpreadTemplates.IronCondor(W, new DateOnly(2026, 12, 15), 5690, 5740, 6210, 6260, 2, [12.60, 15.40, 8.30, 3.20])]),
            new Layer("hedge", LayerRole.Hedge, new DateOnly(2026, 11, 24),
                [SpreadTemplates.VixCall(new DateOnly(2027, 1, 20), 22, 10, 1.35)], Active: false),
            new Layer("overlay", LayerRole.Overlay, null,
                [new Position("structured note", [], null, new OverlayGreeks(Value: 25000, Delta: 120, Gamma: -0.5, Vega: -150, ThetaPerDay: 4, Rho: -30, PnL: 350))]),
        ]);
    }
}

/// <summary>A built-in 80-day closes series (SPX, VIX, front VIX future) ending 2026-11-23: a VIX spike that has
/// mostly mean-reverted, for the signals of rule 5.</summary>
public static class SampleCloses
{
    /// <summary>Creates the series.</summary>
    public static DailyCloses Create()
    {
        var dates = new List<DateOnly>();
        var d = new DateOnly(2026, 11, 23);
        while (dates.Count < 80)
        {
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday) dates.Add(d);
            d = d.AddDays(-1);
        }

        dates.Reverse();
        var spx = new double[80];
        var vix = new double[80];
        var fut = new double[80];
        for (int i = 0; i < 80; i++)
        {
            double spike = i < 48 ? 0.0 : 9.0 * Math.Exp(-(i - 48) / 6.0) * Math.Min(1.0, (i - 47) / 2.0);
            vix[i] = Math.Round(15.5 + (0.8 * Math.Sin((i / 3.0) + 5.0)) + spike, 2);
            fut[i] = Math.Round(17.0 + (0.5 * Math.Sin((i / 3.0) + 5.0)) + (0.6 * spike), 2);
            spx[i] = Math.Round(5750 + (3.5 * i) + (25 * Math.Sin(i / 4.0)) - (40 * spike), 2);
        }

        return new DailyCloses(dates, spx, vix, fut);
    }

    /// <summary>The series as CSV text (the <c>--series</c> format).</summary>
    public static string ToCsv(DailyCloses closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var sb = new System.Text.StringBuilder(DailyCloses.Header).Append('\n');
        for (int i = 0; i < closes.Count; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{closes.Dates[i]:yyyy-MM-dd},{closes.Spx[i]},{closes.Vix[i]},{closes.VixFuture[i]}\n");
        }

        return sb.ToString();
    }
}
