using System.Text;
using System.Text.Json;
using VixShield.Compute.Book.Rules;
using VixShield.Compute.Time;

namespace VixShield.Compute.Book.Json;

/// <summary>Writes a <see cref="RuleReport"/> as JSON for machines (<c>vixshield book --json</c>); non-finite numbers
/// (unbounded profit, undefined margin) are written as null. Field names: kernels-docs/book.md.</summary>
public static class BookReportJson
{
    /// <summary>The report as indented JSON.</summary>
    public static string Write(RuleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(w, report);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the report to a JSON writer.</summary>
    public static void Write(Utf8JsonWriter w, RuleReport report)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(report);
        BookValuation v = report.Valuation;
        BookRisk risk = report.Risk;
        w.WriteStartObject();
        w.WriteString("book", v.Book.Name);
        w.WriteString("valuationTime", v.Market.ValuationTime);
        Num(w, "spxSpot", v.Market.SpxSpot);
        w.WriteString("engine", v.Engine.Engine);
        w.WriteNumber("engineRows", v.Engine.Count);
        Num(w, "premiumUnits", v.PremiumUnits);
        Num(w, "normalisedDelta", v.NormalisedDelta);
        Num(w, "normalisedGammaPerPercent", v.NormalisedGammaPerPercent);
        Num(w, "margin", risk.Margin);
        w.WritePropertyName("totals");
        Totals(w, v.Totals);
        w.WritePropertyName("atExpiry");
        Expiry(w, risk.AtExpiry);
        w.WritePropertyName("curve");
        Curve(w, risk.Curve);
        w.WriteStartArray("vegaBuckets");
        foreach (VegaBucket b in v.VegaBuckets)
        {
            w.WriteStartObject();
            w.WriteString("underlying", b.Underlying);
            w.WriteString("expiry", b.Expiry.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("settlement", b.Expiry.Settlement == SettlementStyle.AmOpen ? "amOpen" : "pmClose");
            Num(w, "days", b.DaysToExpiry);
            Num(w, "vega", b.Vega);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("layers");
        for (int i = 0; i < v.Layers.Count; i++)
        {
            LayerValuation l = v.Layers[i];
            LayerRisk lr = risk.Layers[i];
            w.WriteStartObject();
            w.WriteString("name", l.Layer.Name);
            w.WriteString("role", JsonNamingPolicy.CamelCase.ConvertName(l.Layer.Role.ToString()));
            w.WriteBoolean("included", l.Included);
            Num(w, "units", l.Layer.SpreadUnits);
            Num(w, "margin", lr.Margin);
            Num(w, "distanceToBreakEven", lr.DistanceToBreakEven);
            Num(w, "nearestBreakEven", lr.NearestBreakEven);
            w.WritePropertyName("totals");
            Totals(w, l.Totals);
            w.WritePropertyName("atExpiry");
            Expiry(w, lr.AtExpiry);
            Array(w, "curveBreakEvens", lr.Curve.BreakEvens);
            w.WriteStartArray("positions");
            for (int p = 0; p < l.Positions.Count; p++)
            {
                PositionValuation pv = l.Positions[p];
                PositionRisk pr = lr.Positions[p];
                w.WriteStartObject();
                w.WriteString("name", pv.Position.Name);
                w.WriteString("path", pv.Path);
                Num(w, "units", pv.Position.SpreadUnits);
                w.WritePropertyName("totals");
                Totals(w, pv.Totals);
                w.WritePropertyName("atExpiry");
                Expiry(w, pr.AtExpiry);
                Array(w, "curveBreakEvens", pr.Curve?.BreakEvens ?? []);
                w.WriteStartArray("legs");
                foreach (LegValuation lv in pv.Legs)
                {
                    w.WriteStartObject();
                    w.WriteString("leg", lv.Leg.Describe());
                    w.WriteString("path", lv.Path);
                    w.WriteString("status", lv.Status.ToString());
                    Num(w, "time", lv.Time);
                    Num(w, "underlying", lv.Underlying);
                    Num(w, "vol", lv.Vol);
                    Greeks(w, "raw", lv.Raw);
                    Greeks(w, "desk", lv.Desk);
                    Greeks(w, "dollar", lv.Dollar);
                    Num(w, "betaWeightedDelta", lv.Totals.BetaWeightedDelta);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (RuleFinding f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteNumber("rule", (int)f.Rule);
            w.WriteString("ruleName", f.RuleName);
            w.WriteBoolean("triggered", f.Triggered);
            w.WriteString("message", f.Message);
            Numbers(w, "numbers", f.Numbers);
            if (f.Action is { } a)
            {
                w.WriteStartObject("action");
                w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(a.Kind.ToString()));
                w.WriteString("target", a.Target);
                w.WriteString("description", a.Description);
                Numbers(w, "numbers", a.Numbers);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("action");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("problems");
        foreach (string p in v.Problems) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Totals(Utf8JsonWriter w, GreekTotals t)
    {
        w.WriteStartObject();
        Num(w, "marketValue", t.MarketValue);
        Num(w, "pnl", t.PnL);
        Num(w, "spxDelta", t.SpxDelta);
        Num(w, "betaWeightedDelta", t.BetaWeightedDelta);
        Num(w, "spxGamma", t.SpxGamma);
        Num(w, "spxVega", t.SpxVega);
        Num(w, "vixDelta", t.VixDelta);
        Num(w, "vixGamma", t.VixGamma);
        Num(w, "vixVega", t.VixVega);
        Num(w, "netVega", t.NetVega);
        Num(w, "thetaPerDay", t.ThetaPerDay);
        Num(w, "rho", t.Rho);
        w.WriteEndObject();
    }

    private static void Greeks(Utf8JsonWriter w, string name, LegGreeks g)
    {
        w.WriteStartObject(name);
        Num(w, "price", g.Price);
        Num(w, "delta", g.Delta);
        Num(w, "gamma", g.Gamma);
        Num(w, "vega", g.Vega);
        Num(w, "theta", g.Theta);
        Num(w, "rho", g.Rho);
        w.WriteEndObject();
    }

    private static void Expiry(Utf8JsonWriter w, ExpiryRisk? e)
    {
        if (e is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("underlying", e.Underlying);
        Array(w, "breakEvens", e.BreakEvens);
        w.WriteBoolean("exact", e.Exact);
        Num(w, "maxProfit", e.MaxProfit);
        Num(w, "maxLoss", e.MaxLoss);
        w.WriteBoolean("definedRisk", e.DefinedRisk);
        Num(w, "margin", e.Margin);
        w.WriteEndObject();
    }

    private static void Curve(Utf8JsonWriter w, PnlCurve c)
    {
        w.WriteStartObject();
        Num(w, "daysForward", c.DaysForward);
        Array(w, "spots", c.Spots);
        Array(w, "pnl", c.Pnl);
        Array(w, "breakEvens", c.BreakEvens);
        w.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, double> numbers)
    {
        w.WriteStartObject(name);
        foreach (var (k, x) in numbers) Num(w, k, x);
        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, string name, IReadOnlyList<double> xs)
    {
        w.WriteStartArray(name);
        foreach (double x in xs)
        {
            if (double.IsFinite(x)) w.WriteNumberValue(x);
            else w.WriteNullValue();
        }

        w.WriteEndArray();
    }

    private static void Num(Utf8JsonWriter w, string name, double x)
    {
        if (double.IsFinite(x)) w.WriteNumber(name, x);
        else w.WriteNull(name);
    }
}
