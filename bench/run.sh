#!/usr/bin/env bash
# Runs the W1–W6 training and sampling workloads (issue 7) in gendl
# (bench/workloads) and in PyTorch (bench/torch_workloads.py) in the same
# run, alternating, at 1 and 2 threads, and prints markdown tables of median
# rates, ratios and peak RSS (see bench/run.py).
#
# PyTorch from pip: the first of $GENDL_TORCH_PYTHON, .gendl/venv (made by
# ./install.sh --with-torch) and .gendl/bench-torch that imports torch; when
# none does, .gendl/bench-torch is made from kernel/python/requirements-torch.txt
# (PyPI's torch is the CUDA build, about 3.5 GB, which runs fine on CPU).
# Debian's python3-torch (1.13) joins as a second reference when
# /usr/bin/python3 imports torch.
#
# Usage: bench/run.sh [--workloads W1,W4] [--threads 1,2] [--rounds N] [--windows 5] [--wintime 2.0] [--warmup 1.5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
has_torch() { [ -x "$1" ] && "$1" -c 'import torch' 2>/dev/null; }

torch_py=""
for py in "${GENDL_TORCH_PYTHON:-}" "$root/.gendl/venv/bin/python" "$root/.gendl/bench-torch/bin/python"; do
	if [ -n "$py" ] && has_torch "$py"; then torch_py="$py"; break; fi
done
if [ -z "$torch_py" ]; then
	echo "bench/run.sh: installing PyTorch into .gendl/bench-torch (once)" >&2
	python3 -m venv "$root/.gendl/bench-torch"
	"$root/.gendl/bench-torch/bin/pip" install -q -r "$root/kernel/python/requirements-torch.txt"
	torch_py="$root/.gendl/bench-torch/bin/python"
fi
torches=(--torch "pip=$torch_py")
if has_torch /usr/bin/python3; then torches+=(--torch "debian=/usr/bin/python3"); fi

# gendl's side runs as notebook cells do: the gendl kernel gives cells
# GODEBUG=madvdontneed=0 (kernel/cmd/gendl/kernel.go). Python ignores it.
case "${GODEBUG:-}" in
*madvdontneed*) ;;
*) export GODEBUG="${GODEBUG:+$GODEBUG,}madvdontneed=0" ;;
esac
echo "GODEBUG=$GODEBUG"

mkdir -p "$root/bench/out"
(cd "$root" && go build -o bench/out/workloads ./bench/workloads)
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $(go version | cut -d' ' -f3)"
for spec in "${torches[@]}"; do
	[ "$spec" = --torch ] && continue
	echo "torch ${spec%%=*}: $("${spec#*=}" -c 'import torch; print(torch.__version__, "MKL" if torch.backends.mkl.is_available() else "", "oneDNN" if torch.backends.mkldnn.is_available() else "")')"
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$root/bench/run.py" --gendl "$root/bench/out/workloads" "${torches[@]}" \
	--jsonl "$root/bench/out/workloads-$(date -u +%Y%m%dT%H%M).jsonl" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
