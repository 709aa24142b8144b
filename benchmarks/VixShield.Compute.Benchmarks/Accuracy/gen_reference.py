#!/usr/bin/env python3
"""Reference values for the vector exp, log and erfc accuracy measurement (kernels-docs/vector-math.md).

Writes CSV lines `function,x,reference` (`logratio[f],a,b,reference` for ln(a/b)) with x exactly representable in float64 (printed with repr) and the
reference from mpmath at 60 significant digits. Float32 rows use float32-representable x.
Usage: python3 gen_reference.py > /tmp/vecmath_ref.csv   (Debian: apt-get install python3-mpmath)
"""
import math
import random
import struct
import mpmath

mpmath.mp.dps = 60
rng = random.Random(20261124)


def f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]


def row(fn, x, ref):
    print(f"{fn},{x!r},{mpmath.nstr(ref, 25, min_fixed=-1, max_fixed=-1)}")


N = 20000
for _ in range(N):
    x = rng.uniform(-745.0, 709.7)  # the whole float64 range, subnormal results included
    row("exp", x, mpmath.exp(mpmath.mpf(x)))
for _ in range(N):
    x = rng.uniform(-1.0, 1.0)  # the common range of the kernels (discount factors, n(d))
    row("exp", x, mpmath.exp(mpmath.mpf(x)))
for _ in range(N):
    x = 10.0 ** rng.uniform(-307.0, 308.0)
    row("log", x, mpmath.log(mpmath.mpf(x)))
for _ in range(N):
    x = rng.uniform(0.5, 2.0)  # S/K near 1: the kernels' case
    row("log", x, mpmath.log(mpmath.mpf(x)))
for _ in range(N):
    x = rng.uniform(-6.0, 27.0)
    row("erfc", x, mpmath.erfc(mpmath.mpf(x)))
for _ in range(N):
    x = rng.uniform(-1.0, 1.0)
    row("erfc", x, mpmath.erfc(mpmath.mpf(x)))
for _ in range(N):
    x = f32(rng.uniform(-103.0, 88.7))
    row("expf", x, mpmath.exp(mpmath.mpf(x)))
for _ in range(N):
    x = f32(10.0 ** rng.uniform(-37.0, 38.0))
    row("logf", x, mpmath.log(mpmath.mpf(x)))
for _ in range(N):
    x = f32(rng.uniform(-4.0, 10.0))
    row("erfcf", x, mpmath.erfc(mpmath.mpf(x)))


def row2(fn, a, b, ref):
    print(f"{fn},{a!r},{b!r},{mpmath.nstr(ref, 25, min_fixed=-1, max_fixed=-1)}")


# ln(a/b) for the pricer's log-moneyness: the whole input domain [1e-8, 1e12], strikes within a factor 2, and at the
# money (|ln| < 1e-3, where an error relative to 1 rather than to the result would show).
for lo, hi, spread in ((1e-8, 1e12, None), (1.0, 1e5, 2.0), (1.0, 1e5, 1.001)):
    for _ in range(N):
        a = 10.0 ** rng.uniform(math.log10(lo), math.log10(hi))
        b = 10.0 ** rng.uniform(math.log10(lo), math.log10(hi)) if spread is None else a * spread ** rng.uniform(-1.0, 1.0)
        row2("logratio", a, b, mpmath.log(mpmath.mpf(a) / mpmath.mpf(b)))
for lo, hi, spread in ((1e-8, 1e12, None), (1.0, 1e5, 2.0), (1.0, 1e5, 1.001)):
    for _ in range(N):
        a = f32(10.0 ** rng.uniform(math.log10(lo), math.log10(hi)))
        b = f32(10.0 ** rng.uniform(math.log10(lo), math.log10(hi)) if spread is None else a * spread ** rng.uniform(-1.0, 1.0))
        if a != b:
            row2("logratiof", a, b, mpmath.log(mpmath.mpf(a) / mpmath.mpf(b)))
