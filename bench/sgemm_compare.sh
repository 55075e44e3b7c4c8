#!/usr/bin/env bash
# Compares gendl's float32 matmul (dl/internal/kernels.Sgemm) with numpy's
# BLAS at 1 and 2 threads, alternating, and prints a table of GFLOP/s and
# ratios. numpy comes from pip in a virtual environment (.gendl/bench-venv,
# made on first use); OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are unset for the
# numpy runs only (--avx2: our AVX2 kernels against OpenBLAS forced to its
# Haswell kernels, as on an AVX2-only CPU such as Zen 3).
# Usage: bench/sgemm_compare.sh [--rounds N] [--count N] [--window SECONDS] [--avx2]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${GENDL_BENCH_VENV:-$root/.gendl/bench-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import numpy, threadpoolctl' 2>/dev/null; then
	python3 -m venv "$venv"
	"$venv/bin/pip" install -q numpy threadpoolctl
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go test -c -o "$tmp/kernels.test" ./dl/internal/kernels/)
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; go: $(go version | cut -d' ' -f3); numpy: $("$venv/bin/python" -c 'import numpy; print(numpy.__version__)')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$venv/bin/python" "$root/bench/sgemm_compare.py" --gotest "$tmp/kernels.test" --python "$venv/bin/python" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
