package kernels

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// gemmCase is one product with its stored operands.
type gemmCase struct {
	transA, transB bool
	m, n, k        int
	pad            int // extra elements per row on top of each stored row
	alpha, beta    float64
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("tA=%t,tB=%t,m=%d,n=%d,k=%d,pad=%d,alpha=%g,beta=%g",
		tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.pad, tc.alpha, tc.beta)
}

// stored returns the rows, columns and leading dimension of A, B and C as
// stored in memory.
func (tc gemmCase) stored() (ar, ac, lda, br, bc, ldb, ldc int) {
	ar, ac = tc.m, tc.k
	if tc.transA {
		ar, ac = tc.k, tc.m
	}
	br, bc = tc.k, tc.n
	if tc.transB {
		br, bc = tc.n, tc.k
	}
	return ar, ac, ac + tc.pad, br, bc, bc + tc.pad, tc.n + tc.pad
}

// inputs makes random operands; padding elements hold a sentinel that a
// correct product never reads (for A and B) or never changes (for C).
func (tc gemmCase) inputs(r *rand.Rand) (a, b, c []float64) {
	ar, ac, lda, br, bc, ldb, ldc := tc.stored()
	fill := func(rows, cols, ld int) []float64 {
		x := make([]float64, rows*ld)
		for i := range x {
			if i%ld < cols {
				x[i] = r.Float64()*2 - 1
			} else {
				x[i] = 1e30
			}
		}
		return x
	}
	return fill(ar, ac, lda), fill(br, bc, ldb), fill(tc.m, tc.n, ldc)
}

// naive is the reference triple loop in float64.
func (tc gemmCase) naive(a, b, c []float64) []float64 {
	_, _, lda, _, _, ldb, ldc := tc.stored()
	out := append([]float64(nil), c...)
	for i := range tc.m {
		for j := range tc.n {
			var s float64
			for p := range tc.k {
				var av, bv float64
				if tc.transA {
					av = a[p*lda+i]
				} else {
					av = a[i*lda+p]
				}
				if tc.transB {
					bv = b[j*ldb+p]
				} else {
					bv = b[p*ldb+j]
				}
				s += av * bv
			}
			if tc.beta == 0 {
				out[i*ldc+j] = tc.alpha * s
			} else {
				out[i*ldc+j] = tc.alpha*s + tc.beta*c[i*ldc+j]
			}
		}
	}
	return out
}

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

// run32 computes the case in float32 with geometry g and threads goroutines.
func (tc gemmCase) run32(g *geometry[float32], threads int, a, b, c []float64) []float32 {
	_, _, lda, _, _, ldb, ldc := tc.stored()
	c32 := to32(c)
	o := operands[float32]{transA: tc.transA, transB: tc.transB, m: tc.m, n: tc.n, k: tc.k,
		alpha: float32(tc.alpha), a: to32(a), lda: lda, b: to32(b), ldb: ldb, c: c32, ldc: ldc}
	run(g, "Sgemm", &o, float32(tc.beta), threads)
	return c32
}

// check32 compares got with the float64 reference: each element may be off
// by a few float32 rounding errors of the sum of absolute products.
func (tc gemmCase) check32(t *testing.T, name string, got []float32, want []float64) {
	t.Helper()
	tol := 4e-7 * float64(tc.k+4) * (math.Abs(tc.alpha) + math.Abs(tc.beta) + 1)
	for i, w := range want {
		if g := float64(got[i]); math.Abs(g-w) > tol && !(w == 1e30 && g == float64(float32(1e30))) {
			t.Fatalf("%s %v: c[%d] = %g, want %g (tol %g)", name, tc, i, g, w, tol)
		}
	}
}

var oddSizes = []int{1, 3, 7, 17, 63, 65, 129}

// cases returns products over odd sizes, all transpose combinations and
// alpha/beta values, with and without padded rows.
func cases(r *rand.Rand) []gemmCase {
	var cs []gemmCase
	scalars := [][2]float64{{1, 0}, {1, 1}, {-0.5, 2}, {2, -1}}
	for i := 0; i < 120; i++ {
		s := scalars[i%len(scalars)]
		cs = append(cs, gemmCase{
			transA: i&1 != 0, transB: i&2 != 0,
			m: oddSizes[r.IntN(len(oddSizes))], n: oddSizes[r.IntN(len(oddSizes))],
			k:   oddSizes[r.IntN(len(oddSizes))],
			pad: []int{0, 0, 3}[i%3], alpha: s[0], beta: s[1],
		})
	}
	return cs
}

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

func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err, _ = r.(error)
			if err == nil {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	f()
	return nil
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

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
		_, _, lda, _, _, ldb, ldc := tc.stored()
		for _, g := range supportedGeometries64() {
			for _, threads := range []int{1, 2} {
				got := append([]float64(nil), c...)
				o := operands[float64]{transA: tc.transA, transB: tc.transB, m: tc.m, n: tc.n, k: tc.k,
					alpha: tc.alpha, a: a, lda: lda, b: b, ldb: ldb, c: got, ldc: ldc}
				run(g, "Dgemm", &o, tc.beta, threads)
				for i, w := range want {
					if math.Abs(got[i]-w) > 1e-12*float64(tc.k+1)*4 {
						t.Fatalf("%s %v threads %d: c[%d] = %g, want %g", g.name, tc, threads, i, got[i], w)
					}
				}
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

func FuzzSgemm(f *testing.F) {
	f.Add(uint8(1), uint8(1), uint8(1), false, false, uint8(0), uint64(1))
	f.Add(uint8(13), uint8(33), uint8(7), true, false, uint8(2), uint64(2))
	f.Add(uint8(65), uint8(17), uint8(63), false, true, uint8(1), uint64(3))
	f.Add(uint8(25), uint8(49), uint8(129), true, true, uint8(0), uint64(4))
	f.Fuzz(func(t *testing.T, m, n, k uint8, transA, transB bool, pad uint8, seed uint64) {
		tc := gemmCase{transA: transA, transB: transB,
			m: int(m%80) + 1, n: int(n%80) + 1, k: int(k) % 150, pad: int(pad % 4),
			alpha: 1, beta: float64(seed%3) - 1}
		r := rand.New(rand.NewPCG(seed, 9))
		a, b, c := tc.inputs(r)
		want := tc.naive(a, b, c)
		for _, g := range supportedGeometries32() {
			tc.check32(t, g.name, tc.run32(g, 1+int(seed%2), a, b, c), want)
		}
	})
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
