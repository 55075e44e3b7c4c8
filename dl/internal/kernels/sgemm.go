package kernels

import (
	"fmt"
	"runtime"
)

// Sgemm computes C = alpha*op(A)*op(B) + beta*C on row-major float32
// matrices, with the BLAS argument conventions: op(A) is m-by-k and is A when
// transA is false (A stored m-by-k, row i at a[i*lda:]) or A transposed when
// transA is true (A stored k-by-m); op(B) is k-by-n, likewise for transB; C
// is m-by-n with row i at c[i*ldc:]. Leading dimensions may exceed the
// stored row length, so sub-matrices can be passed without copying. When
// beta is 0, C is not read (NaNs in it do not propagate).
//
// Sgemm uses up to runtime.GOMAXPROCS(0) goroutines, and only one for small
// products. It panics with an *ArgError if a dimension is negative, a
// leading dimension is shorter than its row, or a slice is too short.
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	SgemmThreads(runtime.GOMAXPROCS(0), transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// SgemmThreads is Sgemm with at most threads goroutines (values below 1
// mean 1).
func SgemmThreads(threads int, transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	o := operands[float32]{transA: transA, transB: transB, m: m, n: n, k: k,
		alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc}
	run(bestGeometry32, "Sgemm", &o, beta, threads)
}

// Dgemm is Sgemm for float64, with the same blocking, goroutines and
// micro-kernels at half the width (about half Sgemm's speed).
func Dgemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	DgemmThreads(runtime.GOMAXPROCS(0), transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// DgemmThreads is Dgemm with at most threads goroutines.
func DgemmThreads(threads int, transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	o := operands[float64]{transA: transA, transB: transB, m: m, n: n, k: k,
		alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc}
	run(bestGeometry64, "Dgemm", &o, beta, threads)
}

// SgemmBias computes C = alpha*op(A)*op(B) + bias, with bias (n values)
// added to every row of C, as a Linear layer's output. C is not read. The
// bias is folded into the kernels' stores of the first depth block, so C
// is written once rather than filled with the bias first and then read
// back. It uses up to threads goroutines; arguments as Sgemm.
func SgemmBias(threads int, transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, bias, c []float32, ldc int) {
	if len(bias) < n {
		panic(&ArgError{Op: "SgemmBias", Msg: fmt.Sprintf("bias has %d values for %d columns", len(bias), n)})
	}
	o := operands[float32]{transA: transA, transB: transB, m: m, n: n, k: k,
		alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, bias: bias[:n]}
	run(bestGeometry32, "SgemmBias", &o, 0, threads)
}

// run checks the arguments, applies beta and computes the product with g.
// Tests call it with each geometry to compare implementations.
func run[T float](g *geometry[T], op string, o *operands[T], beta T, threads int) {
	check(op, o, true)
	if o.m == 0 || o.n == 0 {
		return
	}
	if beta == 0 && o.k > 0 && o.alpha != 0 {
		// Not cleared: the kernels store the first depth block's
		// results (plus the bias) instead of adding them (see microKernel).
		o.zeroC = true
	} else if o.bias != nil {
		fillC(o)
	} else {
		scale(o.c, o.m, o.n, o.ldc, beta)
	}
	if o.k == 0 || o.alpha == 0 {
		return
	}
	gemm(g, o, max(threads, 1), nil)
}

// fillC sets every row of C to the bias, or to zeros without one.
func fillC[T float](o *operands[T]) {
	for i := range o.m {
		row := o.c[i*o.ldc : i*o.ldc+o.n]
		if o.bias == nil {
			clear(row)
		} else {
			copy(row, o.bias)
		}
	}
}

// scale multiplies the m-by-n matrix c by beta; beta 0 overwrites it.
func scale[T float](c []T, m, n, ldc int, beta T) {
	if beta == 1 {
		return
	}
	for i := range m {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// ArgError is the panic value for invalid Sgemm or Dgemm arguments.
type ArgError struct {
	Op  string // "Sgemm" or "Dgemm"
	Msg string
}

func (e *ArgError) Error() string { return "kernels: " + e.Op + ": " + e.Msg }

// check validates the operands; B only if checkB.
func check[T float](op string, o *operands[T], checkB bool) {
	fail := func(format string, args ...any) {
		shape := fmt.Sprintf("m=%d n=%d k=%d transA=%t transB=%t: ", o.m, o.n, o.k, o.transA, o.transB)
		panic(&ArgError{Op: op, Msg: shape + fmt.Sprintf(format, args...)})
	}
	if o.m < 0 || o.n < 0 || o.k < 0 {
		fail("negative dimension")
	}
	ar, ac := o.m, o.k
	if o.transA {
		ar, ac = o.k, o.m
	}
	br, bc := o.k, o.n
	if o.transB {
		br, bc = o.n, o.k
	}
	for i, mat := range []struct {
		name       string
		rows, cols int
		ld, length int
	}{
		{"a", ar, ac, o.lda, len(o.a)},
		{"b", br, bc, o.ldb, len(o.b)},
		{"c", o.m, o.n, o.ldc, len(o.c)},
	} {
		if i == 1 && !checkB {
			continue
		}
		if mat.ld < max(0, mat.cols) {
			fail("ld%s %d < %d columns", mat.name, mat.ld, mat.cols)
		}
		if mat.rows > 0 && mat.cols > 0 && mat.length < (mat.rows-1)*mat.ld+mat.cols {
			fail("len(%s) %d < %d for %dx%d with ld%s %d", mat.name, mat.length,
				(mat.rows-1)*mat.ld+mat.cols, mat.rows, mat.cols, mat.name, mat.ld)
		}
	}
}
