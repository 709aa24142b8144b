namespace VixShield.Compute;

/// <summary>
/// The single entry point every engine implements (scalar reference, SIMD CPU, ILGPU GPU).
/// Batches are structure-of-arrays spans in, spans out; only the outputs with a non-empty span in
/// <see cref="GreeksOutput{T}"/> are computed. Implementations are safe to call from many threads at once
/// on distinct outputs and hold no global state. Dispose an engine when done: the CPU engines hold nothing, the GPU
/// engine holds an accelerator and device memory.
/// Optional capabilities are small interfaces with CPU defaults, reached through extension methods so callers never
/// test for an engine type: <see cref="Grid.IGridGreeksEngine"/> (via <see cref="Grid.GreeksGrid"/>) and
/// <see cref="ImpliedVol.IImpliedVolEngine"/> (via <see cref="ImpliedVol.ImpliedVolEngineExtensions.ImpliedVolatility"/>).
/// </summary>
public interface IGreeksEngine : IDisposable
{
    /// <summary>What this engine is and what it runs on.</summary>
    EngineInfo Info { get; }

    /// <summary>Prices a float64 batch.</summary>
    /// <param name="batch">The options.</param>
    /// <param name="output">Where the results go; every non-empty span has <c>batch.Count</c> rows.</param>
    /// <param name="cancellationToken">Checked between chunks of work.</param>
    /// <returns>What produced the numbers and how many rows were valid.</returns>
    /// <exception cref="ArgumentException">When an output span's length does not match the batch.</exception>
    /// <exception cref="OperationCanceledException">When cancelled; the output is then partly written.</exception>
    ComputeResult Compute(in OptionBatch<double> batch, in GreeksOutput<double> output, CancellationToken cancellationToken = default);

    /// <summary>Prices a float32 batch (float32 arithmetic throughout; error bounds in kernels-docs).</summary>
    /// <param name="batch">The options.</param>
    /// <param name="output">Where the results go; every non-empty span has <c>batch.Count</c> rows.</param>
    /// <param name="cancellationToken">Checked between chunks of work.</param>
    /// <returns>What produced the numbers and how many rows were valid.</returns>
    /// <exception cref="ArgumentException">When an output span's length does not match the batch.</exception>
    /// <exception cref="OperationCanceledException">When cancelled; the output is then partly written.</exception>
    ComputeResult Compute(in OptionBatch<float> batch, in GreeksOutput<float> output, CancellationToken cancellationToken = default);
}

/// <summary>The family an engine belongs to.</summary>
public enum EngineKind
{
    /// <summary>One option at a time, the reference.</summary>
    Scalar,

    /// <summary>Vectorised with System.Runtime.Intrinsics on every core.</summary>
    Simd,

    /// <summary>ILGPU kernels on an accelerator (or ILGPU's CPU accelerator, for checks).</summary>
    Gpu,
}

/// <summary>Describes an engine: what runs, on what, how wide.</summary>
/// <param name="Name">Short machine name: scalar, simd, gpu, ilgpu-cpu.</param>
/// <param name="Kind">The engine family.</param>
/// <param name="Device">What it runs on (CPU model or accelerator name).</param>
/// <param name="VectorBits">Vector width in bits (64 for the scalar engine: one double at a time).</param>
/// <param name="Threads">Degree of parallelism used for large batches.</param>
/// <param name="Description">One readable line (MathNet-provider style Describe()).</param>
public sealed record EngineInfo(string Name, EngineKind Kind, string Device, int VectorBits, int Threads, string Description)
{
    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>What a call produced: which engine and precision computed it, and how many rows were valid.</summary>
/// <param name="Engine">Name of the engine that produced the numbers (after any fallback).</param>
/// <param name="Precision">The arithmetic precision used.</param>
/// <param name="Count">Rows in the batch.</param>
/// <param name="InvalidCount">Rows whose status is not <see cref="OptionStatus.Ok"/>.</param>
/// <param name="FellBack">True when the requested engine failed and another one finished the call.</param>
public readonly record struct ComputeResult(string Engine, Precision Precision, int Count, int InvalidCount, bool FellBack = false);
