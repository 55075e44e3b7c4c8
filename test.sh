#!/usr/bin/env bash
# test.sh: the whole test suite, the one command the README names.
#
#   go vet ./...  and  go test ./...          (the Go packages)
#   go test ./dl/... on the portable kernels  (GODEBUG turns off AVX, AVX2,
#                                              FMA and AVX-512, so the Go
#                                              fallback that arm64 runs
#                                              passes the same tests)
#   the Python tests                          (kernel/python: the notebook runner;
#                                              kernel/conformance: Jupyter protocol
#                                              conformance of the kernel)
#   every notebook under notebooks/           (through the real gendl kernel;
#                                              short mode unless GENDL_SHORT=0)
#   the browser test                          (JupyterLab in headless chromium;
#                                              skipped, saying so, without chromium)
#
# Needs ./install.sh --no-start to have run (it builds bin/ and the venv).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
PY="${GENDL_PYTHON:-$ROOT/.gendl/venv/bin/python}"
export PATH="$ROOT/bin:$PATH"
export GENDL_SHORT="${GENDL_SHORT:-1}"

if [ ! -x "$ROOT/bin/gendl" ] || [ ! -x "$PY" ]; then
  echo "test.sh: run ./install.sh --no-start first (missing bin/gendl or $PY)" >&2
  exit 1
fi

PASSED=0
FAILED=()
# suite NAME CMD...: runs one suite; a failure is recorded and the next
# suite still runs, so one CI run reports every broken suite.
suite() {
  local name="$1"
  shift
  printf '\n=== %s\n' "$name"
  if "$@"; then
    PASSED=$((PASSED + 1))
  else
    echo "=== FAILED: $name"
    FAILED+=("$name")
  fi
}

suite "go vet ./..." go vet ./...
suite "go test ./..." go test ./...
suite "go test ./dl/... (portable kernels)" env GODEBUG=cpu.avx=off,cpu.avx2=off,cpu.fma=off,cpu.avx512f=off go test ./dl/...
suite "notebook runner tests" "$PY" -m unittest discover -s kernel/python -p 'test_*.py'
if [ -d kernel/conformance ]; then
  suite "kernel conformance tests" "$PY" -m unittest discover -s kernel/conformance -p 'test_*.py'
fi
# Notebooks train once and reload from the checkpoint cache; the test run
# gets an empty cache of its own, so every notebook really trains (and later
# cells of the same run still reload what earlier ones trained).
GENDL_CACHE="${GENDL_TEST_CACHE:-$(mktemp -d "${TMPDIR:-/tmp}/gendl-test-cache.XXXXXX")}"
export GENDL_CACHE
suite "notebooks (GENDL_SHORT=$GENDL_SHORT, GENDL_CACHE=$GENDL_CACHE)" "$PY" kernel/python/run_notebooks.py
[ -n "${GENDL_TEST_CACHE:-}" ] || rm -rf "$GENDL_CACHE"
suite "browser test" "$PY" kernel/browser/browser_test.py

echo
for name in "${FAILED[@]}"; do echo "failed: $name"; done
echo "suites: $PASSED passed, ${#FAILED[@]} failed"
[ "${#FAILED[@]}" -eq 0 ]
