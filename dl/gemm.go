package dl

// gemm computes C = op(A)·op(B) + beta·C on row-major slices, where op(A) is
// m×k (stored k×m when transA), op(B) is k×n (stored n×k when transB) and
// C is m×n. Leading dimensions are the row lengths as stored. It is the one
// entry point every matrix product in dl goes through.
func gemm[T float](transA, transB bool, m, n, k int, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	gemmGo(transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc)
}

// gemmGo is the portable reference: row-by-row accumulation in the order
// that keeps the inner loop unit-stride for the common layouts.
func gemmGo[T float](transA, transB bool, m, n, k int, a []T, lda int, b []T, ldb int, beta T, c []T, ldc int) {
	for i := range m {
		ci := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(ci)
		} else if beta != 1 {
			for j := range ci {
				ci[j] *= beta
			}
		}
		for p := range k {
			var av T
			if transA {
				av = a[p*lda+i]
			} else {
				av = a[i*lda+p]
			}
			if av == 0 {
				continue
			}
			if transB {
				for j := range ci {
					ci[j] += av * b[j*ldb+p]
				}
			} else {
				bp := b[p*ldb : p*ldb+n]
				for j, bv := range bp {
					ci[j] += av * bv
				}
			}
		}
	}
}
