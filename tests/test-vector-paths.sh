#!/usr/bin/env bash
# Runs the SIMD engine tests on every vector path this machine can take: the default (widest) width,
# then with AVX-512 off, with AVX2 off, and with every hardware intrinsic off (scalar rows).
# .NET 10 switches: DOTNET_EnableAVX512 (EnableAVX512F no longer works), DOTNET_EnableAVX2, DOTNET_EnableHWIntrinsic.
# Usage: tests/test-vector-paths.sh [extra dotnet test args]; exits non-zero when any run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="FullyQualifiedName~VixShield.Compute.Tests.Simd"
dotnet build tests/VixShield.Compute.Tests -c Release -v q -nologo >/dev/null
status=0
for env in "" "DOTNET_EnableAVX512=0" "DOTNET_EnableAVX2=0" "DOTNET_EnableHWIntrinsic=0"; do
  echo "== SIMD tests with ${env:-default ISA}"
  if ! env $env dotnet test tests/VixShield.Compute.Tests -c Release --no-build -nologo --filter "$filter" "$@" | tail -n 3; then
    status=1
  fi
done
exit $status
