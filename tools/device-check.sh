#!/usr/bin/env bash
# The prepared GPU check of the scenario kernel (issue 9) and the Greeks engines, for a session lent a GPU machine:
# one script, results under $OUT. On this machine first: ../shared/device/pack.sh src/VixShield.Cli/VixShield.Cli.csproj
# then call the device's `run` with carry [".devicepack"] and the command `bash tools/device-check.sh` (about 3-5 minutes,
# most of it ILGPU's first compile). Every step writes its own files, so a step that fails leaves the others.
set -u
out="${OUT:-/tmp/device-check}"
mkdir -p "$out"
cli() { bash .devicepack/run.sh "$@"; }
step() { echo "== $*" | tee -a "$out/steps.txt"; }

step "device"
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv > "$out/nvidia-smi.txt" 2>&1
nproc > "$out/nproc.txt"; lscpu > "$out/lscpu.txt" 2>&1
cli devices > "$out/devices.txt" 2>&1

# Monte Carlo: the scenario kernel on the GPU against SIMD on the host (same seed), draws 1e4..1e7 (sample book, 19 legs).
for d in 10000 100000 1000000 10000000; do
  step "montecarlo gpu $d"
  timeout 300 cli montecarlo --sample --draws "$d" --seed 42 --engine gpu --json --verbose > "$out/mc-gpu-$d.json" 2> "$out/mc-gpu-$d.log"
done
for d in 1000000 10000000; do
  step "montecarlo simd $d"
  timeout 300 cli montecarlo --sample --draws "$d" --seed 42 --engine simd --json --verbose > "$out/mc-simd-$d.json" 2> "$out/mc-simd-$d.log"
done

# The issue's largest stress grid: 100 spot x 100 vol x 5 skew x 10 days x 3 rate = 1.5 M cells.
spot=$(seq -s, -20 0.4 19.6); vol=$(seq -s, -10 0.5 39.5)
for e in gpu simd; do
  step "stress $e 100x100x5x10x3"
  timeout 300 cli stress --sample --spot "$spot" --vol "$vol" --skew 0,0.05,0.1,0.15,0.2 --days 0,1,2,3,4,5,6,7,8,9 --rate -25,0,25 \
    --engine "$e" --json --verbose --top 0 2> "$out/stress-$e.log" | head -c 4096 > "$out/stress-$e-head.json"  # the JSON is ~0.9 GB
done

# Greeks engines side by side (the existing GPU benchmark), short.
step "gpubench"
timeout 300 cli gpu-bench --sizes 1000000,10000000,100000000 --json "$out/gpu-bench.json" > "$out/gpu-bench.txt" 2>&1

# GPU vs SIMD agreement of the risk measures (the per-draw tolerance is 1e-10 x max(1 $, |P&L|); summaries inherit it).
step "compare"
python3 - "$out" > "$out/compare.txt" 2>&1 <<'PY'
import json, sys, os
out = sys.argv[1]
def load(name):
    p = os.path.join(out, name)
    return json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) > 0 else None
for d in (1000000, 10000000):
    g, s = load(f"mc-gpu-{d}.json"), load(f"mc-simd-{d}.json")
    if not g or not s: print(d, "missing"); continue
    worst = 0.0
    for side in ("withHedge", "withoutHedge"):
        for a, b in zip(g[side]["tails"], s[side]["tails"]):
            for k in ("valueAtRisk", "expectedShortfall"):
                worst = max(worst, abs(a[k] - b[k]) / max(1.0, abs(b[k])))
    print(d, "draws: worst relative difference of VaR/ES gpu vs simd", worst)
PY
grep -h "revaluations" "$out"/*.log > "$out/revaluations.txt" 2>/dev/null
step "done"
