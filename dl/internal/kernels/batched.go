package kernels

import (
	"runtime"
	"sync/atomic"
)

// SgemmStrided computes batch products C[i] = alpha*op(A[i])*op(B[i]) +
// beta*C[i] for i < batch, where matrix i of each operand starts at
// i*strideA, i*strideB and i*strideC in a, b and c (the layout of a
// contiguous [batch, rows, cols] tensor; a stride of 0 uses the same matrix
// for every product, as when one weight matrix multiplies a batch). Each
// product follows Sgemm's conventions. Attention's per-head products are the
// typical use: many small matrices.
//
// Large products are computed one after another, each with Sgemm's
// goroutines; small ones are shared out whole among up to GOMAXPROCS
// goroutines. The C matrices must not overlap. SgemmStrided panics with an
// *ArgError if a slice is too short for the last matrix.
func SgemmStrided(batch int, transA, transB bool, m, n, k int, alpha float32,
	a []float32, lda, strideA int, b []float32, ldb, strideB int,
	beta float32, c []float32, ldc, strideC int) {
	SgemmStridedThreads(runtime.GOMAXPROCS(0), batch, transA, transB, m, n, k, alpha,
		a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC)
}

// SgemmStridedThreads is SgemmStrided with at most threads goroutines.
func SgemmStridedThreads(threads, batch int, transA, transB bool, m, n, k int, alpha float32,
	a []float32, lda, strideA int, b []float32, ldb, strideB int,
	beta float32, c []float32, ldc, strideC int) {
	if batch < 0 || strideA < 0 || strideB < 0 || strideC < 0 {
		panic(&ArgError{Op: "SgemmStrided", Msg: "negative batch or stride"})
	}
	if batch == 0 {
		return
	}
	// Check every matrix up front, so a bad call fails before any work.
	last := batch - 1
	one := func(i int) operands[float32] {
		return operands[float32]{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
			a: tail(a, i*strideA), lda: lda, b: tail(b, i*strideB), ldb: ldb, c: tail(c, i*strideC), ldc: ldc}
	}
	first, end := one(0), one(last)
	check("SgemmStrided", &first, true)
	check("SgemmStrided", &end, true)
	work := m * n * k
	threads = max(1, min(threads, batch, batch*work/minWorkPerThread))
	if threads == 1 || work >= minWorkPerThread*tasksPerThread {
		for i := range batch {
			o := one(i)
			run(bestGeometry32, "SgemmStrided", &o, beta, threads)
		}
		return
	}
	// Small products: the caller and helpers take whole products from a
	// counter, each on one goroutine.
	j := &stridedJob{o: first, beta: beta, batch: batch,
		strideA: strideA, strideB: strideB, strideC: strideC, a: a, b: b, c: c}
	f := j.run
	startHelpers(threads-1, &f)
	j.run()
	for int(j.done.Load()) < batch {
		runtime.Gosched()
	}
}

// stridedJob is the shared state of a parallel SgemmStrided. Helpers that
// start after the caller returned find no product left and touch nothing.
type stridedJob struct {
	o                         operands[float32] // product 0; others are offsets from it
	beta                      float32
	batch                     int
	strideA, strideB, strideC int
	a, b, c                   []float32
	next, done                atomic.Int32
}

func (j *stridedJob) run() {
	for {
		i := int(j.next.Add(1)) - 1
		if i >= j.batch {
			return
		}
		o := j.o
		o.a, o.b, o.c = tail(j.a, i*j.strideA), tail(j.b, i*j.strideB), tail(j.c, i*j.strideC)
		run(bestGeometry32, "SgemmStrided", &o, j.beta, 1)
		j.done.Add(1)
	}
}

// tail is x[off:], or nil if off is past the end (caught by check).
func tail(x []float32, off int) []float32 {
	if off > len(x) {
		return nil
	}
	return x[off:]
}
