#!/usr/bin/env python3
"""Measure the gendl kernel's cell latency with jupyter_client.

Latency is the time from sending execute_request to receiving the matching
execute_reply on the shell channel: what a user waits for between pressing
Shift-Enter and the cell finishing. The script starts a fresh kernel, runs
`%noautoget`, then runs the measured cell (by default one that imports dl and
plotting, makes a tensor and displays a PNG plot) --repeat times, each time
with one more line printing the run number (an unchanged program is not even
rebuilt), and prints:

  kernel start: time until the kernel answered kernel_info
  first cell:   the first run of the measured cell in this kernel
  warm cells:   median/min/max of the following runs

Run it right after ./install.sh to get "first cell after install" (the build
cache was filled by `gendl prewarm`). Usage:

  .gendl/venv/bin/python kernel/python/latency.py [--repeat 5] [--cell FILE] [--json]
"""

import argparse
import json
import statistics
import sys
import time

from jupyter_client.manager import start_new_kernel

DEFAULT_CELL = r"""
import (
	"math/rand/v2"

	"github.com/gendl/gendl/dl"
	"github.com/gendl/gendl/plotting"
)

%%
r := rand.New(rand.NewPCG(1, 2))
x := dl.Randn(r, 2, 3)
fmt.Println("shape", x.Shape())
fig := plotting.Line(plotting.Axes{Title: "latency", X: "x", Y: "y"},
	plotting.Series{Name: "x²", X: []float64{0, 1, 2, 3}, Y: []float64{0, 1, 4, 9}})
if err := plotting.Show(fig); err != nil {
	panic(err)
}
"""


def run_cell(kc, code, timeout):
    """Executes code and returns (seconds, status, outputs)."""
    start = time.perf_counter()
    msg_id = kc.execute(code, store_history=True)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - start
    outputs = []
    # Drain iopub until the kernel reports idle for this request.
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append(msg)
    return elapsed, reply["content"]["status"], outputs


def describe(outputs):
    parts = []
    for m in outputs:
        c = m["content"]
        if m["msg_type"] == "stream":
            parts.append(f"{c['name']}: {c['text'].strip()[:300]}")
        elif m["msg_type"] == "error":
            parts.append(f"error: {c.get('ename')}: {c.get('evalue')}")
        else:
            parts.append(f"{m['msg_type']}: {sorted(c.get('data', {}))}")
    return "; ".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="gendl")
    ap.add_argument("--repeat", type=int, default=5, help="warm runs after the first")
    ap.add_argument("--cell", help="file holding the cell to measure (default: imports dl and plotting)")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = ap.parse_args()
    code = open(args.cell).read() if args.cell else DEFAULT_CELL

    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=args.kernel, startup_timeout=args.timeout)
    start_s = time.perf_counter() - t0
    try:
        _, status, outputs = run_cell(kc, "%noautoget", args.timeout)
        if status != "ok":
            sys.exit(f"latency: %noautoget failed: {describe(outputs)}")
        times = []
        for i in range(args.repeat + 1):
            # A different source each run: GoNB (go build) skips an unchanged
            # program, which would measure nothing.
            s, status, outputs = run_cell(kc, f"{code}\nfmt.Println(\"run {i}\")\n", args.timeout)
            if status != "ok" or any(m["msg_type"] == "error" for m in outputs):
                sys.exit(f"latency: run {i} of the cell failed ({status}): {describe(outputs)}")
            if not any("image/png" in m["content"].get("data", {}) for m in outputs):
                print(f"latency: warning: run {i} showed no PNG: {describe(outputs)}", file=sys.stderr)
            times.append(s)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    warm = times[1:]
    result = {
        "kernel_start_s": round(start_s, 3),
        "first_cell_s": round(times[0], 3),
        "warm_median_s": round(statistics.median(warm), 3) if warm else None,
        "warm_min_s": round(min(warm), 3) if warm else None,
        "warm_max_s": round(max(warm), 3) if warm else None,
        "runs": [round(t, 3) for t in times],
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"kernel start: {result['kernel_start_s']:.2f} s")
        print(f"first cell:   {result['first_cell_s']:.2f} s")
        if warm:
            print(f"warm cells:   median {result['warm_median_s']:.2f} s, min {result['warm_min_s']:.2f} s, "
                  f"max {result['warm_max_s']:.2f} s over {len(warm)} runs")


if __name__ == "__main__":
    main()
