using VixShield.Compute.Book.Samples;
using VixShield.Compute.Signals;
using Xunit;

namespace VixShield.Compute.Tests.Book;

public class SignalTests
{
    [Fact]
    public void EmaSeededWithSma()
    {
        double[] e = Indicators.Ema([1, 2, 3, 4, 5, 6], 3);
        Assert.True(double.IsNaN(e[0]) && double.IsNaN(e[1]));
        Assert.Equal([2.0, 3.0, 4.0, 5.0], e[2..]);
    }

    [Fact]
    public void MacdByHand()
    {
        // fast EMA(2): 3/2, 19/6, 115/18, 691/54; slow EMA(3): 7/3, 31/6, 127/12; MACD 5/6, 11/9, 239/108;
        // signal EMA(2) of MACD seeded at index 3: 37/36, 589/324; histogram 7/36, 32/81.
        MacdSeries m = Indicators.Macd([1, 2, 4, 8, 16], 2, 3, 2);
        Assert.Equal(5.0 / 6, m.Macd[2], 1e-15);
        Assert.Equal(11.0 / 9, m.Macd[3], 1e-15);
        Assert.Equal(239.0 / 108, m.Macd[4], 1e-15);
        Assert.Equal(37.0 / 36, m.Signal[3], 1e-15);
        Assert.Equal(589.0 / 324, m.Signal[4], 1e-15);
        Assert.Equal(7.0 / 36, m.Histogram[3], 1e-15);
        Assert.Equal(32.0 / 81, m.Histogram[4], 1e-15);
        Assert.True(double.IsNaN(m.Histogram[2]));
    }

    [Fact]
    public void RsiWilderByHand()
    {
        // changes +1 -1 +1 +1 +1: first averages 0.5/0.5 -> 50; then (0.5+1)/2=0.75 vs 0.25 -> 75; 0.875 vs 0.125 -> 87.5; 0.9375 vs 0.0625 -> 93.75
        double[] rsi = Indicators.Rsi([1, 2, 1, 2, 3, 4], 2);
        Assert.True(double.IsNaN(rsi[1]));
        Assert.Equal(50.0, rsi[2], 1e-12);
        Assert.Equal(75.0, rsi[3], 1e-12);
        Assert.Equal(87.5, rsi[4], 1e-12);
        Assert.Equal(93.75, rsi[5], 1e-12);
        Assert.Equal(100.0, Indicators.Rsi([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 14)[^1]);
    }

    [Fact]
    public void VectorisedAndScalarTailsAgree()
    {
        // Long enough for several vector iterations plus a tail; compare with a straightforward loop.
        double[] x = Enumerable.Range(0, 103).Select(i => 100 + (10 * Math.Sin(i * 0.37)) + (0.1 * i)).ToArray();
        double[] rsi = Indicators.Rsi(x, 14);
        double ag = 0, al = 0;
        for (int i = 1; i <= 14; i++)
        {
            ag += Math.Max(x[i] - x[i - 1], 0);
            al += Math.Max(x[i - 1] - x[i], 0);
        }

        ag /= 14;
        al /= 14;
        for (int i = 15; i < x.Length; i++)
        {
            ag = ((ag * 13) + Math.Max(x[i] - x[i - 1], 0)) / 14;
            al = ((al * 13) + Math.Max(x[i - 1] - x[i], 0)) / 14;
        }

        Assert.Equal(100 - (100 / (1 + (ag / al))), rsi[^1], 1e-12);
    }

    [Fact]
    public void CsvRoundTripAndErrors()
    {
        DailyCloses c = SampleCloses.Create();
        DailyCloses back = DailyCloses.Parse(SampleCloses.ToCsv(c));
        Assert.Equal(c.Dates, back.Dates);
        Assert.Equal(c.Vix, back.Vix);
        var e = Assert.Throws<FormatException>(() => DailyCloses.Parse("date,spx,vix,vix_future\n2026-11-20,6000,15,16\n2026-11-23,6010,abc,16\n", "x.csv"));
        Assert.Equal("x.csv line 3 field vix: \"abc\" is not a positive number.", e.Message);
        e = Assert.Throws<FormatException>(() => DailyCloses.Parse("date,spx,vix\n", "x.csv"));
        Assert.StartsWith("x.csv line 1: the header", e.Message, StringComparison.Ordinal);
    }
}
