package kernels

import (
	"math/rand/v2"
	"testing"
)

func TestSgemmStrided(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(11, 12))
	for _, tc := range []struct {
		batch, m, n, k int
		transA, transB bool
		shareB         bool // strideB = 0
		threads        int
		alpha, beta    float32
	}{
		{batch: 7, m: 5, n: 9, k: 3, threads: 2, alpha: 1},
		{batch: 32, m: 16, n: 16, k: 8, transB: true, threads: 2, alpha: 0.125, beta: 1},
		{batch: 3, m: 70, n: 65, k: 129, transA: true, threads: 3, alpha: 1},
		{batch: 5, m: 4, n: 33, k: 20, shareB: true, threads: 1, alpha: 2, beta: -1},
	} {
		sa, sb, sc := tc.m*tc.k, tc.k*tc.n, tc.m*tc.n
		if tc.shareB {
			sb = 0
		}
		a := randSlice(r, tc.batch*sa)
		b := randSlice(r, max(1, tc.batch)*tc.k*tc.n)
		c := randSlice(r, tc.batch*sc)
		want := append([]float32(nil), c...)
		lda, ldb := tc.k, tc.n
		if tc.transA {
			lda = tc.m
		}
		if tc.transB {
			ldb = tc.k
		}
		for i := range tc.batch {
			SgemmThreads(1, tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a[i*sa:], lda,
				b[i*sb:], ldb, tc.beta, want[i*sc:], tc.n)
		}
		SgemmStridedThreads(tc.threads, tc.batch, tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha,
			a, lda, sa, b, ldb, sb, tc.beta, c, tc.n, sc)
		for i := range c {
			if d := c[i] - want[i]; d > 1e-4 || d < -1e-4 {
				t.Fatalf("%+v: c[%d] = %g, want %g", tc, i, c[i], want[i])
			}
		}
	}
}

func TestSgemmStridedShortSlicePanics(t *testing.T) {
	t.Parallel()
	x := make([]float32, 20)
	err := catch(func() {
		SgemmStrided(3, false, false, 2, 2, 2, 1, x, 2, 4, x, 2, 4, 0, x, 2, 9) // last C needs 22 values
	})
	if _, ok := err.(*ArgError); !ok || !contains(err.Error(), "kernels: SgemmStrided: ") {
		t.Errorf("panic %v, want an *ArgError", err)
	}
}

func randSlice(r *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = r.Float32()*2 - 1
	}
	return x
}
