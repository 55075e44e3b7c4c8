"""Writes the .npy golden files that dl/npy's tests read.

Run from this directory with a Python that has NumPy:  python gen.py
Each file holds small, exactly representable values so the Go test can
compare them exactly. The expected values are listed in npy_test.go.
"""
import numpy as np
from numpy.lib import format as fmt

base = np.arange(6, dtype=np.float64).reshape(2, 3) / 4 - 0.5  # -0.5 .. 0.75


def save(name, arr, version=None):
    with open(name, "wb") as f:
        fmt.write_array(f, arr, version=version)


save("f4.npy", base.astype("<f4"))
save("f8_be.npy", base.astype(">f8"))
save("f2.npy", base.astype("<f2"))
save("f4_be_v2.npy", base.astype(">f4"), version=(2, 0))
save("f8_v3.npy", base.astype("<f8"), version=(3, 0))
save("f8_fortran.npy", np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4)))
save("i4.npy", np.array([[-3, 0, 7], [2**31 - 1, -(2**31), 5]], dtype="<i4"))
save("i8_be.npy", np.array([-(2**40), 1, 2**40], dtype=">i8"))
save("u1.npy", np.array([0, 1, 255], dtype="u1"))
save("b1.npy", np.array([[True, False], [False, True]]))
save("scalar.npy", np.array(2.5, dtype="<f8"))
save("empty.npy", np.zeros((0, 3), dtype="<f4"))
