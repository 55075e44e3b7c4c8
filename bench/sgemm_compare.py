"""Compares kernels.Sgemm with numpy's BLAS sgemm, at 1 and 2 threads.

Run through bench/sgemm_compare.sh. The Go side is BenchmarkSgemm in
dl/internal/kernels (compiled once); the numpy side is bench/sgemm_numpy.py,
run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset so a current OpenBLAS
picks its own kernel. The two alternate for several rounds so that both see
the same machine load. Both sides time short windows (about 10 ms: a Go
benchmark run with -test.benchtime 10ms, a numpy batch of repetitions) many
times; each cell is the best window over all rounds (the least disturbed,
since the machine is shared) with the median window beside it.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

SHAPES = [(64, 784, 256), (256, 256, 256), (512, 512, 512), (1024, 1024, 1024)]
HERE = os.path.dirname(os.path.abspath(__file__))


def go_round(binary, benchtime, count, isa):
    bench = "^BenchmarkSgemm(AlwaysParallel)?$"
    if isa:
        bench = "^BenchmarkSgemmImplementations$/^%s$" % isa
    out = subprocess.run(
        [binary, "-test.run", "^$", "-test.bench", bench,
         "-test.benchtime", benchtime, "-test.count", str(count), "-test.benchmem"],
        check=True, capture_output=True, text=True).stdout
    res = {}
    pat = re.compile(r"Benchmark(\w+)/(?:\w+/)?(\d+)x(\d+)x(\d+)(?:/threads=(\d+))?-\d+\s")
    for line in out.splitlines():
        mt = pat.search(line)
        if not mt:
            continue
        m, k, n = map(int, mt.group(2, 3, 4))
        t = int(mt.group(5) or 1)
        if mt.group(1) == "SgemmAlwaysParallel":
            t = -t  # the row without the contention fallback
        metric = lambda unit: float(re.search(r"([\d.]+) %s(\s|$)" % re.escape(unit), line).group(1))
        cpu = metric("GFLOP/cpu-s") if "GFLOP/cpu-s" in line else 0.0
        res.setdefault((m, k, n, t), []).append((metric("GFLOP/s"), int(metric("allocs/op")), cpu))
    return res


def numpy_round(python, seconds, window, coretype, threads):
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    res, blas = {}, {}
    for t in threads:
        out = subprocess.run(
            [python, os.path.join(HERE, "sgemm_numpy.py"), str(t), str(seconds), str(window)]
            + ["%d,%d,%d" % s for s in SHAPES],
            check=True, capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if line.startswith("# blas:"):
                blas[t] = line[len("# blas: "):]
                continue
            cpu = line.startswith("cpu ")
            shape, *gs = line.split()[1:] if cpu else line.split()
            m, k, n = map(int, shape.split(","))
            res[(m, k, n, t, "cpu" if cpu else "wall")] = [float(g) for g in gs]
    return res, blas


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gotest", required=True, help="compiled kernels test binary")
    ap.add_argument("--python", required=True, help="python with numpy and threadpoolctl")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--window", type=float, default=0.01, help="seconds per timed window")
    ap.add_argument("--count", type=int, default=8, help="windows per shape per round")
    ap.add_argument("--avx2", action="store_true",
                    help="compare the AVX2 kernels with OpenBLAS's Haswell kernels, one thread"
                         " (what a Zen 3 or other AVX2-only CPU runs)")
    args = ap.parse_args()

    go_runs, np_runs, allocs, blas = {}, {}, {}, {}
    go_cpu, np_cpu = {}, {}
    threads = (1,) if args.avx2 else (1, 2)
    for r in range(args.rounds):
        g = go_round(args.gotest, "%dms" % round(args.window * 1000), args.count,
                     "avx2" if args.avx2 else "")
        npr, blas = numpy_round(args.python, args.count, args.window,
                                "Haswell" if args.avx2 else "", threads)
        for key, runs in g.items():
            go_runs.setdefault(key, []).extend(gf for gf, _, _ in runs)
            go_cpu.setdefault(key, []).extend(c for _, _, c in runs)
            allocs[key] = runs[-1][1]
        for (m, k, n, t, kind), gfs in npr.items():
            (np_cpu if kind == "cpu" else np_runs).setdefault((m, k, n, t), []).extend(gfs)
        print("round %d/%d done" % (r + 1, args.rounds), file=sys.stderr)

    if args.avx2:
        print("AVX2 only: gendl's avx2 kernels vs OpenBLAS with OPENBLAS_CORETYPE=Haswell")
    for t in threads:
        print("numpy BLAS at %d thread(s): %s" % (t, blas.get(t, "?")))
    print()
    head = "%-15s %3s | %9s %9s | %9s %9s | %6s %6s | %7s %7s | %s" % (
        "m x k x n", "thr", "gendl", "(median)", "numpy", "(median)", "ratio", "r.med",
        "g/cpu", "np/cpu", "allocs/op")
    print(head)
    print("-" * len(head))
    for (m, k, n) in SHAPES:
        for t in threads + (() if args.avx2 else (-2,)):
            key = (m, k, n, t)
            gs, ns = go_runs.get(key, [0]), np_runs.get((m, k, n, abs(t)), [0])
            gb, nb = max(gs), max(ns)
            gm, nm = statistics.median(gs), statistics.median(ns)
            gc = statistics.median(go_cpu.get(key, [0]))
            nc = statistics.median(np_cpu.get((m, k, n, abs(t)), [0]))
            print("%-15s %3s | %9.1f %9.1f | %9.1f %9.1f | %6.2f %6.2f | %7.1f %7.1f | %d" % (
                "%dx%dx%d" % (m, k, n), "%d*" % -t if t < 0 else t, gb, gm, nb, nm,
                gb / nb if nb else 0, gm / nm if nm else 0, gc, nc, allocs.get(key, -1)))
    print()
    print("GFLOP/s, best and median of %d windows of %g s per cell over %d alternating rounds;"
          " ratio = gendl/numpy." % (args.count * args.rounds, args.window, args.rounds))
    print("g/cpu, np/cpu: median GFLOP per CPU-second of the process (wall-clock time the"
          " process was not running left out; spinning threads count).")
    if not args.avx2:
        print("2*: gendl at 2 goroutines with the oversubscription fallback off (helpers always"
              " used, as OpenBLAS always uses its threads).")
    for (m, k, n) in SHAPES:
        if args.avx2:
            break
        g1, g2 = max(go_runs[(m, k, n, 1)]), max(go_runs[(m, k, n, 2)])
        g2f = max(go_runs[(m, k, n, -2)])
        n1, n2 = max(np_runs[(m, k, n, 1)]), max(np_runs[(m, k, n, 2)])
        print("scaling 1->2 threads %dx%dx%d (best windows): gendl %.2fx (2*: %.2fx), numpy %.2fx" % (
            m, k, n, g2 / g1, g2f / g1, n2 / n1))


if __name__ == "__main__":
    main()
