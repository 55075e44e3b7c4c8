#!/usr/bin/env bash
# install.sh: set up gendl on this machine, then start Jupyter on notebooks/.
#
# Re-runnable: every step checks what is already there. Run ./install.sh --help
# for the options. What it does, in order:
#   1. checks Go (1.26 or newer);
#   2. builds gendl, gonb, goimports and gopls into <repo>/bin;
#   3. installs JupyterLab into <repo>/.gendl/venv (unless --no-jupyter or
#      --jupyter=PATH), and with --with-torch a CPU-only PyTorch there too;
#   4. installs Debian's dataset-fashion-mnist where apt exists;
#   5. writes the "Go (gendl)" kernel spec (for you, or --system for everyone);
#   6. warms the Go build cache (gendl prewarm) so the first cell is fast;
#   7. starts JupyterLab on notebooks/ (unless --no-start).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="$ROOT/bin"
STATE="$ROOT/.gendl"
VENV="$STATE/venv"
PYREQ="$ROOT/kernel/python/requirements.txt"
PYCONS="$ROOT/kernel/python/constraints.txt"
MIN_GO_MINOR=26 # go 1.26

START=1
JUPYTER_MODE=venv # venv | path | existing
JUPYTER=""
SYSTEM=0
UNINSTALL=0
WITH_TORCH=0

usage() {
  cat <<'EOF'
Usage: ./install.sh [options]

Sets up gendl: builds the Go tools into ./bin, installs JupyterLab into
./.gendl/venv, writes the "Go (gendl)" Jupyter kernel spec, warms the Go build
cache, and starts JupyterLab on notebooks/.

Options:
  --no-start       do everything but start Jupyter (what CI uses)
  --no-jupyter     do not install Jupyter; use the `jupyter` on PATH
                   (fails, saying so, when there is none)
  --jupyter=PATH   use this existing `jupyter` program instead of installing one
  --system         write the kernel spec for every user of the machine
                   (/usr/local/share/jupyter, for JupyterHub); needs root
  --with-torch     also install CPU-only PyTorch, numpy and safetensors into the
                   virtual environment, for the PyTorch comparison scripts
  --uninstall      remove what install.sh added: ./bin, ./.gendl and the kernel
                   spec (the Go build cache and apt packages stay)
  -h, --help       show this help

Environment: GOPROXY, GOFLAGS and the usual Go variables are honoured;
PYTHON selects the Python used to make the virtual environment (default python3).
EOF
}

say() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '       %s\n' "$line" >&2; done
  exit 1
}

for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    --no-start) START=0 ;;
    --no-jupyter) JUPYTER_MODE=existing ;;
    --jupyter=*) JUPYTER_MODE=path; JUPYTER="${arg#--jupyter=}" ;;
    --system) SYSTEM=1 ;;
    --with-torch) WITH_TORCH=1 ;;
    --uninstall) UNINSTALL=1 ;;
    *) usage >&2; die "unknown option '$arg'" "see ./install.sh --help" ;;
  esac
done

# as_root runs a command as root: directly, or through sudo when that needs
# no password. It fails when neither is possible.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

# ---------------------------------------------------------------- uninstall
if [ "$UNINSTALL" -eq 1 ]; then
  say "removing the gendl kernel spec"
  # Only specs that run this checkout's bin/gendl: another checkout's stays.
  for dir in "${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}" "$HOME/Library/Jupyter" /usr/local/share/jupyter; do
    spec="$dir/kernels/gendl/kernel.json"
    if [ -f "$spec" ] && grep -qF "\"$BIN/gendl\"" "$spec"; then
      rm -rf "$dir/kernels/gendl" && say "removed $dir/kernels/gendl"
    elif [ -f "$spec" ]; then
      say "left $dir/kernels/gendl: it runs another checkout's gendl"
    fi
  done
  say "removing $BIN and $STATE"
  rm -rf "$BIN" "$STATE"
  say "done. Left in place: the Go build and module caches (go clean -cache -modcache"
  say "removes them) and apt's dataset-fashion-mnist (apt-get remove dataset-fashion-mnist)."
  exit 0
fi

# ---------------------------------------------------------------- 1. Go
find_go() {
  if command -v go >/dev/null 2>&1; then
    command -v go
    return
  fi
  # GENDL_GO_SEARCH replaces these usual places (the tests use it).
  for candidate in ${GENDL_GO_SEARCH-/usr/local/go/bin/go $HOME/go/bin/go /usr/lib/go/bin/go}; do
    if [ -x "$candidate" ]; then
      echo "$candidate"
      return
    fi
  done
  return 1
}

GO="$(find_go)" || die "Go is not installed (no \`go\` on PATH or in /usr/local/go/bin)." \
  "gendl needs Go 1.$MIN_GO_MINOR or newer: https://go.dev/dl" \
  "(Debian/Ubuntu's golang package is usually too old; use the tarball from go.dev)." \
  "Then make sure \`go version\` works and re-run ./install.sh."
export PATH="$(dirname "$GO"):$PATH"
GOVERSION="$("$GO" env GOVERSION 2>/dev/null || true)"
minor="$(printf '%s' "$GOVERSION" | sed -n 's/^go1\.\([0-9][0-9]*\).*/\1/p')"
if [ -z "$minor" ] || [ "$minor" -lt "$MIN_GO_MINOR" ]; then
  die "Go at $GO is ${GOVERSION:-unknown}: too old; gendl needs Go 1.$MIN_GO_MINOR or newer." \
    "Install a newer Go from https://go.dev/dl and put it first on PATH," \
    "or let Go fetch one itself: GOTOOLCHAIN=go1.$MIN_GO_MINOR.0 ./install.sh"
fi
say "Go: $GOVERSION at $GO"

# ---------------------------------------------------------------- 2. Go tools
# go_build runs a build and turns a module download failure into a clear message.
go_build() {
  local dir="$1"
  shift
  local log
  log="$(mktemp)"
  if (cd "$dir" && "$GO" build "$@") >"$log" 2>&1; then
    rm -f "$log"
    return 0
  fi
  cat "$log" >&2
  if grep -qiE 'dial tcp|lookup .*(no such host|server misbehaving)|connection refused|i/o timeout|proxy|TLS handshake|network is unreachable|403 Forbidden|404 Not Found|verifying module' "$log"; then
    rm -f "$log"
    die "could not download Go modules (see above): is the network or the module proxy reachable?" \
      "install.sh fetches the modules pinned in go.mod and tools/go.mod from GOPROXY=$("$GO" env GOPROXY)." \
      "Fix the network or set GOPROXY to a proxy you can reach, then re-run ./install.sh." \
      "(Offline machines: copy a filled module cache, \`go env GOMODCACHE\`, from a machine that ran install.sh.)"
  fi
  rm -f "$log"
  die "building the Go tools failed (see above)"
}

mkdir -p "$BIN"
say "building gendl and gonb into $BIN (the first time downloads modules and takes a few minutes)"
go_build "$ROOT" -o "$BIN/" ./kernel/cmd/gendl github.com/janpfeifer/gonb
say "building gopls and goimports into $BIN"
go_build "$ROOT/tools" -o "$BIN/" golang.org/x/tools/gopls golang.org/x/tools/cmd/goimports
export PATH="$BIN:$PATH"

# ---------------------------------------------------------------- 3. Jupyter
make_venv() {
  local py="${PYTHON:-python3}"
  command -v "$py" >/dev/null 2>&1 || die "no Python ($py) to install JupyterLab with." \
    "Install Python 3.9+ (Debian: apt-get install python3 python3-venv)," \
    "or use an existing Jupyter: ./install.sh --jupyter=/path/to/jupyter"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the Python virtual environment $VENV"
    mkdir -p "$STATE"
    if ! "$py" -m venv "$VENV" 2>"$STATE/venv.log"; then
      rm -rf "$VENV"
      if command -v apt-get >/dev/null 2>&1 && as_root apt-get install -y python3-venv >/dev/null 2>&1; then
        "$py" -m venv "$VENV" || die "python3 -m venv failed even after installing python3-venv"
      else
        cat "$STATE/venv.log" >&2
        die "could not create a virtual environment with $py -m venv." \
          "Debian/Ubuntu: apt-get install python3-venv; or pass --jupyter=PATH to use an existing Jupyter."
      fi
    fi
  fi
  local stamp="$STATE/requirements.sha256"
  local want
  want="$(cat "$PYREQ" "$PYCONS" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/jupyter-lab" ]; then
    say "JupyterLab already installed in $VENV"
  else
    say "installing JupyterLab and the notebook runner's libraries into $VENV (pinned in kernel/python/)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip ||
      die "pip could not reach the Python package index (no network?)" "Fix the network and re-run ./install.sh, or use --jupyter=PATH."
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$PYREQ" -c "$PYCONS" ||
      die "pip install of JupyterLab failed (see above)" "Fix the cause (network?) and re-run ./install.sh."
    echo "$want" >"$stamp"
  fi
  JUPYTER="$VENV/bin/jupyter"
}

install_torch() {
  if "$VENV/bin/python" -c 'import torch, numpy, safetensors; torch.randn(3) @ torch.randn(3)' >/dev/null 2>&1; then
    say "PyTorch already installed in $VENV"
    return
  fi
  # PyPI has no CPU-only Linux torch: the wheel needs the nvidia-* CUDA
  # wheels to import at all (see kernel/python/requirements-torch.txt).
  say "installing PyTorch, numpy and safetensors into $VENV (about 3.5 GB with the CUDA wheels torch needs)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/kernel/python/requirements-torch.txt" ||
    die "installing PyTorch failed (see above): network, or disk space (it needs about 8 GB free)?"
  "$VENV/bin/python" -c 'import torch; x = torch.randn(3); print("PyTorch", torch.__version__, "works on CPU:", float(x @ x) >= 0)' ||
    die "PyTorch installed but does not run; see the error above"
}

case "$JUPYTER_MODE" in
  path)
    [ -x "$JUPYTER" ] || die "--jupyter=$JUPYTER: not an executable file." "Pass the path of a \`jupyter\` program, e.g. --jupyter=\$(command -v jupyter)."
    ;;
  existing)
    JUPYTER="$(command -v jupyter || true)"
    [ -n "$JUPYTER" ] || die "--no-jupyter was given but there is no \`jupyter\` on PATH." \
      "Install JupyterLab yourself (pip install jupyterlab, in a virtual environment)," \
      "pass its path with --jupyter=PATH, or drop --no-jupyter to let install.sh install it."
    ;;
  venv)
    make_venv
    ;;
esac
"$JUPYTER" --version >/dev/null 2>&1 || die "$JUPYTER does not run (\`$JUPYTER --version\` failed)."
say "Jupyter: $JUPYTER"
if [ "$WITH_TORCH" -eq 1 ]; then
  [ "$JUPYTER_MODE" = venv ] || die "--with-torch installs into install.sh's own virtual environment; it cannot be combined with --no-jupyter or --jupyter=PATH."
  install_torch
fi

# ---------------------------------------------------------------- 4. data
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  say "Fashion-MNIST: already in /usr/share/datasets/fashion-mnist"
elif command -v apt-get >/dev/null 2>&1; then
  say "installing Debian's dataset-fashion-mnist (30 MB)"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1; then
    if ! { as_root apt-get update -q >/dev/null 2>&1 &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1; }; then
      warn "could not install dataset-fashion-mnist (not root and no password-less sudo, or no network)."
      warn "Image notebooks fall back to small synthetic data; to get it: sudo apt-get install dataset-fashion-mnist"
    fi
  fi
else
  warn "no apt-get: Fashion-MNIST is not installed; image notebooks fall back to small synthetic data."
fi

# ---------------------------------------------------------------- 5. kernel spec
if [ "$SYSTEM" -eq 1 ]; then
  as_root "$BIN/gendl" install-spec --system ||
    die "writing the system-wide kernel spec needs root (run as root or with sudo), or drop --system."
else
  "$BIN/gendl" install-spec --user
fi
"$JUPYTER" kernelspec list 2>/dev/null | grep -qE '^\s+gendl\s' ||
  die "Jupyter ($JUPYTER) does not list the gendl kernel after installing it." \
    "Check JUPYTER_PATH / JUPYTER_DATA_DIR, or try --system."

# ---------------------------------------------------------------- 6. prewarm
say "warming the Go build cache (compiles dl, plotting and gonbui once)"
"$BIN/gendl" prewarm || die "gendl prewarm failed (see above): notebooks importing the library would fail the same way."

"$BIN/gendl" doctor || true

# ---------------------------------------------------------------- 7. start
if [ "$START" -eq 0 ]; then
  say "installed. Start Jupyter with: $JUPYTER lab --notebook-dir=$ROOT/notebooks"
  exit 0
fi
cd "$ROOT/notebooks"
ROOT_FLAG=()
[ "$(id -u)" -eq 0 ] && ROOT_FLAG=(--allow-root) # Jupyter refuses root otherwise
if "$JUPYTER" lab --version >/dev/null 2>&1; then
  say "starting JupyterLab on $ROOT/notebooks (Ctrl-C stops it)"
  exec "$JUPYTER" lab "${ROOT_FLAG[@]}" --notebook-dir="$ROOT/notebooks"
fi
say "starting Jupyter Notebook on $ROOT/notebooks (Ctrl-C stops it)"
exec "$JUPYTER" notebook "${ROOT_FLAG[@]}" --notebook-dir="$ROOT/notebooks"
