"""Shared set-up for the conformance tests: a gendl binary built from this
checkout and a private kernel spec pointing at it, so the tests exercise the
code in the tree (not whatever install.sh last built) and leave the user's
Jupyter configuration alone.

The GoNB binary is the repository's bin/gonb, built by install.sh.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KERNEL_NAME = "gendl-conformance"
WAIT = 60  # seconds: the bound of every wait for a reply or an output

_tmp = None


def setup():
    """Build gendl, write the kernel spec, point JUPYTER_PATH at it. Idempotent."""
    global _tmp
    if _tmp is not None:
        return _tmp
    gonb = REPO / "bin" / "gonb"
    if not gonb.exists():
        raise RuntimeError(f"{gonb} is missing: run ./install.sh --no-start first")
    _tmp = Path(tempfile.mkdtemp(prefix="gendl-conformance-"))
    binary = _tmp / "gendl"
    subprocess.run(["go", "build", "-o", str(binary), "./kernel/cmd/gendl"], cwd=REPO, check=True, timeout=600)
    spec_dir = _tmp / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    path = os.pathsep.join([str(REPO / "bin"), os.environ.get("PATH", "")])
    spec = {
        "argv": [str(binary), "kernel", "--connection-file", "{connection_file}"],
        "display_name": "Go (gendl conformance)",
        "language": "go",
        "interrupt_mode": "message",
        "env": {
            "GENDL_ROOT": str(REPO),
            "PATH": path,
            "GENDL_HISTORY_FILE": str(_tmp / "history.jsonl"),
        },
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(_tmp / "jupyter") + (os.pathsep + old if old else "")
    return _tmp


def teardown():
    global _tmp
    if _tmp is not None:
        shutil.rmtree(_tmp, ignore_errors=True)
        _tmp = None
