using VixShield.Compute.Engines;
using Xunit;

namespace VixShield.Compute.Tests.Accuracy;

/// <summary>
/// Bad input never throws and never touches other rows: every <see cref="OptionStatus"/> is triggered in the
/// middle of a batch of good rows; the row gets the status and NaN in every output, its neighbours are
/// bit-identical to the same rows computed alone, and the result counts one invalid row.
/// </summary>
public class BadInputTests
{
    public static TheoryData<string, OptionStatus> BadValues() => new()
    {
        { "kind=0", OptionStatus.InvalidKind },
        { "kind=3", OptionStatus.InvalidKind },
        { "model=9", OptionStatus.InvalidModel },
        { "s=0", OptionStatus.InvalidUnderlying },
        { "s=-1", OptionStatus.InvalidUnderlying },
        { "s=NaN", OptionStatus.InvalidUnderlying },
        { "s=Inf", OptionStatus.InvalidUnderlying },
        { "k=0", OptionStatus.InvalidStrike },
        { "k=-100", OptionStatus.InvalidStrike },
        { "k=NaN", OptionStatus.InvalidStrike },
        { "k=Inf", OptionStatus.InvalidStrike },
        { "t=-1e-12", OptionStatus.InvalidTime },
        { "t=NaN", OptionStatus.InvalidTime },
        { "t=Inf", OptionStatus.InvalidTime },
        { "vol=-0.01", OptionStatus.InvalidVol },
        { "vol=NaN", OptionStatus.InvalidVol },
        { "vol=Inf", OptionStatus.InvalidVol },
        { "r=NaN", OptionStatus.InvalidRate },
        { "r=Inf", OptionStatus.InvalidRate },
        { "r=-Inf", OptionStatus.InvalidRate },
        { "q=NaN", OptionStatus.InvalidDividend },
        { "q=-Inf", OptionStatus.InvalidDividend },
        { "k=NaN,vol=-1", OptionStatus.InvalidStrike }, // several problems: the first in declaration order
        { "s=NaN,q=NaN", OptionStatus.InvalidUnderlying },
    };

    [Fact]
    public void EveryStatusIsCovered()
    {
        var covered = BadValues().Select(row => (OptionStatus)row[1]).ToHashSet();
        foreach (OptionStatus s in Enum.GetValues<OptionStatus>())
        {
            // out_of_range is a float32 overflow of valid inputs, not a bad value: InputDomainTests produces it.
            if (s != OptionStatus.Ok && s != OptionStatus.OutOfRange) Assert.Contains(s, covered);
        }
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadRowGetsStatusAndNaNAndNeighboursAreUntouched(string bad, OptionStatus expected)
    {
        Run<double>(bad, expected);
        Run<float>(bad, expected);
    }

    private static void Run<T>(string bad, OptionStatus expected)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int n = 9, badRow = 4;
        var kind = new OptionKind[n];
        var model = new PricingModel[n];
        var s = new T[n];
        var k = new T[n];
        var t = new T[n];
        var vol = new T[n];
        var r = new T[n];
        var q = new T[n];
        for (int i = 0; i < n; i++)
        {
            kind[i] = i % 2 == 0 ? OptionKind.Call : OptionKind.Put;
            model[i] = i % 3 == 0 ? PricingModel.Black76 : PricingModel.BlackScholesMerton;
            s[i] = T.CreateChecked(100.0 + i);
            k[i] = T.CreateChecked(95.0 + (2 * i));
            t[i] = T.CreateChecked(0.1 * (i + 1));
            vol[i] = T.CreateChecked(0.15 + (0.02 * i));
            r[i] = T.CreateChecked(0.04);
            q[i] = T.CreateChecked(0.01);
        }

        foreach (string assignment in bad.Split(','))
        {
            string[] parts = assignment.Split('=');
            T value = T.Parse(parts[1] == "Inf" ? "Infinity" : parts[1] == "-Inf" ? "-Infinity" : parts[1], System.Globalization.CultureInfo.InvariantCulture);
            switch (parts[0])
            {
                case "kind": kind[badRow] = (OptionKind)int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "model": model[badRow] = (PricingModel)int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "s": s[badRow] = value; break;
                case "k": k[badRow] = value; break;
                case "t": t[badRow] = value; break;
                case "vol": vol[badRow] = value; break;
                case "r": r[badRow] = value; break;
                case "q": q[badRow] = value; break;
                default: throw new InvalidOperationException(parts[0]);
            }
        }

        var engine = new ScalarGreeksEngine();
        var buffer = new GreeksBuffer<T>(n, Greek.All);
        ComputeResult result = Conformance.EngineDispatch.Compute(engine, new OptionBatch<T>(kind, s, k, t, vol, r, q, model), buffer.AsOutput(n));
        Assert.Equal(1, result.InvalidCount);
        Assert.Equal(expected, buffer.Status[badRow]);
        var alone = new GreeksBuffer<T>(1, Greek.All);
        for (int i = 0; i < n; i++)
        {
            if (i == badRow)
            {
                foreach (Greek g in GreekInfo.All) Assert.True(T.IsNaN(buffer[g][i]), $"{bad}: {GreekInfo.Name(g)} = {buffer[g][i]}, expected NaN");
                continue;
            }

            Assert.Equal(OptionStatus.Ok, buffer.Status[i]);
            Conformance.EngineDispatch.Compute(
                engine,
                new OptionBatch<T>(kind.AsSpan(i, 1), s.AsSpan(i, 1), k.AsSpan(i, 1), t.AsSpan(i, 1), vol.AsSpan(i, 1), r.AsSpan(i, 1), q.AsSpan(i, 1), model.AsSpan(i, 1)),
                alone.AsOutput(1));
            foreach (Greek g in GreekInfo.All)
            {
                Assert.True(buffer[g][i].Equals(alone[g][0]), $"{bad}: neighbour {i} {GreekInfo.Name(g)} {buffer[g][i]} != alone {alone[g][0]}");
            }
        }
    }
}
