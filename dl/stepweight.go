package dl

import "github.com/gendl/gendl/dl/internal/kernels"

// stepWeight is a recurrent weight multiplied at every time step of a scan:
// C = A·op(W) + beta·C for a new A (the previous hidden state, or the
// gradient of the pre-activations) at each step but the same W. For float32
// the product is packed once per sequence (kernels.PackedB), which saves the
// per-call packing that costs about as much as the product itself when A
// has only a batch of rows. float64 stays on gemm, exactly as before, and
// so does a single step or a batch of at most 4 rows, which the kernels
// multiply row by row without packing (packing there cost W6's batch-1
// sampling 4x).
type stepWeight[T float] struct {
	transB bool
	k, n   int
	w      []T
	ldb    int
	packed *kernels.PackedB
}

// newStepWeight prepares op(W), k×n, with gemm's conventions for transB and
// ldb, for steps products of rows rows each.
func newStepWeight[T float](steps, rows int, transB bool, k, n int, w []T, ldb int) *stepWeight[T] {
	s := &stepWeight[T]{transB: transB, k: k, n: n, w: w, ldb: ldb}
	if w32, ok := any(w).([]float32); ok && steps > 1 && rows > 4 {
		s.packed = new(kernels.PackedB)
		s.packed.Pack(transB, k, n, w32, ldb)
	}
	return s
}

// mul computes C = A·op(W) + beta·C for the m×k matrix A, on up to
// threads goroutines.
func (s *stepWeight[T]) mul(threads, m int, a []T, lda int, beta T, c []T, ldc int) {
	if s.packed != nil {
		kernels.SgemmPackedThreads(threads, false, m, 1, any(a).([]float32), lda, s.packed, float32(beta), any(c).([]float32), ldc)
		return
	}
	gemmThreads(threads, false, s.transB, m, s.n, s.k, a, lda, s.w, s.ldb, beta, c, ldc)
}
