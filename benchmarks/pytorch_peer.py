#!/usr/bin/env python3
"""Straightforward PyTorch float64 peer of the GPU engine: the same 18 Black-Scholes-Merton outputs
(price, delta, gamma, vega, theta, rho, phi, vanna, volga, charm, veta, speed, zomma, color, ultima,
dual delta, dual gamma, ITM probability; raw units, theta = dV/dt calendar) written as plain tensor
expressions, as a PyTorch user would. Timed with CUDA events, data resident on the device, and with
host transfers (CPU tensors in, CPU tensors out). Usage: python3 pytorch_peer.py [--sizes ...] [--json out]."""
import argparse, json, math, time
import torch

def greeks(omega, s, k, t, vol, r, q):
    sqrt_t = torch.sqrt(t)
    v = vol * sqrt_t
    dr = torch.exp(-r * t)
    dq = torch.exp(-q * t)
    d1 = (torch.log(s / k) + (r - q) * t) / v + 0.5 * v
    d2 = d1 - v
    nd1 = torch.special.ndtr(omega * d1)
    nd2 = torch.special.ndtr(omega * d2)
    pdf1 = torch.exp(-0.5 * d1 * d1) / math.sqrt(2 * math.pi)
    pdf2 = torch.exp(-0.5 * d2 * d2) / math.sqrt(2 * math.pi)
    sdq, kdr = s * dq, k * dr
    price = omega * (sdq * nd1 - kdr * nd2)
    delta = omega * dq * nd1
    gamma = dq * pdf1 / (s * v)
    vega = sdq * pdf1 * sqrt_t
    theta = omega * (q * sdq * nd1 - r * kdr * nd2) - sdq * pdf1 * vol / (2 * sqrt_t)
    rho = omega * kdr * t * nd2
    phi = -omega * sdq * t * nd1
    vanna = -dq * pdf1 * d2 / vol
    volga = vega * d1 * d2 / vol
    charm = omega * q * dq * nd1 - dq * pdf1 * (2 * (r - q) * t - d2 * v) / (2 * t * v)
    veta = vega * (q + (r - q) * d1 / v - (1 + d1 * d2) / (2 * t))
    speed = -gamma / s * (d1 / v + 1)
    zomma = gamma * (d1 * d2 - 1) / vol
    color = gamma * (q + (1 + 2 * (r - q) * t * d1 / v - d1 * d2) / (2 * t))
    ultima = -vega / (vol * vol) * (d1 * d2 * (1 - d1 * d2) + d1 * d1 + d2 * d2)
    dual_delta = -omega * dr * nd2
    dual_gamma = dr * pdf2 / (k * v)
    return [price, delta, gamma, vega, theta, rho, phi, vanna, volga, charm, veta, speed, zomma, color, ultima, dual_delta, dual_gamma, nd2]

def make(n, device, dtype=torch.float64):
    g = torch.Generator(device="cpu").manual_seed(17)
    t = torch.exp(math.log(1 / 365) + torch.rand(n, generator=g, dtype=dtype) * math.log(2 * 365))
    vol = 0.08 + torch.rand(n, generator=g, dtype=dtype) * 0.6
    k = 5900 * torch.exp(vol * torch.sqrt(t) * (torch.rand(n, generator=g, dtype=dtype) * 16 - 8))
    omega = torch.where(torch.arange(n) % 2 == 0, 1.0, -1.0).to(dtype)
    s = torch.full((n,), 5900.0, dtype=dtype)
    r = torch.full((n,), 0.045, dtype=dtype)
    q = torch.full((n,), 0.013, dtype=dtype)
    return [x.to(device) for x in (omega, s, k, t, vol, r, q)]

def time_cuda(fn, reps):
    fn(); torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record(); fn(); b.record(); torch.cuda.synchronize()
        times.append(a.elapsed_time(b) / 1e3)
    times.sort()
    return times[len(times) // 2]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000,10000000,100000000")
    ap.add_argument("--json")
    a = ap.parse_args()
    dev = torch.device("cuda")
    out = {"torch": torch.__version__, "device": torch.cuda.get_device_name(0), "runs": []}
    print(f"torch {torch.__version__} on {out['device']}")
    for n in [int(x) for x in a.sizes.split(",")]:
        for dtype, name in ((torch.float64, "f64"), (torch.float32, "f32")):
            try:
                x = make(n, dev, dtype)
                reps = max(3, min(30, 200_000_000 // n))
                sec = time_cuda(lambda: greeks(*x), reps)
                out["runs"].append({"mode": "resident", "precision": name, "n": n, "median_s": sec, "options_per_s": n / sec})
                print(f"pytorch resident {name} n={n:>10} {sec*1e3:10.3f} ms {n/sec/1e6:10.1f} Mopt/s")
                del x
                torch.cuda.empty_cache()
                if name == "f64" and n <= 10_000_000:
                    xc = make(n, "cpu", dtype)
                    def host():
                        ys = greeks(*[v.to(dev) for v in xc])
                        return [y.cpu() for y in ys]
                    host(); torch.cuda.synchronize()
                    tt = []
                    for _ in range(3):
                        t0 = time.perf_counter(); host(); torch.cuda.synchronize(); tt.append(time.perf_counter() - t0)
                    tt.sort(); sec = tt[1]
                    out["runs"].append({"mode": "host", "precision": name, "n": n, "median_s": sec, "options_per_s": n / sec})
                    print(f"pytorch host     {name} n={n:>10} {sec*1e3:10.3f} ms {n/sec/1e6:10.1f} Mopt/s")
                    del xc
            except torch.cuda.OutOfMemoryError as e:
                print(f"pytorch {name} n={n}: out of memory ({e})")
                out["runs"].append({"mode": "resident", "precision": name, "n": n, "error": "out of memory"})
            torch.cuda.empty_cache()
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)

if __name__ == "__main__":
    main()
