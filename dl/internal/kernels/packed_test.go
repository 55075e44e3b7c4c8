package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestSgemmPacked(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(19, 20))
	for _, g := range supportedGeometries32() {
		par := *g
		par.minWork = 1
		var p PackedB // reused across shapes, growing and shrinking
		for i, tc := range append(cases(r)[:30],
			gemmCase{m: 1, n: 70, k: 3, alpha: 1},
			gemmCase{transA: true, transB: true, m: 33, n: 2*g.nr + 1, k: 2*g.kc + 5, alpha: 0.5, beta: 1},
		) {
			a, b, c := tc.inputs(r)
			want := tc.naive(a, b, c)
			_, _, lda, _, _, ldb, ldc := tc.stored()
			p.pack(&par, tc.transB, tc.k, tc.n, to32(b), ldb)
			if p.K() != tc.k || p.N() != tc.n {
				t.Fatalf("packed shape %dx%d, want %dx%d", p.K(), p.N(), tc.k, tc.n)
			}
			for _, threads := range []int{1, 2} {
				got := to32(c)
				SgemmPackedThreads(threads, tc.transA, tc.m, float32(tc.alpha), to32(a), lda, &p, float32(tc.beta), got, ldc)
				tc.check32(t, fmt.Sprintf("%s/%d/case %d", g.name, threads, i), got, want)
			}
		}
	}
}

func TestSgemmPackedPanics(t *testing.T) {
	t.Parallel()
	x := make([]float32, 6)
	var p PackedB
	for _, tc := range []struct {
		name, want string
		f          func()
	}{
		{"never packed", "never packed", func() { SgemmPacked(false, 1, 1, x, 2, &p, 0, x, 3) }},
		{"short b", "len(b) 6 < 8", func() { p.Pack(false, 2, 4, x, 4) }},
		{"ldb", "ldb 2 < 3 columns", func() { p.Pack(true, 3, 2, x, 2) }},
		{"short a", "len(a) 6 < 8", func() {
			var q PackedB
			q.Pack(false, 4, 1, x, 1)
			SgemmPacked(false, 2, 1, x, 4, &q, 0, x, 1)
		}},
	} {
		err := catch(tc.f)
		if _, ok := err.(*ArgError); !ok || !contains(err.Error(), tc.want) {
			t.Errorf("%s: panic %v, want an *ArgError with %q", tc.name, err, tc.want)
		}
	}
}
