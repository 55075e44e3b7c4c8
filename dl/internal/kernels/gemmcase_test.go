package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
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

// check64 computes the case in float64 with geometry g and threads
// goroutines and compares it with the reference want.
func (tc gemmCase) check64(t *testing.T, g *geometry[float64], threads int, a, b, c, want []float64) {
	t.Helper()
	_, _, lda, _, _, ldb, ldc := tc.stored()
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
