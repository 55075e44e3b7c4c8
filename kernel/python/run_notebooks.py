#!/usr/bin/env python3
"""Run gendl notebooks headless through the installed kernel and check them.

Every notebook under notebooks/ (including notebooks/homework/) is executed
with nbclient through the "gendl" kernel, as JupyterLab would run it, and is
judged by its outputs:

* any error (a cell whose execution failed: compile error, panic, non-zero
  exit, or an "error" output) fails the notebook;
* marker lines printed to stdout are checked (see below);
* metadata can ask for PNG images or a minimum number of checks.

Marker lines (one per line, anywhere in a cell's stdout):

    CHECK <name> <value>                      value must be a finite number
    CHECK <name> <value> <op> <bound>         op is <, <=, >, >=
    CHECK <name> <value> == <want> +- <tol>   |value - want| <= tol ("±" works too)
    CHECK <name> <value> in [<lo>, <hi>]      lo <= value <= hi

for example `fmt.Printf("CHECK final_loss %.4f < 2.5\\n", loss)`. The bound
lives in the notebook, next to the code it checks; cells that shrink their
work in short mode pick a bound that holds in both modes.

Notebook metadata (Edit > Notebook metadata in JupyterLab), all optional:

    "gendl": {
      "expect": "pass",        # or "fail": the notebook must fail (homework
                               #   blanks); it passes the runner when at least
                               #   one error or failed check occurs
      "fail_checks": ["q1"],   # with "fail": these checks must fail or be missing
      "clean": true,           # with "fail": fail only through CHECK lines; an
                               #   error (compile error, uncaught panic) or fewer
                               #   than min_checks CHECK lines fails the run
      "min_checks": 1,         # CHECK lines required (default 1)
      "min_images": 0,         # image/png outputs required (default 0)
      "skip_short": false      # skip the notebook in short mode
    }

Short mode: GENDL_SHORT=1 in the environment (or --short) is passed to the
kernel and so to every cell; notebooks read it to do their real work in small.

Usage:
    run_notebooks.py [--short] [--write] [--timeout S] [notebook.ipynb | dir ...]

--write saves each executed notebook (with its outputs) back in place, so the
committed .ipynb files show what they produce. The last line printed is
"N passed, N failed"; the exit status is 1 when any notebook failed.
"""

import argparse
import atexit
import math
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

REPO = Path(__file__).resolve().parents[2]
NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|Inf|NaN|nan)"
CHECK_RE = re.compile(
    rf"^CHECK\s+(?P<name>\S+)\s+(?P<value>{NUM})"
    rf"(?:\s+(?:(?P<op><=|>=|<|>)\s*(?P<bound>{NUM})"
    rf"|==\s*(?P<want>{NUM})\s*(?:\+-|±)\s*(?P<tol>{NUM})"
    rf"|in\s*\[\s*(?P<lo>{NUM})\s*,\s*(?P<hi>{NUM})\s*\]))?\s*$"
)


@dataclass
class Check:
    name: str
    line: str
    ok: bool
    why: str = ""


def parse_check(line):
    """Parses one CHECK line; returns None when the line is not a marker,
    or a Check (failing with a reason when the line is malformed)."""
    line = line.strip()
    if not line.startswith("CHECK"):
        return None
    m = CHECK_RE.match(line)
    if not m:
        parts = line.split()
        name = parts[1] if len(parts) > 1 else "?"
        return Check(name, line, False, "malformed CHECK line")
    g = m.groupdict()
    name, value = g["name"], float(g["value"])
    if not math.isfinite(value):
        return Check(name, line, False, f"value {value} is not finite")
    if g["op"]:
        bound = float(g["bound"])
        ok = {"<": value < bound, "<=": value <= bound, ">": value > bound, ">=": value >= bound}[g["op"]]
        return Check(name, line, ok, "" if ok else f"{value} {g['op']} {bound} is false")
    if g["want"]:
        want, tol = float(g["want"]), float(g["tol"])
        ok = abs(value - want) <= tol
        return Check(name, line, ok, "" if ok else f"|{value} - {want}| = {abs(value - want):.4g} > {tol}")
    if g["lo"]:
        lo, hi = float(g["lo"]), float(g["hi"])
        ok = lo <= value <= hi
        return Check(name, line, ok, "" if ok else f"{value} not in [{lo}, {hi}]")
    return Check(name, line, True)


@dataclass
class Result:
    path: Path
    seconds: float = 0.0
    errors: list = field(default_factory=list)  # strings
    checks: list = field(default_factory=list)  # Check
    images: int = 0
    skipped: str = ""
    verdict: bool = False
    reasons: list = field(default_factory=list)


def find_notebooks(args):
    paths = []
    for a in args or [str(REPO / "notebooks")]:
        p = Path(a)
        if p.is_dir():
            paths += [q for q in sorted(p.rglob("*.ipynb")) if ".ipynb_checkpoints" not in q.parts]
        elif p.suffix == ".ipynb" and p.exists():
            paths.append(p)
        else:
            sys.exit(f"run_notebooks: {a}: no such notebook or directory")
    return paths


def error_text(out):
    if out.get("output_type") == "error":
        tb = "\n".join(out.get("traceback", []))
        tb = re.sub(r"\x1b\[[0-9;]*m", "", tb)
        return f"{out.get('ename')}: {out.get('evalue')}\n{tb}".strip()
    return None


def html_text(html):
    text = re.sub(r"(?s)<style.*?</style>|<[^>]+>", " ", html)
    return " ".join(text.replace("&#34;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


def cell_context(cell):
    """What a failing cell showed besides its error: GoNB's compile-error
    display and the tail of stderr (a panic's message and stack)."""
    parts = []
    for out in cell.get("outputs", []):
        html = out.get("data", {}).get("text/html", "")
        if "gonb-err-" in html:
            parts.append(html_text(html)[:1500])
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", "")[-1500:].strip())
    return "\n".join(parts)


def coalesce_streams(nb):
    """Merges consecutive stdout (or stderr) outputs of each cell into one,
    as a notebook shows them: a cell's prints arrive as many stream messages,
    and saved separately they read as broken blocks on a repository page (and
    a CHECK line could be split across two)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.get("outputs", []):
            prev = merged[-1] if merged else None
            if (out.get("output_type") == "stream" and prev is not None
                    and prev.get("output_type") == "stream" and prev.get("name") == out.get("name")):
                prev["text"] = prev.get("text", "") + out.get("text", "")
            else:
                merged.append(out)
        cell["outputs"] = merged


def collect(nb, res):
    """Gathers errors, checks and images from an executed notebook."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            err = error_text(out)
            if err:
                ctx = cell_context(cell)
                res.errors.append(f"cell {i}: {err[:2000]}" + (f"\n{ctx}" if ctx else ""))
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                for line in out.get("text", "").splitlines():
                    c = parse_check(line)
                    if c:
                        res.checks.append(c)
            data = out.get("data", {})
            if "image/png" in data:
                res.images += 1
            html = data.get("text/html", "")
            if "gonb-err-" in html and not any(o.get("output_type") == "error" for o in cell.outputs):
                res.errors.append(f"cell {i}: GoNB error display: {html_text(html)[:1500]}")


def judge(res, meta):
    expect = meta.get("expect", "pass")
    failed_checks = [c for c in res.checks if not c.ok]
    if expect == "fail":
        if meta.get("clean"):
            res.reasons += [f"error in a notebook that must fail only through its checks: {e}" for e in res.errors]
            min_checks = int(meta.get("min_checks", 1))
            if len(res.checks) < min_checks:
                res.reasons.append(f"{len(res.checks)} CHECK lines printed, metadata asks for at least {min_checks}")
        if not res.errors and not failed_checks:
            res.reasons.append('metadata says "expect": "fail" but every cell ran and every check passed')
        for name in meta.get("fail_checks", []):
            if any(c.name == name and c.ok for c in res.checks):
                res.reasons.append(f"check {name} was expected to fail but passed")
        res.verdict = not res.reasons
        return
    if expect != "pass":
        res.reasons.append(f'unknown "expect": {expect!r} in notebook metadata (use "pass" or "fail")')
    res.reasons += res.errors
    res.reasons += [f"CHECK {c.name} failed: {c.why}  [{c.line}]" for c in failed_checks]
    min_checks = int(meta.get("min_checks", 1))
    if len(res.checks) < min_checks:
        res.reasons.append(f"{len(res.checks)} CHECK lines printed, metadata asks for at least {min_checks}")
    min_images = int(meta.get("min_images", 0))
    if res.images < min_images:
        res.reasons.append(f"{res.images} PNG images shown, metadata asks for at least {min_images}")
    res.verdict = not res.reasons


def run_one(path, kernel, timeout, short, write, logdir):
    res = Result(path)
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata.get("gendl", {})
    if short and meta.get("skip_short"):
        res.skipped = "skip_short in metadata"
        res.verdict = True
        return res
    log_path = logdir / (path.stem + ".kernel.log")
    start = time.perf_counter()
    for attempt in range(1, 4):
        nb = nbformat.read(path, as_version=4)
        err = execute(nb, path, kernel, timeout, log_path)
        if err and attempt < 3 and port_taken(log_path):
            # Jupyter picks the kernel's ports and the kernel binds them a
            # moment later; another process can take one in between. Jupyter
            # Server restarts such a kernel on new ports, and so do we.
            print(f"     kernel lost a port race on start (attempt {attempt}); retrying on new ports", flush=True)
            continue
        break
    if err:
        res.errors.append(f"{err} (kernel log: {log_path})\n--- last lines of the kernel log:\n{log_tail(log_path)}")
    res.seconds = time.perf_counter() - start
    coalesce_streams(nb)
    collect(nb, res)
    judge(res, meta)
    if write:
        nbformat.write(nb, path)
    return res


def execute(nb, path, kernel, timeout, log_path):
    """Runs nb through a fresh kernel, sending the kernel's own logging to
    log_path; returns "" or the error that stopped the run."""
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=True,  # keep going: later cells and checks still tell us things
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    with open(log_path, "w") as log:  # the kernel's own logging, out of the report
        try:
            client.execute(stdout=log, stderr=log)
        except (CellTimeoutError, DeadKernelError, CellExecutionError, RuntimeError, TimeoutError) as e:
            # A kernel that died on start leaves nbclient's exit hook behind,
            # which would fail at exit on the kernel manager it already dropped.
            atexit.unregister(client._cleanup_kernel)
            return f"{type(e).__name__}: {str(e)[:2000]}"
    return ""


def port_taken(log_path):
    try:
        return "address already in use" in log_path.read_text(errors="replace")
    except OSError:
        return False


def log_tail(log_path, n=25):
    try:
        lines = log_path.read_text(errors="replace").splitlines()
    except OSError as e:
        return f"(unreadable: {e})"
    return "\n".join(line[:300] for line in lines[-n:])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="notebooks or directories (default: notebooks/)")
    ap.add_argument("--kernel", default="gendl", help="kernel spec name (default gendl)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per cell (default 900)")
    ap.add_argument("--short", action="store_true", help="short mode (same as GENDL_SHORT=1)")
    ap.add_argument("--write", action="store_true", help="write executed outputs back into the notebooks")
    args = ap.parse_args()
    short = args.short or os.environ.get("GENDL_SHORT", "") not in ("", "0")
    if short:
        os.environ["GENDL_SHORT"] = "1"  # inherited by the kernel and its cells
    notebooks = find_notebooks(args.paths)
    if not notebooks:
        sys.exit("run_notebooks: no notebooks found")
    logdir = Path(os.environ.get("TMPDIR", "/tmp")) / "gendl-notebook-logs"
    logdir.mkdir(parents=True, exist_ok=True)
    passed = failed = 0
    for path in notebooks:
        rel = os.path.relpath(path, REPO)
        print(f"RUN  {rel}", flush=True)
        res = run_one(path, args.kernel, args.timeout, short, args.write, logdir)
        if res.skipped:
            print(f"SKIP {rel} ({res.skipped})", flush=True)
            passed += 1
            continue
        summary = f"{res.seconds:.1f} s, {len(res.checks)} checks, {res.images} images"
        for c in res.checks:
            print(f"     {'ok  ' if c.ok else 'FAIL'} {c.line}")
        if res.verdict:
            passed += 1
            print(f"PASS {rel} ({summary})", flush=True)
        else:
            failed += 1
            print(f"FAIL {rel} ({summary})", flush=True)
            for r in res.reasons:
                print("     " + r.replace("\n", "\n     "), flush=True)
    print(f"notebooks: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
