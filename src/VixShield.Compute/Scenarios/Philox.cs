using System.Runtime.CompilerServices;

namespace VixShield.Compute.Scenarios;

/// <summary>
/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy
/// as 1, 2, 3" (SC11): a 128-bit counter and a 64-bit key map to 128 random bits through ten rounds of two 32x32-bit
/// multiplies. Output i depends only on (key, counter i), so a draw is the same on any thread, chunk, engine or
/// machine. Checked against Random123's published kat_vectors. Plain integer code: usable inside GPU kernels.
/// </summary>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>The ten-round bijection of counter (c0..c3) under key (k0, k1); the four output words replace the counter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }

            ulong p0 = (ulong)M0 * c0, p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0, hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            uint n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
            c0 = n0;
            c1 = lo1;
            c2 = n2;
            c3 = lo0;
        }
    }

    /// <summary>A uniform in the open interval (0, 1) from 52 of the 64 bits (hi, lo): (m + 1/2)·2^-52, exact in a double,
    /// from 2^-53 to 1 - 2^-53 (never 0 or 1, so ln u and u^(-2/ν) stay finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(uint hi, uint lo) => ((((ulong)hi << 20) | (lo >> 12)) + 0.5) * (1.0 / 4503599627370496.0);

    /// <summary>Two uniforms in (0, 1) of block <paramref name="block"/> of draw <paramref name="draw"/> under <paramref name="seed"/>:
    /// counter (draw low word, draw high word, block, 0), key (seed low word, seed high word).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Uniforms(ulong seed, ulong draw, uint block, out double u0, out double u1)
    {
        uint c0 = (uint)draw, c1 = (uint)(draw >> 32), c2 = block, c3 = 0;
        Block(ref c0, ref c1, ref c2, ref c3, (uint)seed, (uint)(seed >> 32));
        u0 = Uniform(c0, c1);
        u1 = Uniform(c2, c3);
    }
}
