#!/bin/bash
# Instruction-level profile of the SIMD engine's per-vector method (kernels-docs/vector-math.md, "Speed, part 3").
# This VM has no hardware counters, so perf samples the instruction pointer on a timer (cpu-clock); the JIT's perf map
# locates SimdKernel.Vector and its disassembly (with code bytes) maps each sample to an instruction.
# Usage: tools/profile-simd.sh [N]   N = which instantiation of SimdKernel.Vector, in JIT order (0 = float64 price +
# first order, 1 = float32 price + first order, 2 = float64 all, 3 = float32 all). Needs perf and a Release build of
# src/VixShield.Cli. Writes $OUT_DIR (default /tmp/vixshield-profile): listing.txt, annotated.txt, summary.txt.
set -euo pipefail
W=${1:-0}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
D=$ROOT/src/VixShield.Cli/bin/Release/net10.0
O=${OUT_DIR:-/tmp/vixshield-profile}
mkdir -p "$O"; rm -f "$O"/listing.txt /tmp/perf-*.map
export DOTNET_TieredCompilation=0 DOTNET_PROCESSOR_COUNT=1
DOTNET_JitDisasm='Vector' DOTNET_JitDisasmWithCodeBytes=1 DOTNET_JitStdOutFile="$O/listing.txt" \
  dotnet "$D/vixshield.dll" bench --size 10000 --seconds 0.1 > /dev/null 2>&1
DOTNET_PerfMapEnabled=1 perf record -q -e cpu-clock -c 100000 -o "$O/perf.data" \
  taskset -c 1 dotnet "$D/vixshield.dll" bench --size 100000 --seconds 1 > /dev/null 2>&1
perf script -i "$O/perf.data" -F ip 2> /dev/null > "$O/ips.txt"
python3 "$ROOT/tools/annotate-jit-samples.py" "$O/listing.txt" "$W" "$O/ips.txt" /tmp/perf-*.map > "$O/annotated.txt"
grep -A100 '^# per category' "$O/annotated.txt" > "$O/summary.txt" || true
cat "$O/summary.txt"
echo "annotated listing: $O/annotated.txt"
