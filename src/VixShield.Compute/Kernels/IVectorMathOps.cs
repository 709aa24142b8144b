namespace VixShield.Compute.Kernels;

/// <summary>
/// The extra operations a vector <see cref="IMathOps{T, TMask}"/> offers the SIMD driver: lane count, loads
/// and stores, and mask reductions (so that a kernel can skip work no lane needs). Masks are vectors
/// of the same type with all bits set in true lanes.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
/// <typeparam name="TElem">The element type (double or float).</typeparam>
public interface IVectorMathOps<TVec, TElem> : IFloatBitsOps<TVec, TVec>
    where TVec : struct
    where TElem : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on hardware instructions here.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Bit i set when lane i of the mask is true.</summary>
    static abstract ulong Bits(TVec mask);

    /// <summary>Loads <see cref="Count"/> elements (unaligned).</summary>
    static abstract unsafe TVec Load(TElem* source);

    /// <summary><see cref="Count"/> signed bytes (option kinds ±1, model codes) as lane values: one sign extension and one
    /// conversion per vector instead of a conversion loop per element.</summary>
    static abstract unsafe TVec LoadSignedBytes(sbyte* source);

    /// <summary>Stores <see cref="Count"/> elements (unaligned).</summary>
    static abstract unsafe void Store(TVec value, TElem* destination);
}
