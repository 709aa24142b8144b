#!/bin/bash
# usage: ab.sh ROUNDS [BASE_DIR] -> alternates base and new; prints best f64/f32 price+first and all per variant
B=${2:-/work/wt/base}
for r in $(seq 1 ${1:-4}); do
 for v in base new; do
  if [ $v = base ]; then D=$B/src/VixShield.Cli/bin/Release/net10.0; else D=/work/main/src/VixShield.Cli/bin/Release/net10.0; fi
  DOTNET_TieredCompilation=0 DOTNET_PROCESSOR_COUNT=1 taskset -c 1 dotnet $D/vixshield.dll bench --size 100000 --seconds ${SECS:-1} 2>&1 | grep "simd" | awk -F'│' -v v=$v '{gsub(/[ ,]/,"",$6); gsub(/ /,"",$4); gsub(/ /,"",$5); print v, $4"-"$5, $6}'
 done
done | awk '{k=$1" "$2; if ($3>m[k]) m[k]=$3} END {for (k in m) printf "%-18s %12.1f M/s\n", k, m[k]/1e6}' | sort -k2,2 -k1,1
