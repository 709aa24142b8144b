using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VixShield.Compute.Benchmarks;

/// <summary>
/// Machine ceilings for the roofline in kernels-docs/benchmarks.md: peak float64 FMA throughput per core at each
/// vector width (16 independent FMA chains, best of several runs) and memory bandwidth (array copy far larger than
/// the caches; bytes read + written), the latency and throughput of 512-bit FMA, division and square root, and which 512-bit
/// operations share issue ports (the "issue mix" rows: FMA, multiply, add, logic alone and mixed). Run: <c>dotnet run -c Release --project benchmarks/VixShield.Compute.Benchmarks -- ceilings</c>.
/// </summary>
public static class Ceilings
{
    public static void Run()
    {
        Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, cores: {Environment.ProcessorCount}");
        Console.WriteLine($"peak FMA float64, 1 core, Vector128: {Best(Fma128):F1} GFLOP/s");
        Console.WriteLine($"peak FMA float64, 1 core, Vector256: {Best(Fma256):F1} GFLOP/s");
        if (Vector512.IsHardwareAccelerated) Console.WriteLine($"peak FMA float64, 1 core, Vector512: {Best(Fma512):F1} GFLOP/s");
        var src = new double[1 << 25];
        var dst = new double[1 << 25]; // 256 MiB each
        src.AsSpan().Fill(1);
        dst.AsSpan().Fill(0);
        Console.WriteLine($"copy bandwidth, 1 thread: {Best(() => Copy(src, dst, 1)):F1} GB/s (read + write)");
        Console.WriteLine($"copy bandwidth, {Environment.ProcessorCount} threads: {Best(() => Copy(src, dst, Environment.ProcessorCount)):F1} GB/s (read + write)");
        LatencyAndThroughput();
    }

    private static void LatencyAndThroughput()
    {
        // Latency and throughput of the operations that bound the Greeks kernel, in cycles: the clock is estimated from a
        // dependent 512/256-bit FMA chain taken as 4 cycles (Zen 4/5's FMA latency), so "cycles" are relative to that.
        if (!Vector512.IsHardwareAccelerated)
        {
            Console.WriteLine("latency/throughput of FMA, division, square root: measured on Vector512 only (not accelerated here)");
            return;
        }

        double fmaLatNs = BestLow(() => Chain(Op.Fma, 1));
        double ghz = 4 / fmaLatNs;
        Console.WriteLine($"clock estimate: {ghz:F2} GHz (dependent FMA chain {fmaLatNs:F3} ns = 4 cycles)");
        foreach (Op op in new[] { Op.Fma, Op.Div, Op.Sqrt })
        {
            double lat = BestLow(() => Chain(op, 1)) * ghz, tp = BestLow(() => Chain(op, 8)) * ghz;
            Console.WriteLine($"Vector512 float64 {op}: latency {lat:F1} cycles, one per {tp:F2} cycles with 8 independent chains");
        }

        // Which 512-bit operations share issue ports: 8 independent chains per iteration, alternating the kinds in the
        // mixes. If two kinds share a port their mix runs at the slower rate; if not, faster than either alone.
        foreach (Mix mix in Enum.GetValues<Mix>())
        {
            double ns = BestLow(() => MixChain(mix));
            Console.WriteLine($"Vector512 float64 issue mix {mix}: {ns * ghz:F2} cycles per instruction, 8 independent chains");
        }

    }

    private enum Op
    {
        Fma,
        Div,
        Sqrt,
    }

    private enum Mix
    {
        Fma,
        Mul,
        Add,
        Xor,
        FmaAndAdd,
        FmaAndXor,
        FmaAddXor,
    }

    /// <summary>ns per instruction for one <see cref="Mix"/> (8 or 9 independent chains, all in registers).</summary>
    private static double MixChain(Mix mix)
    {
        const int Iters = 4_000_000;
        var sw = Stopwatch.StartNew();
        double sink = Mix512(mix, Iters);
        int perIter = mix == Mix.FmaAddXor ? 9 : 8;
        double ns = sw.Elapsed.TotalNanoseconds / ((double)Iters * perIter);
        GC.KeepAlive(sink);
        return ns;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Mix512(Mix mix, int iters)
    {
        var m = Vector512.Create(0.999999);
        var c = Vector512.Create(1e-7);
        var bits = Vector512.Create(3L).AsDouble(); // xor with a non-trivial constant: not folded away
        Vector512<double> a0 = Vector512.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0;
        for (int i = 0; i < iters; i++)
        {
            switch (mix)
            {
                case Mix.Fma:
                    a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
                    a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c); a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
                    break;
                case Mix.Mul:
                    a0 *= m; a1 *= m; a2 *= m; a3 *= m; a4 *= m; a5 *= m; a6 *= m; a7 *= m;
                    break;
                case Mix.Add:
                    a0 += c; a1 += c; a2 += c; a3 += c; a4 += c; a5 += c; a6 += c; a7 += c;
                    break;
                case Mix.Xor:
                    a0 ^= bits; a1 ^= bits; a2 ^= bits; a3 ^= bits; a4 ^= bits; a5 ^= bits; a6 ^= bits; a7 ^= bits;
                    break;
                case Mix.FmaAndAdd:
                    a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 += c; a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 += c;
                    a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 += c; a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 += c;
                    break;
                case Mix.FmaAndXor:
                    a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 ^= bits; a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 ^= bits;
                    a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 ^= bits; a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 ^= bits;
                    break;
                default:
                    a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 += c; a2 ^= bits; a3 = Vector512.FusedMultiplyAdd(a3, m, c); a4 += c;
                    a5 ^= bits; a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 += c; a8 ^= bits;
                    break;
            }
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8).GetElement(0);
    }

    private static double BestLow(Func<double> f)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 7; i++) best = Math.Min(best, f());
        return best;
    }

    /// <summary>ns per operation over <paramref name="chains"/> independent chains of <paramref name="op"/> (1 = latency).</summary>
    private static double Chain(Op op, int chains)
    {
        const int Iters = 4_000_000;
        var sw = Stopwatch.StartNew();
        double sink = Chains512(op, chains, Iters);
        double ns = sw.Elapsed.TotalNanoseconds / ((double)Iters * chains);
        GC.KeepAlive(sink);
        return ns;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no tier-0/OSR code in the timed loop
    private static double Chains512(Op op, int chains, int iters)
    {
        var m = Vector512.Create(0.999999);
        var c = Vector512.Create(1.0000001);
        Span<Vector512<double>> a = stackalloc Vector512<double>[8];
        for (int j = 0; j < 8; j++) a[j] = Vector512.Create(1.5 + j);
        Vector512<double> a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
        for (int i = 0; i < iters; i++)
        {
            switch (op)
            {
                case Op.Fma:
                    a0 = Vector512.FusedMultiplyAdd(a0, m, c);
                    if (chains > 1) { a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c); a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c); a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c); }
                    break;
                case Op.Div:
                    a0 = c / a0;
                    if (chains > 1) { a1 = c / a1; a2 = c / a2; a3 = c / a3; a4 = c / a4; a5 = c / a5; a6 = c / a6; a7 = c / a7; }
                    break;
                default:
                    a0 = Vector512.Sqrt(a0 * c);
                    if (chains > 1) { a1 = Vector512.Sqrt(a1 * c); a2 = Vector512.Sqrt(a2 * c); a3 = Vector512.Sqrt(a3 * c); a4 = Vector512.Sqrt(a4 * c); a5 = Vector512.Sqrt(a5 * c); a6 = Vector512.Sqrt(a6 * c); a7 = Vector512.Sqrt(a7 * c); }
                    break;
            }
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7).GetElement(0);
    }

    private static double Best(Func<double> f)
    {
        double best = 0;
        for (int i = 0; i < 7; i++) best = Math.Max(best, f());
        return best;
    }

    private static double Copy(double[] src, double[] dst, int threads)
    {
        var sw = Stopwatch.StartNew();
        int chunk = src.Length / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => src.AsSpan(t * chunk, chunk).CopyTo(dst.AsSpan(t * chunk, chunk)));
        return 2.0 * src.Length * sizeof(double) / sw.Elapsed.TotalSeconds / 1e9;
    }

    private static double Fma128() => Gflops(2, Loop128);

    private static double Fma256() => Gflops(4, Loop256);

    private static double Fma512() => Gflops(8, Loop512);

    private static double Gflops(int lanes, Func<long, double> loop)
    {
        const long Iters = 20_000_000;
        var sw = Stopwatch.StartNew();
        double sink = loop(Iters);
        double s = sw.Elapsed.TotalSeconds;
        GC.KeepAlive(sink);
        return Iters * 16.0 * lanes * 2 / s / 1e9; // 16 FMAs per iteration, 2 flops per lane each
    }

    private static double Loop128(long iters)
    {
        var m = Vector128.Create(0.999999); var c = Vector128.Create(1e-7);
        Vector128<double> a0 = Vector128.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (long i = 0; i < iters; i++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, m, c); a1 = Vector128.FusedMultiplyAdd(a1, m, c); a2 = Vector128.FusedMultiplyAdd(a2, m, c); a3 = Vector128.FusedMultiplyAdd(a3, m, c);
            a4 = Vector128.FusedMultiplyAdd(a4, m, c); a5 = Vector128.FusedMultiplyAdd(a5, m, c); a6 = Vector128.FusedMultiplyAdd(a6, m, c); a7 = Vector128.FusedMultiplyAdd(a7, m, c);
            a8 = Vector128.FusedMultiplyAdd(a8, m, c); a9 = Vector128.FusedMultiplyAdd(a9, m, c); a10 = Vector128.FusedMultiplyAdd(a10, m, c); a11 = Vector128.FusedMultiplyAdd(a11, m, c);
            a12 = Vector128.FusedMultiplyAdd(a12, m, c); a13 = Vector128.FusedMultiplyAdd(a13, m, c); a14 = Vector128.FusedMultiplyAdd(a14, m, c); a15 = Vector128.FusedMultiplyAdd(a15, m, c);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15).GetElement(0);
    }

    private static double Loop256(long iters)
    {
        var m = Vector256.Create(0.999999); var c = Vector256.Create(1e-7);
        Vector256<double> a0 = Vector256.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (long i = 0; i < iters; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c); a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c); a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c); a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
            a12 = Vector256.FusedMultiplyAdd(a12, m, c); a13 = Vector256.FusedMultiplyAdd(a13, m, c); a14 = Vector256.FusedMultiplyAdd(a14, m, c); a15 = Vector256.FusedMultiplyAdd(a15, m, c);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15).GetElement(0);
    }

    private static double Loop512(long iters)
    {
        var m = Vector512.Create(0.999999); var c = Vector512.Create(1e-7);
        Vector512<double> a0 = Vector512.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (long i = 0; i < iters; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c); a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c); a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
            a12 = Vector512.FusedMultiplyAdd(a12, m, c); a13 = Vector512.FusedMultiplyAdd(a13, m, c); a14 = Vector512.FusedMultiplyAdd(a14, m, c); a15 = Vector512.FusedMultiplyAdd(a15, m, c);
        }

        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15).GetElement(0);
    }
}
