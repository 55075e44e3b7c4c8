package dl

import "github.com/gendl/gendl/dl/internal/kernels"

// gemm computes C = op(A)·op(B) + beta·C on row-major slices, where op(A) is
// m×k (stored k×m when transA), op(B) is k×n (stored n×k when transB) and
// C is m×n. Leading dimensions are the row lengths as stored. It is the one
// entry point every matrix product in dl goes through: float32 runs on the
// packed, cache-blocked AVX2/FMA kernels (portable Go elsewhere), float64 on
// their blocked Go counterpart.
func gemm[T float](transA, transB bool, m, n, k int, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	switch a := any(a).(type) {
	case []float32:
		kernels.Sgemm(transA, transB, m, n, k, 1, a, lda, any(b).([]float32), ldb, float32(beta), any(c).([]float32), ldc)
	case []float64:
		kernels.Dgemm(transA, transB, m, n, k, 1, a, lda, any(b).([]float64), ldb, float64(beta), any(c).([]float64), ldc)
	}
}

// gemmThreads is gemm on at most threads goroutines (gemm uses
// GOMAXPROCS): a scan that already runs one goroutine per CPU multiplies
// on its own goroutine.
func gemmThreads[T float](threads int, transA, transB bool, m, n, k int, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	switch a := any(a).(type) {
	case []float32:
		kernels.SgemmThreads(threads, transA, transB, m, n, k, 1, a, lda, any(b).([]float32), ldb, float32(beta), any(c).([]float32), ldc)
	case []float64:
		kernels.DgemmThreads(threads, transA, transB, m, n, k, 1, a, lda, any(b).([]float64), ldb, float64(beta), any(c).([]float64), ldc)
	}
}
