using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using VixShield.Compute.Book;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// The joint vol-shock model of <see cref="VolShockMonteCarlo"/> (kernels-docs/scenarios.md). With τ = horizon/365,
/// z_t a unit-variance Student-t (ν = <see cref="StudentTDegreesOfFreedom"/>), z2..z5 standard normals and J a jump
/// (probability <see cref="JumpIntensity"/>·τ, size Normal(<see cref="JumpMean"/>, <see cref="JumpStdDev"/>)):
/// SPX return r = σ_S√τ·z_t + J (floored at -95 %); SPX vol Δσ = σ_v√τ·(ρ·z_t + √(1-ρ²)·z2) + j_v·J;
/// skew Δk = b_k·r + σ_k√τ·z3; VIX futures m = β·r + σ_x√τ·(c·z2 + √(1-c²)·z4) (β the market's SPX-VIX beta);
/// VIX-option vol + a·m; rates + σ_r√τ·z5. Every variate is drawn for every draw, in this order, so a seed gives
/// the same draws whatever the chunk size.
/// </summary>
public sealed record MonteCarloSettings
{
    /// <summary>Number of joint draws (default 10,000).</summary>
    public int Draws { get; init; } = 10_000;

    /// <summary>Seed of the xoshiro256** generator (MathNet.Numerics).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Horizon in calendar days; the book's time also moves forward by it (default 1).</summary>
    public double HorizonDays { get; init; } = 1.0;

    /// <summary>σ_S: annualised SPX return volatility of the diffusive part (default 0.18).</summary>
    public double SpxReturnVolatility { get; init; } = 0.18;

    /// <summary>ν of the Student-t return shock (default 4: fat tails, finite variance, excess kurtosis unbounded);
    /// must be above 2 (the shock is scaled to unit variance by √((ν-2)/ν)).</summary>
    public double StudentTDegreesOfFreedom { get; init; } = 4.0;

    /// <summary>Jumps per year (default 2).</summary>
    public double JumpIntensity { get; init; } = 2.0;

    /// <summary>Mean relative jump size (default -4 %).</summary>
    public double JumpMean { get; init; } = -0.04;

    /// <summary>Standard deviation of the jump size (default 3 %).</summary>
    public double JumpStdDev { get; init; } = 0.03;

    /// <summary>σ_v: annualised volatility of the parallel SPX vol change, per 1.00 (default 0.15: ≈ 0.8 vol point a day).</summary>
    public double VolOfVol { get; init; } = 0.15;

    /// <summary>ρ: correlation of the vol change with the diffusive return shock (default -0.75).</summary>
    public double SpotVolCorrelation { get; init; } = -0.75;

    /// <summary>j_v: vol change per unit jump return (default -1.5: a -4 % jump adds 6 vol points).</summary>
    public double JumpVolPerReturn { get; init; } = -1.5;

    /// <summary>b_k: skew steepening per unit SPX return (default -2: a 5 % fall steepens by 0.10).</summary>
    public double SkewPerReturn { get; init; } = -2.0;

    /// <summary>σ_k: annualised volatility of the skew change (default 0.5).</summary>
    public double SkewVolatility { get; init; } = 0.5;

    /// <summary>σ_x: annualised volatility of the VIX-futures move not explained by the beta (default 0.6).</summary>
    public double VixNoiseVolatility { get; init; } = 0.6;

    /// <summary>c: correlation of that VIX noise with the idiosyncratic vol shock z2 (default 0.5).</summary>
    public double VixNoiseVolCorrelation { get; init; } = 0.5;

    /// <summary>a: VIX-option vol change per unit relative VIX-future move (default 0.5: futures +20 % → +10 vol points).</summary>
    public double VixOptionVolPerFutureMove { get; init; } = 0.5;

    /// <summary>σ_r: annualised volatility of the parallel rate change (default 0.01: ≈ 5 bp a day).</summary>
    public double RateVolatility { get; init; } = 0.01;

    /// <summary>Confidence levels of VaR/ES (default 95 % and 99 %).</summary>
    public IReadOnlyList<double> Confidences { get; init; } = [0.95, 0.99];

    /// <summary>Probabilities of the P&amp;L quantiles reported.</summary>
    public IReadOnlyList<double> QuantileProbabilities { get; init; } = [0.001, 0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 0.999];

    /// <summary>Draws per engine call (<see cref="ScenarioRunner.DefaultChunkSize"/>).</summary>
    public int ChunkSize { get; init; } = ScenarioRunner.DefaultChunkSize;

    /// <summary>Throws when a parameter is outside its range.</summary>
    /// <exception cref="ArgumentException">Naming the parameter and its range.</exception>
    public void Validate()
    {
        Require(Draws > 0, $"{nameof(Draws)} must be positive, not {Draws}.");
        Require(HorizonDays >= 0 && double.IsFinite(HorizonDays), $"{nameof(HorizonDays)} must be a non-negative number of days, not {HorizonDays}.");
        Require(StudentTDegreesOfFreedom > 2 && double.IsFinite(StudentTDegreesOfFreedom), $"{nameof(StudentTDegreesOfFreedom)} must be above 2 (finite variance), not {StudentTDegreesOfFreedom}.");
        Require(JumpIntensity >= 0 && JumpIntensity * HorizonDays / 365.0 <= 1, $"{nameof(JumpIntensity)} must be non-negative with intensity × horizon ≤ 1, not {JumpIntensity}.");
        Require(Math.Abs(SpotVolCorrelation) <= 1, $"{nameof(SpotVolCorrelation)} must be in [-1, 1], not {SpotVolCorrelation}.");
        Require(Math.Abs(VixNoiseVolCorrelation) <= 1, $"{nameof(VixNoiseVolCorrelation)} must be in [-1, 1], not {VixNoiseVolCorrelation}.");
        foreach (double v in new[] { SpxReturnVolatility, JumpStdDev, VolOfVol, SkewVolatility, VixNoiseVolatility, RateVolatility })
        {
            Require(v >= 0 && double.IsFinite(v), $"Volatilities and standard deviations must be non-negative, not {v}.");
        }

        foreach (double v in new[] { JumpMean, JumpVolPerReturn, SkewPerReturn, VixOptionVolPerFutureMove })
        {
            Require(double.IsFinite(v), $"Model coefficients must be finite, not {v}.");
        }

        Require(Confidences.Count > 0 && Confidences.All(c => c > 0 && c < 1), "Confidences must be in (0, 1), e.g. 0.95 and 0.99.");
        Require(QuantileProbabilities.All(p => p >= 0 && p <= 1), "Quantile probabilities must be in [0, 1].");
        Require(ChunkSize > 0, $"{nameof(ChunkSize)} must be positive, not {ChunkSize}.");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}

/// <summary>One joint draw of the model, and the market scenario it becomes.</summary>
/// <param name="SpxReturn">r.</param>
/// <param name="Jump">J (0 when no jump).</param>
/// <param name="VolChange">Δσ per 1.00.</param>
/// <param name="SkewChange">Δk.</param>
/// <param name="VixFutureMove">m.</param>
/// <param name="RateChange">Δr per 1.00.</param>
public readonly record struct MonteCarloDraw(double SpxReturn, double Jump, double VolChange, double SkewChange, double VixFutureMove, double RateChange);

/// <summary>Distribution and tail risk of one P&amp;L sample (the book with or without the hedge).</summary>
/// <param name="Mean">Mean P&amp;L.</param>
/// <param name="StdDev">Sample standard deviation.</param>
/// <param name="Quantiles">P&amp;L quantiles at <see cref="MonteCarloSettings.QuantileProbabilities"/>.</param>
/// <param name="Tails">VaR/ES at each confidence.</param>
/// <param name="LayerComponents">[confidence][layer]: component ES of each layer included in this sample (NaN for a layer left out):
/// -mean of the layer's P&amp;L over the tail draws; they add up to the ES.</param>
public sealed record PnlDistribution(double Mean, double StdDev, IReadOnlyList<double> Quantiles, IReadOnlyList<TailRisk> Tails, IReadOnlyList<double[]> LayerComponents);

/// <summary>The Monte Carlo run: draws, P&amp;L per draw and layer, and the distribution with and without the hedge.</summary>
/// <param name="Settings">The model and run parameters.</param>
/// <param name="Draws">The joint draws.</param>
/// <param name="Pnl">P&amp;L per draw and layer (dollar value change from the base market).</param>
/// <param name="WithHedge">Distribution of the book with every hedge layer on.</param>
/// <param name="WithoutHedge">Distribution of the book without the hedge layers.</param>
public sealed record MonteCarloResult(MonteCarloSettings Settings, IReadOnlyList<MonteCarloDraw> Draws, ScenarioPnl Pnl,
    PnlDistribution WithHedge, PnlDistribution WithoutHedge);

/// <summary>Monte Carlo vol-shock scenarios: N joint draws, each a full revaluation of the book (chunked engine batches).</summary>
public static class VolShockMonteCarlo
{
    /// <summary>The draws of the model (reproducible from the seed).</summary>
    /// <exception cref="ArgumentException">When the settings are invalid.</exception>
    public static MonteCarloDraw[] Sample(MonteCarloSettings settings, double spxVixBeta)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var rng = new Xoshiro256StarStar(settings.Seed, false);
        double tau = settings.HorizonDays / 365.0, sq = Math.Sqrt(tau), nu = settings.StudentTDegreesOfFreedom;
        double tScale = Math.Sqrt((nu - 2.0) / nu), pJump = settings.JumpIntensity * tau;
        double rho = settings.SpotVolCorrelation, rhoBar = Math.Sqrt(1.0 - (rho * rho));
        double c = settings.VixNoiseVolCorrelation, cBar = Math.Sqrt(1.0 - (c * c));
        var draws = new MonteCarloDraw[settings.Draws];
        for (int i = 0; i < draws.Length; i++)
        {
            double zt = StudentT.Sample(rng, 0.0, 1.0, nu) * tScale;
            double u = rng.NextDouble();
            double jumpSize = Normal.Sample(rng, settings.JumpMean, settings.JumpStdDev);
            double z2 = Normal.Sample(rng, 0.0, 1.0), z3 = Normal.Sample(rng, 0.0, 1.0), z4 = Normal.Sample(rng, 0.0, 1.0), z5 = Normal.Sample(rng, 0.0, 1.0);
            double jump = u < pJump ? jumpSize : 0.0;
            double r = Math.Max((settings.SpxReturnVolatility * sq * zt) + jump, -0.95);
            double dVol = (settings.VolOfVol * sq * ((rho * zt) + (rhoBar * z2))) + (settings.JumpVolPerReturn * jump);
            double dSkew = (settings.SkewPerReturn * r) + (settings.SkewVolatility * sq * z3);
            double vix = (spxVixBeta * r) + (settings.VixNoiseVolatility * sq * ((c * z2) + (cBar * z4)));
            double dr = settings.RateVolatility * sq * z5;
            draws[i] = new MonteCarloDraw(r, jump, dVol, dSkew, vix, dr);
        }

        return draws;
    }

    /// <summary>The market scenario of a draw.</summary>
    public static MarketScenario ToScenario(MonteCarloDraw d, MonteCarloSettings settings, int index)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new MarketScenario(FormattableString.Invariant($"draw {index}"), d.SpxReturn, settings.HorizonDays, d.VolChange, d.SkewChange,
            d.VixFutureMove, settings.VixOptionVolPerFutureMove * d.VixFutureMove, d.RateChange);
    }

    /// <summary>Draws, revalues the book under every draw and summarises the P&amp;L with and without the hedge layers.</summary>
    /// <exception cref="ArgumentException">When the settings are invalid or a leg cannot be priced from the market.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public static MonteCarloResult Run(BookValuator valuator, AlvhBook book, MarketSnapshot market, MonteCarloSettings? settings = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(valuator);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(market);
        settings ??= new MonteCarloSettings();
        MonteCarloDraw[] draws = Sample(settings, market.SpxVixBeta);
        var scenarios = new MarketScenario[draws.Length];
        for (int i = 0; i < draws.Length; i++) scenarios[i] = ToScenario(draws[i], settings, i);
        ScenarioPnl pnl = ScenarioRunner.Run(valuator, book, market, scenarios, settings.ChunkSize, progress, cancellationToken);
        return new MonteCarloResult(settings, draws, pnl,
            Summarise(pnl.WithHedge, pnl, settings, _ => true),
            Summarise(pnl.WithoutHedge, pnl, settings, l => l.Role != LayerRole.Hedge));
    }

    /// <summary>Mean, standard deviation, quantiles, VaR/ES and per-layer component ES of a P&amp;L sample whose layers are those matching <paramref name="inSample"/>.</summary>
    public static PnlDistribution Summarise(double[] sample, ScenarioPnl pnl, MonteCarloSettings settings, Func<Layer, bool> inSample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(pnl);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(inSample);
        double mean = sample.Average();
        double var = sample.Length > 1 ? sample.Sum(x => (x - mean) * (x - mean)) / (sample.Length - 1) : 0.0;
        var tails = settings.Confidences.Select(cl => RiskMeasures.Tail(sample, cl)).ToList();
        var components = tails.Select(t => pnl.Book.Layers.Select((l, li) => inSample(l) ? t.Component(pnl.LayerPnl[li]) : double.NaN).ToArray()).ToList();
        return new PnlDistribution(mean, Math.Sqrt(var), RiskMeasures.Quantiles(sample, settings.QuantileProbabilities), tails, components);
    }
}
