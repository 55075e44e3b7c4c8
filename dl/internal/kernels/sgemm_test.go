package kernels

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

func TestSgemmImplementationsAgree(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	geoms := supportedGeometries32()
	t.Logf("implementations: %d, best %s", len(geoms), bestGeometry32.name)
	for _, tc := range cases(r) {
		a, b, c := tc.inputs(r)
		want := tc.naive(a, b, c)
		fallback := tc.run32(goGeometry32, 1, a, b, c)
		tc.check32(t, "go", fallback, want)
		for _, g := range geoms {
			for _, threads := range []int{1, 2, 3} {
				got := tc.run32(g, threads, a, b, c)
				tc.check32(t, fmt.Sprintf("%s/%d", g.name, threads), got, want)
				// The implementations differ only in summation order.
				tc.check32(t, g.name+" vs go", got, float64s(fallback))
			}
		}
	}
}

func float64s(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// TestSgemmEveryRowCount runs each generated kernel (every row count, both
// layouts of A) at least once: m is one full panel plus r rows.
func TestSgemmEveryRowCount(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(21, 22))
	for _, g := range supportedGeometries32() {
		for rows := 1; rows <= g.mr; rows++ {
			for _, transA := range []bool{false, true} {
				tc := gemmCase{transA: transA, m: g.mr + rows, n: g.nr + 3, k: 9, pad: 1, alpha: 2, beta: 1}
				a, b, c := tc.inputs(r)
				tc.check32(t, g.name, tc.run32(g, 1, a, b, c), tc.naive(a, b, c))
			}
		}
	}
}

// TestSgemmBlockEdges shrinks the cache blocks so that small products cross
// every kc, mc and nc boundary and hit partial panels in both directions.
func TestSgemmBlockEdges(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	for _, g := range supportedGeometries32() {
		small := *g
		small.kc, small.mc, small.nc = 5, 2*g.mr, 3*g.nr
		small.minWork = 1 // parallel even for these small products
		for _, tc := range []gemmCase{
			{m: 4*g.mr + 1, n: 7*g.nr + 3, k: 23, alpha: 1, beta: 1},
			{transA: true, transB: true, m: 2*g.mr - 1, n: 3*g.nr + 1, k: 11, pad: 2, alpha: 0.5, beta: 0},
			{transA: true, m: 3 * g.mr, n: 6 * g.nr, k: 10, alpha: -1, beta: 0.25},
			{transB: true, m: 5, n: 2*g.nr - 1, k: 1, pad: 1, alpha: 3, beta: -2},
		} {
			a, b, c := tc.inputs(r)
			want := tc.naive(a, b, c)
			for _, threads := range []int{1, 2, 4} {
				tc.check32(t, g.name+" small blocks", tc.run32(&small, threads, a, b, c), want)
			}
		}
	}
}

// TestSgemmParallel forces goroutines on small products so that every task
// split (rows only, rows and columns, many B chunks) runs under -race.
func TestSgemmParallel(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(15, 16))
	for _, g := range supportedGeometries32() {
		par := *g
		par.minWork = 1
		for _, tc := range []gemmCase{
			{m: 2*g.mr + 1, n: 9*g.nr - 1, k: 37, alpha: 1, beta: 0},              // few rows: columns split too
			{transA: true, m: 13 * g.mr, n: 2*g.nr + 5, k: 19, alpha: 1, beta: 1}, // many row tasks
			{transB: true, m: 7, n: 300, k: 70, pad: 2, alpha: -1, beta: 0.5},
		} {
			a, b, c := tc.inputs(r)
			want := tc.naive(a, b, c)
			for _, threads := range []int{2, 3, 8} {
				tc.check32(t, fmt.Sprintf("%s/%d", g.name, threads), tc.run32(&par, threads, a, b, c), want)
			}
		}
	}
}

// TestSgemmConcurrentCallers runs parallel products from several goroutines
// at once, as parallel tests and data-parallel code do: they share the
// helpers and the pools.
func TestSgemmConcurrentCallers(t *testing.T) {
	t.Parallel()
	par := *bestGeometry32
	par.minWork = 1
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 17))
			for i := range 10 {
				tc := gemmCase{transA: i%2 == 0, transB: i%3 == 0, m: 20 + w + i, n: 40 + 3*i, k: 30 + w, alpha: 1, beta: 0.5}
				a, b, c := tc.inputs(r)
				want := tc.naive(a, b, c)
				got := tc.run32(&par, 2+w%2, a, b, c)
				tol := 4e-7 * float64(tc.k+4) * 3
				for e := range want {
					if d := float64(got[e]) - want[e]; d > tol || d < -tol {
						errs <- fmt.Sprintf("worker %d %v: c[%d] = %g, want %g", w, tc, e, got[e], want[e])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestSgemmLarge runs a product big enough to use several goroutines and the
// real blocking, through the public function.
func TestSgemmLarge(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	tc := gemmCase{transB: true, m: 300, n: 270, k: 520, alpha: 1, beta: 0}
	a, b, c := tc.inputs(r)
	want := tc.naive(a, b, c)
	got := to32(c)
	SgemmThreads(2, tc.transA, tc.transB, tc.m, tc.n, tc.k, 1, to32(a), tc.k, to32(b), tc.k, 0, got, tc.n)
	tc.check32(t, "SgemmThreads", got, want)
}

func TestSgemmBetaZeroOverwritesNaN(t *testing.T) {
	t.Parallel()
	for _, g := range supportedGeometries32() {
		a := []float32{1, 2, 3, 4} // 2x2
		c := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.NaN()), 7}
		o := operands[float32]{m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2, b: a, ldb: 2, c: c, ldc: 2}
		run(g, "Sgemm", &o, 0, 1)
		if want := []float32{7, 10, 15, 22}; fmt.Sprint(c) != fmt.Sprint(want) {
			t.Errorf("%s: c = %v, want %v", g.name, c, want)
		}
	}
}

func TestSgemmZeroSizes(t *testing.T) {
	t.Parallel()
	c := []float32{1, 2, 3, 4, 5, 6}
	Sgemm(false, false, 2, 3, 0, 1, nil, 1, nil, 3, 2, c, 3) // k = 0: C = beta*C
	if fmt.Sprint(c) != "[2 4 6 8 10 12]" {
		t.Errorf("k=0: c = %v", c)
	}
	Sgemm(false, false, 0, 3, 4, 1, nil, 4, make([]float32, 12), 3, 0, nil, 3)
	Sgemm(true, true, 2, 0, 4, 1, make([]float32, 8), 2, nil, 4, 0, nil, 1)
}

func TestSgemmPanics(t *testing.T) {
	t.Parallel()
	x := make([]float32, 12)
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"negative", func() { Sgemm(false, false, -1, 2, 2, 1, x, 2, x, 2, 0, x, 2) }, "negative dimension"},
		{"lda", func() { Sgemm(false, false, 2, 2, 3, 1, x, 2, x, 2, 0, x, 2) }, "lda 2 < 3 columns"},
		{"ldb transposed", func() { Sgemm(false, true, 2, 2, 3, 1, x, 3, x, 2, 0, x, 2) }, "ldb 2 < 3 columns"},
		{"short c", func() { Sgemm(false, false, 4, 4, 1, 1, x, 1, x, 4, 0, x, 4) }, "len(c) 12 < 16"},
	} {
		err := catch(tc.f)
		var ae *ArgError
		if !errors.As(err, &ae) || !contains(err.Error(), tc.want) || !contains(err.Error(), "kernels: Sgemm: m=") {
			t.Errorf("%s: panic %v, want an *ArgError with %q", tc.name, err, tc.want)
		}
	}
}

// TestSgemmFewRows covers the row-by-row vector path (m <= gemvMaxRows):
// whole and partial column blocks, depths around multiples of 8.
func TestSgemmFewRows(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(13, 14))
	for m := 1; m <= gemvMaxRows+1; m++ {
		for _, n := range []int{1, 4, 31, 32, 33, 100} {
			for _, k := range []int{1, 7, 8, 9, 64, 65} {
				for tr := range 4 {
					tc := gemcaseFew(m, n, k, tr)
					a, b, c := tc.inputs(r)
					want := tc.naive(a, b, c)
					for _, g := range supportedGeometries32() {
						tc.check32(t, g.name, tc.run32(g, 1, a, b, c), want)
					}
				}
			}
		}
	}
}

func gemcaseFew(m, n, k, tr int) gemmCase {
	return gemmCase{transA: tr&1 != 0, transB: tr&2 != 0, m: m, n: n, k: k, pad: tr % 3, alpha: 1.5, beta: 0.5}
}

// A transposed A is packed into row panels when its rows are a multiple of
// 4 KB apart or the block is at least 512 columns wide (job.packA); the
// fuzz test's small shapes never reach either, so these do, on every
// implementation, one and two goroutines, with partial panels.
func TestSgemmPacksTransposedA(t *testing.T) {
	t.Parallel()
	for _, tc := range []gemmCase{
		{transA: true, m: 1000, n: 21, k: 37, pad: 24, alpha: 1, beta: 1},    // lda 1024
		{transA: true, m: 1000, n: 21, k: 600, pad: 24, alpha: 1, beta: 0},   // lda 1024, two depth blocks
		{transA: true, m: 31, n: 530, k: 33, pad: 1, alpha: 1, beta: -1},     // 530 columns
		{transA: true, transB: true, m: 2024, n: 5, k: 9, pad: 24, alpha: 1}, // lda 2048
	} {
		r := rand.New(rand.NewPCG(uint64(tc.m), uint64(tc.n)))
		a, b, c := tc.inputs(r)
		want := tc.naive(a, b, c)
		for _, g := range supportedGeometries32() {
			for _, threads := range []int{1, 2} {
				tc.check32(t, g.name, tc.run32(g, threads, a, b, c), want)
			}
		}
	}
}

// A row-major A whose rows are a multiple of 4 KB apart is copied, a task's
// rows at a time, into a buffer with rows 64 bytes off that (job.copyA)
// when a task has at least 4 panels of columns;
// these shapes reach it on every implementation, float32 and float64, one
// and two goroutines: partial panels, two depth blocks, a depth that is
// itself a multiple of 4 KB, beta 0 and 1.
func TestGemmCopiesAlignedRowsOfA(t *testing.T) {
	t.Parallel()
	for _, tc := range []gemmCase{
		{m: 30, n: 40, k: 1000, pad: 24, alpha: 1, beta: 1},              // lda 1024 floats
		{m: 50, n: 70, k: 600, pad: 424, alpha: 1, beta: 0},              // lda 1024, two depth blocks
		{m: 13, n: 33, k: 1024, pad: 1024, alpha: 0.5, beta: 1},          // lda 2048, k·4 = 4 KB
		{transB: true, m: 29, n: 17, k: 500, pad: 12, alpha: 1, beta: 0}, // lda 512 (4 KB of float64)
	} {
		r := rand.New(rand.NewPCG(uint64(tc.m), uint64(tc.k)))
		a, b, c := tc.inputs(r)
		want := tc.naive(a, b, c)
		_, _, lda, _, _, _, _ := tc.stored()
		for _, threads := range []int{1, 2} {
			if lda%1024 == 0 {
				for _, g := range supportedGeometries32() {
					tc.check32(t, g.name, tc.run32(g, threads, a, b, c), want)
				}
			}
			for _, g := range supportedGeometries64() {
				tc.check64(t, g, threads, a, b, c, want)
			}
		}
	}
}

// A product with a bias row folded into the kernels' first stores, on every
// implementation: odd shapes (edge tiles), several depth blocks, few rows
// (the row-by-row path), a depth of 0, padded C rows that must stay
// untouched, and SgemmBias itself.
func TestBiasFoldedIntoStores(t *testing.T) {
	t.Parallel()
	for _, tc := range []gemmCase{
		{m: 37, n: 45, k: 20, pad: 2, alpha: 1},
		{transB: true, m: 70, n: 65, k: 600, pad: 1, alpha: 0.5},
		{transA: true, m: 29, n: 530, k: 33, pad: 3, alpha: 1},
		{m: 3, n: 40, k: 17, alpha: 1},
		{m: 9, n: 10, k: 0, pad: 1, alpha: 1},
	} {
		r := rand.New(rand.NewPCG(uint64(tc.m), uint64(tc.k)))
		a, b, c := tc.inputs(r)
		bias := make([]float64, tc.n)
		for j := range bias {
			bias[j] = r.Float64()*2 - 1
		}
		want := tc.naive(a, b, c) // beta 0: C's old values do not matter
		_, _, _, _, _, _, ldc := tc.stored()
		for i := range tc.m {
			for j := range tc.n {
				want[i*ldc+j] += bias[j]
			}
		}
		_, _, lda, _, _, ldb, _ := tc.stored()
		for _, g := range supportedGeometries32() {
			for _, threads := range []int{1, 2} {
				c32 := to32(c)
				o := operands[float32]{transA: tc.transA, transB: tc.transB, m: tc.m, n: tc.n, k: tc.k,
					alpha: float32(tc.alpha), a: to32(a), lda: lda, b: to32(b), ldb: ldb, c: c32, ldc: ldc, bias: to32(bias)}
				run(g, "SgemmBias", &o, 0, threads)
				tc.check32(t, g.name, c32, want)
			}
		}
		c32 := to32(c)
		SgemmBias(2, tc.transA, tc.transB, tc.m, tc.n, tc.k, float32(tc.alpha), to32(a), lda, to32(b), ldb, to32(bias), c32, ldc)
		tc.check32(t, "SgemmBias", c32, want)
	}
}
