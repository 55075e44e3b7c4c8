package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestDgemm(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 8))
	cs := append(cases(r)[:60], gemmCase{m: 130, n: 300, k: 270, alpha: 1, beta: 0.5, transA: true})
	for _, g := range supportedGeometries64() {
		for rows := 1; rows <= g.mr; rows++ { // every kernel, both layouts of A
			cs = append(cs, gemmCase{m: g.mr + rows, n: g.nr + 1, k: 5, alpha: 1, beta: 1},
				gemmCase{transA: true, m: g.mr + rows, n: g.nr + 1, k: 5, alpha: 1, beta: 1})
		}
	}
	for _, tc := range cs {
		a, b, c := tc.inputs(r)
		want := tc.naive(a, b, c)
		for _, g := range supportedGeometries64() {
			for _, threads := range []int{1, 2} {
				tc.check64(t, g, threads, a, b, c, want)
			}
		}
	}
	// And the public entry point.
	got := []float64{1, 1}
	Dgemm(false, false, 1, 2, 1, 2, []float64{3}, 1, []float64{1, 2}, 2, 1, got, 2)
	if got[0] != 7 || got[1] != 13 {
		t.Errorf("Dgemm: %v, want [7 13]", got)
	}
}

func FuzzDgemm(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(1), false, false, uint8(0), uint64(1))
	f.Add(uint8(29), uint8(17), uint8(9), true, true, uint8(3), uint64(5))
	f.Fuzz(func(t *testing.T, m, n, k uint8, transA, transB bool, pad uint8, seed uint64) {
		tc := gemmCase{transA: transA, transB: transB,
			m: int(m%80) + 1, n: int(n%80) + 1, k: int(k) % 150, pad: int(pad % 4),
			alpha: 0.5, beta: float64(seed%3) - 1}
		r := rand.New(rand.NewPCG(seed, 10))
		a, b, c := tc.inputs(r)
		want := tc.naive(a, b, c)
		_, _, lda, _, _, ldb, ldc := tc.stored()
		for _, g := range supportedGeometries64() {
			got := append([]float64(nil), c...)
			o := operands[float64]{transA: tc.transA, transB: tc.transB, m: tc.m, n: tc.n, k: tc.k,
				alpha: tc.alpha, a: a, lda: lda, b: b, ldb: ldb, c: got, ldc: ldc}
			run(g, "Dgemm", &o, tc.beta, 1+int(seed%2))
			for i, w := range want {
				if math.Abs(got[i]-w) > 1e-12*float64(tc.k+1)*4 && !(w == 1e30 && got[i] == 1e30) {
					t.Fatalf("%s %v: c[%d] = %g, want %g", g.name, tc, i, got[i], w)
				}
			}
		}
	})
}
