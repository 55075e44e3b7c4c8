"""Times numpy's matmul (its BLAS sgemm) for bench/sgemm_compare.py.

Usage: python sgemm_numpy.py THREADS COUNT WINDOW M,K,N [M,K,N ...]
Prints one line per shape: "M,K,N GFLOPS..." with the GFLOP/s of COUNT
windows of about WINDOW seconds each, then "cpu M,K,N ..." with the same
work per CPU-second of the process, after a
line "# blas: ..." naming the BLAS library and kernel threadpoolctl reports.
"""
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def windows(m, k, n, count, window):
    rng = np.random.default_rng(1)
    a = rng.random((m, k), dtype=np.float32)
    b = rng.random((k, n), dtype=np.float32)
    c = np.empty((m, n), dtype=np.float32)
    np.matmul(a, b, out=c)
    flops = 2.0 * m * k * n
    t0 = time.perf_counter()
    np.matmul(a, b, out=c)
    reps = max(1, int(window / max(time.perf_counter() - t0, 1e-7)))
    out, per_cpu = [], []
    for _ in range(count):
        c0 = time.process_time()
        t0 = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        dt = (time.perf_counter() - t0) / reps
        dc = (time.process_time() - c0) / reps
        out.append(flops / dt / 1e9)
        per_cpu.append(flops / dc / 1e9 if dc > 0 else 0.0)
    return out, per_cpu


def main():
    threads, count, window = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    with threadpool_limits(limits=threads, user_api="blas"):
        for info in threadpool_info():
            if info.get("user_api") == "blas":
                print("# blas: %s %s %s, %s threads" % (
                    info.get("internal_api"), info.get("version"),
                    info.get("architecture"), info.get("num_threads")))
        for shape in sys.argv[4:]:
            m, k, n = map(int, shape.split(","))
            gs, cs = windows(m, k, n, count, window)
            print(shape, " ".join("%.2f" % g for g in gs), flush=True)
            print("cpu", shape, " ".join("%.2f" % g for g in cs), flush=True)


if __name__ == "__main__":
    main()
